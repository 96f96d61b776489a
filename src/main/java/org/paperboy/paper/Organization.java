package org.paperboy.paper;

import java.util.Objects;

/**
 * An organization that claims a paper on Hugging Face (a university, lab or company account).
 *
 * @param name the account name, as in {@code huggingface.co/<name>}
 * @param fullName the name shown to readers; the account name when the source gave none
 */
public record Organization(String name, String fullName) {

  /** Checks the account name and falls back to it for the shown name. */
  public Organization {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an organization needs an account name");
    }
    fullName = fullName == null || fullName.isBlank() ? name : fullName;
  }

  /** The organization of these two columns, or null when the first is null. */
  static Organization of(String name, String fullName) {
    return name == null || name.isBlank() ? null : new Organization(name, fullName);
  }
}
