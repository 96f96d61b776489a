package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.ingest.LocalArxiv.Answer;
import org.paperboy.ingest.LocalArxiv.Request;
import org.paperboy.ingest.OaiHarvester.Summary;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.HarvestLog;
import org.paperboy.paper.HarvestLog.Position;
import org.paperboy.store.Database;

class OaiHarvesterTest {

  private static final String PAGE1 =
      "samples/arxiv_oai_pmh/ListRecords_arXiv_set-cs_2016-03-09_page001.xml";
  private static final String PAGE2 =
      "handmade/arxiv_oai_pmh/ListRecords_arXiv_set-cs_page002_HANDMADE.xml";
  private static final String NO_RECORDS =
      "handmade/arxiv_oai_pmh/ListRecords_noRecordsMatch_HANDMADE.xml";
  private static final String TOKEN = "1122234|1001";
  private static final String USER_AGENT = "Paperboy/0.1 (+http://localhost:8080)";
  private static final Duration DELAY = Duration.ofSeconds(3);
  private static final Instant NOW = Instant.parse("2016-03-09T12:00:00Z");

  @TempDir Path dir;
  private Database db;
  private Catalog catalog;
  private HarvestLog log;
  private LocalArxiv arxiv;
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    db = Database.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    catalog = new Catalog(db, clock);
    log = new HarvestLog(db, clock);
    arxiv = new LocalArxiv(OaiHarvesterTest::twoPages);
  }

  @AfterEach
  void tearDown() {
    arxiv.close();
    db.close();
  }

  /** The real first page of the 2016 cs harvest, then the hand-made last page. */
  private static Answer twoPages(Request r) {
    if (TOKEN.equals(r.param("resumptionToken"))) {
      return Answer.file(PAGE2);
    }
    if ("ListRecords".equals(r.param("verb")) && "cs".equals(r.param("set"))) {
      return Answer.file(PAGE1);
    }
    return Answer.status(400);
  }

  private OaiHarvester harvester(Instant now) {
    return new OaiHarvester(
        catalog,
        log,
        arxiv.uri("/oai"),
        DELAY,
        HttpClient.newHttpClient(),
        USER_AGENT,
        Clock.fixed(now, ZoneOffset.UTC),
        sleeps::add);
  }

  private Summary harvest(List<String> sets, LocalDate from, LocalDate until)
      throws IOException, InterruptedException {
    return harvester(NOW).harvest(sets, from, until);
  }

  /** Answers {@code first} to the first {@code times} requests, then as {@code then} would. */
  private static Function<Request, Answer> first(
      int times, Answer first, Function<Request, Answer> then) {
    AtomicInteger n = new AtomicInteger();
    return r -> n.getAndIncrement() < times ? first : then.apply(r);
  }

  @Test
  void with_arxiv_lists_each_announcement_day_lists_its_new_papers_then_its_cross_lists()
      throws Exception {
    OaiHarvester harvester = harvester(NOW).listAnnouncements(c -> c.startsWith("cs."));
    harvester.harvest(List.of("cs"), null, null);

    // Submitted 2007-07-10, announced 2007-07-11: four in cs, then two cross-lists from math.
    assertThat(catalog.dailyList(LocalDate.of(2007, 7, 11)))
        .extracting(l -> l.paper().id())
        .containsExactly(
            "0707.1364", "0707.1372", "0707.1452", "0707.1480", "0707.1432", "0707.1490");
    assertThat(catalog.dailyList(LocalDate.of(2007, 7, 11)))
        .extracting(l -> l.listing().submitter())
        .containsOnlyNulls();
    // Papers with a later version, or last changed long after they were announced, are on no list.
    assertThat(catalog.stats().listEntries()).isBetween(300L, 600L);
    assertThat(catalog.listingsOf("0704.0002")).isEmpty();

    // Harvesting the same pages again changes no list.
    long entries = catalog.stats().listEntries();
    harvester.harvest(List.of("cs"), LocalDate.of(2016, 3, 2), null);
    assertThat(catalog.stats().listEntries()).isEqualTo(entries);
  }

  @Test
  void a_plain_harvest_makes_no_list() throws Exception {
    harvest(List.of("cs"), null, null);
    assertThat(catalog.stats().listEntries()).isZero();
  }

  @Test
  void follows_resumption_tokens_and_stores_where_the_next_run_starts() throws Exception {
    Summary summary = harvest(List.of("cs"), null, null);

    assertThat(arxiv.requests())
        .extracting(Request::params)
        .containsExactly(
            Map.of(
                "verb",
                "ListRecords",
                "metadataPrefix",
                "arXiv",
                "set",
                "cs",
                "from",
                "2016-03-02"),
            Map.of("verb", "ListRecords", "resumptionToken", TOKEN));
    assertThat(arxiv.requests()).extracting(Request::userAgent).containsOnly(USER_AGENT);
    assertThat(sleeps).containsExactly(DELAY);
    assertThat(summary).isEqualTo(new Summary(1007, 1002, 1, 0, 4, 2));
    assertThat(catalog.stats().papers()).isEqualTo(1002);
    assertThat(catalog.find("0704.0002").orElseThrow().journalRef())
        .isEqualTo("Graphs and Combinatorics 24 (2008) 1-15");
    // The next run starts on the day of the first response (2016-03-09T00:35:38Z).
    assertThat(log.load("oai:cs"))
        .contains(new Position("oai:cs", LocalDate.of(2016, 3, 9), null, null, 1007));
  }

  @Test
  void waits_as_long_as_a_503_retry_after_says_in_seconds() throws Exception {
    arxiv.answer(first(1, Answer.status(503, "Retry-After", "7"), OaiHarvesterTest::twoPages));

    Summary summary = harvest(List.of("cs"), null, null);

    assertThat(sleeps).containsExactly(Duration.ofSeconds(7), DELAY);
    assertThat(arxiv.requests()).hasSize(3);
    assertThat(summary.records()).isEqualTo(1007);
  }

  @Test
  void waits_until_a_503_retry_after_date() throws Exception {
    arxiv.answer(
        first(
            1,
            Answer.status(503, "Retry-After", "Wed, 09 Mar 2016 12:01:30 GMT"),
            OaiHarvesterTest::twoPages));

    harvest(List.of("cs"), null, null);

    assertThat(sleeps).containsExactly(Duration.ofSeconds(90), DELAY);
  }

  @Test
  void retries_a_truncated_response() throws Exception {
    byte[] cut = Arrays.copyOf(LocalArxiv.bytes(PAGE1), 300_000);
    arxiv.answer(first(1, Answer.ok(cut), OaiHarvesterTest::twoPages));

    Summary summary = harvest(List.of("cs"), null, null);

    assertThat(sleeps).containsExactly(ArxivClient.FIRST_BACKOFF, DELAY);
    assertThat(summary).isEqualTo(new Summary(1007, 1002, 1, 0, 4, 2));
    assertThat(catalog.stats().papers()).isEqualTo(1002);
  }

  @Test
  void resumes_from_the_stored_token_after_a_crash_mid_harvest() throws Exception {
    arxiv.answer(r -> r.param("resumptionToken") != null ? Answer.status(500) : twoPages(r));

    assertThatThrownBy(() -> harvest(List.of("cs"), null, null))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(
            "oai:cs: harvest stopped after 1 page(s) of this run (1000 records in all); the"
                + " position is saved and the next harvest resumes there. no usable answer from")
        .hasMessageEndingWith("after 4 attempts; last: HTTP 500");
    assertThat(sleeps)
        .containsExactly(
            DELAY, Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40));
    assertThat(arxiv.requests()).hasSize(5);
    assertThat(catalog.stats().papers()).isEqualTo(1000);
    assertThat(log.load("oai:cs"))
        .contains(
            new Position(
                "oai:cs", LocalDate.of(2016, 3, 2), LocalDate.of(2016, 3, 9), TOKEN, 1000));

    arxiv.answer(OaiHarvesterTest::twoPages);
    sleeps.clear();
    int before = arxiv.requests().size();
    Summary summary = harvester(NOW.plusSeconds(3600)).harvest(List.of("cs"), null, null);

    assertThat(arxiv.requests().subList(before, arxiv.requests().size()))
        .extracting(Request::params)
        .containsExactly(Map.of("verb", "ListRecords", "resumptionToken", TOKEN));
    assertThat(sleeps).isEmpty();
    assertThat(summary).isEqualTo(new Summary(7, 2, 1, 0, 4, 1));
    assertThat(catalog.stats().papers()).isEqualTo(1002);
    assertThat(log.load("oai:cs"))
        .contains(new Position("oai:cs", LocalDate.of(2016, 3, 9), null, null, 1007));
  }

  @Test
  void continues_from_the_stored_date_on_the_next_run() throws Exception {
    harvest(List.of("cs"), null, null);
    arxiv.answer(r -> Answer.file(NO_RECORDS));
    int before = arxiv.requests().size();

    Summary next = harvester(NOW.plus(Duration.ofDays(1))).harvest(List.of("cs"), null, null);

    assertThat(arxiv.requests().get(before).param("from")).isEqualTo("2016-03-09");
    assertThat(next).isEqualTo(new Summary(0, 0, 0, 0, 0, 1));
    assertThat(log.load("oai:cs"))
        .contains(new Position("oai:cs", LocalDate.of(2016, 3, 10), null, null, 0));
  }

  @Test
  void an_explicit_from_and_until_are_sent_and_until_is_where_the_next_run_starts()
      throws Exception {
    arxiv.answer(r -> Answer.file(NO_RECORDS));

    harvest(List.of("cs"), LocalDate.of(2016, 1, 1), LocalDate.of(2016, 1, 31));

    assertThat(arxiv.requests().get(0).params())
        .containsEntry("from", "2016-01-01")
        .containsEntry("until", "2016-01-31");
    assertThat(log.load("oai:cs").orElseThrow().fromDate()).isEqualTo(LocalDate.of(2016, 1, 31));
  }

  @Test
  void harvests_each_set_under_its_own_name() throws Exception {
    arxiv.answer(r -> Answer.file(NO_RECORDS));

    harvest(List.of("cs", "physics:hep-th"), null, null);

    assertThat(arxiv.requests())
        .extracting(r -> r.param("set"))
        .containsExactly("cs", "physics:hep-th");
    assertThat(sleeps).containsExactly(DELAY);
    assertThat(log.load("oai:cs")).isPresent();
    assertThat(log.load("oai:physics:hep-th").orElseThrow().fromDate())
        .isEqualTo(LocalDate.of(2016, 3, 10));
  }

  @Test
  void an_expired_stored_token_restarts_the_harvest_from_its_start() throws Exception {
    log.save(
        new Position("oai:cs", LocalDate.of(2016, 3, 2), LocalDate.of(2016, 3, 8), "stale|1", 500));
    arxiv.answer(
        r ->
            "stale|1".equals(r.param("resumptionToken"))
                ? Answer.file("handmade/arxiv_oai_pmh/ListRecords_badResumptionToken_HANDMADE.xml")
                : twoPages(r));

    Summary summary = harvest(List.of("cs"), null, null);

    assertThat(arxiv.requests())
        .extracting(r -> r.param("resumptionToken") + " " + r.param("from"))
        .containsExactly("stale|1 null", "null 2016-03-02", TOKEN + " null");
    assertThat(summary.records()).isEqualTo(1007);
    // The restarted list began later than the interrupted one; keep the earlier end for safety.
    assertThat(log.load("oai:cs"))
        .contains(new Position("oai:cs", LocalDate.of(2016, 3, 8), null, null, 1007));
  }

  @Test
  void oai_errors_and_client_errors_are_not_retried() {
    arxiv.answer(r -> Answer.file("handmade/arxiv_oai_pmh/ListRecords_badArgument_HANDMADE.xml"));

    assertThatThrownBy(() -> harvest(List.of("nope"), null, null))
        .isInstanceOfSatisfying(
            ArxivException.class,
            e -> assertThat(e).hasMessage("arXiv answered badArgument: Invalid set: nope"));
    assertThat(arxiv.requests()).hasSize(1);
    assertThat(log.load("oai:nope")).isEmpty();

    arxiv.answer(r -> Answer.status(404));
    assertThatThrownBy(() -> harvest(List.of("cs"), null, null))
        .isInstanceOfSatisfying(
            ArxivException.class, e -> assertThat(e.code()).isEqualTo("HTTP 404"));
    assertThat(arxiv.requests()).hasSize(2);
  }

  @Test
  void gives_up_on_a_server_that_returns_the_token_it_was_given() throws Exception {
    log.save(new Position("oai:cs", LocalDate.of(2016, 3, 2), null, TOKEN, 1000));
    arxiv.answer(r -> Answer.file(PAGE1));

    assertThatThrownBy(() -> harvest(List.of("cs"), null, null))
        .isInstanceOf(IOException.class)
        .hasMessage("oai:cs: arXiv answered resumption token " + TOKEN + " with itself");
  }

  @Test
  void reads_retry_after_values() {
    ArxivClient client =
        new ArxivClient(
            HttpClient.newHttpClient(),
            USER_AGENT,
            DELAY,
            Clock.fixed(NOW, ZoneOffset.UTC),
            d -> {});

    assertThat(client.retryAfter("120")).contains(Duration.ofSeconds(120));
    assertThat(client.retryAfter("Wed, 09 Mar 2016 11:00:00 GMT")).contains(Duration.ZERO);
    assertThat(client.retryAfter("999999999")).contains(ArxivClient.MAX_RETRY_AFTER);
    assertThat(client.retryAfter("soon")).isEmpty();
  }
}
