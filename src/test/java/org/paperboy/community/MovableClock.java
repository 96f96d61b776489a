package org.paperboy.community;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it; tests of every package share it. */
public final class MovableClock extends Clock {

  private volatile Instant now;
  private final MovableClock source;
  private final ZoneId zone;

  /** A clock at the given instant (ISO-8601), in UTC. */
  public MovableClock(String instant) {
    this(Instant.parse(instant));
  }

  /** A clock at the given instant, in UTC. */
  public MovableClock(Instant instant) {
    this.now = instant;
    this.source = null;
    this.zone = ZoneOffset.UTC;
  }

  private MovableClock(MovableClock source, ZoneId zone) {
    this.source = source;
    this.zone = zone;
  }

  /** Moves the clock forward. */
  public void advance(Duration d) {
    root().now = root().now.plus(d);
  }

  /** Sets the clock to an instant. */
  public void set(Instant t) {
    root().now = t;
  }

  private MovableClock root() {
    return source == null ? this : source;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same moving time, seen in another zone. */
  @Override
  public Clock withZone(ZoneId other) {
    return new MovableClock(root(), other);
  }

  @Override
  public Instant instant() {
    return root().now;
  }
}
