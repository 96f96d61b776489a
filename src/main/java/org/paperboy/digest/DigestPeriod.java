package org.paperboy.digest;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.paperboy.lists.Period;

/**
 * One digest's period: which digest (daily or weekly), the days whose lists and papers it brings,
 * and the day it goes out. Its {@link #key} names the days covered ({@code daily:2026-06-30} is the
 * list of 30 June, {@code weekly:2026-W27} the ISO week of 29 June to 5 July); one subscriber gets
 * at most one digest per key, and its subject names the same days.
 *
 * <p>A daily digest covers one weekday's list and the papers first published that day, and goes out
 * on the next weekday (Friday's on Monday). A weekly digest covers an ISO week (Monday to Sunday)
 * and goes out on the first {@code weeklyDay} after it.
 *
 * @param frequency daily or weekly
 * @param sendDate the day it goes out
 * @param from the first day it covers
 * @param to the last day it covers
 */
public record DigestPeriod(Frequency frequency, LocalDate sendDate, LocalDate from, LocalDate to) {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.UK);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

  /** The daily digest of a weekday's list; it goes out the next weekday. */
  public static DigestPeriod daily(LocalDate listDay) {
    if (isWeekend(listDay)) {
      throw new IllegalArgumentException(
          "daily digests cover the lists of weekdays; "
              + listDay
              + " is a "
              + listDay.getDayOfWeek());
    }
    LocalDate send = listDay.plusDays(1);
    while (isWeekend(send)) {
      send = send.plusDays(1);
    }
    return new DigestPeriod(Frequency.DAILY, send, listDay, listDay);
  }

  /** The weekly digest of the ISO week a day is in; it goes out on the first weeklyDay after. */
  public static DigestPeriod weekly(LocalDate day, DayOfWeek weeklyDay) {
    Period week = Period.weekOf(day);
    LocalDate send = week.to().plusDays(1);
    while (send.getDayOfWeek() != weeklyDay) {
      send = send.plusDays(1);
    }
    return new DigestPeriod(Frequency.WEEKLY, send, week.from(), week.to());
  }

  /**
   * Parses {@code daily:yyyy-mm-dd} (a weekday's list) or {@code weekly:yyyy-Www} (an ISO week);
   * {@code weekly:yyyy-mm-dd} names the ISO week that day is in.
   */
  public static DigestPeriod parse(String text, DayOfWeek weeklyDay) {
    String[] parts = text == null ? new String[0] : text.strip().split(":", 2);
    if (parts.length == 2 && parts[0].matches("(?i)daily|weekly")) {
      try {
        if (parts[0].equalsIgnoreCase("daily")) {
          return daily(Period.parseDay(parts[1]).from());
        }
        Period days =
            parts[1].contains("W") ? Period.parseWeek(parts[1]) : Period.parseDay(parts[1]);
        return weekly(days.from(), weeklyDay);
      } catch (Period.BadPeriodException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(
        "a period is daily:yyyy-mm-dd (a weekday's list) or weekly:yyyy-Www (an ISO week), not '"
            + text
            + "'");
  }

  /**
   * The latest daily digest due at {@code now}: the one of the last weekday whose send time passed.
   */
  public static DigestPeriod latestDaily(ZonedDateTime now, LocalTime time) {
    LocalDate send = now.toLocalDate();
    if (now.toLocalTime().isBefore(time)) {
      send = send.minusDays(1);
    }
    while (isWeekend(send)) {
      send = send.minusDays(1);
    }
    LocalDate listDay = send.minusDays(1);
    while (isWeekend(listDay)) {
      listDay = listDay.minusDays(1);
    }
    return daily(listDay);
  }

  /** The latest weekly digest due at {@code now}. */
  public static DigestPeriod latestWeekly(ZonedDateTime now, LocalTime time, DayOfWeek weeklyDay) {
    LocalDate send = now.toLocalDate();
    if (now.toLocalTime().isBefore(time)) {
      send = send.minusDays(1);
    }
    while (send.getDayOfWeek() != weeklyDay) {
      send = send.minusDays(1);
    }
    // The week that ended before the send day holds the day a week before it.
    return weekly(send.minusDays(7), weeklyDay);
  }

  /**
   * The key in the outbox: {@code daily:yyyy-mm-dd} (the list's day) or {@code weekly:yyyy-Www}.
   */
  public String key() {
    return frequency.label() + ":" + days().key();
  }

  /** The days covered, as the lists name them. */
  public Period days() {
    return frequency == Frequency.DAILY ? Period.day(from) : Period.weekOf(from);
  }

  /** When it is due: the send day at the configured time. */
  public ZonedDateTime dueAt(LocalTime time, ZoneId zone) {
    return LocalDateTime.of(sendDate, time).atZone(zone);
  }

  /** A human label for subjects and pages: "Tuesday, 30 June 2026" or "week of 29 June 2026". */
  public String label() {
    if (frequency == Frequency.DAILY) {
      return DAY.format(from);
    }
    return "week of " + DATE.format(from);
  }

  private static boolean isWeekend(LocalDate d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
