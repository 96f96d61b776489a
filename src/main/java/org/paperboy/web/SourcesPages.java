package org.paperboy.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.paperboy.community.Role;
import org.paperboy.jobs.Scheduler;

/** The admin Sources page, from the scheduler's state. */
final class SourcesPages {

  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final int HISTORY = 30;

  private final Scheduler scheduler;
  private final Templates templates;
  private final Clock clock;

  SourcesPages(Scheduler scheduler, Templates templates, Clock clock) {
    this.scheduler = scheduler;
    this.templates = templates;
    this.clock = clock;
  }

  void sources(Context ctx) {
    if (!Guard.signedIn(ctx).user().may(Role.ADMIN)) {
      throw new HttpProblem(403, "Not allowed", "Only administrators see the Sources page.");
    }
    Instant now = clock.instant();
    List<SourcesPage.JobRow> jobs = new ArrayList<>();
    List<SourcesPage.RunRow> history = new ArrayList<>();
    for (Scheduler.JobState s : scheduler.state()) {
      Scheduler.Run last = s.last().orElse(null);
      jobs.add(
          new SourcesPage.JobRow(
              s.name(),
              s.description(),
              s.schedule(),
              last == null ? "never" : AT.format(last.started()),
              last == null ? "" : label(last.outcome()),
              last != null && last.outcome() == Scheduler.Outcome.FAILED,
              last == null || last.detail() == null ? "" : last.detail(),
              last == null ? 0 : last.added(),
              last == null ? 0 : last.updated(),
              s.next().isAfter(now) ? AT.format(s.next()) : "due now",
              s.lag() == null ? "no success yet" : describe(s.lag()),
              s.outcomes().get(Scheduler.Outcome.SUCCEEDED)
                  + " succeeded, "
                  + s.outcomes().get(Scheduler.Outcome.FAILED)
                  + " failed"));
      for (Scheduler.Run r : scheduler.history(s.name(), HISTORY)) {
        history.add(
            new SourcesPage.RunRow(
                r.job(),
                AT.format(r.due()),
                AT.format(r.started()),
                describe(r.took(now)),
                label(r.outcome()),
                r.outcome() == Scheduler.Outcome.FAILED,
                r.added(),
                r.updated(),
                r.detail() == null ? "" : r.detail(),
                r.node()));
      }
    }
    history.sort(Comparator.comparing(SourcesPage.RunRow::started).reversed());
    templates.sendPrivate(
        ctx,
        200,
        "sources.jte",
        new SourcesPage(jobs, history.subList(0, Math.min(HISTORY, history.size()))));
  }

  private static String label(Scheduler.Outcome o) {
    return o.name().toLowerCase(Locale.ROOT);
  }

  /** 42 s, 5 min, 3 h 20 min, 2 d 4 h. */
  static String describe(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min";
    }
    if (s < 86400) {
      return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
    return s / 86400 + " d " + s % 86400 / 3600 + " h";
  }
}
