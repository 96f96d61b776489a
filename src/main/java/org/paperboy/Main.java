package org.paperboy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.paperboy.community.CommunityException;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.config.Settings;
import org.paperboy.digest.DigestPeriod;
import org.paperboy.digest.Digests;
import org.paperboy.digest.OutboxStatus;
import org.paperboy.ingest.ArxivFetcher;
import org.paperboy.ingest.ImportException;
import org.paperboy.ingest.ImportSummary;
import org.paperboy.ingest.Importer;
import org.paperboy.ingest.OaiHarvester;
import org.paperboy.paper.Catalog;
import org.paperboy.search.PaperSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code paperboy} command line. Exit codes: 0 done, 1 failed, 2 bad usage, 3 done but some
 * records were skipped as bad (the summary says which).
 */
@Command(
    name = "paperboy",
    mixinStandardHelpOptions = true,
    version = "Paperboy 0.1.0",
    description = "A self-hostable research-paper discovery site.",
    subcommands = {
      Main.Serve.class,
      Main.Import.class,
      Main.Harvest.class,
      Main.Reindex.class,
      Main.Fetch.class,
      Main.Stats.class,
      Main.UserCommand.class,
      Main.DigestCommand.class,
      BackupCommands.Backup.class,
      BackupCommands.Restore.class,
      BackupCommands.Migrate.class,
      BackupCommands.Export.class,
      BackupCommands.ImportExport.class,
      JobCommands.Jobs.class,
      JobCommands.HfSync.class,
    })
public final class Main implements Runnable {

  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_SKIPPED = 3;

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("paperboy: " + message(e));
          LOG.debug("failure", e);
          return EXIT_FAILED;
        });
    return cl;
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description =
          "Runs the website on PAPERBOY_PORT (default 8080). On an empty database the first"
              + " start loads a bundled demo set.")
  static final class Serve implements Callable<Integer> {
    @Option(
        names = "--port",
        description = "HTTP port (overrides PAPERBOY_PORT; 0 picks a free one)")
    Integer port;

    @Override
    public Integer call() throws Exception {
      Settings settings = Settings.fromEnvironment();
      settings.warnings().forEach(LOG::warn);
      Paperboy paperboy = Paperboy.create(settings);
      Runtime.getRuntime().addShutdownHook(new Thread(paperboy::close, "paperboy-shutdown"));
      if (settings.demoData()) {
        paperboy.loadDemoData();
      }
      paperboy.serve(port != null ? port : settings.port());
      LOG.info(
          "Paperboy is serving http://localhost:{}/ (data in {})",
          paperboy.port(),
          settings.dataDir().toAbsolutePath().normalize());
      Thread.currentThread().join();
      return EXIT_OK;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Imports paper files into the catalog; the format is detected from the content, gzip or"
            + " plain. A directory imports every file in it, in name order.",
        "Formats: arXiv OAI-PMH (arXiv, arXivRaw), arXiv API Atom, Kaggle arXiv snapshot JSON"
            + " lines, Hugging Face daily_papers JSON, daily arXiv JSON lines, daily-list page"
            + " text.",
        "Exit code 3 means the import finished but skipped bad records."
      })
  static final class Import implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "files or directories")
    List<Path> files;

    @Option(names = "--dry-run", description = "only read and check the files; store nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
      Settings settings = Settings.fromEnvironment();
      Clock clock = Clock.systemUTC();
      List<Path> all = new ArrayList<>();
      for (Path f : files) {
        if (Files.isDirectory(f)) {
          try (Stream<Path> s = Files.list(f)) {
            s.filter(Files::isRegularFile)
                .filter(p -> !p.getFileName().toString().endsWith(".csv"))
                .sorted()
                .forEach(all::add);
          }
        } else {
          all.add(f);
        }
      }
      try (Paperboy paperboy =
          dryRun ? null : Paperboy.builder(settings).index(Paperboy.IndexUse.IF_FREE).build()) {
        Importer importer = dryRun ? Importer.dryRun(clock) : paperboy.importer();
        long added = 0;
        long updated = 0;
        long unchanged = 0;
        long skipped = 0;
        int failed = 0;
        // The index follows the import on the other core, unless a running server holds it;
        // closing it indexes the rest and commits.
        PaperSearch.Following following =
            dryRun ? null : paperboy.search().map(PaperSearch::follow).orElse(null);
        try (following) {
          for (Path f : all) {
            try {
              ImportSummary s = importer.importFile(f);
              System.out.println(s);
              added += s.added();
              updated += s.updated();
              unchanged += s.unchanged();
              skipped += s.skipped();
            } catch (ImportException e) {
              failed++;
              System.err.println("paperboy: " + e.getMessage());
              if (e.partial() != null) {
                System.err.println("  before that: " + e.partial());
              }
            }
          }
        }
        if (all.size() > 1) {
          System.out.printf(
              "total: %d files (%d failed): %d new, %d updated, %d unchanged, %d skipped%n",
              all.size(), failed, added, updated, unchanged, skipped);
        }
        if (!dryRun) {
          updateIndex(paperboy);
        }
        if (failed > 0) {
          return EXIT_FAILED;
        }
        return skipped > 0 ? EXIT_SKIPPED : EXIT_OK;
      }
    }
  }

  /**
   * Brings the search index up to date after an import, unless a running server holds it (the
   * server follows the catalog itself within seconds).
   */
  static void updateIndex(Paperboy paperboy) throws IOException {
    Optional<PaperSearch> search = paperboy.search();
    if (search.isEmpty()) {
      System.out.println(
          "search index: in use by a running server, which will pick up the changes");
      return;
    }
    PaperSearch.Status status = search.get().status();
    System.out.printf(
        "search index: up to date, %d papers (%d embedded; serve embeds the rest)%n",
        status.papers(), status.embedded());
  }

  @Command(
      name = "reindex",
      mixinStandardHelpOptions = true,
      description = {
        "Rebuilds the search index (PAPERBOY_DATA/index) from the database. Vectors of papers"
            + " whose title and abstract did not change are kept.",
        "With --embed, also embeds every paper that has no vector yet (serve does this in the"
            + " background otherwise). Stop a running serve first: one process owns the index."
      })
  static final class Reindex implements Callable<Integer> {
    @Option(names = "--embed", description = "embed missing vectors now, with progress")
    boolean embed;

    @Override
    public Integer call() throws Exception {
      try (Paperboy paperboy = Paperboy.create(Settings.fromEnvironment())) {
        PaperSearch search = paperboy.search().orElseThrow();
        long total = paperboy.catalog().stats().papers();
        long t0 = System.nanoTime();
        int indexed = search.rebuild(n -> progress("indexed", n, total, t0));
        System.out.printf(
            "%nindexed %d papers in %.1f s%n", indexed, (System.nanoTime() - t0) / 1e9);
        if (embed) {
          PaperSearch.Status status = search.status();
          long pending = status.papers() - status.embedded();
          long t1 = System.nanoTime();
          int done =
              search.embedPending(Integer.MAX_VALUE, n -> progress("embedded", n, pending, t1));
          System.out.printf(
              "%nembedded %d papers with %s in %.1f s%n",
              done, status.model(), (System.nanoTime() - t1) / 1e9);
        }
        return EXIT_OK;
      }
    }

    private static void progress(String verb, long n, long total, long startNanos) {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      System.out.printf(
          "\r%s %d of %d papers (%.0f per second)", verb, n, total, n / Math.max(seconds, 1e-3));
      System.out.flush();
    }
  }

  @Command(
      name = "harvest",
      mixinStandardHelpOptions = true,
      description = {
        "Harvests new and changed arXiv papers through OAI-PMH (PAPERBOY_OAI_URL), set by set,"
            + " from where the last harvest stopped (7 days back the first time).",
        "Waits PAPERBOY_HARVEST_DELAY between requests and honours 503 Retry-After; after a"
            + " crash the next run resumes from the stored position."
      })
  static final class Harvest implements Callable<Integer> {
    @Option(
        names = "--set",
        split = ",",
        description = "OAI-PMH sets, e.g. cs,math (default: PAPERBOY_HARVEST_SETS)")
    List<String> sets;

    @Option(names = "--from", description = "start date yyyy-mm-dd (default: last position)")
    LocalDate from;

    @Option(names = "--until", description = "end date yyyy-mm-dd (default: today)")
    LocalDate until;

    @Override
    public Integer call() throws Exception {
      Settings settings = Settings.fromEnvironment();
      try (Paperboy paperboy = Paperboy.create(settings)) {
        OaiHarvester.Summary s =
            paperboy.harvester().harvest(sets != null ? sets : settings.harvestSets(), from, until);
        System.out.printf(
            "harvested %d records in %d pages: %d new, %d updated, %d unchanged, %d skipped%n",
            s.records(), s.pages(), s.added(), s.updated(), s.unchanged(), s.skipped());
        return s.skipped() > 0 ? EXIT_SKIPPED : EXIT_OK;
      }
    }
  }

  @Command(
      name = "fetch",
      mixinStandardHelpOptions = true,
      description =
          "Looks papers up through the arXiv API (PAPERBOY_ARXIV_API_URL) and stores them."
              + " Exit code 3 when some ids were not found.")
  static final class Fetch implements Callable<Integer> {
    @Parameters(
        arity = "1..*",
        paramLabel = "ID",
        description = "arXiv ids or URLs, e.g. 2503.11731 or hep-th/9901001v2")
    List<String> ids;

    @Override
    public Integer call() throws Exception {
      try (Paperboy paperboy = Paperboy.create(Settings.fromEnvironment())) {
        ArxivFetcher.Result r = paperboy.fetcher().fetch(ids);
        r.found().forEach((id, outcome) -> System.out.printf("%s: %s%n", id, outcome));
        r.notFound().forEach(id -> System.out.printf("%s: not found on arXiv%n", id));
        return r.notFound().isEmpty() ? EXIT_OK : EXIT_SKIPPED;
      }
    }
  }

  @Command(
      name = "stats",
      mixinStandardHelpOptions = true,
      description = "Prints counts of papers and daily lists.")
  static final class Stats implements Callable<Integer> {
    @Override
    public Integer call() {
      try (Paperboy paperboy = Paperboy.create(Settings.fromEnvironment())) {
        Catalog.Stats s = paperboy.catalog().stats();
        System.out.printf(
            "papers: %d (%d without arXiv id)%ndaily lists: %d days, %d entries, %s to %s%n",
            s.papers(),
            s.localPapers(),
            s.listDays(),
            s.listEntries(),
            s.firstListDate() == null ? "-" : s.firstListDate(),
            s.lastListDate() == null ? "-" : s.lastListDate());
        return EXIT_OK;
      }
    }
  }

  @Command(
      name = "user",
      mixinStandardHelpOptions = true,
      description = "Manages accounts.",
      subcommands = {Main.UserAdd.class})
  static final class UserCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(System.out);
    }
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Makes an account, or changes the role of an existing one. Nobody is mailed; the person"
            + " signs in with a link sent to the address.",
        "The first admin is made this way: paperboy user add --admin you@example.org"
      })
  static final class UserAdd implements Callable<Integer> {
    @Parameters(paramLabel = "EMAIL", description = "the address the account signs in with")
    String email;

    @Option(names = "--name", description = "display name (default: a random reader-… name)")
    String name;

    @ArgGroup(exclusive = true)
    RoleFlag role;

    static final class RoleFlag {
      @Option(names = "--admin", description = "make the account an admin")
      boolean admin;

      @Option(names = "--curator", description = "make the account a curator")
      boolean curator;
    }

    @Override
    public Integer call() {
      return add(Settings.fromEnvironment());
    }

    int add(Settings settings) {
      Role r = Role.READER;
      if (role != null) {
        r = role.admin ? Role.ADMIN : Role.CURATOR;
      }
      try (Paperboy paperboy = Paperboy.create(settings)) {
        User user = paperboy.community().accounts().add(email, name, r);
        System.out.printf("%s: %s, shown as %s%n", user.email(), user.role(), user.displayName());
        return EXIT_OK;
      } catch (CommunityException e) {
        System.err.println("paperboy: " + e.getMessage());
        return EXIT_USAGE;
      }
    }
  }

  @Command(
      name = "digest",
      mixinStandardHelpOptions = true,
      description = "Email digests.",
      subcommands = {Main.DigestSend.class})
  static final class DigestCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(System.out);
    }
  }

  @Command(
      name = "send",
      mixinStandardHelpOptions = true,
      description = {
        "Runs the digest once by hand: plans the period (unless it was planned before), chooses"
            + " each subscriber's papers and sends what is due, as the schedule in `serve` does."
            + " Safe to repeat: nobody gets a period's digest twice.",
        "Without --period: the latest daily and weekly periods that are due now."
      })
  static final class DigestSend implements Callable<Integer> {
    @Option(
        names = "--period",
        paramLabel = "PERIOD",
        description =
            "daily:yyyy-mm-dd (that weekday's list) or weekly:yyyy-Www (that ISO week;"
                + " weekly:yyyy-mm-dd names the week of that day)")
    String period;

    @Option(
        names = "--dry-run",
        description = "print what would be sent to whom; write and send nothing")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
      return send(Settings.fromEnvironment(), Clock.systemUTC());
    }

    int send(Settings settings, Clock clock) throws IOException {
      try (Paperboy paperboy =
          Paperboy.builder(settings).clock(clock).index(Paperboy.IndexUse.IF_FREE).build()) {
        if (paperboy.search().isEmpty()) {
          System.err.println(
              "search index: in use by a running server; picks match topic words instead of"
                  + " embeddings");
        }
        Digests digests = paperboy.digests();
        List<DigestPeriod> periods;
        try {
          periods = period == null ? digests.duePeriods() : List.of(digests.period(period));
        } catch (IllegalArgumentException e) {
          System.err.println("paperboy: " + e.getMessage());
          return EXIT_USAGE;
        }
        for (DigestPeriod p : periods) {
          if (dryRun) {
            printPreview(p, digests.dryRun(p), paperboy.catalog());
          } else {
            Digests.Report r = digests.run(p);
            System.out.printf(
                "%s (papers of %s to %s): %s, %d composed (%d empty, not"
                    + " sent) in %d ms; %d sent, %d to retry, %d bounced, %d failed in %d ms%n",
                r.period(),
                p.from(),
                p.to(),
                r.planned() < 0
                    ? "planned before (finishing what is left)"
                    : r.planned() + " subscribers planned",
                r.composed(),
                r.empty(),
                r.composeMillis(),
                r.sent(),
                r.retried(),
                r.bounced(),
                r.failed(),
                r.sendMillis());
          }
        }
        return EXIT_OK;
      }
    }

    private static void printPreview(
        DigestPeriod p, List<Digests.Preview> previews, Catalog catalog) {
      int sending = 0;
      boolean plannedBefore = false;
      for (Digests.Preview v : previews) {
        OutboxStatus status = v.status();
        plannedBefore |= status != null;
        boolean open =
            status == null
                || status == OutboxStatus.PENDING
                || status == OutboxStatus.COMPOSING
                || status == OutboxStatus.READY;
        if (status == OutboxStatus.EMPTY || open && v.trending().isEmpty() && v.picks().isEmpty()) {
          System.out.printf("%s: nothing new, no mail%n", v.email());
          continue;
        }
        if (open) {
          sending++;
          System.out.printf("%s: \"%s\"%n", v.email(), v.subject());
        } else {
          System.out.printf(
              "%s: \"%s\" already %s, not sent again%n",
              v.email(), v.subject(), status.name().toLowerCase(Locale.ROOT));
        }
        for (String id : v.trending()) {
          System.out.printf("  trending  %s  %s%n", id, title(catalog, id));
        }
        for (String id : v.picks()) {
          System.out.printf("  for you   %s  %s%n", id, title(catalog, id));
        }
      }
      System.out.printf(
          "%s (papers of %s to %s, %s): %s would send %d of %d %s a digest (dry run: nothing"
              + " written or sent)%n",
          p.key(),
          p.from(),
          p.to(),
          p.label(),
          plannedBefore ? "planned before; a run now" : "a run now",
          sending,
          previews.size(),
          plannedBefore ? "planned subscribers" : "confirmed subscribers");
    }

    private static String title(Catalog catalog, String id) {
      return catalog.find(id).map(x -> x.title().replaceAll("\\s+", " ")).orElse("");
    }
  }
}
