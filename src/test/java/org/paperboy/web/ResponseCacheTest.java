package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Paperboy;
import org.paperboy.paper.PaperRecord;
import org.paperboy.web.ResponseCache.Rendered;

/** The response cache's memory bound: keys on what an answer depends on, entries within bytes. */
class ResponseCacheTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-01T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void randomQueryStrings_addNoEntriesAndTheHeapStaysFlat() throws Exception {
    List<PaperRecord> records = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      records.add(
          CommunityWebTest.record(
              String.format("2606.%05d", i), "Paper " + i + " " + "x".repeat(400), i));
    }
    try (TestSite site = new TestSite(dir, CLOCK, records)) {
      site.search.sync();
      ResponseCache cache = site.app.jettyServer().server().getDescendant(CacheFront.class).cache();
      Random random = new Random(17);
      List<String> paths =
          List.of(
              "/?x=%d",
              "/api/daily_papers?month=2026-07&limit=100&x=%d",
              "/api/daily_papers?x=%d&limit=100&month=2026-07",
              "/papers/month/2026-07?x=%d",
              "/feeds/daily.rss?x=%d",
              "/search?q=paper&x=%d");
      for (int i = 0; i < 200; i++) {
        get(site, String.format(paths.get(i % paths.size()), random.nextInt()));
      }
      long heapBefore = heapAfterGc();
      int entriesBefore = cache.size();
      for (int i = 0; i < 2_000; i++) {
        assertThat(get(site, String.format(paths.get(i % paths.size()), random.nextInt())))
            .isEqualTo(200);
      }
      long heapAfter = heapAfterGc();

      // One entry per list, whatever else the query strings carried.
      assertThat(cache.size()).isEqualTo(entriesBefore).isLessThanOrEqualTo(4);
      assertThat(cache.bytes()).isLessThanOrEqualTo(ResponseCache.MAX_BYTES);
      assertThat(heapAfter - heapBefore).isLessThan(32L * 1024 * 1024);
    }
  }

  @Test
  void entriesTogether_stayWithinTheByteBound() throws Exception {
    long bound = 1024 * 1024;
    try (Paperboy paperboy = TestSite.paperboy(dir, CLOCK)) {
      ResponseCache cache =
          new ResponseCache(paperboy.catalog(), () -> LocalDate.of(2026, 6, 30), () -> 0, bound);
      byte[] body = new byte[50_000];
      new Random(1).nextBytes(body);
      Javalin app =
          Javalin.create(
                  config ->
                      config.routes.get(
                          "/{n}",
                          ctx ->
                              cache.send(
                                  ctx,
                                  ResponseCache.key(ctx),
                                  () -> Rendered.of(200, "application/octet-stream", body))))
              .start(0);
      try {
        HttpClient http = HttpClient.newHttpClient();
        for (int n = 0; n < 200; n++) {
          HttpResponse<byte[]> res =
              http.send(
                  HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/" + n))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
          assertThat(res.statusCode()).isEqualTo(200);
          assertThat(res.body()).isEqualTo(body);
          assertThat(cache.bytes()).isLessThanOrEqualTo(bound);
        }
        assertThat(cache.size()).isBetween(5, 10);
      } finally {
        app.stop();
      }
    }
  }

  @Test
  void key_keepsTheNamedParametersInAlphabeticalOrder() throws Exception {
    try (Paperboy paperboy = TestSite.paperboy(dir, CLOCK)) {
      Javalin app =
          Javalin.create(
                  config ->
                      config.routes.get(
                          "/k", ctx -> ctx.result(ResponseCache.key(ctx, "month", "limit"))))
              .start(0);
      try {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + app.port();
        for (String query :
            List.of("?month=2026-07&limit=5", "?limit=5&x=1&month=2026-07&month=2026-08")) {
          HttpResponse<String> res =
              http.send(
                  HttpRequest.newBuilder(URI.create(base + "/k" + query)).build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(res.body()).isEqualTo("/k?limit=5&month=2026-07");
        }
      } finally {
        app.stop();
      }
    }
  }

  private static int get(TestSite site, String path) throws Exception {
    return site.get(path).statusCode();
  }

  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
