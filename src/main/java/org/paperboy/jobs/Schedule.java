package org.paperboy.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * When a job runs: every {@code interval} (runs are due at multiples of it since the epoch, so all
 * nodes agree on the slots) or once a day at a time of day in a zone. A run is named by its due
 * time, its slot.
 */
public record Schedule(Duration interval, LocalTime at, ZoneId zone) {

  /** Every {@code interval}, at multiples of it since the epoch. */
  public static Schedule every(Duration interval) {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("a job's interval must be positive, not " + interval);
    }
    return new Schedule(interval, null, null);
  }

  /** Once a day at {@code at} in {@code zone}. */
  public static Schedule dailyAt(LocalTime at, ZoneId zone) {
    return new Schedule(null, at, zone);
  }

  /** The due time of the latest slot that has started by {@code now}. */
  public Instant slot(Instant now) {
    if (interval != null) {
      long ms = interval.toMillis();
      return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), ms) * ms);
    }
    ZonedDateTime today = now.atZone(zone).toLocalDate().atTime(at).atZone(zone);
    return (today.toInstant().isAfter(now) ? today.minusDays(1) : today).toInstant();
  }

  /** The due time of the slot after the one due at {@code slot}. */
  public Instant next(Instant slot) {
    return interval != null
        ? slot.plus(interval)
        : slot.atZone(zone).plusDays(1).toLocalDate().atTime(at).atZone(zone).toInstant();
  }

  @Override
  public String toString() {
    if (interval != null) {
      return "every " + describe(interval);
    }
    return "daily at "
        + at
        + " "
        + (zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId());
  }

  private static String describe(Duration d) {
    if (d.toSeconds() % 3600 == 0) {
      return d.toHours() + " h";
    }
    if (d.toSeconds() % 60 == 0) {
      return d.toMinutes() + " min";
    }
    return d.toSeconds() + " s";
  }
}
