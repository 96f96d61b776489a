package org.paperboy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.MovableClock;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.config.Settings;
import org.paperboy.ingest.LocalArxiv;
import org.paperboy.ingest.LocalArxiv.Answer;
import org.paperboy.jobs.Scheduler;
import org.paperboy.lists.Period;
import org.paperboy.paper.Json;
import org.paperboy.paper.ListEntry;
import org.paperboy.paper.ListedPaper;
import org.paperboy.store.TestDatabases;

/**
 * The background jobs as {@code serve} builds them, against a real local HTTP server playing
 * Hugging Face with the bundled week of saved answers (2026-06-24 to 2026-06-30), a clock the test
 * moves, and recorded waits.
 */
class JobsTest {

  private static final List<LocalDate> WEEK =
      List.of("2026-06-24", "2026-06-25", "2026-06-26", "2026-06-29", "2026-06-30").stream()
          .map(LocalDate::parse)
          .toList();

  @TempDir Path dir;
  private final MovableClock clock = new MovableClock("2026-06-24T06:00:00Z");
  private final List<Duration> waits = new ArrayList<>();
  private LocalArxiv hf;

  @BeforeEach
  void setUp() throws IOException {
    hf = new LocalArxiv(this::huggingFace);
  }

  @AfterEach
  void tearDown() {
    hf.close();
  }

  /**
   * A day's saved answer once the day has come (UTC), its upvotes grown by one for each day since;
   * an empty array for the other days.
   */
  private Answer huggingFace(LocalArxiv.Request r) {
    if (r.path().equals("/api/query")) {
      // arXiv's API, asked for categories: it knows none of these papers
      return Answer.file(
          "samples/arxiv_api_atom/query_all-cs.AI_2026-01-04_new-format_20-entries.xml");
    }
    LocalDate day = LocalDate.parse(r.param("date"));
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (!WEEK.contains(day) || day.isAfter(today)) {
      return json("[]");
    }
    ArrayNode items = saved(day);
    int grown = (int) (today.toEpochDay() - day.toEpochDay());
    for (JsonNode item : items) {
      ObjectNode paper = (ObjectNode) item.get("paper");
      paper.put("upvotes", paper.path("upvotes").asInt() + grown);
    }
    return json(items.toString());
  }

  private static ArrayNode saved(LocalDate day) {
    byte[] gz = LocalArxiv.bytes("demo/hf-" + day + ".json.gz");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return (ArrayNode) Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer json(String body) {
    return new Answer(
        200, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
  }

  private Paperboy paperboy(String... more) {
    Map<String, String> env = new HashMap<>();
    env.put("PAPERBOY_DATA", dir.toString());
    env.put("PAPERBOY_DEMO_DATA", "false");
    env.put("PAPERBOY_HF_URL", hf.uri("").toString());
    env.put("PAPERBOY_HARVEST", "false");
    env.put("PAPERBOY_ARXIV_API_URL", hf.uri("/api/query").toString());
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return Paperboy.builder(Settings.from(env))
        .clock(clock)
        .sleeper(waits::add)
        .jobs(false)
        .build();
  }

  @Test
  void a_simulated_week_makes_each_days_list_once_refreshes_counts_and_keeps_curation()
      throws Exception {
    LocalDate first = WEEK.get(0);
    try (Paperboy p = paperboy()) {
      Scheduler scheduler = p.scheduler();
      assertThat(scheduler.names())
          .containsExactly("hf-follow", "categories", "titles", "housekeeping");
      int polls = 0;
      boolean curated = false;
      User reader = p.community().accounts().add("reader@example.org", "Reader", Role.READER);
      User curator = p.community().accounts().add("curator@example.org", "Cura", Role.CURATOR);
      List<ListedPaper> firstList = List.of();
      Instant end = Instant.parse("2026-07-01T06:00:00Z");
      for (; !clock.instant().isAfter(end); clock.advance(Duration.ofHours(3))) {
        polls += (int) scheduler.runDue().stream().filter(r -> r.job().equals("hf-follow")).count();
        if (!curated) {
          firstList = p.catalog().dailyList(first);
          assertThat(firstList).isNotEmpty();
          p.community().curation().hide(curator, first, firstList.get(0).paper().id(), true);
          p.community().curation().remove(curator, first, firstList.get(1).paper().id());
          p.community().votes().upvote(reader, firstList.get(2).paper().id());
          curated = true;
        }
      }

      assertThat(polls).isEqualTo(57); // every 3 hours from Wednesday 06:00 to Wednesday 06:00
      assertThat(hf.requests().stream().filter(r -> r.path().equals("/api/daily_papers")))
          .hasSize(polls * 8);
      LocalDate lastPoll = LocalDate.parse("2026-07-01");
      for (LocalDate day : WEEK) {
        ArrayNode saved = saved(day);
        List<ListedPaper> list = p.catalog().dailyList(day);
        int removed = day.equals(first) ? 1 : 0;
        assertThat(list).as("list of %s", day).hasSize(saved.size() - removed);
        assertThat(list.stream().map(e -> e.paper().id()).distinct()).hasSize(list.size());
        int grown = (int) (lastPoll.toEpochDay() - day.toEpochDay());
        String id = saved.get(3).path("paper").path("id").asText();
        int upvotes = saved.get(3).path("paper").path("upvotes").asInt();
        assertThat(list)
            .filteredOn(e -> e.paper().id().equals(id))
            .singleElement()
            .extracting(e -> e.listing().upvotes())
            .isEqualTo(upvotes + grown);
      }
      List<ListedPaper> curatedList = firstList;
      // Curation won: the hidden entry stays hidden, the removed one stays off the list, and the
      // local vote is counted on top of Hugging Face's count.
      List<ListEntry> shown = p.lists().entries(Period.day(first), null);
      List<String> ids = shown.stream().map(e -> e.paper().id()).toList();
      assertThat(ids)
          .doesNotContain(curatedList.get(0).paper().id(), curatedList.get(1).paper().id())
          .contains(curatedList.get(2).paper().id());
      assertThat(p.catalog().dailyList(first))
          .extracting(e -> e.paper().id())
          .contains(curatedList.get(0).paper().id())
          .doesNotContain(curatedList.get(1).paper().id());
      ListEntry voted =
          shown.stream()
              .filter(e -> e.paper().id().equals(curatedList.get(2).paper().id()))
              .findFirst()
              .orElseThrow();
      ListedPaper imported =
          p.catalog().dailyList(first).stream()
              .filter(e -> e.paper().id().equals(voted.paper().id()))
              .findFirst()
              .orElseThrow();
      assertThat(voted.listing().upvotes()).isEqualTo(imported.listing().upvotes() + 1);

      // Housekeeping ran once a day; no wait was longer than the polite pause.
      assertThat(scheduler.history("housekeeping", 100)).hasSize(8);
      assertThat(waits).containsOnly(Duration.ofMillis(500), Duration.ofSeconds(3));
      Scheduler.JobState follow = scheduler.state().get(0);
      assertThat(follow.outcomes()).containsEntry(Scheduler.Outcome.SUCCEEDED, (long) polls);
      assertThat(follow.outcomes()).containsEntry(Scheduler.Outcome.FAILED, 0L);
    }
  }

  @Test
  void two_app_instances_on_one_postgresql_run_each_job_run_once() throws Exception {
    String url = TestDatabases.newPostgresUrl();
    try (Paperboy a = paperboy("PAPERBOY_DB_URL", url, "PAPERBOY_DB_USER", "postgres");
        Paperboy b = paperboy("PAPERBOY_DB_URL", url, "PAPERBOY_DB_USER", "postgres")) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      int slots = 0;
      try {
        for (int i = 0; i < 6; i++, clock.advance(Duration.ofMinutes(30))) {
          CountDownLatch go = new CountDownLatch(1);
          Future<List<Scheduler.Run>> ra =
              pool.submit(
                  () -> {
                    go.await();
                    return a.scheduler().runDue();
                  });
          Future<List<Scheduler.Run>> rb =
              pool.submit(
                  () -> {
                    go.await();
                    return b.scheduler().runDue();
                  });
          go.countDown();
          slots++;
          List<Scheduler.Run> runs = new ArrayList<>(ra.get());
          runs.addAll(rb.get());
          assertThat(runs.stream().filter(r -> r.job().equals("hf-follow"))).hasSize(1);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(hf.requests().stream().filter(r -> r.path().equals("/api/daily_papers")))
          .hasSize(slots * 8);
      assertThat(a.scheduler().history("hf-follow", 100)).hasSize(slots);
      assertThat(b.scheduler().history("housekeeping", 100)).hasSize(1);
      assertThat(a.catalog().dailyList(WEEK.get(0))).hasSize(saved(WEEK.get(0)).size());
    }
  }
}
