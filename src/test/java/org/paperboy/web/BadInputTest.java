package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The inputs that once gave a 500 (issue 17): each answers 4xx with a clear message, a problem
 * document under the API, including the errors Jetty raises itself.
 */
class BadInputTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-30T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  TestSite site;

  @BeforeEach
  void start() throws IOException {
    site =
        new TestSite(
            dir,
            CLOCK,
            List.of(
                CommunityWebTest.record("2606.00001", "Attention is all you need", 5),
                CommunityWebTest.record("2606.00002", "Diffusion for video", 3)));
    site.search.sync();
  }

  @AfterEach
  void stop() {
    site.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "%C2%A0",
        "%E2%80%8B",
        "%EF%BB%BF",
        "%C2%AD",
        "%00",
        "%EF%BF%BD",
        "%C2%A0%E2%80%8B%00",
        "%E2%80%8E%E2%80%8F",
        "%01%02%7F"
      })
  void invisibleQuery_isNotAServerError(String q) throws Exception {
    for (String mode : List.of("hybrid", "semantic", "keyword")) {
      HttpResponse<String> page = site.get("/search?mode=" + mode + "&q=" + q);
      assertThat(page.statusCode()).as("page %s %s", mode, q).isIn(200, 400);
      HttpResponse<String> api = site.get("/api/papers/search?mode=" + mode + "&q=" + q);
      assertThat(api.statusCode()).as("api %s %s", mode, q).isIn(200, 400);
      if (api.statusCode() == 400) {
        assertThat(api.headers().firstValue("Content-Type")).hasValue(HttpProblem.PROBLEM_JSON);
      }
      HttpResponse<String> feed = site.get("/feeds/search.rss?mode=" + mode + "&q=" + q);
      assertThat(feed.statusCode()).as("feed %s %s", mode, q).isIn(200, 400);
    }
  }

  @Test
  void aThousandWordQuery_isRefusedWithAMessage() throws Exception {
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      words.append("word").append(i).append(' ');
    }
    String q = URLEncoder.encode(words.toString(), StandardCharsets.UTF_8);
    for (String mode : List.of("hybrid", "keyword")) {
      HttpResponse<String> api = site.get("/api/papers/search?mode=" + mode + "&q=" + q);
      assertThat(api.statusCode()).isEqualTo(400);
      assertThat(api.body()).contains("too long");
      assertThat(site.get("/search?mode=" + mode + "&q=" + q).statusCode()).isEqualTo(400);
    }
  }

  @Test
  void manyWordsThatSplitIntoManyTokens_areRefusedNotAServerError() throws Exception {
    // One "word" of many parts: each part is a term, so the clause count grows past Lucene's limit.
    String q = "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z-".repeat(20);
    HttpResponse<String> api = site.get("/api/papers/search?mode=keyword&q=" + q);
    assertThat(api.statusCode()).isIn(200, 400);
  }

  @Test
  void formWithABogusCharset_is400() throws Exception {
    for (String path : List.of(Routes.SIGN_IN, Routes.SUBSCRIBE)) {
      HttpResponse<String> res =
          site.send(
              HttpRequest.newBuilder(site.uri(path))
                  .header("Content-Type", "application/x-www-form-urlencoded; charset=bogus")
                  .POST(HttpRequest.BodyPublishers.ofString("email=a%40example.org")));
      assertThat(res.statusCode()).as(path).isBetween(400, 499);
    }
  }

  @Test
  void malformedMultipartBody_is400() throws Exception {
    HttpResponse<String> res =
        site.send(
            HttpRequest.newBuilder(site.uri(Routes.SIGN_IN))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("--xyz\r\nbroken")));
    assertThat(res.statusCode()).isBetween(400, 499);
  }

  @Test
  void hugeVersionNumber_isNotFound() throws Exception {
    assertThat(site.get("/papers/2612.90001v999999999999").statusCode()).isEqualTo(404);
    assertThat(site.get("/api/papers/2612.90001v999999999999").statusCode()).isEqualTo(404);
  }

  @Test
  void yearBeyondAnyList_is400() throws Exception {
    assertThat(site.get("/papers/date/+999999999-12-31").statusCode()).isEqualTo(400);
    assertThat(site.get("/api/daily_papers?date=%2B999999999-12-31").statusCode()).isEqualTo(400);
  }

  @Test
  void jettysOwnErrorsUnderTheApi_areProblemDocuments() throws Exception {
    String longUri = "GET /api/daily_papers?x=" + "a".repeat(20_000) + " HTTP/1.1";
    assertProblem(raw(longUri, ""), 414);
    String bigHeader = "X-Big: " + "a".repeat(20_000) + "\r\n";
    assertProblem(raw("GET /api/daily_papers HTTP/1.1", bigHeader), 431);
    String tooLarge = "Content-Type: application/json\r\nContent-Length: 100000000\r\n";
    assertProblem(raw("POST /api/subscriptions HTTP/1.1", tooLarge), 413);
  }

  @Test
  void unparsableRequests_getAPlain400WithoutStacks() throws Exception {
    // Jetty refuses these before it knows the path, so not even the API can answer them in JSON.
    String res = raw("GET /api/papers/%zz HTTP/1.1", "");
    assertThat(res)
        .startsWith("HTTP/1.1 400")
        .doesNotContain("Exception")
        .doesNotContain("at org.");
  }

  @Test
  void limitsAndQueryLengths_areBounded() throws Exception {
    assertThat(site.get("/api/daily_papers?limit=100000").statusCode()).isEqualTo(400);
    assertThat(site.get("/api/papers?limit=100000").statusCode()).isEqualTo(400);
    assertThat(site.get("/api/papers/search?q=a&limit=100000").statusCode()).isEqualTo(400);
    String q = "x".repeat(5_000);
    assertThat(site.get("/api/papers/search?q=" + q).statusCode()).isEqualTo(400);
    assertThat(site.get("/search?q=" + q).statusCode()).isEqualTo(400);
  }

  private static void assertProblem(String response, int status) {
    assertThat(response).startsWith("HTTP/1.1 " + status);
    assertThat(response)
        .contains("Content-Type: " + HttpProblem.PROBLEM_JSON)
        .contains("\"status\":" + status)
        .doesNotContain("Exception");
  }

  /** Sends a request as is, for requests java.net.http refuses to build. */
  private String raw(String requestLine, String headers) throws IOException {
    try (Socket socket = new Socket("localhost", site.app.port())) {
      String request =
          requestLine + "\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
