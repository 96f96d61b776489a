package org.paperboy;

import com.zaxxer.hikari.HikariPoolMXBean;
import io.javalin.Javalin;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.paperboy.backup.Backups;
import org.paperboy.backup.CommunityExport;
import org.paperboy.community.Accounts;
import org.paperboy.community.Comments;
import org.paperboy.community.Curation;
import org.paperboy.community.MergedPapers;
import org.paperboy.community.Moderation;
import org.paperboy.community.PaperCollections;
import org.paperboy.community.PaperLookup;
import org.paperboy.community.RateLimiter;
import org.paperboy.community.Sessions;
import org.paperboy.community.SignIn;
import org.paperboy.community.Submissions;
import org.paperboy.community.TokenKey;
import org.paperboy.community.Votes;
import org.paperboy.community.Writes;
import org.paperboy.config.Settings;
import org.paperboy.digest.DigestOptions;
import org.paperboy.digest.Digests;
import org.paperboy.digest.OutboxStatus;
import org.paperboy.foryou.FeedTokens;
import org.paperboy.foryou.FollowNews;
import org.paperboy.foryou.Follows;
import org.paperboy.foryou.ForYou;
import org.paperboy.ingest.ArxivFetcher;
import org.paperboy.ingest.CategoryFiller;
import org.paperboy.ingest.HfFollower;
import org.paperboy.ingest.Importer;
import org.paperboy.ingest.OaiHarvester;
import org.paperboy.ingest.Sleeper;
import org.paperboy.ingest.TitleMatcher;
import org.paperboy.jobs.Housekeeping;
import org.paperboy.jobs.Job;
import org.paperboy.jobs.Schedule;
import org.paperboy.jobs.Scheduler;
import org.paperboy.lists.Lists;
import org.paperboy.mail.Mailer;
import org.paperboy.ops.BackgroundTask;
import org.paperboy.ops.Health;
import org.paperboy.ops.Metrics;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.HarvestLog;
import org.paperboy.paper.IndexNodes;
import org.paperboy.paper.PaperVectors;
import org.paperboy.search.IndexCopies;
import org.paperboy.search.PaperSearch;
import org.paperboy.search.StoredVectors;
import org.paperboy.store.Database;
import org.paperboy.web.Community;
import org.paperboy.web.WebApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every service once, from the settings, in dependency order (the
 * database, the catalog, the mailer, the community, the lists, the digest), opens the search index
 * when asked, and stops what it started in reverse order, each step within {@link #STOP_TIMEOUT}.
 * {@code serve}, every command, the tests' sites and the benchmarks build Paperboy here; no other
 * class builds another package's services.
 *
 * <p>The search index is opened on first use ({@link #search()}), so commands that do not search
 * ({@code stats}, {@code user add}) never touch it; one process owns an index at a time, and {@link
 * Builder#index(IndexUse)} says what to do when another holds it.
 */
public final class Paperboy implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Paperboy.class);

  /** The longest each service may take to stop before the next one is stopped anyway. */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  /** The bundled demo set loaded into an empty database: the seed page and a week of lists. */
  static final List<String> DEMO_FILES =
      List.of(
          "demo/seed-page.txt",
          "demo/hf-2026-06-24.json.gz",
          "demo/hf-2026-06-25.json.gz",
          "demo/hf-2026-06-26.json.gz",
          "demo/hf-2026-06-29.json.gz",
          "demo/hf-2026-06-30.json.gz");

  /** How the search index is opened. */
  public enum IndexUse {
    /** Open it, waiting for no one: this process owns it ({@code serve}, {@code reindex}). */
    OWN,
    /**
     * Open it only if no running server holds it; otherwise go without ({@code import}, {@code
     * digest send}).
     */
    IF_FREE
  }

  /** Builds a Paperboy; only the settings are required. */
  public static final class Builder {
    private final Settings settings;
    private Clock clock = Clock.systemUTC();
    private Mailer mailer;
    private PaperLookup lookup;
    private IndexUse index = IndexUse.OWN;
    private boolean jobs = true;
    private Sleeper sleeper = Sleeper.system();

    private Builder(Settings settings) {
      this.settings = settings;
    }

    /** The clock every service reads time from (a fixed or movable one in tests). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sends mail through this mailer instead of the one the settings name (SMTP or the outbox
     * folder): a recording one in tests.
     */
    public Builder mailer(Mailer mailer) {
      this.mailer = mailer;
      return this;
    }

    /**
     * Looks up submitted papers the catalog lacks here instead of through the arXiv API the
     * settings name.
     */
    public Builder lookup(PaperLookup lookup) {
      this.lookup = lookup;
      return this;
    }

    /** How the search index is opened (default {@link IndexUse#OWN}). */
    public Builder index(IndexUse index) {
      this.index = index;
      return this;
    }

    /**
     * Whether {@link #serve} starts the background jobs (the index following the catalog and
     * embedding, the digest schedule); default yes. Without them a site serves what it has and
     * whoever runs it drives the jobs by hand, as the tests do.
     */
    public Builder jobs(boolean jobs) {
      this.jobs = jobs;
      return this;
    }

    /**
     * Waits between outbound requests of the jobs through this sleeper (a recording one in tests).
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /** Opens the database and builds the services. */
    public Paperboy build() {
      return new Paperboy(this);
    }
  }

  private final Settings settings;
  private final Clock clock;
  private final IndexUse indexUse;
  private final boolean jobs;
  private final Database database;
  private final Catalog catalog;
  private final PaperVectors vectors;
  private final Mailer mailer;
  private final Community community;
  private final Lists lists;
  private final Metrics metrics;
  private final List<org.paperboy.ops.Job> jobsRunning = new ArrayList<>();
  private final Scheduler scheduler;
  private final Sleeper sleeper;
  private final ArxivFetcher arxiv;
  private final Deque<Stop> started = new ArrayDeque<>();
  private java.util.concurrent.ScheduledExecutorService lookups;
  private PaperSearch search;
  private boolean searchOpened;
  private Javalin web;

  /** One thing to stop, in reverse order of starting. */
  private record Stop(String name, AutoCloseable action) {}

  private Paperboy(Builder b) {
    this.settings = b.settings;
    this.clock = b.clock;
    this.indexUse = b.index;
    this.jobs = b.jobs;
    this.sleeper = b.sleeper;
    this.database = Database.open(settings);
    started.push(new Stop("database", database::close));
    this.catalog = new Catalog(database, clock);
    this.vectors = new PaperVectors(database, clock);
    catalog.onAbsorb(new MergedPapers());
    catalog.onAbsorb(Digests::moveSentPapers);
    this.mailer = b.mailer != null ? b.mailer : Mailer.from(settings, clock);
    // One arXiv API client for the jobs and the submissions: one polite pace for all of them.
    this.arxiv = ArxivFetcher.create(settings, catalog, sleeper);
    PaperLookup lookup = b.lookup != null ? b.lookup : arxivLookup(arxiv);
    Writes writes = new Writes(database, settings.operations().accountsPerClient(), clock);
    Accounts accounts = new Accounts(database, writes, clock);
    Sessions sessions = new Sessions(database, clock);
    Votes votes = new Votes(database, writes, clock);
    Comments comments = new Comments(database, writes, clock);
    Curation curation = new Curation(database, catalog, clock);
    this.lists =
        new Lists(
            catalog,
            votes,
            comments,
            curation,
            clock,
            settings.jobs().dailyList() == Settings.DailyList.ARXIV ? settings::harvests : null);
    // A digest run in a process without the index (beside a running serve) reads the vectors from
    // the database; the model is loaded only if a subscriber's topics need embedding.
    StoredVectors storedVectors = new StoredVectors(vectors);
    started.push(new Stop("embedding model for digests", storedVectors::close));
    ForYou forYou =
        new ForYou(
            database,
            catalog,
            new Follows(database, this::searchOrNull, clock),
            this::searchOrNull,
            clock);
    Digests digests =
        Digests.create(
            database.jdbi(),
            catalog,
            lists,
            this::searchOrNull,
            storedVectors,
            mailer,
            votes,
            new RateLimiter(database, clock),
            digestOptions(settings),
            clock,
            forYou);
    this.community =
        new Community(
            accounts,
            new SignIn(database, accounts, sessions, mailer, settings.baseUrl(), clock),
            sessions,
            votes,
            new Submissions(database, catalog, lookup, settings.submitMaxAgeDays(), writes, clock),
            curation,
            comments,
            new PaperCollections(database, catalog, writes, clock),
            new Moderation(database, accounts),
            digests,
            () -> database.changeCounters().read().community(),
            forYou,
            new FollowNews(database, forYou, clock),
            new FeedTokens(database, TokenKey.load(settings.secretKeyFile()), clock),
            new CommunityExport(database, clock));
    this.metrics = settings.operations().metrics() ? Metrics.on() : Metrics.off();
    started.push(new Stop("metrics", metrics::close));
    measure(metrics.registry(), database, digests);
    Gauge.builder(
            "paperboy.submissions.pending", community.submissions(), Submissions::pendingCount)
        .description("Submissions waiting for their arXiv lookup")
        .register(metrics.registry());
    this.scheduler = buildScheduler();
  }

  /** A builder on these settings. */
  public static Builder builder(Settings settings) {
    return new Builder(settings);
  }

  /** Paperboy on these settings, as the commands run it. */
  public static Paperboy create(Settings settings) {
    return builder(settings).build();
  }

  public Settings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
  }

  public Database database() {
    return database;
  }

  public Catalog catalog() {
    return catalog;
  }

  public Mailer mailer() {
    return mailer;
  }

  /** The lists every view reads: pages, API, feeds and digests. */
  public Lists lists() {
    return lists;
  }

  /** Accounts, votes, comments, curation, collections, moderation and digests. */
  public Community community() {
    return community;
  }

  public Digests digests() {
    return community.digests();
  }

  /** Backups of this instance's database and its migration to PostgreSQL. */
  public Backups backups() {
    return new Backups(database, settings.secretKeyFile());
  }

  /** The export of everything people made here, and its import. */
  public CommunityExport communityExport() {
    return new CommunityExport(database, clock);
  }

  /**
   * The search index, opened on first use and brought up to date with the catalog; empty when it is
   * opened {@link IndexUse#IF_FREE} and a running server holds it.
   */
  public synchronized Optional<PaperSearch> search() {
    if (!searchOpened) {
      searchOpened = true;
      try {
        IndexCopies copies =
            settings.operations().indexCopy()
                ? IndexCopies.between(new IndexNodes(database, clock), settings.secretKeyFile())
                : IndexCopies.NONE;
        search =
            indexUse == IndexUse.OWN
                ? PaperSearch.open(
                    settings.indexDir(), catalog, vectors, settings.embeddingModel(), copies)
                : PaperSearch.openIfFree(
                        settings.indexDir(), catalog, vectors, settings.embeddingModel(), copies)
                    .orElse(null);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the search index in " + settings.indexDir(), e);
      }
      if (search != null) {
        started.push(new Stop("search index", search::close));
        search.measure(metrics.registry());
      }
    }
    return Optional.ofNullable(search);
  }

  private PaperSearch searchOrNull() {
    return search().orElse(null);
  }

  /** An importer into the catalog. */
  public Importer importer() {
    return new Importer(catalog, clock);
  }

  /** The OAI-PMH harvester of the settings' arXiv endpoint and sets. */
  public OaiHarvester harvester() {
    return OaiHarvester.create(settings, catalog, new HarvestLog(database, clock));
  }

  /**
   * The arXiv API client that looks papers up and stores them: the one the jobs and the submission
   * lookups share.
   */
  public ArxivFetcher fetcher() {
    return arxiv;
  }

  /**
   * Starts working the submissions that wait for an arXiv lookup, on a background thread: at once
   * when a reader submits one, and every {@link #LOOKUP_CHECK} for retries and for rows another
   * node left behind. {@link #serve} starts it when jobs are on; tests without jobs may start it
   * themselves.
   */
  public synchronized void startSubmissionLookups() {
    if (lookups != null) {
      return;
    }
    lookups = BackgroundTask.scheduler("paperboy-submissions");
    java.util.concurrent.ScheduledExecutorService executor = lookups;
    BackgroundTask task =
        new BackgroundTask("Submission lookups", () -> community.submissions().processDue());
    executor.scheduleWithFixedDelay(task, 0, LOOKUP_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    community
        .submissions()
        .onQueued(
            () -> {
              try {
                executor.execute(task);
              } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopping: the row waits in the database for the next start
              }
            });
    started.push(
        new Stop(
            "submission lookups",
            () -> {
              executor.shutdownNow();
              executor.awaitTermination(10, TimeUnit.SECONDS);
            }));
  }

  /** How often the submission lookups check for due rows besides being woken by a submission. */
  static final Duration LOOKUP_CHECK = Duration.ofSeconds(5);

  /** The follower of the settings' Hugging Face instance. */
  public HfFollower hfFollower() {
    return HfFollower.create(settings, catalog, new HarvestLog(database, clock), clock, sleeper);
  }

  /**
   * The background jobs (the Hugging Face follower, the daily arXiv harvest, housekeeping) and
   * where each stands; {@link #serve} starts them when jobs are on.
   */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** The jobs the settings turn on, each on its schedule. */
  private Scheduler buildScheduler() {
    Settings.Jobs j = settings.jobs();
    Scheduler s = new Scheduler(database, clock);
    if (j.followsHf()) {
      HfFollower follower = hfFollower();
      s.add(
          JOB_HF,
          "Hugging Face daily papers from " + j.hfUrl() + ": today and the 7 days before",
          Schedule.every(j.hfInterval()),
          due -> {
            HfFollower.Summary r = follower.poll();
            return new Job.Result(r.added(), r.updated(), r.describe());
          });
    }
    if (j.harvest()) {
      s.add(
          JOB_HARVEST,
          "arXiv OAI-PMH harvest of " + String.join(", ", settings.harvestSets()),
          Schedule.dailyAt(j.harvestAt(), ZoneOffset.UTC),
          due -> {
            OaiHarvester.Summary r = harvester().harvest(settings.harvestSets(), null, null);
            return new Job.Result(
                r.added(), r.updated(), r.records() + " records in " + r.pages() + " pages");
          });
    }
    if (j.harvest() || j.followsHf()) {
      // The shared fetcher: one client, one polite pace for these jobs and the submissions.
      ArxivFetcher fetcher = arxiv;
      CategoryFiller filler = new CategoryFiller(catalog, fetcher);
      s.add(
          JOB_CATEGORIES,
          "arXiv categories for papers that came without (batched arXiv API lookups)",
          Schedule.dailyAt(LocalTime.of(2, 30), ZoneOffset.UTC),
          due -> {
            CategoryFiller.Summary r = filler.run();
            return new Job.Result(
                0,
                r.filled(),
                r.asked()
                    + " papers asked, "
                    + r.filled()
                    + " filled, "
                    + r.notFound()
                    + " unknown");
          });
      TitleMatcher matcher = new TitleMatcher(catalog, fetcher, clock);
      s.add(
          JOB_TITLES,
          "arXiv papers for papers known only by their title (arXiv API title search)",
          Schedule.dailyAt(LocalTime.of(2, 45), ZoneOffset.UTC),
          due -> {
            TitleMatcher.Summary r = matcher.run();
            return new Job.Result(
                0, r.merged(), r.asked() + " titles asked, " + r.merged() + " found and merged");
          });
    }
    s.add(
        JOB_HOUSEKEEPING,
        "purge expired sessions, sign-in and confirmation tokens, rate-limit counts, old digests",
        Schedule.dailyAt(LocalTime.of(3, 0), ZoneOffset.UTC),
        new Housekeeping(
            community.sessions(),
            community.signIn(),
            community.digests(),
            settings.digest().retention()));
    return s;
  }

  /** The scheduled jobs' names, as {@code paperboy jobs run NAME} takes them. */
  static final String JOB_HF = "hf-follow";

  static final String JOB_HARVEST = "harvest";
  static final String JOB_CATEGORIES = "categories";
  static final String JOB_TITLES = "titles";
  static final String JOB_HOUSEKEEPING = "housekeeping";

  /** Fills an empty catalog with the demo set bundled in the jar; returns whether it did. */
  public boolean loadDemoData() throws IOException {
    if (!catalog.isEmpty()) {
      return false;
    }
    Importer importer = importer();
    for (String name : DEMO_FILES) {
      try (InputStream in = Paperboy.class.getClassLoader().getResourceAsStream(name)) {
        if (in == null) {
          throw new IOException("demo file missing from the jar: " + name);
        }
        importer.importStream(in, name);
      }
    }
    Catalog.Stats stats = catalog.stats();
    LOG.info(
        "The database was empty: loaded the bundled demo set ({} papers, {} daily lists from {}"
            + " to {}). Set PAPERBOY_DEMO_DATA=false to start empty.",
        stats.papers(),
        stats.listDays(),
        stats.firstListDate(),
        stats.lastListDate());
    return true;
  }

  /**
   * Starts the site on a port (0 picks a free one): the search index follows the catalog and embeds
   * in the background, the digest schedule checks every minute, and the web app serves. Returns the
   * running app.
   */
  public synchronized Javalin serve(int port) {
    if (web != null) {
      throw new IllegalStateException("already serving on port " + web.port());
    }
    PaperSearch index =
        search().orElseThrow(() -> new IllegalStateException("the search index is in use"));
    if (jobs) {
      // Opening brought the index up to date (keyword search works at once); start() keeps it so
      // and embeds in the background, so semantic search fills in as vectors are made.
      index.start();
      community.digests().start();
      started.push(new Stop("digest schedule", community.digests()::close));
      scheduler.start();
      started.push(new Stop("job scheduler", scheduler));
      startSubmissionLookups();
      jobsRunning.addAll(jobs(index, community.digests()));
      metrics.jobs(jobsRunning, clock);
    }
    web =
        WebApp.create(
            catalog, index, lists, community, scheduler, settings, clock, health(index), metrics);
    started.push(new Stop("web server", web::stop));
    web.start(port);
    if (settings.operations().indexCopy()) {
      index.serveCopiesAt(nodeUrl(web.port()));
    }
    return web;
  }

  /**
   * The address other nodes reach this one at: {@code PAPERBOY_NODE_HOST} or the machine's name, on
   * the port served.
   */
  private URI nodeUrl(int port) {
    String host = settings.operations().nodeHost();
    if (host == null) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "localhost";
      }
    }
    return URI.create("http://" + host.strip() + ":" + port);
  }

  /** The running web app's port. */
  public synchronized int port() {
    if (web == null) {
      throw new IllegalStateException("not serving");
    }
    return web.port();
  }

  /**
   * Stops everything started, newest first (the web server, which stops taking requests and lets
   * running ones finish; the digest schedule, which hands back its leased rows; the search index,
   * which commits; the database), each within {@link #STOP_TIMEOUT} and all within {@code
   * PAPERBOY_SHUTDOWN_TIMEOUT} (a step past it still gets {@link #LAST_STEP} to commit or close): a
   * step that takes longer is logged and left behind so the rest still stops.
   */
  @Override
  public synchronized void close() {
    long deadline = System.nanoTime() + settings.operations().shutdownTimeout().toNanos();
    ExecutorService stopper =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "paperboy-stop");
              t.setDaemon(true);
              return t;
            });
    try {
      while (!started.isEmpty()) {
        Stop stop = started.pop();
        Future<?> done =
            stopper.submit(
                () -> {
                  stop.action().close();
                  return null;
                });
        long wait =
            Math.min(
                STOP_TIMEOUT.toNanos(),
                Math.max(LAST_STEP.toNanos(), deadline - System.nanoTime()));
        try {
          done.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          LOG.warn(
              "Stopping the {} took over {} ms; going on without it",
              stop.name(),
              TimeUnit.NANOSECONDS.toMillis(wait));
          done.cancel(true);
          stopper.shutdownNow();
          stopper = Executors.newSingleThreadExecutor();
        } catch (ExecutionException e) {
          LOG.warn("Stopping the {} failed", stop.name(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          LOG.warn("Interrupted while stopping the {}", stop.name());
        }
      }
    } finally {
      stopper.shutdownNow();
      web = null;
    }
  }

  /** What a step of {@link #close} gets even when the shutdown timeout has passed. */
  static final Duration LAST_STEP = Duration.ofSeconds(1);

  /** The metrics registry: Prometheus text for {@code /metrics}, or a no-op one when off. */
  public Metrics metrics() {
    return metrics;
  }

  /**
   * The readiness checks of a serving instance: the database answers a query, the search index is
   * open, the background jobs run, the data directory is writable with free space.
   */
  private Health health(PaperSearch index) {
    Path dir = settings.dataDir();
    long minFree = settings.operations().minFreeBytes();
    return new Health(clock)
        .add(
            "database",
            () ->
                database.engine().name().toLowerCase(Locale.ROOT)
                    + " answers, "
                    + database
                        .jdbi()
                        .withHandle(h -> h.select("SELECT 1").mapTo(Integer.class).one())
                    + " row")
        .add("searchIndex", () -> index.status().papers() + " papers")
        .add("scheduler", Health.jobs(jobsRunning))
        .add(
            "dataDir",
            () -> {
              Path probe = Files.createTempFile(dir, ".ready", ".tmp");
              Files.delete(probe);
              long free = Files.getFileStore(dir).getUsableSpace();
              if (free < minFree) {
                throw new IOException(
                    dir + " has " + free / (1024 * 1024) + " MB free, under the threshold");
              }
              return "writable, " + free / (1024 * 1024) + " MB free";
            });
  }

  /** The background jobs {@code serve} runs, as health and metrics see them. */
  private List<org.paperboy.ops.Job> jobs(PaperSearch index, Digests digests) {
    List<org.paperboy.ops.Job> out = new ArrayList<>();
    // The scheduled jobs, read from the scheduler's runs in the database (shared by all nodes),
    // at most once a second however many gauges and checks ask.
    java.util.function.Supplier<Map<String, Scheduler.JobState>> states =
        memoized(
            () -> {
              Map<String, Scheduler.JobState> byName = new java.util.HashMap<>();
              scheduler.state().forEach(st -> byName.put(st.name(), st));
              return byName;
            });
    for (String name : scheduler.names()) {
      out.add(
          job(
              name,
              () -> states.get().containsKey(name),
              () -> outcomes(states.get().get(name), Scheduler.Outcome.SUCCEEDED),
              () -> outcomes(states.get().get(name), Scheduler.Outcome.FAILED),
              () ->
                  states.get().get(name) == null
                      ? null
                      : states
                          .get()
                          .get(name)
                          .lastSuccess()
                          .map(Scheduler.Run::finished)
                          .orElse(null)));
    }
    out.addAll(
        List.of(
            job(
                "digests",
                digests::running,
                digests::runsSucceeded,
                digests::runsFailed,
                digests::lastSuccess),
            job(
                "index-sync",
                index::running,
                index::syncsSucceeded,
                index::syncsFailed,
                index::lastSync)));
    return out;
  }

  private static long outcomes(Scheduler.JobState state, Scheduler.Outcome outcome) {
    return state == null ? 0 : state.outcomes().getOrDefault(outcome, 0L);
  }

  /** A supplier that asks {@code source} at most once a second. */
  private static <T> java.util.function.Supplier<T> memoized(
      java.util.function.Supplier<T> source) {
    Object[] cached = new Object[2];
    return () -> {
      synchronized (cached) {
        long now = System.nanoTime();
        if (cached[0] == null || now - (Long) cached[1] > 1_000_000_000L) {
          cached[0] = source.get();
          cached[1] = now;
        }
        @SuppressWarnings("unchecked")
        T value = (T) cached[0];
        return value;
      }
    };
  }

  private static org.paperboy.ops.Job job(
      String name,
      java.util.function.BooleanSupplier running,
      java.util.function.LongSupplier succeeded,
      java.util.function.LongSupplier failed,
      java.util.function.Supplier<Instant> lastSuccess) {
    return new org.paperboy.ops.Job() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean running() {
        return running.getAsBoolean();
      }

      @Override
      public long succeeded() {
        return succeeded.getAsLong();
      }

      @Override
      public long failed() {
        return failed.getAsLong();
      }

      @Override
      public Instant lastSuccess() {
        return lastSuccess.get();
      }
    };
  }

  /**
   * The meters of the database pool and the digest outbox: connections active, idle and waited for;
   * outbox rows per state; delivery attempts per outcome. Database reads are shared by one scrape
   * (a snapshot at most a second old).
   */
  private static void measure(MeterRegistry registry, Database database, Digests digests) {
    HikariPoolMXBean pool = database.pool();
    Gauge.builder("paperboy.db.pool.active", pool, HikariPoolMXBean::getActiveConnections)
        .register(registry);
    Gauge.builder("paperboy.db.pool.idle", pool, HikariPoolMXBean::getIdleConnections)
        .register(registry);
    Gauge.builder("paperboy.db.pool.pending", pool, HikariPoolMXBean::getThreadsAwaitingConnection)
        .description("Threads waiting for a connection")
        .register(registry);
    Gauge.builder("paperboy.db.pool.max", database, Database::maxPoolSize).register(registry);
    Snapshot<Map<OutboxStatus, Integer>> outbox = new Snapshot<>(() -> digests.outboxCounts(null));
    for (OutboxStatus status : OutboxStatus.values()) {
      Gauge.builder("paperboy.digest.outbox", outbox, o -> o.get().getOrDefault(status, 0))
          .tag("state", status.name().toLowerCase(Locale.ROOT))
          .description("Digest outbox rows per state")
          .register(registry);
    }
    Snapshot<Map<String, Long>> deliveries = new Snapshot<>(digests::deliveryCounts);
    for (String outcome : List.of("SENT", "RETRY", "BOUNCED", "FAILED")) {
      FunctionCounter.builder(
              "paperboy.digest.deliveries", deliveries, d -> d.get().getOrDefault(outcome, 0L))
          .tag("outcome", outcome.toLowerCase(Locale.ROOT))
          .description("Digest delivery attempts per outcome")
          .register(registry);
    }
  }

  /** A value read at most once a second, so one scrape's gauges share one query. */
  private static final class Snapshot<T> {
    private final java.util.function.Supplier<T> read;
    private T value;
    private long readAt;

    Snapshot(java.util.function.Supplier<T> read) {
      this.read = read;
    }

    synchronized T get() {
      long now = System.nanoTime();
      if (value == null || now - readAt > 1_000_000_000L) {
        value = read.get();
        readAt = now;
      }
      return value;
    }
  }

  /** The digest's options from the settings. */
  static DigestOptions digestOptions(Settings settings) {
    Settings.Digest d = settings.digest();
    return new DigestOptions(
        settings.baseUrl(),
        d.time(),
        d.zone(),
        d.weeklyDay(),
        d.ratePerSecond(),
        d.unsubscribeMailto() != null ? d.unsubscribeMailto() : address(settings.mailFrom()),
        d.connections(),
        DigestOptions.FIRST_BACKOFF,
        settings.secretKeyFile());
  }

  /** The bare address of {@code Name <address>}. */
  private static String address(String from) {
    try {
      return new InternetAddress(from, true).getAddress();
    } catch (AddressException e) {
      throw new IllegalArgumentException("PAPERBOY_MAIL_FROM is not a mail address: " + from, e);
    }
  }

  /**
   * Submissions of papers not yet in the catalog look them up through the shared arXiv API client
   * (one request under the short lookup timeout); it stores what it finds.
   */
  private static PaperLookup arxivLookup(ArxivFetcher fetcher) {
    return id -> {
      try {
        return fetcher.lookup(id);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while asking arXiv", e);
      }
    };
  }
}
