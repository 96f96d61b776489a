package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperboy.web.CommunityWebTest.A;
import static org.paperboy.web.CommunityWebTest.B;
import static org.paperboy.web.CommunityWebTest.TODAY;
import static org.paperboy.web.CommunityWebTest.record;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.Role;
import org.paperboy.community.Sessions;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * {@link CacheFront}: cached answers sent straight through Jetty must be the answers Javalin's
 * handlers send (status, every header but Date, bytes), for GET, HEAD, gzip and conditional
 * requests; and must stop as soon as the catalog or the community changes. On the app with its
 * community, as {@code serve} builds it, over real HTTP.
 *
 * <p>A request with a session cookie always goes through Javalin; one whose session is not valid is
 * served there from the same cache. That is how these tests get Javalin's answer to compare.
 */
final class CacheFrontTest {

  /** A session cookie no session has: Javalin answers, as to a reader who is signed out. */
  static final String NO_SESSION = Sessions.COOKIE + "=not-a-session";

  /** Lists, a filtered or paged list, the API (with CORS) and a feed. */
  static final List<String> CACHED_PATHS =
      List.of(
          "/",
          Routes.day(TODAY),
          "/?page=1",
          "/papers/week/2026-W27",
          "/api/daily_papers",
          "/api/daily_papers?limit=1&sort=publishedAt",
          "/api/papers",
          "/feeds/daily.atom",
          "/feeds/daily.rss?category=cs.LG");

  @TempDir Path dir;
  CommunitySite site;
  CacheFront front;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    site = new CommunitySite(dir, List.of(record(A, "Alpha paper", 7), record(B, "Beta paper", 3)));
    front = site.app.jettyServer().server().getDescendant(CacheFront.class);
  }

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  void repeatedRequests_getJavalinsAnswerFromTheFront() throws Exception {
    for (String path : CACHED_PATHS) {
      HttpResponse<byte[]> first = send("GET", path);
      assertThat(first.statusCode()).as(path).isEqualTo(200);
      for (String[] headers :
          List.of(
              new String[0],
              new String[] {"Accept-Encoding", "gzip, deflate, br"},
              new String[] {"Accept-Encoding", "gzip;q=0"},
              new String[] {"If-None-Match", etag(first)},
              new String[] {"If-None-Match", "W/" + etag(first)},
              new String[] {"If-None-Match", "\"other\", " + etag(first)},
              new String[] {"If-None-Match", "\"other\""},
              new String[] {"Accept-Encoding", "gzip", "If-None-Match", etag(first)})) {
        for (String method : List.of("GET", "HEAD")) {
          String what = method + " " + path + " " + String.join(": ", headers);
          HttpResponse<byte[]> javalin = send(method, path, with(headers, "Cookie", NO_SESSION));
          long before = front.answered();
          HttpResponse<byte[]> fromFront = send(method, path, headers);

          assertThat(front.answered()).as(what).isEqualTo(before + 1);
          assertThat(fromFront.statusCode()).as(what).isEqualTo(javalin.statusCode());
          assertThat(withoutDate(fromFront)).as(what).isEqualTo(withoutDate(javalin));
          assertThat(fromFront.body()).as(what).isEqualTo(javalin.body());
        }
      }
    }
  }

  @Test
  void answers_carryTheSiteHeadersALengthAndCorsOnTheApi() throws Exception {
    send("GET", "/");
    HttpResponse<byte[]> page = send("GET", "/");
    send("GET", "/api/daily_papers");
    HttpResponse<byte[]> api = send("GET", "/api/daily_papers");

    assertThat(front.answered()).isEqualTo(2);
    assertThat(header(page, "Content-Security-Policy")).isEqualTo(WebApp.CONTENT_SECURITY_POLICY);
    assertThat(header(page, "X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(header(page, "Content-Type")).isEqualTo("text/html;charset=utf-8");
    assertThat(header(page, "Content-Length")).isEqualTo(String.valueOf(page.body().length));
    assertThat(header(page, "Cache-Control")).isEqualTo("public, max-age=60");
    assertThat(header(page, "Vary")).isEqualTo("Cookie, Accept-Encoding");
    assertThat(page.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(header(api, "Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(header(api, "Content-Security-Policy")).isEqualTo(WebApp.CONTENT_SECURITY_POLICY);
    assertThat(header(api, "Content-Type")).isEqualTo("application/json");
    assertThat(new String(api.body(), StandardCharsets.UTF_8)).contains("Alpha paper");
  }

  @Test
  void gzip_isSentToClientsThatAcceptIt_withItsOwnEtag() throws Exception {
    HttpResponse<byte[]> plain = send("GET", "/");
    HttpResponse<byte[]> zipped = send("GET", "/", "Accept-Encoding", "gzip");
    HttpResponse<byte[]> refused = send("GET", "/", "Accept-Encoding", "gzip;q=0, identity");

    assertThat(header(zipped, "Content-Encoding")).isEqualTo("gzip");
    assertThat(gunzip(zipped.body())).isEqualTo(plain.body());
    assertThat(zipped.body().length).isLessThan(plain.body().length / 2);
    assertThat(header(zipped, "Content-Length")).isEqualTo(String.valueOf(zipped.body().length));
    assertThat(header(zipped, "ETag")).isEqualTo(CachedAnswer.gzipTag(etag(plain)));
    assertThat(header(zipped, "Vary")).contains("Accept-Encoding");
    assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(refused.body()).isEqualTo(plain.body());
    // Either tag names the same content.
    assertThat(send("GET", "/", "If-None-Match", header(zipped, "ETag")).statusCode())
        .isEqualTo(304);
    assertThat(send("GET", "/", "Accept-Encoding", "gzip", "If-None-Match", etag(plain)))
        .satisfies(
            r -> {
              assertThat(r.statusCode()).isEqualTo(304);
              assertThat(r.body()).isEmpty();
              assertThat(header(r, "ETag")).isEqualTo(header(zipped, "ETag"));
            });
  }

  @Test
  void head_sendsTheHeadersOfGetWithoutABody_evenBeforeAnyGet() throws Exception {
    HttpResponse<byte[]> head = send("HEAD", "/api/daily_papers");
    HttpResponse<byte[]> get = send("GET", "/api/daily_papers");

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(withoutDate(head)).isEqualTo(withoutDate(get));
    assertThat(header(head, "Content-Length")).isEqualTo(String.valueOf(get.body().length));
  }

  @Test
  void aVoteOrANewPaper_isShownAtOnce() throws Exception {
    String day = Routes.day(TODAY);
    send("GET", day);
    assertThat(text(send("GET", day))).contains("vote-count\">7<");
    long answered = front.answered();

    var ada = site.signedIn("ada@example.org", Role.READER);
    String csrf = ada.csrf(Routes.ACCOUNT);
    assertThat(ada.post(Routes.vote(A), "csrf", csrf, "next", day).statusCode()).isEqualTo(303);
    HttpResponse<byte[]> afterVote = send("GET", day);

    assertThat(front.answered()).isEqualTo(answered);
    assertThat(text(afterVote)).contains("vote-count\">8<");
    assertThat(text(send("GET", day))).contains("vote-count\">8<");
    assertThat(front.answered()).isEqualTo(answered + 1);

    Paper later = Paper.builder("2606.00003", "Gamma paper, added later", "test").build();
    site.catalog.apply(List.of(new PaperRecord(later, new Listing(TODAY, 2, null, 1, 0))));

    assertThat(text(send("GET", day))).contains("Gamma paper, added later");
    assertThat(front.answered()).isEqualTo(answered + 1);
  }

  @Test
  void signedInReaders_getTheirOwnPageFromJavalin() throws Exception {
    send("GET", "/");
    send("GET", "/");
    long answered = front.answered();
    var ada = site.signedIn("ada@example.org", Role.READER);

    HttpResponse<String> mine = ada.get("/");

    assertThat(front.answered()).isEqualTo(answered);
    assertThat(mine.headers().firstValue("Cache-Control")).hasValue("private, no-store");
    assertThat(mine.headers().firstValue("Vary")).hasValue("Cookie");
    assertThat(mine.body()).contains("name=\"csrf\"");
    assertThat(text(send("GET", "/"))).doesNotContain("name=\"csrf\"");
  }

  @Test
  void badParameters_andTimeDependentLists_alwaysGoToJavalin() throws Exception {
    for (int i = 0; i < 2; i++) {
      assertThat(send("GET", "/?page=0").statusCode()).isEqualTo(400);
      assertThat(send("GET", "/?page=2").statusCode()).isEqualTo(404);
      assertThat(send("GET", "/api/daily_papers?sort=nonsense").statusCode()).isEqualTo(400);
      assertThat(send("GET", Routes.TRENDING).statusCode()).isEqualTo(200);
      assertThat(send("POST", "/").statusCode()).isNotEqualTo(200);
    }
    assertThat(front.answered()).isZero();
  }

  @Test
  void health_isAnsweredByTheFront() throws Exception {
    HttpResponse<byte[]> get = send("GET", Routes.HEALTH);
    HttpResponse<byte[]> head = send("HEAD", Routes.HEALTH);

    assertThat(front.answered()).isEqualTo(2);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(text(get)).isEqualTo("{\"status\":\"up\"}");
    assertThat(header(get, "Content-Type")).isEqualTo("application/json");
    assertThat(header(get, "Content-Security-Policy")).isEqualTo(WebApp.CONTENT_SECURITY_POLICY);
    assertThat(head.body()).isEmpty();
    assertThat(header(head, "Content-Length")).isEqualTo("15");
  }

  @Test
  void acceptEncoding_isReadAsRfc9110Says() {
    assertThat(CachedAnswer.acceptsGzip(null)).isFalse();
    assertThat(CachedAnswer.acceptsGzip("")).isFalse();
    assertThat(CachedAnswer.acceptsGzip("identity")).isFalse();
    assertThat(CachedAnswer.acceptsGzip("br, zstd")).isFalse();
    assertThat(CachedAnswer.acceptsGzip("gzip")).isTrue();
    assertThat(CachedAnswer.acceptsGzip("GZIP")).isTrue();
    assertThat(CachedAnswer.acceptsGzip("deflate, gzip;q=0.5")).isTrue();
    assertThat(CachedAnswer.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(CachedAnswer.acceptsGzip("gzip; q=0.000")).isFalse();
    assertThat(CachedAnswer.acceptsGzip("*")).isTrue();
    assertThat(CachedAnswer.acceptsGzip("*;q=0")).isFalse();
    assertThat(CachedAnswer.acceptsGzip("gzip;q=0, *")).isFalse();
    assertThat(CachedAnswer.acceptsGzip("gzip;q=nonsense")).isTrue();
  }

  private HttpResponse<byte[]> send(String method, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(site.uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String[] with(String[] headers, String name, String value) {
    List<String> all = new ArrayList<>(List.of(headers));
    all.add(name);
    all.add(value);
    return all.toArray(String[]::new);
  }

  private static Map<String, List<String>> withoutDate(HttpResponse<?> r) {
    Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    all.putAll(r.headers().map());
    all.remove("Date");
    return all;
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name));
  }

  private static String etag(HttpResponse<?> r) {
    return header(r, "ETag");
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static byte[] gunzip(byte[] body) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
