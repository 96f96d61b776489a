package org.paperboy.ingest;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where records come from: a name for messages, the file when there is one (some formats need a
 * side file or a date from the file name), and the day "today" is for undated sources.
 *
 * @param name the file name or URL, used in messages
 * @param path the file, or null when reading from the network
 * @param today the current date, for sources that give a day without a year
 */
record Source(String name, Path path, LocalDate today) {

  private static final Pattern DATE_IN_NAME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

  /** The last yyyy-mm-dd date in the file name, if any. */
  Optional<LocalDate> dateInName() {
    Matcher m = DATE_IN_NAME.matcher(name);
    LocalDate last = null;
    while (m.find()) {
      try {
        last = LocalDate.parse(m.group(1));
      } catch (java.time.format.DateTimeParseException e) {
        // not a real date, e.g. 2016-13-40: ignore
      }
    }
    return Optional.ofNullable(last);
  }
}
