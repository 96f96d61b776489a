package org.paperboy.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.paperboy.config.Settings;
import org.paperboy.store.Database;

/**
 * Copies of a whole instance: {@link #backup} (a consistent SQLite file, made while {@code serve}
 * keeps writing), {@link #restore} (such a file into an empty data directory, or into an empty
 * PostgreSQL database), and {@link #migrate} (every table into an empty PostgreSQL database, row
 * counts verified). The search index is never copied: it is derived from the database and rebuilt
 * when the restored instance opens it.
 *
 * <p>The backup uses SQLite's {@code VACUUM INTO}, which reads one snapshot of the database inside
 * a read transaction (in WAL mode writers go on meanwhile) and writes a compact copy; a plain file
 * copy of a database in WAL mode is not a backup, as the last commits may still be in the WAL file.
 * PostgreSQL has its own tools ({@code pg_dump}); {@link #pgDumpCommand} says which.
 */
public final class Backups {

  /** What a copy of tables did: rows per table in both databases. */
  public record Copied(Map<String, Long> source, Map<String, Long> target) {
    /** Whether every table has as many rows in the target as in the source. */
    public boolean verified() {
      return source.equals(target);
    }

    /** All rows copied. */
    public long rows() {
      return target.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final Database database;
  private final Path secretKey;

  /**
   * Copies of this database; {@code secretKey} is the instance's key file, copied beside each
   * backup (subscription links are derived from it, so a restore without it breaks them).
   */
  public Backups(Database database, Path secretKey) {
    this.database = database;
    this.secretKey = secretKey;
  }

  /** Where a backup's copy of the secret key goes: beside it, {@code FILE.secret.key}. */
  public static Path keyBeside(Path backup) {
    return backup.resolveSibling(backup.getFileName() + ".secret.key");
  }

  /**
   * Writes a consistent copy of the SQLite database to {@code file} (which must not exist) while
   * the instance keeps running.
   *
   * @throws IllegalStateException on PostgreSQL, whose backups are {@code pg_dump}'s job
   */
  public void backup(Path file) throws IOException {
    if (database.engine() != Database.Engine.SQLITE) {
      throw new IllegalStateException(
          "this instance runs on PostgreSQL: back it up with pg_dump, e.g. " + pgDumpCommand(file));
    }
    Path target = file.toAbsolutePath().normalize();
    if (Files.exists(target)) {
      throw new IOException(target + " exists already; give a new file name");
    }
    if (target.getParent() != null) {
      Files.createDirectories(target.getParent());
    }
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
      s.setString(1, target.toString());
      s.execute();
    } catch (SQLException e) {
      Files.deleteIfExists(target);
      throw new IOException("the backup to " + target + " failed: " + e.getMessage(), e);
    }
    if (secretKey != null && Files.exists(secretKey)) {
      Files.copy(secretKey, keyBeside(target), StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  /** The {@code pg_dump} command that backs up the PostgreSQL database of this instance. */
  public String pgDumpCommand(Path file) {
    String url = "";
    try (Connection c = database.dataSource().getConnection()) {
      url = c.getMetaData().getURL();
    } catch (SQLException e) {
      // the command below still says what to run, without the database name
    }
    String db = url.startsWith("jdbc:") ? url.substring(5) : url;
    // pg_dump takes a libpq URI: postgresql://host:port/db (the JDBC URL without "jdbc:").
    int query = db.indexOf('?');
    return "pg_dump --format=custom --file="
        + file
        + " '"
        + (query < 0 ? db : db.substring(0, query))
        + "'";
  }

  /**
   * Copies every table of this instance into the empty PostgreSQL database at {@code url} (migrated
   * first, by the same Flyway scripts) and compares row counts. A SQLite source is read from a
   * snapshot ({@code VACUUM INTO} a temporary file), so {@code serve} may keep running; what it
   * writes after the snapshot is not copied.
   */
  public Copied migrate(String url, String user, String password, BiConsumer<String, Long> progress)
      throws IOException {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "migrate copies into PostgreSQL: give a jdbc:postgresql: URL");
    }
    Path snapshot = null;
    try (Database target = Database.open(url, user, password)) {
      requireEmpty(target);
      if (database.engine() == Database.Engine.SQLITE) {
        snapshot = Files.createTempFile("paperboy-migrate-", ".db");
        Files.delete(snapshot);
        backup(snapshot);
        try (Connection from = DriverManager.getConnection("jdbc:sqlite:" + snapshot)) {
          return copyAll(from, target, progress);
        }
      }
      try (Connection from = database.dataSource().getConnection()) {
        return copyAll(from, target, progress);
      }
    } catch (SQLException e) {
      throw new IOException("the migration failed: " + e.getMessage(), e);
    } finally {
      if (snapshot != null) {
        Files.deleteIfExists(snapshot);
      }
    }
  }

  /**
   * Restores a backup made by {@link #backup} into the instance the settings describe, which must
   * be empty: on SQLite the file becomes the data directory's database (migrated to the current
   * schema when the instance opens it), on PostgreSQL its tables are copied in. Returns the rows
   * restored per table.
   */
  public static Copied restore(Path file, Settings settings, BiConsumer<String, Long> progress)
      throws IOException {
    Path source = file.toAbsolutePath().normalize();
    Map<String, Long> counts;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + source + "?mode=ro")) {
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '"
                      + Tables.FLYWAY
                      + "'")) {
        rs.next();
        if (rs.getInt(1) == 0) {
          throw new IOException(source + " is not a Paperboy backup (no schema history)");
        }
      }
      counts = Tables.counts(c, Tables.ordered(c));
    } catch (SQLException e) {
      throw new IOException(source + " is not a Paperboy backup: " + e.getMessage(), e);
    }
    if (settings.dbUrl() != null) {
      try (Database target =
              Database.open(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
          Connection from =
              DriverManager.getConnection("jdbc:sqlite:file:" + source + "?mode=ro")) {
        requireEmpty(target);
        Copied copied = copyAll(from, target, progress);
        restoreKey(source, settings);
        return copied;
      } catch (SQLException e) {
        throw new IOException("the restore failed: " + e.getMessage(), e);
      }
    }
    Path db = settings.sqliteFile();
    for (Path existing : List.of(db, Path.of(db + "-wal"))) {
      if (Files.exists(existing) && Files.size(existing) > 0) {
        throw new IOException(
            existing
                + " exists: restore into an empty data directory (PAPERBOY_DATA), or move it away"
                + " first");
      }
    }
    Files.createDirectories(db.getParent());
    Path partial = db.resolveSibling(db.getFileName() + ".restoring");
    Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
    Files.move(partial, db, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    restoreKey(source, settings);
    deleteTree(settings.indexDir());
    return new Copied(counts, counts);
  }

  /** Puts the key saved beside a backup into the data directory, unless one is there already. */
  private static void restoreKey(Path backup, Settings settings) throws IOException {
    Path saved = keyBeside(backup);
    Path key = settings.secretKeyFile();
    if (Files.exists(saved) && !Files.exists(key)) {
      Files.createDirectories(key.getParent());
      Files.copy(saved, key, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  private static Copied copyAll(Connection from, Database target, BiConsumer<String, Long> progress)
      throws SQLException {
    try (Connection to = target.dataSource().getConnection()) {
      List<String> tables = Tables.ordered(from);
      List<String> targetTables = Tables.ordered(to);
      if (!targetTables.containsAll(tables)) {
        throw new SQLException(
            "the target lacks tables "
                + tables.stream().filter(t -> !targetTables.contains(t)).toList());
      }
      // Migrations seed a few rows (the change counters); the copy brings the source's instead.
      try (Statement s = to.createStatement()) {
        for (int i = tables.size() - 1; i >= 0; i--) {
          s.executeUpdate("DELETE FROM " + tables.get(i));
        }
      }
      for (String t : tables) {
        Tables.copy(from, to, t, progress);
      }
      return new Copied(Tables.counts(from, tables), Tables.counts(to, tables));
    }
  }

  /** Refuses a target that holds papers, accounts or subscriptions: a copy never merges. */
  private static void requireEmpty(Database target) throws IOException {
    try (Connection c = target.dataSource().getConnection()) {
      Map<String, Long> held = new LinkedHashMap<>();
      Tables.counts(c, List.of("papers", "users", "subscriptions"))
          .forEach(
              (t, n) -> {
                if (n > 0) {
                  held.put(t, n);
                }
              });
      if (!held.isEmpty()) {
        throw new IOException("the target database is not empty (" + held + "); give an empty one");
      }
    } catch (SQLException e) {
      throw new IOException("cannot read the target database: " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
