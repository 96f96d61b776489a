package org.paperboy.digest;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * How digests go out; the caller builds it from the settings (this package does not read them).
 *
 * @param baseUrl the site's public URL, for every link in a mail
 * @param time the time of day (in {@code zone}) daily digests go out on weekdays, and the weekly
 *     one on {@code weeklyDay}
 * @param zone the time zone of {@code time} and of the days
 * @param weeklyDay the day the weekly digest goes out
 * @param ratePerSecond the most digest mails sent per second, or 0 for no limit
 * @param unsubscribeMailto the address of the {@code mailto:} in {@code List-Unsubscribe}
 * @param connections how many SMTP connections send at once
 * @param firstBackoff the wait before the first retry of a temporary failure; it doubles after
 * @param keyFile the file of the key manage tokens are derived with (see {@link ManageTokens}),
 *     made on first start
 */
public record DigestOptions(
    URI baseUrl,
    LocalTime time,
    ZoneId zone,
    DayOfWeek weeklyDay,
    double ratePerSecond,
    String unsubscribeMailto,
    int connections,
    Duration firstBackoff,
    java.nio.file.Path keyFile) {

  /** The wait before the first retry unless said otherwise. */
  public static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);

  /** The base URL without a trailing slash, as links are built on it. */
  String base() {
    String s = baseUrl.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
