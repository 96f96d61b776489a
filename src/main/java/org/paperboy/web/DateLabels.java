package org.paperboy.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How pages write dates: "Mar 17" within the current year, as the page Paperboy reproduces does,
 * and "Mar 17, 2024" otherwise. The current year comes from the injected clock.
 */
final class DateLabels {

  private static final DateTimeFormatter SHORT =
      DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);
  private static final DateTimeFormatter FULL =
      DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

  private final Clock clock;

  DateLabels(Clock clock) {
    this.clock = clock;
  }

  /** "Mar 17" this year, "Mar 17, 2024" in any other. */
  String relative(LocalDate date) {
    return date.getYear() == LocalDate.now(clock).getYear() ? SHORT.format(date) : full(date);
  }

  /** Always with the year, for metadata where the year matters ("Mar 17, 2025"). */
  String full(LocalDate date) {
    return FULL.format(date);
  }
}
