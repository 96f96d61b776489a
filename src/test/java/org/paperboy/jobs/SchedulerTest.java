package org.paperboy.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.community.MovableClock;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;

/** The scheduler on both engines: each run on one node, failures retried, state reported. */
class SchedulerTest {

  @TempDir Path dir;
  private Database db;
  private final MovableClock clock = new MovableClock("2026-06-30T10:05:00Z");
  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void tearDown() {
    if (db != null) {
      db.close();
    }
  }

  private Scheduler node(Job job) {
    return new Scheduler(db, clock)
        .add("poll", "counts", Schedule.every(Duration.ofMinutes(30)), job)
        .add(
            "daily",
            "clean-up",
            Schedule.dailyAt(LocalTime.of(1, 30), ZoneOffset.UTC),
            due -> {
              ran.add("daily " + due);
              return new Job.Result(0, 3, "purged 3");
            });
  }

  private Job recording() {
    return due -> {
      ran.add("poll " + due);
      return new Job.Result(2, 5, "2 new, 5 updated");
    };
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void two_nodes_run_each_slot_once(TestDatabases.Kind kind) {
    db = TestDatabases.open(kind, dir);
    Scheduler a = node(recording());
    Scheduler b = node(recording());

    assertThat(a.runDue()).hasSize(2);
    assertThat(b.runDue()).isEmpty();
    clock.advance(Duration.ofMinutes(10));
    assertThat(a.runDue()).isEmpty();
    clock.advance(Duration.ofMinutes(20)); // 10:35: the 10:30 slot
    assertThat(b.runDue()).extracting(Scheduler.Run::job).containsExactly("poll");
    assertThat(a.runDue()).isEmpty();

    assertThat(ran)
        .containsExactly(
            "poll 2026-06-30T10:00:00Z", "daily 2026-06-30T01:30:00Z", "poll 2026-06-30T10:30:00Z");
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void nodes_racing_for_the_same_slot_run_it_once(TestDatabases.Kind kind) throws Exception {
    db = TestDatabases.open(kind, dir);
    AtomicInteger runs = new AtomicInteger();
    List<Scheduler> nodes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      nodes.add(
          node(
              due -> {
                runs.incrementAndGet();
                return new Job.Result(0, 0, "");
              }));
    }
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Scheduler.Run>>> done = new ArrayList<>();
      for (Scheduler s : nodes) {
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  return s.runDue();
                }));
      }
      go.countDown();
      for (Future<List<Scheduler.Run>> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(runs).hasValue(1);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void a_failed_run_is_recorded_shown_and_retried_later(TestDatabases.Kind kind) {
    db = TestDatabases.open(kind, dir);
    AtomicInteger calls = new AtomicInteger();
    Scheduler s =
        new Scheduler(db, clock)
            .add(
                "harvest",
                "arXiv",
                Schedule.dailyAt(LocalTime.of(1, 30), ZoneOffset.UTC),
                due -> {
                  if (calls.incrementAndGet() < 3) {
                    throw new IOException("no usable answer from arXiv after 4 attempts");
                  }
                  return new Job.Result(10, 1, "11 records");
                });

    assertThat(s.runDue())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(Scheduler.Outcome.FAILED);
              assertThat(r.detail()).isEqualTo("no usable answer from arXiv after 4 attempts");
            });
    Scheduler.JobState state = s.state().get(0);
    assertThat(state.last())
        .get()
        .extracting(Scheduler.Run::outcome)
        .isEqualTo(Scheduler.Outcome.FAILED);
    assertThat(state.lastSuccess()).isEmpty();
    assertThat(state.next()).isEqualTo(clock.instant().plus(Scheduler.RETRY_AFTER));
    assertThat(state.outcomes()).containsEntry(Scheduler.Outcome.FAILED, 1L);

    clock.advance(Duration.ofMinutes(5));
    assertThat(s.runDue()).isEmpty();
    clock.advance(Scheduler.RETRY_AFTER);
    assertThat(s.runDue()).singleElement().extracting(Scheduler.Run::attempts).isEqualTo(2);
    clock.advance(Scheduler.RETRY_AFTER);
    Scheduler.Run third = s.runDue().get(0);
    assertThat(third.outcome()).isEqualTo(Scheduler.Outcome.SUCCEEDED);
    assertThat(third.attempts()).isEqualTo(3);

    clock.advance(Duration.ofHours(2));
    state = s.state().get(0);
    assertThat(state.lastSuccess()).get().extracting(Scheduler.Run::added).isEqualTo(10L);
    assertThat(state.lag()).isEqualTo(Duration.ofHours(2));
    assertThat(state.next()).isEqualTo(Instant.parse("2026-07-01T01:30:00Z"));
    assertThat(s.runDue()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void a_run_whose_node_died_is_taken_over_when_its_lease_ends(TestDatabases.Kind kind) {
    db = TestDatabases.open(kind, dir);
    // A node took the 10:00 slot and died before recording an outcome.
    db.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO job_runs (job, run_key, node, attempts, started_at, lease_until,"
                        + " outcome) VALUES ('poll', '2026-06-30T10:00:00Z', 'dead', 1, ?, ?,"
                        + " 'RUNNING')",
                    clock.millis(),
                    clock.millis() + Scheduler.LEASE.toMillis()));
    Scheduler s = node(recording());
    assertThat(s.runDue()).extracting(Scheduler.Run::job).containsExactly("daily");
    clock.advance(Scheduler.LEASE.plusSeconds(1));
    assertThat(s.runDue())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.job()).isEqualTo("poll");
              assertThat(r.attempts()).isEqualTo(2);
              assertThat(r.outcome()).isEqualTo(Scheduler.Outcome.SUCCEEDED);
            });
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void a_run_from_the_command_line_is_recorded_like_a_scheduled_one(TestDatabases.Kind kind) {
    db = TestDatabases.open(kind, dir);
    Scheduler s = node(recording());
    Scheduler.Run r = s.runNow("poll");
    assertThat(r.due()).isEqualTo(clock.instant());
    assertThat(s.history("poll", 10)).containsExactly(r);
  }
}
