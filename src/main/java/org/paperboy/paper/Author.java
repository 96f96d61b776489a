package org.paperboy.paper;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One author of a paper, as the source named them.
 *
 * @param name the display name, e.g. "Ping Li"
 * @param affiliation the affiliation when the source gave one, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Author(String name, String affiliation) {

  /** An author without affiliation. */
  public static Author named(String name) {
    return new Author(name, null);
  }
}
