package org.paperboy.lists;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The days a list covers: one day, an ISO week (Monday to Sunday), a calendar month, or any run of
 * days (the trending window). Pages, the API, feeds and digests name periods the same way: {@code
 * 2025-03-17}, {@code 2025-W12}, {@code 2025-03}.
 *
 * @param kind day, week, month or a run of days
 * @param from the first day
 * @param to the last day
 */
public record Period(Kind kind, LocalDate from, LocalDate to) {

  /** How long a period is. */
  public enum Kind {
    DAY,
    WEEK,
    MONTH,
    /** Any run of days, such as the trending window; it has no page of its own. */
    DAYS
  }

  /** The years a period may name: four digits, so the days around one never overflow. */
  static final int MIN_YEAR = 1000;

  static final int MAX_YEAR = 9999;

  private static final Pattern ISO_WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

  /** Checks the days are in order. */
  public Period {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("a period ends on or after its first day");
    }
  }

  /** One day. */
  public static Period day(LocalDate date) {
    return new Period(Kind.DAY, date, date);
  }

  /** The ISO week (Monday to Sunday) a day is in. */
  public static Period weekOf(LocalDate date) {
    LocalDate monday = date.with(DayOfWeek.MONDAY);
    return new Period(Kind.WEEK, monday, monday.plusDays(6));
  }

  /** The calendar month a day is in. */
  public static Period monthOf(LocalDate date) {
    return new Period(
        Kind.MONTH, date.withDayOfMonth(1), date.with(TemporalAdjusters.lastDayOfMonth()));
  }

  /** The {@code days} days ending with {@code last}. */
  public static Period daysUpTo(LocalDate last, int days) {
    return new Period(Kind.DAYS, last.minusDays(days - 1L), last);
  }

  /** The same kind of period around another day (a run of days keeps its length). */
  public Period around(LocalDate date) {
    return switch (kind) {
      case DAY -> day(date);
      case WEEK -> weekOf(date);
      case MONTH -> monthOf(date);
      case DAYS -> new Period(Kind.DAYS, date.minusDays(to.toEpochDay() - from.toEpochDay()), date);
    };
  }

  /** Parses {@code yyyy-mm-dd}. */
  public static Period parseDay(String text) {
    try {
      LocalDate date = LocalDate.parse(text.strip());
      if (date.getYear() >= MIN_YEAR && date.getYear() <= MAX_YEAR) {
        return day(date);
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new BadPeriodException(
        "\"" + text + "\" is not a date. Write days as yyyy-mm-dd, for example 2025-03-17.");
  }

  /** Parses an ISO week, {@code yyyy-Www}. */
  public static Period parseWeek(String text) {
    Matcher m = ISO_WEEK.matcher(text.strip());
    if (m.matches()) {
      int year = Integer.parseInt(m.group(1));
      int week = Integer.parseInt(m.group(2));
      LocalDate jan4 = LocalDate.of(year, 1, 4);
      if (week >= 1 && week <= jan4.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
        return weekOf(jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week));
      }
    }
    throw new BadPeriodException(
        "\"" + text + "\" is not an ISO week. Write weeks as yyyy-Www, for example 2025-W12.");
  }

  /** Parses {@code yyyy-mm}. */
  public static Period parseMonth(String text) {
    try {
      YearMonth month = YearMonth.parse(text.strip());
      if (month.getYear() >= MIN_YEAR && month.getYear() <= MAX_YEAR) {
        return monthOf(month.atDay(1));
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new BadPeriodException(
        "\"" + text + "\" is not a month. Write months as yyyy-mm, for example 2025-03.");
  }

  /**
   * The period as the API and the paths write it: 2025-03-17, 2025-W12, 2025-03, or
   * 2025-03-04..2025-03-17 for a run of days.
   */
  public String key() {
    return switch (kind) {
      case DAY -> from.toString();
      case WEEK ->
          String.format(
              Locale.ROOT,
              "%d-W%02d",
              from.get(IsoFields.WEEK_BASED_YEAR),
              from.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> YearMonth.from(from).toString();
      case DAYS -> from + ".." + to;
    };
  }

  /** A period named wrongly; its message says how to write it. */
  public static final class BadPeriodException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BadPeriodException(String message) {
      super(message);
    }
  }
}
