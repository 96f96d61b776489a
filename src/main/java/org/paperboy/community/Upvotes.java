package org.paperboy.community;

/**
 * A paper's upvotes as shown.
 *
 * @param imported the count imported from Hugging Face (the highest snapshot over the paper's list
 *     entries), kept apart so a re-import neither loses it nor counts our votes twice
 * @param community the votes cast here by accounts that are not banned
 */
public record Upvotes(int imported, int community) {

  /** No votes at all. */
  public static final Upvotes NONE = new Upvotes(0, 0);

  /** The number to display. */
  public int total() {
    return imported + community;
  }
}
