package org.paperboy.search;

import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Lucene's unified highlighter, reading match offsets from the postings (title and abstract are
 * indexed with offsets) and formatting passages as {@link SearchHit.Span} lists.
 */
final class SpanHighlighter extends UnifiedHighlighter {

  private SpanHighlighter(Builder builder) {
    super(builder);
  }

  /** A highlighter for snippets (sentences), or for whole fields (titles). */
  static SpanHighlighter create(IndexSearcher searcher, Analyzer analyzer, boolean wholeField) {
    Builder b =
        UnifiedHighlighter.builder(searcher, analyzer)
            .withFormatter(new SnippetFormatter())
            .withMaxLength(20_000)
            .withHighlightPhrasesStrictly(true);
    if (wholeField) {
      b.withBreakIterator(WholeBreakIterator::new);
    }
    return new SpanHighlighter(b);
  }

  /** Each document's passages of one field as span lists (null where nothing matched). */
  Object[] highlight(String field, Query query, int[] docs, int passages) throws IOException {
    return highlightFieldsAsObjects(new String[] {field}, query, docs, new int[] {passages})
        .get(field);
  }

  @Override
  protected OffsetSource getOffsetSource(String field) {
    return OffsetSource.POSTINGS;
  }
}
