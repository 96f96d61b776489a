package org.paperboy.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * Builds the Lucene query for what a user typed.
 *
 * <p>Ranking, for a query of plain words (the usual case):
 *
 * <pre>
 *   score(d) = Σ_w BM25(w, text)                       every query word w
 *            + Σ_(a,b) BM25(phrase "a b", text)         adjacent query words a, b
 *            + ALL_WORDS_BONUS · [d has every word]      in its text
 * </pre>
 *
 * BM25 (Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009) has
 * k1 = 0.6 and b = 0.75 ({@link PaperIndex#SIMILARITY}). The field {@code text} holds the title
 * three times, each author name twice (outside the length) and the abstract once, which makes it
 * BM25F with weights title 3, authors 2, abstract 1 ({@link IndexedPaper#toDocument}): title above
 * authors above abstract. The phrase term is the ordered-window part of the sequential dependence
 * model (Metzler and Croft, "A Markov Random Field Model for Term Dependencies", SIGIR 2005): key
 * phrases are usually written verbatim in the abstract. The bonus is a coordination level (papers
 * with every word first, then the others by score, as with FTS5's default AND but without losing
 * the partial matches): {@link #ALL_WORDS_BONUS} is far above what the sums can reach for up to
 * {@link #MAX_COORDINATED_WORDS} words. On the benchmark (BENCHMARKS.md, first 1,000 queries)
 * MRR@10 was 0.475 without either, 0.447 with the phrases alone, 0.521 with the bonus alone and
 * 0.579 with both; a phrase weight of 0.5 to 4 and a slop of 0 to 3 moved it by at most 0.003. The
 * sums are plain term and phrase queries on one field, so the top-k search skips documents that
 * cannot compete (block-max WAND), and once the top k have every word only those are scored. The
 * phrases are added in a second pass, to the best candidates of the words and the bonus only
 * ({@link #firstPass}, {@link PaperSearch#RESCORE_WINDOW}): matching a phrase reads positions, and
 * the phrases of common words ("large language models") match most candidates.
 *
 * <p>Syntax: words; {@code "quoted phrases"}; {@code +must} and {@code -must-not}; {@code AND},
 * {@code OR}, {@code NOT} and parentheses; {@code title:}/{@code abstract:} to search one field;
 * {@code word*} for a prefix; and three filters that restrict without scoring: {@code author:name}
 * or {@code author:"first last"} (a phrase within one author's name), {@code cat:cs.CL} or {@code
 * cat:cs} (a category or a whole archive), and {@code date:2024}, {@code date:2024-05}, {@code
 * date:2024-05-17} or {@code date:2024-01-01..2024-06-30} (either end may be left open); and the
 * scopes {@code in:saved}, {@code in:upvoted} and {@code in:collection:NAME} ({@link SearchScope}),
 * which restrict to the ids the request carries ({@link SearchRequest#within}). Text is never a
 * syntax error: operators count where they are well-formed and the rest is read as words ({@link
 * QuerySyntax}), so LaTeX such as {@code $\infty$}, ids such as {@code hep-th/9901001}, a question
 * mark or an unclosed quotation mark can be pasted. An unknown {@code word:} is read as plain
 * words, since titles are full of colons. A filter that cannot be understood (a bad date, an empty
 * name) is an error with a message for the user. A query with syntax is ranked by the first line of
 * the formula only: its words are no longer a list to coordinate.
 *
 * @param scoring the ranked part, or null when the query is only filters
 * @param words the ranked part without its phrases, or null when it has none ({@link #firstPass})
 * @param phrases the phrases of the ranked part, or null
 * @param filter the filters of the query and the request, or null when there are none
 * @param text the free text without filters and syntax, for the sentence model
 * @param highlight the ranked part over title and abstract, for highlighting, or null
 * @param categories the categories and archives the filters name, lower case, for the searcher to
 *     check that papers here have them
 */
record KeywordQuery(
    Query scoring,
    Query words,
    Query phrases,
    Query filter,
    String text,
    Query highlight,
    List<String> categories) {

  /**
   * Whether a paper's score tells if it has every query word ({@link #ALL_WORDS_BONUS}); when not
   * (one word, syntax, too many words), every match answers the query as the query asks.
   */
  boolean coordinated() {
    return scoring instanceof BooleanQuery b
        && b.clauses().stream()
            .anyMatch(c -> c.getQuery() instanceof BoostQuery q && q.getBoost() == ALL_WORDS_BONUS);
  }

  /** Added to the score of a paper with every query word; see the class comment. */
  static final float ALL_WORDS_BONUS = 10_000f;

  /**
   * Queries with more words get no bonus: few papers have all of them, and the sums could come near
   * the bonus (at most about 1,400 for 16 words in a corpus of 10^8 papers).
   */
  static final int MAX_COORDINATED_WORDS = 16;

  /**
   * Field boosts for a query that names fields ({@code title:}) and for highlighting, which parse
   * over the separate fields: title above authors above abstract, as in the ranked text field.
   */
  static final Map<String, Float> BOOSTS =
      Map.of(
          IndexField.TITLE.field(), (float) IndexedPaper.TITLE_WEIGHT,
          IndexField.AUTHORS.field(), (float) IndexedPaper.AUTHORS_WEIGHT,
          IndexField.ABSTRACT.field(), 1.0f);

  private static final String[] FIELDS = {
    IndexField.TITLE.field(), IndexField.AUTHORS.field(), IndexField.ABSTRACT.field()
  };
  private static final Set<String> SEARCHABLE = Set.of(FIELDS);

  /** A filter: its name, then a quoted value, a bracketed range or a bare word. */
  private static final Pattern FILTER =
      Pattern.compile(
          "(?i)(?<![\\w.-])(author|cat|category|date):(\"[^\"]*\"|\\[[^\\]]*\\]|[^\\s\"()]+)");

  /** arXiv categories and archives: cs, cs.CL, hep-th, math.AG, q-bio.NC (lower-cased). */
  private static final Pattern CATEGORY = Pattern.compile("[a-z-]{1,20}(\\.[a-z-]{1,20})?");

  private static final Pattern RANGE =
      Pattern.compile("^\\[?\\s*(\\S*?)\\s*(?:\\.\\.|\\s+TO\\s+)\\s*(\\S*?)\\s*\\]?$");

  /** Parses a request's query and filters; throws {@link QueryException} when it cannot. */
  static KeywordQuery parse(SearchRequest request, Analyzer analyzer) {
    String typed = request.query();
    List<Query> filters = new ArrayList<>();
    if (SearchScope.named(typed)) {
      SearchScope.in(typed); // refuses a scope it cannot read, with its message
      if (request.within() == null) {
        throw new QueryException(
            "in:saved, in:upvoted and in:collection: search a signed-in reader's own papers;"
                + " sign in to use them.");
      }
      typed = SearchScope.PATTERN.matcher(typed).replaceAll(" ");
    }
    if (request.within() != null) {
      filters.add(
          request.within().isEmpty()
              ? new MatchNoDocsQuery()
              : new TermInSetQuery(
                  IndexField.ID.field(),
                  request.within().stream().sorted().map(BytesRef::new).toList()));
    }
    List<String> categories = new ArrayList<>();
    StringBuilder rest = new StringBuilder();
    Matcher m = FILTER.matcher(typed);
    int last = 0;
    while (m.find()) {
      rest.append(typed, last, m.start()).append(' ');
      last = m.end();
      String name = m.group(1).toLowerCase(Locale.ROOT);
      String value = unquote(m.group(2));
      if (name.startsWith("cat")) {
        filters.add(category(value, categories));
      } else {
        filters.add(name.equals("date") ? date(value) : author(value, analyzer));
      }
    }
    rest.append(typed.substring(last));
    if (request.category() != null) {
      filters.add(category(request.category(), categories));
    }
    if (request.from() != null || request.to() != null) {
      filters.add(dateRange(request.from(), request.to()));
    }

    String free = rest.toString().strip();
    Query scoring = null;
    Query words = null;
    Query phrases = null;
    Query highlight = null;
    if (!free.isEmpty()) {
      Reading reading = read(free, analyzer);
      if (reading == null) {
        // Only punctuation: no words to rank by, so nothing matches (or the filters list).
        scoring = filters.isEmpty() ? new MatchNoDocsQuery() : null;
      } else {
        scoring = reading.scoring();
        highlight = reading.highlight();
        if (QuerySyntax.plain(reading.text())) {
          try {
            Ranked ranked =
                withPhrasesAndCoordination(
                    scoring, QuerySyntax.unescaped(reading.text()), analyzer);
            scoring = ranked.scoring();
            words = ranked.words();
            phrases = ranked.phrases();
          } catch (IndexSearcher.TooManyClauses e) {
            throw new QueryException(
                "This query has too many words (each becomes a word and a phrase to look for);"
                    + " search with fewer.");
          }
        }
      }
    }
    Query filter = null;
    if (filters.size() == 1) {
      filter = filters.get(0);
    } else if (filters.size() > 1) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      filters.forEach(f -> b.add(f, BooleanClause.Occur.FILTER));
      filter = b.build();
    }
    if (scoring == null && filter == null) {
      throw new QueryException("Type some words to search for.");
    }
    return new KeywordQuery(
        scoring, words, phrases, filter, embeddingText(free), highlight, List.copyOf(categories));
  }

  /** The whole keyword query: the ranked part, restricted by the filters. */
  Query keyword() {
    return filtered(scoring);
  }

  /**
   * The first pass of a coordinated keyword search: {@link #keyword} without the phrases, which
   * {@link #phrases} then adds to the best few candidates ({@link PaperSearch#RESCORE_WINDOW});
   * null when the query has no phrases. Matching a phrase reads positions, and did so for every
   * candidate: a fifth of a keyword search's time at a million papers (BENCHMARKS.md).
   */
  Query firstPass() {
    return phrases == null ? null : filtered(words);
  }

  private Query filtered(Query ranked) {
    if (filter == null) {
      return ranked;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(ranked == null ? new MatchAllDocsQuery() : ranked, BooleanClause.Occur.MUST);
    b.add(filter, BooleanClause.Occur.FILTER);
    return b.build();
  }

  /**
   * A reading of the free text that parses ({@link QuerySyntax#readings}): the text, its ranked
   * query and its query for highlighting; null when no reading has anything to search for.
   */
  private record Reading(String text, Query scoring, Query highlight) {}

  private static Reading read(String free, Analyzer analyzer) {
    ParseException failed = null;
    for (String text : QuerySyntax.readings(free)) {
      if (text.isBlank()) {
        return null;
      }
      try {
        return new Reading(text, parseText(text, analyzer, false), parseText(text, analyzer, true));
      } catch (ParseException e) {
        failed = e;
      } catch (IndexSearcher.TooManyClauses e) {
        throw new QueryException("The query matches too many words; make it more specific.");
      }
    }
    throw new IllegalStateException("not even the words of a query parse: " + free, failed);
  }

  private static Query parseText(String text, Analyzer analyzer, boolean perField)
      throws ParseException {
    Parser parser = new Parser(analyzer, perField);
    parser.setDefaultOperator(MultiFieldQueryParser.Operator.OR);
    parser.setAllowLeadingWildcard(false);
    Query parsed = parser.parse(text);
    // The abstract's words are indexed in the text field only; highlighting analyzes the abstract.
    return perField ? parsed : AbstractInText.rewrite(parsed);
  }

  /**
   * A ranked query of plain words with its phrases and bonus, and the same without the bonus for
   * the papers with every word (null when the words are not coordinated).
   */
  private record Ranked(Query scoring, Query words, Query phrases) {}

  /**
   * Adds to a query of plain words the phrase of each pair of adjacent words and the bonus for
   * having every word (see the class comment).
   */
  private static Ranked withPhrasesAndCoordination(Query words, String free, Analyzer analyzer) {
    String field = IndexField.TEXT.field();
    List<Term> terms = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    BooleanQuery.Builder every = new BooleanQuery.Builder();
    int coordinated = 0;
    int position = -1;
    for (String word : free.split("\\s+")) {
      List<Term> wordTerms = new ArrayList<>();
      try (TokenStream ts = analyzer.tokenStream(field, word)) {
        TermToBytesRefAttribute term = ts.addAttribute(TermToBytesRefAttribute.class);
        PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          // Stop words leave gaps, so "segment anything in video" pairs "segment" and "video"
          // two positions apart, as they are indexed.
          position += increment.getPositionIncrement();
          Term t = new Term(field, BytesRef.deepCopyOf(term.getBytesRef()));
          wordTerms.add(t);
          terms.add(t);
          positions.add(position);
        }
        ts.end();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (wordTerms.isEmpty()) {
        if (word.chars().anyMatch(Character::isLetterOrDigit)) {
          position++; // a stop word, which leaves a gap in the index too; punctuation does not
        }
        continue;
      }
      // A word is present when all its pieces are ("gemma-2-2b").
      wordTerms.forEach(t -> every.add(new TermQuery(t), BooleanClause.Occur.FILTER));
      coordinated++;
    }
    if (terms.size() < 2) {
      return new Ranked(words, null, null);
    }
    List<BooleanClause> ranked = new ArrayList<>();
    if (words instanceof BooleanQuery bq
        && bq.getMinimumNumberShouldMatch() == 0
        && bq.clauses().stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.SHOULD)) {
      // Flat, so the disjunction's top-k pruning sees every clause.
      ranked.addAll(bq.clauses());
    } else {
      ranked.add(new BooleanClause(words, BooleanClause.Occur.MUST));
    }
    for (int i = 0; i + 1 < terms.size(); i++) {
      if (!terms.get(i).equals(terms.get(i + 1))) {
        Query phrase =
            new PhraseQuery.Builder()
                .add(terms.get(i), 0)
                .add(terms.get(i + 1), positions.get(i + 1) - positions.get(i))
                .build();
        ranked.add(new BooleanClause(phrase, BooleanClause.Occur.SHOULD));
      }
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    ranked.forEach(b::add);
    if (coordinated < 2 || coordinated > MAX_COORDINATED_WORDS) {
      return new Ranked(b.build(), null, null);
    }
    Query everyWord = every.build();
    b.add(
        new BoostQuery(new ConstantScoreQuery(everyWord), ALL_WORDS_BONUS),
        BooleanClause.Occur.SHOULD);
    // The words and the bonus without the phrases: the first pass of a keyword search.
    BooleanQuery.Builder unphrased = new BooleanQuery.Builder();
    List<Query> phrases = new ArrayList<>();
    for (BooleanClause c : ranked) {
      if (c.getQuery() instanceof PhraseQuery p && c.getOccur() == BooleanClause.Occur.SHOULD) {
        phrases.add(p);
      } else {
        unphrased.add(c);
      }
    }
    unphrased.add(
        new BoostQuery(new ConstantScoreQuery(everyWord), ALL_WORDS_BONUS),
        BooleanClause.Occur.SHOULD);
    BooleanQuery.Builder phrased = new BooleanQuery.Builder();
    phrases.forEach(q -> phrased.add(q, BooleanClause.Occur.SHOULD));
    return new Ranked(b.build(), unphrased.build(), phrases.isEmpty() ? null : phrased.build());
  }

  /** The free text as a sentence for the model: no quotes, groups or excluded words. */
  private static String embeddingText(String free) {
    StringBuilder out = new StringBuilder();
    for (String word : free.split("\\s+")) {
      if (word.startsWith("-") || word.equals("AND") || word.equals("OR") || word.equals("NOT")) {
        continue;
      }
      String w = word.replaceAll("[\"()+]", "");
      if (!w.isEmpty()) {
        out.append(out.length() == 0 ? "" : " ").append(w);
      }
    }
    return MathWords.toWords(out.toString());
  }

  private static Query author(String value, Analyzer analyzer) {
    // A phrase with a little slop: "Ada Lovelace" matches "Ada King Lovelace" and "Lovelace, Ada",
    // and the position gap between authors keeps it inside one name.
    Query q = new QueryBuilder(analyzer).createPhraseQuery(IndexField.AUTHORS.field(), value, 3);
    if (q == null) {
      throw new QueryException("author: needs a name, e.g. author:lovelace");
    }
    return q;
  }

  /** A category or archive filter; the category is added to {@code named}. */
  private static Query category(String value, List<String> named) {
    String c = value.strip().toLowerCase(Locale.ROOT);
    if (!CATEGORY.matcher(c).matches()) {
      throw new QueryException(
          c.isEmpty()
              ? "cat: needs a category, e.g. cat:cs.CL or cat:cs"
              : "\""
                  + value.strip()
                  + "\" is not an arXiv category; write categories like cs.CL, cs or hep-th.");
    }
    named.add(c);
    return new TermQuery(new Term(IndexField.CATEGORY.field(), c));
  }

  private static Query date(String value) {
    Matcher range = RANGE.matcher(value);
    try {
      if (range.matches()) {
        LocalDate from = range.group(1).isEmpty() ? null : start(range.group(1));
        LocalDate to = range.group(2).isEmpty() ? null : end(range.group(2));
        if (from != null && to != null && from.isAfter(to)) {
          throw new QueryException("date: the range starts after it ends: " + value);
        }
        return dateRange(from, to);
      }
      return dateRange(start(value), end(value));
    } catch (DateTimeParseException e) {
      throw new QueryException(
          "date: expects a year, a month or a day (2024, 2024-05, 2024-05-17) or a range"
              + " (2024-01-01..2024-06-30), not \""
              + value
              + "\"");
    }
  }

  private static Query dateRange(LocalDate from, LocalDate to) {
    if (from != null && to != null && from.isAfter(to)) {
      return new MatchNoDocsQuery();
    }
    return LongPoint.newRangeQuery(
        IndexField.PUBLISHED.field(),
        from == null ? Long.MIN_VALUE : from.toEpochDay(),
        to == null ? Long.MAX_VALUE : to.toEpochDay());
  }

  /** The first day of a year, month or day. */
  private static LocalDate start(String text) {
    return switch (text.length()) {
      case 4 -> LocalDate.of(Integer.parseInt(text), 1, 1);
      case 7 -> YearMonth.parse(text).atDay(1);
      default -> LocalDate.parse(text);
    };
  }

  /** The last day of a year, month or day. */
  private static LocalDate end(String text) {
    return switch (text.length()) {
      case 4 -> LocalDate.of(Integer.parseInt(text), 12, 31);
      case 7 -> YearMonth.parse(text).atEndOfMonth();
      default -> LocalDate.parse(text);
    };
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  /**
   * The classic query parser, reading an unknown field as plain words. Words are ranked in the
   * combined text field (title, authors, abstract); {@code perField} parses them over title,
   * authors and abstract instead, which is what the highlighter needs.
   */
  private static final class Parser extends MultiFieldQueryParser {
    private final boolean perField;

    Parser(Analyzer analyzer, boolean perField) {
      super(FIELDS, analyzer, BOOSTS);
      this.perField = perField;
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted)
        throws ParseException {
      if (field != null && !SEARCHABLE.contains(field)) {
        return getFieldQuery(null, field + " " + queryText, quoted);
      }
      if (field == null && !perField) {
        return combined(queryText, quoted);
      }
      return super.getFieldQuery(field, queryText, quoted);
    }

    /** Words (or a phrase) in the combined text field (title, authors and abstract). */
    private Query combined(String queryText, boolean quoted) throws ParseException {
      return super.getFieldQuery(IndexField.TEXT.field(), queryText, quoted);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
      return super.getFieldQuery(known(field), queryText, slop);
    }

    @Override
    protected Query getPrefixQuery(String field, String termStr) throws ParseException {
      return super.getPrefixQuery(known(field), termStr);
    }

    @Override
    protected Query getWildcardQuery(String field, String termStr) throws ParseException {
      return super.getWildcardQuery(known(field), termStr);
    }

    @Override
    protected Query getFuzzyQuery(String field, String termStr, float minSimilarity)
        throws ParseException {
      return super.getFuzzyQuery(known(field), termStr, minSimilarity);
    }

    @Override
    protected Query getRangeQuery(
        String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
        throws ParseException {
      throw new ParseException("ranges are only for date:");
    }

    private static String known(String field) {
      return field != null && SEARCHABLE.contains(field) ? field : null;
    }
  }
}
