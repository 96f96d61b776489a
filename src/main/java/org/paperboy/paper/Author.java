package org.paperboy.paper;

/**
 * One author of a paper, as the source named them.
 *
 * @param name the display name, e.g. "Ping Li"
 * @param affiliation the affiliation when the source gave one, else null
 */
public record Author(String name, String affiliation) {

  /** An author without affiliation. */
  public static Author named(String name) {
    return new Author(name, null);
  }
}
