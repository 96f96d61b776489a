package org.paperboy.paper;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.HarvestLog.Position;
import org.paperboy.store.Database;

class HarvestLogTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void stores_and_replaces_positions_on_sqlite(@TempDir Path dir) {
    try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null)) {
      roundTrips(db);
    }
  }

  @Test
  void stores_and_replaces_positions_on_postgresql() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.start();
        Database db = Database.open(pg.getJdbcUrl("postgres", "postgres"), null, null)) {
      roundTrips(db);
    }
  }

  private static void roundTrips(Database db) {
    HarvestLog log = new HarvestLog(db, CLOCK);
    assertThat(log.load("oai:cs")).isEmpty();

    Position running =
        new Position(
            "oai:cs", LocalDate.of(2026, 2, 22), LocalDate.of(2026, 3, 1), "6960524|1001", 1000);
    log.save(running);
    log.save(new Position("oai:math", null, null, null, 0));
    assertThat(log.load("oai:cs")).contains(running);
    assertThat(log.load("oai:cs").orElseThrow().inProgress()).isTrue();

    Position done = new Position("oai:cs", LocalDate.of(2026, 3, 1), null, null, 1234);
    log.save(done);
    assertThat(log.load("oai:cs")).contains(done);
    assertThat(log.load("oai:cs").orElseThrow().inProgress()).isFalse();
    assertThat(log.load("oai:math")).contains(new Position("oai:math", null, null, null, 0));
    String updatedAt =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT updated_at FROM harvest_state WHERE name = 'oai:cs'")
                        .mapTo(String.class)
                        .one());
    assertThat(updatedAt).isEqualTo("2026-03-01T10:00:00Z");
  }
}
