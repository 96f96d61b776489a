package org.paperboy.digest;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * One digest's period: which digest (daily or weekly), the day it goes out, and the days whose
 * papers it covers. Its {@link #key} names it in the outbox ({@code daily:2026-06-30}, {@code
 * weekly:2026-07-06}); one subscriber gets at most one digest per key.
 *
 * <p>A daily digest goes out on weekdays and covers the days since the previous weekday's digest:
 * Tuesday's covers Monday, Monday's covers Friday to Sunday. A weekly digest covers the seven days
 * before its day.
 *
 * @param frequency daily or weekly
 * @param sendDate the day it goes out
 * @param from the first day it covers
 * @param to the last day it covers (the day before {@code sendDate})
 */
public record DigestPeriod(Frequency frequency, LocalDate sendDate, LocalDate from, LocalDate to) {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.UK);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

  /** The daily digest going out on a weekday. */
  public static DigestPeriod daily(LocalDate sendDate) {
    if (isWeekend(sendDate)) {
      throw new IllegalArgumentException(
          "daily digests go out on weekdays; " + sendDate + " is a " + sendDate.getDayOfWeek());
    }
    LocalDate previous = sendDate.minusDays(1);
    while (isWeekend(previous)) {
      previous = previous.minusDays(1);
    }
    return new DigestPeriod(Frequency.DAILY, sendDate, previous, sendDate.minusDays(1));
  }

  /** The weekly digest going out on a day: it covers the seven days before. */
  public static DigestPeriod weekly(LocalDate sendDate) {
    return new DigestPeriod(
        Frequency.WEEKLY, sendDate, sendDate.minusDays(7), sendDate.minusDays(1));
  }

  /**
   * Parses {@code daily:yyyy-mm-dd} (a weekday) or {@code weekly:yyyy-mm-dd}; the weekly digest's
   * day may also be given as an ISO week, {@code weekly:2026-W27}, meaning that week's {@code
   * weeklyDay}.
   */
  public static DigestPeriod parse(String text, DayOfWeek weeklyDay) {
    String[] parts = text == null ? new String[0] : text.strip().split(":", 2);
    LocalDate day = null;
    boolean daily = false;
    if (parts.length == 2 && parts[0].matches("(?i)daily|weekly")) {
      daily = parts[0].equalsIgnoreCase("daily");
      try {
        if (!daily && parts[1].matches("\\d{4}-W\\d{2}")) {
          LocalDate monday =
              LocalDate.of(Integer.parseInt(parts[1].substring(0, 4)), 1, 4)
                  .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(parts[1].substring(6)))
                  .with(DayOfWeek.MONDAY);
          day = monday.plusDays(weeklyDay.getValue() - 1L);
        } else {
          day = LocalDate.parse(parts[1]);
        }
      } catch (DateTimeException e) {
        day = null;
      }
    }
    if (day == null) {
      throw new IllegalArgumentException(
          "a period is daily:yyyy-mm-dd (a weekday) or weekly:yyyy-mm-dd or weekly:yyyy-Www, not '"
              + text
              + "'");
    }
    return daily ? daily(day) : weekly(day);
  }

  /** The latest daily digest due at {@code now}: the last weekday whose send time has passed. */
  public static DigestPeriod latestDaily(ZonedDateTime now, LocalTime time) {
    LocalDate day = now.toLocalDate();
    if (now.toLocalTime().isBefore(time)) {
      day = day.minusDays(1);
    }
    while (isWeekend(day)) {
      day = day.minusDays(1);
    }
    return daily(day);
  }

  /** The latest weekly digest due at {@code now}. */
  public static DigestPeriod latestWeekly(ZonedDateTime now, LocalTime time, DayOfWeek weeklyDay) {
    LocalDate day = now.toLocalDate();
    if (now.toLocalTime().isBefore(time)) {
      day = day.minusDays(1);
    }
    while (day.getDayOfWeek() != weeklyDay) {
      day = day.minusDays(1);
    }
    return weekly(day);
  }

  /** The key in the outbox: {@code daily:yyyy-mm-dd} or {@code weekly:yyyy-mm-dd}, the send day. */
  public String key() {
    return frequency.label() + ":" + sendDate;
  }

  /** When it is due: the send day at the configured time. */
  public ZonedDateTime dueAt(LocalTime time, ZoneId zone) {
    return LocalDateTime.of(sendDate, time).atZone(zone);
  }

  /** A human label for subjects and pages: "Tuesday, 30 June 2026" or "week of 22 June 2026". */
  public String label() {
    if (frequency == Frequency.DAILY) {
      return DAY.format(sendDate);
    }
    return "week of " + DATE.format(from);
  }

  private static boolean isWeekend(LocalDate d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
