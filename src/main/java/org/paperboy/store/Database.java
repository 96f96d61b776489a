package org.paperboy.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.config.Settings;

/**
 * The database Paperboy runs on: SQLite in the data directory by default, PostgreSQL when {@code
 * PAPERBOY_DB_URL} names one. Opening it applies the Flyway migrations, which are the same files
 * for both engines.
 */
public final class Database implements AutoCloseable {

  /** The SQL engine in use; the few places where the engines differ ask this. */
  public enum Engine {
    SQLITE,
    POSTGRESQL
  }

  private final HikariDataSource dataSource;
  private final Engine engine;
  private final Jdbi jdbi;
  private final ChangeCounters changeCounters;

  private Database(HikariDataSource dataSource, Engine engine) {
    this.dataSource = dataSource;
    this.engine = engine;
    this.jdbi = Jdbi.create(dataSource);
    this.changeCounters = new ChangeCounters(jdbi);
  }

  /** Opens the database the settings name and migrates it to the latest schema. */
  public static Database open(Settings settings) {
    String url = settings.dbUrl();
    if (url == null) {
      try {
        Files.createDirectories(settings.dataDir());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create data directory " + settings.dataDir(), e);
      }
      url = "jdbc:sqlite:" + settings.sqliteFile().toAbsolutePath();
    }
    return open(url, settings.dbUser(), settings.dbPassword(), settings.operations().dbPoolSize());
  }

  /** Opens the database at a JDBC URL and migrates it to the latest schema. */
  public static Database open(String jdbcUrl, String user, String password) {
    return open(jdbcUrl, user, password, DEFAULT_POOL_SIZE);
  }

  /** The most PostgreSQL connections a node opens when the settings do not say. */
  public static final int DEFAULT_POOL_SIZE = 8;

  /**
   * Opens the database at a JDBC URL with at most {@code poolSize} PostgreSQL connections, opened
   * as they are needed (one is kept idle; the others close after 10 idle minutes), and migrates it.
   * Ten nodes of 8 fit PostgreSQL's default {@code max_connections} of 100.
   */
  public static Database open(String jdbcUrl, String user, String password, int poolSize) {
    Engine engine;
    HikariConfig config = new HikariConfig();
    config.setPoolName("paperboy-db");
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      engine = Engine.SQLITE;
      // WAL lets readers run beside the one writer; NORMAL sync is durable across app crashes
      // in WAL mode; the busy timeout makes a second writer wait instead of failing at once.
      // Transactions begin IMMEDIATE: one that reads and then writes would otherwise start as a
      // reader and fail at once (SQLITE_BUSY, no waiting) when it tries to become the writer
      // while another connection writes; taking the write lock at BEGIN makes it wait its turn.
      String sep = jdbcUrl.contains("?") ? "&" : "?";
      config.setJdbcUrl(
          jdbcUrl
              + sep
              + "journal_mode=WAL&synchronous=NORMAL&foreign_keys=true&busy_timeout=30000"
              + "&transaction_mode=IMMEDIATE");
      config.setMaximumPoolSize(4);
    } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      engine = Engine.POSTGRESQL;
      config.setJdbcUrl(jdbcUrl);
      config.setMaximumPoolSize(poolSize);
      config.setMinimumIdle(1);
    } else {
      throw new IllegalArgumentException(
          "PAPERBOY_DB_URL must be a jdbc:sqlite: or jdbc:postgresql: URL, not " + jdbcUrl);
    }
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    HikariDataSource ds = new HikariDataSource(config);
    try {
      Flyway.configure()
          .dataSource(ds)
          .locations("classpath:db/migration")
          .javaMigrations(new HashManageTokens())
          .load()
          .migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(ds, engine);
  }

  /** The JDBI handle factory for this database. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** The change counters cached pages follow; one per database, shared by its services. */
  public ChangeCounters changeCounters() {
    return changeCounters;
  }

  /** The engine behind this database. */
  public Engine engine() {
    return engine;
  }

  /** The pooled data source, for code that needs plain JDBC. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The connection pool's live numbers (active, idle, waiting), for metrics. */
  public HikariPoolMXBean pool() {
    return dataSource.getHikariPoolMXBean();
  }

  /** The most connections the pool opens. */
  public int maxPoolSize() {
    return dataSource.getMaximumPoolSize();
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
