package org.paperboy.paper;

/**
 * One record an import or harvest brings in: a paper, and its place on a day's list when the source
 * is a list.
 *
 * @param paper the paper's metadata
 * @param listing its place on a day's list, or null
 */
public record PaperRecord(Paper paper, Listing listing) {

  /** A record without a list entry. */
  public static PaperRecord of(Paper paper) {
    return new PaperRecord(paper, null);
  }
}
