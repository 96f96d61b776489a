package org.paperboy;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.paperboy.backup.Backups;
import org.paperboy.backup.CommunityExport;
import org.paperboy.config.Settings;
import org.paperboy.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that copy an instance: backup, restore, migrate, export and its import. */
final class BackupCommands {

  private BackupCommands() {}

  @Command(
      name = "backup",
      mixinStandardHelpOptions = true,
      description = {
        "Writes a consistent copy of the SQLite database to FILE while serve keeps running"
            + " (SQLite's VACUUM INTO). The search index is not copied: it is rebuilt from the"
            + " database on restore.",
        "On PostgreSQL, prints the pg_dump command to use instead (exit code 1)."
      })
  static final class Backup implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "a new file, e.g. paperboy-2026-12-04.db")
    Path file;

    @Override
    public Integer call() throws Exception {
      try (Paperboy paperboy = Paperboy.create(Settings.fromEnvironment())) {
        Backups backups = paperboy.backups();
        if (paperboy.database().engine() != Database.Engine.SQLITE) {
          System.err.println(
              "paperboy: this instance runs on PostgreSQL; back it up with pg_dump:");
          System.err.println("  " + backups.pgDumpCommand(file));
          return Main.EXIT_FAILED;
        }
        long t0 = System.nanoTime();
        backups.backup(file);
        System.out.printf(
            "backup: %s (%,d bytes) in %.1f s%n",
            file, java.nio.file.Files.size(file), (System.nanoTime() - t0) / 1e9);
        return Main.EXIT_OK;
      }
    }
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = {
        "Restores a backup FILE into an empty instance: the data directory's database on SQLite,"
            + " or the empty PostgreSQL database PAPERBOY_DB_URL names. Then rebuilds the search"
            + " index from it (serve embeds the papers again in the background)."
      })
  static final class Restore implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "a file written by paperboy backup")
    Path file;

    @Override
    public Integer call() throws Exception {
      Settings settings = Settings.fromEnvironment();
      Backups.Copied copied = Backups.restore(file, settings, progress());
      System.out.printf(
          "%nrestored %,d rows in %d tables%n", copied.rows(), copied.source().size());
      try (Paperboy paperboy = Paperboy.create(settings)) {
        var status = paperboy.search().orElseThrow().status();
        System.out.printf(
            "search index: rebuilt, %d papers (serve embeds them in the background)%n",
            status.papers());
      }
      return Main.EXIT_OK;
    }
  }

  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      description = {
        "Copies this whole instance (catalog, lists, community, subscriptions, digest history)"
            + " into an empty PostgreSQL database and verifies the row count of every table. The"
            + " source is read from a snapshot, so serve may keep running; stop it before"
            + " switching PAPERBOY_DB_URL to the new database, or writes made since are lost.",
        "The password comes from the URL or the PGPASSWORD environment variable."
      })
  static final class Migrate implements Callable<Integer> {
    @Option(
        names = "--to",
        required = true,
        paramLabel = "URL",
        description = "e.g. jdbc:postgresql://localhost:5432/paperboy")
    String url;

    @Option(names = "--user", description = "database user (default: from the URL)")
    String user;

    @Override
    public Integer call() throws Exception {
      try (Paperboy paperboy = Paperboy.create(Settings.fromEnvironment())) {
        long t0 = System.nanoTime();
        Backups.Copied copied =
            paperboy.backups().migrate(url, user, System.getenv("PGPASSWORD"), progress());
        System.out.printf(
            "%ncopied %,d rows in %d tables in %.1f s%n",
            copied.rows(), copied.target().size(), (System.nanoTime() - t0) / 1e9);
        for (Map.Entry<String, Long> e : copied.source().entrySet()) {
          Long there = copied.target().get(e.getKey());
          System.out.printf(
              "  %-22s %,10d %s%n",
              e.getKey(),
              there,
              e.getValue().equals(there) ? "ok" : "but " + e.getValue() + " here");
        }
        if (!copied.verified()) {
          System.err.println("paperboy: row counts differ; do not switch to the new database");
          return Main.EXIT_FAILED;
        }
        System.out.println(
            "row counts verified. Stop serve, set PAPERBOY_DB_URL=" + url + " and start it again.");
        return Main.EXIT_OK;
      }
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Writes everything people made here (accounts, votes, comments, collections,"
              + " subscriptions, curation) into DIR as JSON Lines, for paperboy import-export on"
              + " another instance.")
  static final class Export implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "a new or empty directory")
    Path dir;

    @Override
    public Integer call() throws Exception {
      try (Paperboy paperboy = Paperboy.create(Settings.fromEnvironment())) {
        Map<String, Long> rows = paperboy.communityExport().export(dir);
        rows.forEach((file, n) -> System.out.printf("  %-20s %,d%n", file + ".jsonl", n));
        System.out.printf("exported to %s%n", dir);
        return Main.EXIT_OK;
      }
    }
  }

  @Command(
      name = "import-export",
      mixinStandardHelpOptions = true,
      description = {
        "Reads an export written by paperboy export into this instance. Rows already here are"
            + " kept; accounts and subscriptions with an address already here are joined to it;"
            + " rows about papers this catalog lacks are skipped (import those papers first).",
        "Exit code 3 when some rows were skipped."
      })
  static final class ImportExport implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "a directory written by paperboy export")
    Path dir;

    @Override
    public Integer call() throws Exception {
      try (Paperboy paperboy = Paperboy.create(Settings.fromEnvironment())) {
        CommunityExport.Imported r = paperboy.communityExport().importFrom(dir);
        int skipped = 0;
        for (String kind : r.added().keySet()) {
          System.out.printf(
              "  %-20s %,d added, %,d already here, %,d skipped (paper not here)%n",
              kind, r.added().get(kind), r.kept().get(kind), r.skipped().get(kind));
          skipped += r.skipped().get(kind);
        }
        return skipped > 0 ? Main.EXIT_SKIPPED : Main.EXIT_OK;
      }
    }
  }

  /** Rows copied per table: a line updated in place on a terminal, a line per 50,000 otherwise. */
  private static BiConsumer<String, Long> progress() {
    boolean terminal = System.console() != null;
    return (table, rows) -> {
      if (terminal) {
        System.out.printf("\r  %-22s %,10d rows", table, rows);
        System.out.flush();
      } else if (rows > 0 && rows % 50_000 == 0) {
        System.out.printf("  %-22s %,10d rows so far%n", table, rows);
      }
    };
  }
}
