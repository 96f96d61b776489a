package org.paperboy.digest;

import java.util.Locale;

/** How often a subscriber gets a digest. */
public enum Frequency {
  /** Every weekday, at the configured time. */
  DAILY,
  /** Once a week, on the configured day. */
  WEEKLY;

  /** Parses {@code daily} or {@code weekly} in any case; anything else is refused. */
  public static Frequency parse(String value) {
    if (value != null) {
      for (Frequency f : values()) {
        if (f.name().equalsIgnoreCase(value.strip())) {
          return f;
        }
      }
    }
    throw new IllegalArgumentException("frequency must be daily or weekly, not '" + value + "'");
  }

  /** The lower-case name used in forms, URLs and JSON. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
