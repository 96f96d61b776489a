package org.paperboy;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.paperboy.config.Settings;
import org.paperboy.ingest.HfFollower;
import org.paperboy.jobs.Scheduler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The commands about the background jobs: {@code jobs}, {@code jobs run NAME}, {@code hf-sync}. */
final class JobCommands {

  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private JobCommands() {}

  @Command(
      name = "jobs",
      mixinStandardHelpOptions = true,
      description = {
        "Shows the background jobs `serve` runs (the Hugging Face follower, the arXiv harvest,"
            + " housekeeping): last run, outcome, records new and updated, next run, lag.",
        "`paperboy jobs run NAME` runs one now, once."
      },
      subcommands = {JobCommands.Run.class})
  static final class Jobs implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try (Paperboy paperboy = Paperboy.create(Settings.fromEnvironment())) {
        print(paperboy.scheduler(), paperboy.clock(), System.out);
        return Main.EXIT_OK;
      }
    }
  }

  /** Prints one block per job. */
  static void print(Scheduler scheduler, Clock clock, PrintStream out) {
    Instant now = clock.instant();
    for (Scheduler.JobState s : scheduler.state()) {
      out.printf("%s (%s): %s%n", s.name(), s.schedule(), s.description());
      s.last()
          .ifPresentOrElse(
              r ->
                  out.printf(
                      "  last run  %s UTC, %s: %d new, %d updated%s%n",
                      AT.format(r.started()),
                      r.outcome().name().toLowerCase(Locale.ROOT),
                      r.added(),
                      r.updated(),
                      r.detail() == null || r.detail().isEmpty() ? "" : " (" + r.detail() + ")"),
              () -> out.println("  last run  never"));
      out.printf(
          "  next run  %s%n", s.next().isAfter(now) ? AT.format(s.next()) + " UTC" : "due now");
      out.printf(
          "  lag       %s; runs: %d succeeded, %d failed%n",
          s.lag() == null ? "no success yet" : minutes(s.lag()),
          s.outcomes().get(Scheduler.Outcome.SUCCEEDED),
          s.outcomes().get(Scheduler.Outcome.FAILED));
    }
  }

  private static String minutes(Duration d) {
    return d.toHours() >= 48 ? d.toDays() + " d" : d.toMinutes() + " min";
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description =
          "Runs one job now, once, whatever its schedule, and records the run as `serve` does."
              + " Exit code 1 when the run failed.")
  static final class Run implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "hf-follow, harvest or housekeeping")
    String name;

    @Override
    public Integer call() {
      try (Paperboy paperboy = Paperboy.create(Settings.fromEnvironment())) {
        Scheduler.Run r = paperboy.scheduler().runNow(name);
        System.out.printf(
            "%s: %s in %d s: %d new, %d updated; %s%n",
            name,
            r.outcome().name().toLowerCase(Locale.ROOT),
            r.took(r.finished()).toSeconds(),
            r.added(),
            r.updated(),
            r.detail());
        return r.outcome() == Scheduler.Outcome.SUCCEEDED ? Main.EXIT_OK : Main.EXIT_FAILED;
      }
    }
  }

  @Command(
      name = "hf-sync",
      mixinStandardHelpOptions = true,
      description = {
        "Backfills Hugging Face daily lists (PAPERBOY_HF_URL): asks for each day from --from to"
            + " --to and creates or updates its list, as the follower in `serve` does for the last"
            + " eight days. Curated entries stay as curators left them.",
        "Days whose answer did not change since it was last applied are skipped."
      })
  static final class HfSync implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "first day, yyyy-mm-dd")
    LocalDate from;

    @Option(names = "--to", description = "last day, yyyy-mm-dd (default: today)")
    LocalDate to;

    @Override
    public Integer call() throws Exception {
      try (Paperboy paperboy = Paperboy.create(Settings.fromEnvironment())) {
        LocalDate last = to != null ? to : LocalDate.now(paperboy.clock());
        HfFollower.Summary s = paperboy.hfFollower().follow(from, last);
        System.out.println("hf-sync " + from + " to " + last + ": " + s.describe());
        return s.skipped() > 0 ? Main.EXIT_SKIPPED : Main.EXIT_OK;
      }
    }
  }
}
