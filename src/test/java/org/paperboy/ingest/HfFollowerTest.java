package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.Accounts;
import org.paperboy.community.Curation;
import org.paperboy.community.MovableClock;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.community.Writes;
import org.paperboy.ingest.LocalArxiv.Answer;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.HarvestLog;
import org.paperboy.paper.ListedPaper;
import org.paperboy.paper.Paper;
import org.paperboy.store.Database;

/** The Hugging Face follower against a real local HTTP server serving the saved answers. */
class HfFollowerTest {

  static final String DAY_FILE = "samples/hf_daily_papers/2026-06-30.json";
  static final LocalDate DAY = LocalDate.parse("2026-06-30");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private Database db;
  private Catalog catalog;
  private LocalArxiv hf;
  private HfFollower follower;
  private final MovableClock clock = new MovableClock("2026-06-30T12:00:00Z");
  private final List<Duration> sleeps = new ArrayList<>();
  private final CountDownLatch never = new CountDownLatch(1);

  @BeforeEach
  void setUp() throws IOException {
    db = Database.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null);
    catalog = new Catalog(db, clock);
    hf = new LocalArxiv(HfFollowerTest::savedDay);
    follower = follower(TIMEOUT);
  }

  private HfFollower follower(Duration timeout) {
    return new HfFollower(
        catalog,
        new HarvestLog(db, clock),
        hf.uri(""),
        HttpClient.newHttpClient(),
        "Paperboy/test",
        Duration.ofMillis(500),
        timeout,
        clock,
        sleeps::add);
  }

  @AfterEach
  void tearDown() {
    never.countDown();
    hf.close();
    db.close();
  }

  /** The saved answer for 2026-06-30, and an empty day for any other date. */
  static Answer savedDay(LocalArxiv.Request r) {
    return DAY.toString().equals(r.param("date"))
        ? json(LocalArxiv.bytes(DAY_FILE))
        : json("[]".getBytes(StandardCharsets.UTF_8));
  }

  static Answer json(byte[] body) {
    return new Answer(200, java.util.Map.of("Content-Type", "application/json"), body);
  }

  @Test
  void a_poll_asks_for_today_and_the_seven_days_before_and_makes_the_days_list() throws Exception {
    HfFollower.Summary s = follower.poll();

    assertThat(hf.requests())
        .extracting(r -> r.path() + "?date=" + r.param("date"))
        .containsExactly(
            "/api/daily_papers?date=2026-06-23",
            "/api/daily_papers?date=2026-06-24",
            "/api/daily_papers?date=2026-06-25",
            "/api/daily_papers?date=2026-06-26",
            "/api/daily_papers?date=2026-06-27",
            "/api/daily_papers?date=2026-06-28",
            "/api/daily_papers?date=2026-06-29",
            "/api/daily_papers?date=2026-06-30");
    assertThat(s.days()).isEqualTo(8);
    assertThat(s.added()).isEqualTo(34);
    List<ListedPaper> list = catalog.dailyList(DAY);
    assertThat(list).hasSize(34);
    ListedPaper first = list.get(0);
    assertThat(first.paper().id()).isEqualTo("2606.26740");
    assertThat(first.listing().upvotes()).isEqualTo(57);
    assertThat(first.listing().comments()).isEqualTo(2);
    assertThat(first.listing().submitter()).isEqualTo("Jack Ma");
    Paper p = first.paper();
    assertThat(p.codeUrl()).isEqualTo("https://github.com/cp-cp/LiveEdit");
    assertThat(p.codeStars()).isEqualTo(12);
    assertThat(p.aiSummary()).startsWith("A novel streaming video editing framework");
    assertThat(p.aiKeywords()).contains("streaming video editing");
    // the polite pause between two requests, never before the first
    assertThat(sleeps).hasSize(7).containsOnly(Duration.ofMillis(500));
  }

  @Test
  void an_unchanged_day_is_not_applied_again_and_a_changed_one_is() throws Exception {
    follower.poll();
    HfFollower.Summary again = follower.poll();
    assertThat(again.changedDays()).isZero();
    assertThat(again.added() + again.updated()).isZero();

    // Between two polls the day gained upvotes and comments on Hugging Face.
    String changed =
        new String(LocalArxiv.bytes(DAY_FILE), StandardCharsets.UTF_8)
            .replaceFirst("\"upvotes\": 57", "\"upvotes\": 61")
            .replaceFirst("\"numComments\": 2", "\"numComments\": 5");
    hf.answer(
        r ->
            DAY.toString().equals(r.param("date"))
                ? json(changed.getBytes(StandardCharsets.UTF_8))
                : savedDay(r));
    HfFollower.Summary third = follower.poll();

    assertThat(third.changedDays()).isEqualTo(1);
    assertThat(third.added()).isZero();
    assertThat(third.updated()).isEqualTo(1);
    ListedPaper first = catalog.dailyList(DAY).get(0);
    assertThat(first.listing().upvotes()).isEqualTo(61);
    assertThat(first.listing().comments()).isEqualTo(5);
    assertThat(catalog.dailyList(DAY)).hasSize(34);
  }

  /** The day as Hugging Face answers it after its counts changed, so the follower reads it. */
  private void dayChanged(int upvotes) {
    String changed =
        new String(LocalArxiv.bytes(DAY_FILE), StandardCharsets.UTF_8)
            .replaceFirst("\"upvotes\": 57", "\"upvotes\": " + upvotes);
    hf.answer(
        r ->
            DAY.toString().equals(r.param("date"))
                ? json(changed.getBytes(StandardCharsets.UTF_8))
                : savedDay(r));
  }

  private static List<String> ids(List<ListedPaper> list) {
    return list.stream().map(l -> l.paper().id()).toList();
  }

  @Test
  void a_removed_entry_stays_off_through_polls_and_a_restored_one_is_back_as_it_was()
      throws Exception {
    follower.poll();
    User curator =
        new Accounts(db, new Writes(db, 10, clock), clock)
            .add("cur@example.org", "Cur", Role.CURATOR);
    Curation curation = new Curation(db, catalog, clock);
    String first = "2606.26740";
    curation.pin(curator, DAY, catalog.dailyList(DAY).get(1).paper().id(), true);
    curation.pin(curator, DAY, first, true);
    curation.remove(curator, DAY, first);
    dayChanged(61);
    assertThat(follower.poll().changedDays()).isEqualTo(1);
    assertThat(ids(catalog.dailyList(DAY))).hasSize(33).doesNotContain(first);
    assertThat(curation.removed(curator))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.paperId()).isEqualTo(first);
              assertThat(r.removedBy()).isEqualTo("Cur");
              assertThat(r.restorable()).isTrue();
            });

    // back at once, as it was when removed: its counts then, its pin
    assertThat(curation.restore(curator, DAY, first)).isTrue();
    assertThat(curation.removed(curator)).isEmpty();
    assertThat(catalog.dailyList(DAY)).hasSize(34);
    Curation.CuratedEntry back =
        curation.list(DAY, curator).stream()
            .filter(e -> e.entry().paper().id().equals(first))
            .findFirst()
            .orElseThrow();
    assertThat(back.pinned()).isTrue();
    assertThat(back.entry().listing().upvotes()).isEqualTo(57);
    // and the follower updates it like any other entry from then on
    dayChanged(64);
    follower.poll();
    assertThat(catalog.dailyList(DAY)).hasSize(34);
    assertThat(
            catalog.dailyList(DAY).stream()
                .filter(l -> l.paper().id().equals(first))
                .findFirst()
                .orElseThrow()
                .listing()
                .upvotes())
        .isEqualTo(64);
  }

  @Test
  void an_entry_removed_before_entries_were_kept_comes_back_at_the_next_poll() throws Exception {
    follower.poll();
    String first = "2606.26740";
    // removed as Paperboy did before: the entry deleted, only the mark kept
    db.jdbi()
        .useHandle(
            h -> {
              h.execute(
                  "DELETE FROM daily_entries WHERE list_date = ? AND paper_id = ?",
                  DAY.toString(),
                  first);
              h.execute(
                  "INSERT INTO removed_entries (list_date, paper_id) VALUES (?, ?)",
                  DAY.toString(),
                  first);
            });
    User curator =
        new Accounts(db, new Writes(db, 10, clock), clock)
            .add("cur@example.org", "Cur", Role.CURATOR);
    Curation curation = new Curation(db, catalog, clock);
    assertThat(curation.removed(curator))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.restorable()).isFalse();
              assertThat(r.removedBy()).isNull();
            });
    assertThat(curation.restore(curator, DAY, first)).isFalse();
    assertThat(ids(catalog.dailyList(DAY))).doesNotContain(first);
    // the day's answer did not change, yet the follower reads it again and brings it back
    follower.poll();
    assertThat(ids(catalog.dailyList(DAY))).contains(first).hasSize(34);
  }

  @Test
  void a_503_with_retry_after_is_waited_out_within_the_bound() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    hf.answer(
        r ->
            calls.incrementAndGet() == 1
                ? Answer.status(503, "Retry-After", "120")
                : calls.get() == 2 ? Answer.status(429, "Retry-After", "999999") : savedDay(r));

    follower.follow(DAY, DAY);

    assertThat(sleeps)
        .containsExactly(Duration.ofSeconds(120), ArxivClient.MAX_RETRY_AFTER)
        .allMatch(d -> d.compareTo(ArxivClient.MAX_RETRY_AFTER) <= 0);
    assertThat(catalog.dailyList(DAY)).hasSize(34);
  }

  @Test
  void a_server_that_does_not_answer_times_out_and_the_day_fails_with_its_name() {
    hf.answer(
        r -> {
          try {
            never.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return savedDay(r);
        });

    HfFollower impatient = follower(Duration.ofMillis(200));
    assertThatThrownBy(() -> impatient.follow(DAY, DAY))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("2026-06-30: no usable answer")
        .hasMessageContaining("timed out")
        .hasMessageContaining("after " + ArxivClient.MAX_ATTEMPTS + " attempts");
    assertThat(catalog.dailyList(DAY)).isEmpty();
  }

  @Test
  void a_truncated_body_is_asked_for_again_and_never_half_applied() throws Exception {
    byte[] whole = LocalArxiv.bytes(DAY_FILE);
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);
    AtomicInteger calls = new AtomicInteger();
    hf.answer(r -> calls.incrementAndGet() == 1 ? json(cut) : json(whole));

    follower.follow(DAY, DAY);
    assertThat(calls).hasValue(2);
    assertThat(catalog.dailyList(DAY)).hasSize(34);

    hf.answer(r -> json(cut));
    assertThatThrownBy(() -> follower.follow(DAY.plusDays(1), DAY.plusDays(1)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("2026-07-01")
        .hasMessageContaining("broken JSON");
    assertThat(catalog.dailyList(DAY.plusDays(1))).isEmpty();
  }

  @Test
  void a_backfill_asks_for_each_day_once_in_order() throws Exception {
    HfFollower.Summary s = follower.follow(DAY.minusDays(2), DAY);
    assertThat(s.days()).isEqualTo(3);
    assertThat(hf.requests())
        .extracting(r -> r.param("date"))
        .containsExactly("2026-06-28", "2026-06-29", "2026-06-30");
    assertThatThrownBy(() -> follower.follow(DAY, DAY.minusDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
