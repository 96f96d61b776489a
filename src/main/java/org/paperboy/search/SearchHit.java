package org.paperboy.search;

import java.time.LocalDate;
import java.util.List;

/**
 * One paper in search results, with its title and a snippet of its abstract cut into highlighted
 * and plain spans (the caller escapes and marks them up for its output).
 *
 * @param id the paper id
 * @param title the title as imported (LaTeX kept)
 * @param authors author names in order
 * @param abstractText the whole abstract
 * @param categories arXiv categories, primary first
 * @param published the date of version 1, or null
 * @param upvotes most upvotes on an imported daily list
 * @param score the ranking's score: BM25, cosine similarity, or fused reciprocal rank
 * @param titleSpans the title, with query matches marked
 * @param snippet the best passages of the abstract with matches marked, or its start when nothing
 *     matched literally (a semantic hit)
 */
public record SearchHit(
    String id,
    String title,
    List<String> authors,
    String abstractText,
    List<String> categories,
    LocalDate published,
    int upvotes,
    double score,
    List<Span> titleSpans,
    List<Span> snippet) {

  /**
   * A piece of text, marked when it matched the query.
   *
   * @param text the text as stored
   * @param match whether it matched
   */
  public record Span(String text, boolean match) {}

  /** Whether any span of the title matched. */
  public boolean titleMatched() {
    return titleSpans.stream().anyMatch(Span::match);
  }
}
