package org.paperboy.web;

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
 * The days a list covers: one day, an ISO week (Monday to Sunday) or a calendar month.
 *
 * @param kind day, week or month
 * @param from the first day
 * @param to the last day
 */
record Period(Kind kind, LocalDate from, LocalDate to) {

  /** How long a period is. */
  enum Kind {
    DAY,
    WEEK,
    MONTH
  }

  private static final Pattern ISO_WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

  static Period day(LocalDate date) {
    return new Period(Kind.DAY, date, date);
  }

  static Period weekOf(LocalDate date) {
    LocalDate monday = date.with(DayOfWeek.MONDAY);
    return new Period(Kind.WEEK, monday, monday.plusDays(6));
  }

  static Period monthOf(LocalDate date) {
    return new Period(
        Kind.MONTH, date.withDayOfMonth(1), date.with(TemporalAdjusters.lastDayOfMonth()));
  }

  /** The same kind of period around another day. */
  Period around(LocalDate date) {
    return switch (kind) {
      case DAY -> day(date);
      case WEEK -> weekOf(date);
      case MONTH -> monthOf(date);
    };
  }

  static Period parseDay(String text) {
    try {
      return day(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      throw HttpProblem.badParameter(
          "\"" + text + "\" is not a date. Write days as yyyy-mm-dd, for example 2025-03-17.");
    }
  }

  static Period parseWeek(String text) {
    Matcher m = ISO_WEEK.matcher(text);
    if (m.matches()) {
      int year = Integer.parseInt(m.group(1));
      int week = Integer.parseInt(m.group(2));
      LocalDate jan4 = LocalDate.of(year, 1, 4);
      if (week >= 1 && week <= jan4.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
        return weekOf(jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week));
      }
    }
    throw HttpProblem.badParameter(
        "\"" + text + "\" is not an ISO week. Write weeks as yyyy-Www, for example 2025-W12.");
  }

  static Period parseMonth(String text) {
    try {
      return monthOf(YearMonth.parse(text).atDay(1));
    } catch (DateTimeParseException e) {
      throw HttpProblem.badParameter(
          "\"" + text + "\" is not a month. Write months as yyyy-mm, for example 2025-03.");
    }
  }

  /** The period as the API and the paths write it: 2025-03-17, 2025-W12 or 2025-03. */
  String key() {
    return switch (kind) {
      case DAY -> from.toString();
      case WEEK ->
          String.format(
              Locale.ROOT,
              "%d-W%02d",
              from.get(IsoFields.WEEK_BASED_YEAR),
              from.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> YearMonth.from(from).toString();
    };
  }

  /** This period's page. */
  String path() {
    return switch (kind) {
      case DAY -> Routes.day(from);
      case WEEK -> Routes.week(key());
      case MONTH -> Routes.month(YearMonth.from(from));
    };
  }
}
