package org.paperboy.paper;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.store.Database;

/**
 * Where each harvest stands, kept in the {@code harvest_state} table so that the next run continues
 * incrementally and a run that crashed resumes from its last page instead of starting over.
 */
public final class HarvestLog {

  /**
   * One harvest's position.
   *
   * @param name the harvest, e.g. {@code oai:cs}
   * @param fromDate where the next harvest starts; while one runs, where it started
   * @param untilDate where the running harvest ends, or null
   * @param resumptionToken the token for the next page while a harvest is under way, else null
   * @param records the records the running (or last) harvest received so far
   */
  public record Position(
      String name, LocalDate fromDate, LocalDate untilDate, String resumptionToken, long records) {

    /** Whether a harvest stopped part-way and can resume with the token. */
    public boolean inProgress() {
      return resumptionToken != null;
    }
  }

  private final Jdbi jdbi;
  private final Clock clock;

  /** A log on the given database, stamping changes with the clock's time. */
  public HarvestLog(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /** The stored position of the named harvest, if it ever ran. */
  public Optional<Position> load(String name) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT name, from_date, until_date, resumption_token, records"
                        + " FROM harvest_state WHERE name = :name")
                .bind("name", name)
                .map(
                    (rs, ctx) ->
                        new Position(
                            rs.getString(1),
                            date(rs.getString(2)),
                            date(rs.getString(3)),
                            rs.getString(4),
                            rs.getLong(5)))
                .findOne());
  }

  /** Stores the position, replacing the one stored under the same name. */
  public void save(Position position) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO harvest_state (name, from_date, until_date, resumption_token,"
                        + " records, updated_at) VALUES (:name, :from, :until, :token, :records,"
                        + " :now) ON CONFLICT (name) DO UPDATE SET from_date = excluded.from_date,"
                        + " until_date = excluded.until_date, resumption_token ="
                        + " excluded.resumption_token, records = excluded.records, updated_at ="
                        + " excluded.updated_at")
                .bind("name", position.name())
                .bind("from", text(position.fromDate()))
                .bind("until", text(position.untilDate()))
                .bind("token", position.resumptionToken())
                .bind("records", position.records())
                .bind("now", clock.instant().toString())
                .execute());
  }

  private static LocalDate date(String s) {
    return s == null ? null : LocalDate.parse(s);
  }

  private static String text(LocalDate d) {
    return d == null ? null : d.toString();
  }

  /**
   * The digest of the answer last applied for a followed source's day (e.g. {@code hf},
   * 2026-06-30), so an unchanged day costs no parsing or writing.
   */
  public Optional<String> dayDigest(String source, LocalDate day) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT digest FROM followed_days WHERE source = :s AND day = :d")
                .bind("s", source)
                .bind("d", day.toString())
                .mapTo(String.class)
                .findOne());
  }

  /** Stores the digest of the answer just applied for a followed source's day. */
  public void saveDayDigest(String source, LocalDate day, String digest) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO followed_days (source, day, digest, polled_at) VALUES (:s, :d,"
                        + " :digest, :now) ON CONFLICT (source, day) DO UPDATE SET digest ="
                        + " excluded.digest, polled_at = excluded.polled_at")
                .bind("s", source)
                .bind("d", day.toString())
                .bind("digest", digest)
                .bind("now", clock.millis())
                .execute());
  }
}
