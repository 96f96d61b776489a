package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.paperboy.lists.Period;

/** Periods: what a digest covers, how it is named and parsed, which one is due. */
class DigestPeriodTest {

  @Test
  void a_daily_digest_is_one_days_list_and_a_weekly_one_an_iso_week_each_named_by_its_days() {
    DigestPeriod friday = DigestPeriod.parse("daily:2026-07-03", DayOfWeek.MONDAY);
    assertThat(friday.from()).isEqualTo(LocalDate.parse("2026-07-03"));
    assertThat(friday.to()).isEqualTo(LocalDate.parse("2026-07-03"));
    assertThat(friday.days()).isEqualTo(Period.day(LocalDate.parse("2026-07-03")));
    assertThat(friday.sendDate()).isEqualTo(LocalDate.parse("2026-07-06"));
    assertThat(friday.key()).isEqualTo("daily:2026-07-03");
    assertThat(friday.label()).isEqualTo("Friday, 3 July 2026");

    DigestPeriod week = DigestPeriod.parse("weekly:2026-W27", DayOfWeek.MONDAY);
    assertThat(week.from()).isEqualTo(LocalDate.parse("2026-06-29"));
    assertThat(week.to()).isEqualTo(LocalDate.parse("2026-07-05"));
    assertThat(week.sendDate()).isEqualTo(LocalDate.parse("2026-07-06"));
    assertThat(week.key()).isEqualTo("weekly:2026-W27");
    assertThat(week.label()).isEqualTo("week of 29 June 2026");
    assertThat(DigestPeriod.parse("weekly:2026-07-01", DayOfWeek.MONDAY)).isEqualTo(week);
    assertThat(DigestPeriod.parse("WEEKLY:2026-W27", DayOfWeek.FRIDAY).sendDate())
        .isEqualTo(LocalDate.parse("2026-07-10"));
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
        .isEqualTo("daily:2026-07-02");
    assertThat(DigestPeriod.latestDaily(ZonedDateTime.parse("2026-07-01T06:59Z"), seven).key())
        .isEqualTo("daily:2026-06-29");
    assertThat(
            DigestPeriod.latestWeekly(
                    ZonedDateTime.parse("2026-07-06T07:00Z"), seven, DayOfWeek.MONDAY)
                .key())
        .isEqualTo("weekly:2026-W27");
  }
}
