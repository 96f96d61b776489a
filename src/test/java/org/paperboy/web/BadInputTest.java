package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
    // beyond what Jetty parses of the head (64 KB), refused while parsing: the path is still known
    String hugeHeader = "X-Big: " + "a".repeat(70_000) + "\r\n";
    assertProblem(raw("GET /api/daily_papers HTTP/1.1", hugeHeader), 431);
    String tooLarge = "Content-Type: application/json\r\nContent-Length: 100000000\r\n";
    assertProblem(raw("POST /api/subscriptions HTTP/1.1", tooLarge), 413);
    assertProblem(
        raw("GET /api/papers HTTP/1.1", "Content-Length: 2\r\nContent-Length: 3\r\n"), 400);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/papers/%zz",
        "/api/papers/%",
        "/api/papers/a%4",
        "/api/%zz/%",
        "/api/papers/%00"
      })
  void undecodableUrisUnderTheApi_areProblemDocuments(String path) throws Exception {
    // Jetty refuses these before it makes a request of them; UndecodableUris keeps the path.
    String res = raw("GET " + path + " HTTP/1.1", "");
    assertProblem(res, 400);
    assertThat(res)
        .contains("its URI does not decode")
        .contains("\"instance\":\"" + UndecodableUris.escapePercents(path) + "\"")
        .contains("Access-Control-Allow-Origin: *")
        .contains("Content-Security-Policy: ");
  }

  @Test
  void escapesJettyLetsThroughButNoPathParameterDecodes_are400() throws Exception {
    // Jetty does not decode what follows a ';' and takes "%u0041" for UTF-16; Javalin cannot
    assertProblem(raw("GET /api/papers/a;b%4 HTTP/1.1", ""), 400);
    assertProblem(raw("GET /api/papers/%5C%u0041/similar HTTP/1.1", ""), 400);
    assertThat(raw("GET /papers/week/a;b%4 HTTP/1.1", ""))
        .startsWith("HTTP/1.1 400")
        .contains("Content-Type: text/html");
    assertThat(raw("GET /collections/%5C%u0041 HTTP/1.1", ""))
        .startsWith("HTTP/1.1 400")
        .contains("Content-Type: text/html");
  }

  @Test
  void aRefusedHead_hasNoBody() throws Exception {
    String res = raw("HEAD /api/papers/%zz HTTP/1.1", "");
    assertThat(res)
        .startsWith("HTTP/1.1 400")
        .contains("Content-Type: " + HttpProblem.PROBLEM_JSON);
    assertThat(res.substring(res.indexOf("\r\n\r\n") + 4)).isEmpty();
  }

  @Test
  void jettysOwnErrorsOnPages_areTheSitesMessagePage() throws Exception {
    for (String res :
        List.of(
            raw("GET /papers/%zz HTTP/1.1", ""),
            raw("GET /search?q=" + "a".repeat(20_000) + " HTTP/1.1", ""),
            raw("GET / HTTP/1.1", "X-Big: " + "a".repeat(20_000) + "\r\n"),
            // a request line too long to read: no path, so the page
            raw("GET /api/papers?x=" + "a".repeat(70_000) + " HTTP/1.1", ""))) {
      assertThat(res)
          .matches("(?s)HTTP/1.1 4(00|14|31) .*")
          .contains("Content-Type: text/html; charset=utf-8")
          .contains("Content-Security-Policy: ")
          .contains("<h1 id=\"message-heading\">")
          .doesNotContain("Exception")
          .doesNotContain("/badMessage");
    }
  }

  @Test
  void aChunkedBodyOverTheLimit_isAProblemDocument() throws Exception {
    String body = "a".repeat((int) RequestLimits.MAX_BODY_BYTES + 1000);
    String chunked = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
    String res =
        site.raw(
            "POST /api/subscriptions HTTP/1.1",
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
            chunked);
    assertProblem(res, 413);
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

  private String raw(String requestLine, String headers) throws IOException {
    return site.raw(requestLine, headers, "");
  }
}
