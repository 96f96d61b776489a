package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.PaperRecord;

/** Health, metrics, trusted proxies: what an operator's tools ask of a running site (issue 13). */
class OperationsWebTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private TestSite site() {
    return new TestSite(dir, WebAppTest.CLOCK, List.of(PaperRecord.of(WebAppTest.MONKEYS)));
  }

  @Test
  void live_and_its_alias_answer_while_the_process_runs() throws Exception {
    try (TestSite site = site()) {
      for (String path : List.of(Routes.HEALTH_LIVE, Routes.HEALTH)) {
        HttpResponse<String> res = site.get(path);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(res.body()).get("status").asText()).isEqualTo("up");
      }
    }
  }

  @Test
  void ready_reports_each_check_and_fails_when_the_database_is_gone() throws Exception {
    try (TestSite site = site()) {
      HttpResponse<String> res = site.get(Routes.HEALTH_READY);
      assertThat(res.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(res.body());
      assertThat(body.get("status").asText()).isEqualTo("up");
      JsonNode checks = body.get("checks");
      assertThat(checks.fieldNames())
          .toIterable()
          .containsExactly("database", "searchIndex", "scheduler", "dataDir");
      checks.forEach(
          c -> {
            assertThat(c.get("status").asText()).isEqualTo("up");
            assertThat(c.get("checkedAt").asText())
                .isEqualTo(WebAppTest.CLOCK.instant().toString());
          });

      site.db.close();
      HttpResponse<String> down = site.get(Routes.HEALTH_READY);
      assertThat(down.statusCode()).isEqualTo(503);
      JsonNode failed = JSON.readTree(down.body());
      assertThat(failed.get("status").asText()).isEqualTo("down");
      assertThat(failed.at("/checks/database/status").asText()).isEqualTo("down");
      assertThat(failed.at("/checks/dataDir/status").asText()).isEqualTo("up");
    }
  }

  @Test
  void ready_fails_when_the_data_directory_has_too_little_free_space() throws Exception {
    var paperboy =
        TestSite.paperboy(dir, WebAppTest.CLOCK, "PAPERBOY_MIN_FREE_SPACE", "999999999GB");
    try (paperboy) {
      var app = paperboy.serve(0);
      HttpResponse<String> res =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          java.net.URI.create(
                              "http://localhost:" + app.port() + Routes.HEALTH_READY))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(res.body()).at("/checks/dataDir/detail").asText())
          .contains("under the threshold");
    }
  }

  @Test
  void metrics_parse_as_prometheus_text_per_route_template() throws Exception {
    try (TestSite site = site()) {
      String id = WebAppTest.MONKEYS.id();
      assertThat(site.get("/papers/" + id).statusCode()).isEqualTo(200);
      site.get("/papers/" + id);
      site.get("/");
      site.get("/");
      site.get(Routes.API_SEARCH + "?q=monkeys&mode=keyword");
      site.get("/signin?next=%2Fsubscribe%3Femail%3Dada%40example.org");
      site.get("/no/such/page?token=secret");

      HttpResponse<String> res = site.get(Routes.METRICS);
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/plain; version=0.0.4");
      Map<String, PrometheusText.Family> families = PrometheusText.parse(res.body());

      PrometheusText.Family requests = families.get("http_server_requests_seconds");
      assertThat(requests.type()).isEqualTo("histogram");
      assertThat(requests.samples())
          .filteredOn(s -> s.name().endsWith("_count"))
          .extracting(s -> s.labels().get("route"))
          .contains(Routes.PAPER, "/", Routes.API_SEARCH, Routes.SIGN_IN, RequestMetrics.UNMATCHED);
      assertThat(count(requests, Map.of("route", Routes.PAPER, "status", "200"))).isEqualTo(2);
      // The second "/" was answered by the cache in front of Javalin, under the same route.
      assertThat(count(requests, Map.of("route", "/", "status", "200"))).isEqualTo(2);
      assertThat(res.body()).doesNotContain(id, "ada", "secret", "example.org");

      assertThat(count(families.get("paperboy_search_latency_seconds"), Map.of("mode", "keyword")))
          .isEqualTo(1);
      assertThat(families)
          .containsKeys(
              "jvm_memory_used_bytes",
              "jvm_threads_live_threads",
              "jetty_threads_busy",
              "jetty_connections_current_connections",
              "paperboy_search_embedding_backlog",
              "paperboy_search_embeddings_total",
              "paperboy_db_pool_active",
              "paperboy_digest_outbox",
              "paperboy_digest_deliveries_total",
              "paperboy_page_cache_requests_total",
              "paperboy_page_cache_size_bytes");
      assertThat(families.get("paperboy_page_cache_size_bytes").samples().get(0).value())
          .isPositive();
      assertThat(families.get("paperboy_digest_outbox").samples())
          .extracting(s -> s.labels().get("state"))
          .contains("pending", "ready", "sent", "failed");
    }
  }

  private static double count(PrometheusText.Family f, Map<String, String> labels) {
    return f.samples().stream()
        .filter(s -> s.name().endsWith("_count"))
        .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(PrometheusText.Sample::value)
        .sum();
  }
}
