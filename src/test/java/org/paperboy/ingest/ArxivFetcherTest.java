package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.ingest.ArxivFetcher.Result;
import org.paperboy.ingest.LocalArxiv.Answer;
import org.paperboy.ingest.LocalArxiv.Request;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Catalog.Outcome;
import org.paperboy.paper.Paper;
import org.paperboy.store.Database;

class ArxivFetcherTest {

  private static final String ROBOTICS =
      "samples/arxiv_api_atom/query_cat-cs.RO_AND_neural_2025-10-17_legacy-format_2-entries.xml";
  private static final Duration DELAY = Duration.ofSeconds(3);

  @TempDir Path dir;
  private Database db;
  private Catalog catalog;
  private LocalArxiv arxiv;
  private ArxivFetcher fetcher;
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    db = Database.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null);
    Clock clock = Clock.fixed(Instant.parse("2025-10-18T08:00:00Z"), ZoneOffset.UTC);
    catalog = new Catalog(db, clock);
    // The real answer to a query that returned these two papers stands in for any id_list query.
    arxiv = new LocalArxiv(r -> Answer.file(ROBOTICS));
    fetcher =
        new ArxivFetcher(
            catalog,
            arxiv.uri("/api/query"),
            DELAY,
            HttpClient.newHttpClient(),
            "Paperboy/0.1 (+http://localhost:8080)",
            clock,
            sleeps::add);
  }

  @AfterEach
  void tearDown() {
    arxiv.close();
    db.close();
  }

  @Test
  void stores_the_papers_found_and_reports_the_ids_arXiv_does_not_know() throws Exception {
    Result result =
        fetcher.fetch(
            List.of(
                "2510.14968", "https://arxiv.org/abs/2510.14827v1", "2510.99999", "2510.14968"));

    Map<String, Outcome> found = new LinkedHashMap<>();
    found.put("2510.14968", Outcome.NEW);
    found.put("2510.14827v1", Outcome.NEW);
    assertThat(result).isEqualTo(new Result(found, List.of("2510.99999")));
    assertThat(arxiv.requests())
        .extracting(Request::path, Request::params)
        .containsExactly(
            tuple(
                "/api/query",
                Map.of("id_list", "2510.14968,2510.14827v1,2510.99999", "max_results", "3")));
    Paper rdd = catalog.find("2510.14968").orElseThrow();
    assertThat(rdd.source()).isEqualTo("arxiv-api");
    assertThat(rdd.published()).isEqualTo(LocalDate.of(2025, 10, 16));
    assertThat(sleeps).isEmpty();
  }

  @Test
  void fetching_again_changes_nothing() throws Exception {
    fetcher.fetch(List.of("2510.14968"));

    Result again = fetcher.fetch(List.of("2510.14968"));

    assertThat(again.found()).containsExactly(Map.entry("2510.14968", Outcome.UNCHANGED));
    assertThat(sleeps).containsExactly(DELAY);
  }

  @Test
  void rejects_malformed_ids_before_sending_anything() {
    assertThatThrownBy(() -> fetcher.fetch(List.of("2510.14968", "1234", "arXiv:nonsense")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not arXiv ids: '1234', 'arXiv:nonsense'");
    assertThatThrownBy(() -> fetcher.fetch(List.of("hello")))
        .hasMessageStartingWith("not an arXiv id: 'hello'");
    assertThat(arxiv.requests()).isEmpty();
  }

  @Test
  void passes_on_the_error_arXiv_reports() {
    arxiv.answer(r -> Answer.file("handmade/arxiv_api_atom/query_id_list-1234_error_HANDMADE.xml"));

    assertThatThrownBy(() -> fetcher.fetch(List.of("2510.14968")))
        .isInstanceOfSatisfying(
            ArxivException.class,
            e -> assertThat(e.reason()).isEqualTo("incorrect id format for 1234"));
    assertThat(arxiv.requests()).hasSize(1);
    assertThat(catalog.find("2510.14968")).isEmpty();
  }

  @Test
  void retries_when_arXiv_is_busy() throws Exception {
    AtomicInteger n = new AtomicInteger();
    arxiv.answer(
        r ->
            n.getAndIncrement() == 0
                ? Answer.status(503, "Retry-After", "5")
                : Answer.file(ROBOTICS));

    Result result = fetcher.fetch(List.of("2510.14827"));

    assertThat(result.found()).containsOnlyKeys("2510.14827");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void asks_for_many_ids_in_several_requests() throws Exception {
    List<String> ids = new ArrayList<>(List.of("2510.14968", "2510.14827"));
    IntStream.range(0, 148).forEach(i -> ids.add(String.format("2509.%05d", i)));

    Result result = fetcher.fetch(ids);

    assertThat(arxiv.requests())
        .extracting(r -> r.param("max_results"))
        .containsExactly("100", "50");
    assertThat(sleeps).containsExactly(DELAY);
    assertThat(result.found()).hasSize(2);
    assertThat(result.notFound()).hasSize(148).startsWith("2509.00000");
  }
}
