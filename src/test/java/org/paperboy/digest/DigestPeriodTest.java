package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Periods: what a digest covers, how it is named and parsed, which one is due. */
class DigestPeriodTest {

  @Test
  void a_monday_digest_covers_friday_to_sunday_and_a_weekly_one_the_seven_days_before() {
    DigestPeriod monday = DigestPeriod.parse("daily:2026-06-29", DayOfWeek.MONDAY);
    assertThat(monday.from()).isEqualTo(LocalDate.parse("2026-06-26"));
    assertThat(monday.to()).isEqualTo(LocalDate.parse("2026-06-28"));
    assertThat(monday.key()).isEqualTo("daily:2026-06-29");
    assertThat(monday.label()).isEqualTo("Monday, 29 June 2026");

    DigestPeriod week = DigestPeriod.parse("weekly:2026-W27", DayOfWeek.MONDAY);
    assertThat(week.sendDate()).isEqualTo(LocalDate.parse("2026-06-29"));
    assertThat(week.from()).isEqualTo(LocalDate.parse("2026-06-22"));
    assertThat(week.key()).isEqualTo("weekly:2026-06-29");
    assertThat(week.label()).isEqualTo("week of 22 June 2026");
    assertThat(DigestPeriod.parse("WEEKLY:2026-W27", DayOfWeek.FRIDAY).sendDate())
        .isEqualTo(LocalDate.parse("2026-07-03"));
  }

  @Test
  void bad_periods_are_refused_with_what_is_expected() {
    assertThatThrownBy(() -> DigestPeriod.parse("daily:2026-06-27", DayOfWeek.MONDAY))
        .hasMessageContaining("weekdays")
        .hasMessageContaining("SATURDAY");
    for (String bad :
        new String[] {"hourly:2026-06-29", "daily:2026-13-01", "weekly:2026-W99", "x", ""}) {
      assertThatThrownBy(() -> DigestPeriod.parse(bad, DayOfWeek.MONDAY))
          .as(bad)
          .hasMessageContaining("a period is daily:yyyy-mm-dd");
    }
  }

  @Test
  void the_latest_due_period_skips_weekends_and_waits_for_the_time() {
    LocalTime seven = LocalTime.of(7, 0);
    assertThat(DigestPeriod.latestDaily(ZonedDateTime.parse("2026-07-04T12:00Z"), seven).key())
        .isEqualTo("daily:2026-07-03");
    assertThat(DigestPeriod.latestDaily(ZonedDateTime.parse("2026-07-01T06:59Z"), seven).key())
        .isEqualTo("daily:2026-06-30");
    assertThat(
            DigestPeriod.latestWeekly(
                    ZonedDateTime.parse("2026-07-06T07:00Z"), seven, DayOfWeek.MONDAY)
                .key())
        .isEqualTo("weekly:2026-07-06");
  }
}
