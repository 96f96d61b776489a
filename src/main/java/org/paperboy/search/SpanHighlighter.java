package org.paperboy.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's unified highlighter over the title (whole) and the abstract (its best sentences) of
 * papers already read from the index, in one pass: the title's match offsets come from its postings
 * (indexed with offsets), the abstract's from analyzing the few abstracts shown (its words are only
 * indexed in the ranked text field, {@link IndexedPaper#ABSTRACT_START}), and the text from the
 * given papers, so each document's stored fields are decompressed once per search instead of once
 * per highlighted field. Passages are formatted as {@link SearchHit.Span} lists.
 */
final class SpanHighlighter extends UnifiedHighlighter {

  private static final String TITLE = IndexField.TITLE.field();
  private static final String ABSTRACT = IndexField.ABSTRACT.field();

  private final Map<Integer, IndexedPaper> papers;

  private SpanHighlighter(Builder builder, Map<Integer, IndexedPaper> papers) {
    super(builder);
    this.papers = papers;
  }

  /**
   * The highlighted title and abstract of each paper ({@code papers[i]} is document {@code
   * docs[i]}): element 0 holds the titles, element 1 the abstracts' best {@code passages}
   * sentences, each a span list or null where nothing matched.
   */
  static Object[][] highlight(
      IndexSearcher searcher,
      Analyzer analyzer,
      Query query,
      int[] docs,
      IndexedPaper[] papers,
      int passages)
      throws IOException {
    Map<Integer, IndexedPaper> byDoc = new HashMap<>();
    for (int i = 0; i < docs.length; i++) {
      byDoc.put(docs[i], papers[i]);
    }
    Builder b =
        UnifiedHighlighter.builder(searcher, analyzer)
            .withFormatter(new SnippetFormatter())
            .withMaxLength(20_000)
            .withHighlightPhrasesStrictly(true)
            .withWeightMatches(false);
    Map<String, Object[]> out =
        new SpanHighlighter(b, byDoc)
            .highlightFieldsAsObjects(
                new String[] {TITLE, ABSTRACT}, query, docs, new int[] {1, passages});
    return new Object[][] {out.get(TITLE), out.get(ABSTRACT)};
  }

  @Override
  protected OffsetSource getOffsetSource(String field) {
    return TITLE.equals(field) ? OffsetSource.POSTINGS : OffsetSource.ANALYSIS;
  }

  @Override
  protected PassageScorer getScorer(String field) {
    return SENTENCES;
  }

  /**
   * Scores a sentence by the query words it has (each distinct word 1, a repeat 1/4) and prefers
   * early sentences, as Lucene's default does. The default also weighs term frequencies against the
   * passage length, with a hash of the terms per passage: a tenth of a search's time for a choice
   * between sentences that rarely differs.
   */
  private static final PassageScorer SENTENCES =
      new PassageScorer() {
        @Override
        public float score(Passage passage, int contentLength) {
          BytesRef[] terms = passage.getMatchTerms();
          int n = passage.getNumMatches();
          float score = 0;
          for (int i = 0; i < n; i++) {
            boolean repeat = false;
            for (int j = 0; j < i && !repeat; j++) {
              repeat = terms[j].bytesEquals(terms[i]);
            }
            score += repeat ? 0.25f : 1f;
          }
          return score * norm(passage.getStartOffset());
        }
      };

  @Override
  protected BreakIterator getBreakIterator(String field) {
    return TITLE.equals(field)
        ? new WholeBreakIterator()
        : BreakIterator.getSentenceInstance(Locale.ROOT);
  }

  @Override
  protected List<CharSequence[]> loadFieldValues(
      String[] fields, DocIdSetIterator docs, int cacheCharsThreshold) throws IOException {
    List<CharSequence[]> values = new ArrayList<>();
    for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
      IndexedPaper paper = papers.get(doc);
      CharSequence[] row = new CharSequence[fields.length];
      for (int f = 0; f < fields.length; f++) {
        row[f] = TITLE.equals(fields[f]) ? paper.title() : paper.abstractText();
      }
      values.add(row);
    }
    return values;
  }
}
