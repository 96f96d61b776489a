package org.paperboy.search;

import java.io.IOException;
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
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.sandbox.search.CombinedFieldQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * Builds the Lucene query for what a user typed.
 *
 * <p>Ranking: BM25 (Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and
 * Beyond", 2009) with Lucene's defaults k1 = 1.2, b = 0.75, summed over the fields title, authors
 * and abstract with boosts {@link #BOOSTS} (title 2, authors 1.5, abstract 1): a word in a short
 * title already scores higher through BM25's length normalisation, and the boost says that a title
 * match also means more. Words are OR-ed: a query of two key phrases as people type them rarely has
 * every word in one abstract, and BM25 ranks papers with more of them first.
 *
 * <p>Syntax: words; {@code "quoted phrases"}; {@code +must} and {@code -must-not}; {@code
 * title:}/{@code abstract:} to search one field; and three filters that restrict without scoring:
 * {@code author:name} or {@code author:"first last"} (a phrase within one author's name), {@code
 * cat:cs.CL} or {@code cat:cs} (a category or a whole archive), and {@code date:2024}, {@code
 * date:2024-05}, {@code date:2024-05-17} or {@code date:2024-01-01..2024-06-30} (either end may be
 * left open). Characters that are query syntax in Lucene but ordinary in paper titles (backslash,
 * slash, braces, brackets, exclamation mark) are taken literally, so LaTeX such as {@code $\infty$}
 * and ids such as {@code hep-th/9901001} can be pasted. An unknown {@code word:} is read as plain
 * words, since titles are full of colons.
 *
 * @param scoring the ranked part, or null when the query is only filters
 * @param filter the filters of the query and the request, or null when there are none
 * @param text the free text without filters and syntax, for the sentence model
 */
record KeywordQuery(Query scoring, Query filter, String text) {

  /** Field boosts: title above authors above abstract. */
  static final Map<String, Float> BOOSTS =
      Map.of(
          IndexField.TITLE.field(), 2.0f,
          IndexField.AUTHORS.field(), 1.5f,
          IndexField.ABSTRACT.field(), 1.0f);

  private static final String[] FIELDS = {
    IndexField.TITLE.field(), IndexField.AUTHORS.field(), IndexField.ABSTRACT.field()
  };
  private static final Set<String> SEARCHABLE = Set.of(FIELDS);

  /** A filter: its name, then a quoted value, a bracketed range or a bare word. */
  private static final Pattern FILTER =
      Pattern.compile(
          "(?i)(?<![\\w.-])(author|cat|category|date):(\"[^\"]*\"|\\[[^\\]]*\\]|[^\\s\"()]+)");

  private static final Pattern RANGE =
      Pattern.compile("^\\[?\\s*(\\S*?)\\s*(?:\\.\\.|\\s+TO\\s+)\\s*(\\S*?)\\s*\\]?$");

  /** Query-parser syntax characters that are plain text in a paper search. */
  private static final Pattern LITERAL = Pattern.compile("([\\\\/{}\\[\\]!])");

  /** Parses a request's query and filters; throws {@link QueryException} when it cannot. */
  static KeywordQuery parse(SearchRequest request, Analyzer analyzer) {
    String typed = request.query();
    List<Query> filters = new ArrayList<>();
    StringBuilder rest = new StringBuilder();
    Matcher m = FILTER.matcher(typed);
    int last = 0;
    while (m.find()) {
      rest.append(typed, last, m.start()).append(' ');
      last = m.end();
      filters.add(filter(m.group(1).toLowerCase(Locale.ROOT), unquote(m.group(2)), analyzer));
    }
    rest.append(typed.substring(last));
    if (request.category() != null) {
      filters.add(category(request.category()));
    }
    if (request.from() != null || request.to() != null) {
      filters.add(dateRange(request.from(), request.to()));
    }

    String free = rest.toString().strip();
    Query scoring = free.isEmpty() ? null : parseText(free, analyzer);
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
    return new KeywordQuery(scoring, filter, embeddingText(free));
  }

  /** The whole keyword query: the ranked part, restricted by the filters. */
  Query keyword() {
    if (filter == null) {
      return scoring;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(scoring == null ? new MatchAllDocsQuery() : scoring, BooleanClause.Occur.MUST);
    b.add(filter, BooleanClause.Occur.FILTER);
    return b.build();
  }

  private static Query parseText(String free, Analyzer analyzer) {
    Parser parser = new Parser(analyzer);
    parser.setDefaultOperator(MultiFieldQueryParser.Operator.OR);
    parser.setAllowLeadingWildcard(false);
    try {
      return parser.parse(LITERAL.matcher(free).replaceAll("\\\\$1"));
    } catch (ParseException | IndexSearcher.TooManyClauses e) {
      throw new QueryException(explain(free, e));
    }
  }

  private static String explain(String free, Exception e) {
    if (e instanceof IndexSearcher.TooManyClauses) {
      return "The query matches too many words; make it more specific.";
    }
    if (free.chars().filter(c -> c == '"').count() % 2 == 1) {
      return "A quotation mark is not closed: put a \" at the end of the phrase.";
    }
    long open = free.chars().filter(c -> c == '(').count();
    long close = free.chars().filter(c -> c == ')').count();
    if (open != close) {
      return "The parentheses do not match: each ( needs a ).";
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("'*' or '?' not allowed as first character")) {
      return "A word cannot start with * or ?.";
    }
    return "The query cannot be understood: check for a dangling AND, OR, NOT, + or -.";
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

  private static Query filter(String name, String value, Analyzer analyzer) {
    return switch (name) {
      case "author" -> author(value, analyzer);
      case "cat", "category" -> category(value);
      case "date" -> date(value);
      default -> throw new IllegalStateException(name);
    };
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

  private static Query category(String value) {
    String c = value.strip().toLowerCase(Locale.ROOT);
    if (c.isEmpty()) {
      throw new QueryException("cat: needs a category, e.g. cat:cs.CL or cat:cs");
    }
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

  /** The classic query parser over the three fields, reading an unknown field as plain words. */
  private static final class Parser extends MultiFieldQueryParser {
    Parser(Analyzer analyzer) {
      super(FIELDS, analyzer, BOOSTS);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted)
        throws ParseException {
      if (field != null && !SEARCHABLE.contains(field)) {
        return getFieldQuery(null, field + " " + queryText, quoted);
      }
      if (field == null && !quoted) {
        return combined(queryText);
      }
      return super.getFieldQuery(field, queryText, quoted);
    }

    /** Words scored by BM25F over title and abstract as one weighted document, plus the authors. */
    private Query combined(String queryText) throws ParseException {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      int clauses = 0;
      try (TokenStream ts = getAnalyzer().tokenStream(IndexField.TITLE.field(), queryText)) {
        TermToBytesRefAttribute term = ts.addAttribute(TermToBytesRefAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          CombinedFieldQuery.Builder words = new CombinedFieldQuery.Builder();
          words.addField(IndexField.TITLE.field(), BOOSTS.get(IndexField.TITLE.field()));
          words.addField(IndexField.ABSTRACT.field(), BOOSTS.get(IndexField.ABSTRACT.field()));
          words.addTerm(BytesRef.deepCopyOf(term.getBytesRef()));
          b.add(words.build(), BooleanClause.Occur.SHOULD);
          clauses++;
        }
        ts.end();
      } catch (IOException e) {
        throw new ParseException(e.getMessage());
      }
      Query authors = super.getFieldQuery(IndexField.AUTHORS.field(), queryText, false);
      if (authors != null) {
        b.add(
            new BoostQuery(authors, BOOSTS.get(IndexField.AUTHORS.field())),
            BooleanClause.Occur.SHOULD);
        clauses++;
      }
      return clauses == 0 ? null : b.build();
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
