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

  @Test
  void metrics_ask_for_the_bearer_token_when_one_is_set() throws Exception {
    try (var paperboy =
        TestSite.paperboy(dir, WebAppTest.CLOCK, "PAPERBOY_METRICS_TOKEN", "s3cret-token")) {
      int port = paperboy.serve(0).port();
      assertThat(get(port, Routes.METRICS).statusCode()).isEqualTo(401);
      assertThat(get(port, Routes.METRICS, "Authorization", "Bearer wrong").statusCode())
          .isEqualTo(401);
      HttpResponse<String> ok = get(port, Routes.METRICS, "Authorization", "Bearer s3cret-token");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(PrometheusText.parse(ok.body())).containsKey("http_server_requests_seconds");
    }
  }

  @Test
  void metrics_off_serve_no_metrics() throws Exception {
    try (var paperboy = TestSite.paperboy(dir, WebAppTest.CLOCK, "PAPERBOY_METRICS", "false")) {
      int port = paperboy.serve(0).port();
      assertThat(get(port, Routes.METRICS).statusCode()).isEqualTo(404);
      assertThat(get(port, Routes.HEALTH_READY).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void forwarded_headers_count_only_from_a_trusted_proxy() throws Exception {
    try (var trusting =
        TestSite.paperboy(
            dir.resolve("a"), WebAppTest.CLOCK, "PAPERBOY_TRUSTED_PROXIES", "127.0.0.1")) {
      int port = trusting.serve(0).port();
      // The proxy says the client came over https: the sign-in cookie is Secure.
      assertThat(
              get(port, Routes.SIGN_IN, "X-Forwarded-Proto", "https")
                  .headers()
                  .firstValue("Set-Cookie")
                  .orElseThrow())
          .contains("; Secure");
      // The per-client sign-in limit (20 an hour) counts each forwarded client on its own.
      assertThat(signIns(port, "203.0.113.1", 21)).isEqualTo(429);
      assertThat(signIns(port, "203.0.113.2", 1)).isEqualTo(200);
    }
    try (var direct = TestSite.paperboy(dir.resolve("b"), WebAppTest.CLOCK)) {
      int port = direct.serve(0).port();
      assertThat(
              get(port, Routes.SIGN_IN, "X-Forwarded-Proto", "https")
                  .headers()
                  .firstValue("Set-Cookie")
                  .orElseThrow())
          .doesNotContain("Secure");
      // Not from a trusted proxy: a client cannot pick another address to escape its limit.
      assertThat(signIns(port, "203.0.113.1", 21)).isEqualTo(429);
      assertThat(signIns(port, "203.0.113.2", 1)).isEqualTo(429);
    }
  }

  /** Asks for {@code n} sign-in links as a client behind a proxy; returns the last status. */
  private static int signIns(int port, String client, int n) throws Exception {
    java.net.CookieManager cookies = new java.net.CookieManager();
    java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
    String form =
        http.send(
                HttpRequest.newBuilder(uri(port, Routes.SIGN_IN))
                    .header("X-Forwarded-For", client)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String csrf = CommunitySite.field(form, "csrf");
    int status = 0;
    for (int i = 0; i < n; i++) {
      status =
          http.send(
                  HttpRequest.newBuilder(uri(port, Routes.SIGN_IN))
                      .header("X-Forwarded-For", client)
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "csrf=" + csrf + "&email=reader" + i + "%40example.org"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode();
    }
    return status;
  }

  private static java.net.URI uri(int port, String path) {
    return java.net.URI.create("http://localhost:" + port + path);
  }

  private static HttpResponse<String> get(int port, String path, String... headers)
      throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri(port, path));
    if (headers.length > 0) {
      r.headers(headers);
    }
    return java.net.http.HttpClient.newHttpClient()
        .send(r.build(), HttpResponse.BodyHandlers.ofString());
  }
}
