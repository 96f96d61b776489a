package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperboy.web.WebAppTest.CLOCK;
import static org.paperboy.web.WebAppTest.LOCAL;
import static org.paperboy.web.WebAppTest.MAR_13;
import static org.paperboy.web.WebAppTest.MAR_17;
import static org.paperboy.web.WebAppTest.MAR_18;
import static org.paperboy.web.WebAppTest.MONKEYS;
import static org.paperboy.web.WebAppTest.OLD_STYLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/** The JSON API over real HTTP: shapes, parameters, errors, caching headers and CORS. */
final class ApiTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static final Paper SECOND =
      Paper.builder("2503.11732", "A Second Paper of the Day", "test")
          .published(java.time.LocalDate.of(2025, 3, 16))
          .build();

  @TempDir Path dir;
  TestSite site;

  @BeforeEach
  void start() {
    site =
        new TestSite(
            dir,
            CLOCK,
            List.of(
                new PaperRecord(OLD_STYLE, new Listing(MAR_13, 0, "AK", 3, 0)),
                new PaperRecord(MONKEYS, new Listing(MAR_17, 0, "AK", 42, 7)),
                new PaperRecord(LOCAL, new Listing(MAR_17, 1, "Jane Doe", 5, 1)),
                new PaperRecord(MONKEYS, new Listing(MAR_18, 1, "AK", 50, 9)),
                new PaperRecord(SECOND, new Listing(MAR_18, 0, "AK", 2, 0))));
  }

  @AfterEach
  void stop() {
    site.close();
  }

  JsonNode json(String path) throws Exception {
    HttpResponse<String> res = site.get(path);
    assertThat(res.statusCode()).as(path).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
    return JSON.readTree(res.body());
  }

  static List<String> ids(JsonNode items) {
    List<String> ids = new ArrayList<>();
    items.forEach(
        i -> ids.add(i.has("paper") ? i.get("paper").get("id").asText() : i.get("id").asText()));
    return ids;
  }

  @Test
  void dailyPapers_followsHuggingFacesShape() throws Exception {
    JsonNode ours = json("/api/daily_papers?date=2025-03-17").get(0);
    JsonNode hf =
        JSON.readTree(
                Files.readString(
                    Path.of("src/test/resources/samples/hf_daily_papers/2026-06-30.json")))
            .get(0);

    // Every field we write exists in Hugging Face's answer, at the same place, with the same type.
    assertSameShape(ours, hf, "item");
    JsonNode paper = ours.get("paper");
    assertThat(paper.get("id").asText()).isEqualTo("2503.11731");
    assertThat(paper.get("title").asText()).isEqualTo(MONKEYS.title());
    assertThat(paper.get("summary").asText()).isEqualTo(MONKEYS.abstractText());
    // a paper's upvotes, as on Hugging Face: its latest (largest) snapshot, 50 on 18 March
    assertThat(paper.get("upvotes").asInt()).isEqualTo(50);
    assertThat(paper.get("authors").get(0).get("name").asText()).isEqualTo("Author 1");
    assertThat(paper.get("publishedAt").asText()).isEqualTo("2025-03-14T00:00:00.000Z");
    assertThat(paper.get("submittedOnDailyAt").asText()).isEqualTo("2025-03-17T00:00:00.000Z");
    assertThat(paper.get("githubRepo").asText()).isEqualTo("https://github.com/example/monkeys");
    assertThat(paper.get("githubStars").asInt()).isEqualTo(321);
    assertThat(ours.get("numComments").asInt()).isEqualTo(7);
    assertThat(ours.get("submittedBy").get("fullname").asText()).isEqualTo("AK");
  }

  private static void assertSameShape(JsonNode ours, JsonNode hf, String where) {
    assertThat(hf).as(where).isNotNull();
    assertThat(ours.getNodeType()).as(where).isEqualTo(hf.getNodeType());
    if (ours.isObject()) {
      for (Iterator<String> it = ours.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        assertSameShape(ours.get(name), hf.get(name), where + "." + name);
      }
    } else if (ours.isArray() && ours.size() > 0 && hf.size() > 0) {
      assertSameShape(ours.get(0), hf.get(0), where + "[0]");
    }
  }

  @Test
  void dailyPapers_withoutAPeriodIsTheLatestDayInListOrder() throws Exception {
    assertThat(ids(json("/api/daily_papers"))).containsExactly("2503.11732", "2503.11731");
  }

  @Test
  void dailyPapers_takesWeekMonthSortPagingAndSubmitter() throws Exception {
    assertThat(ids(json("/api/daily_papers?week=2025-W12")))
        .containsExactly("2503.11731", LOCAL.id(), "2503.11732");
    assertThat(json("/api/daily_papers?week=2025-W12").get(0).get("paper").get("upvotes").asInt())
        .isEqualTo(50);
    assertThat(ids(json("/api/daily_papers?month=2025-03&sort=publishedAt")))
        .containsExactly("2503.11732", "2503.11731", "hep-th/9901001", LOCAL.id());
    assertThat(ids(json("/api/daily_papers?month=2025-03&sort=trending")).get(0))
        .isEqualTo("2503.11731");
    assertThat(ids(json("/api/daily_papers?month=2025-03&limit=2&p=1")))
        .containsExactly("hep-th/9901001", "2503.11732");
    assertThat(ids(json("/api/daily_papers?month=2025-03&submitter=jane%20doe")))
        .containsExactly(LOCAL.id());
    assertThat(json("/api/daily_papers?date=2025-03-19")).isEmpty();
  }

  @Test
  void badParameters_areProblemDocuments() throws Exception {
    for (String path :
        List.of(
            "/api/daily_papers?date=2025-3-1",
            "/api/daily_papers?week=2025-W99",
            "/api/daily_papers?month=March",
            "/api/daily_papers?date=2025-03-17&week=2025-W12",
            "/api/daily_papers?sort=hot",
            "/api/daily_papers?limit=0",
            "/api/daily_papers?limit=101",
            "/api/daily_papers?p=-1",
            "/api/papers?cursor=***",
            "/api/papers?limit=abc")) {
      HttpResponse<String> res = site.get(path);

      assertThat(res.statusCode()).as(path).isEqualTo(400);
      assertThat(res.headers().firstValue("Content-Type"))
          .as(path)
          .hasValue("application/problem+json");
      JsonNode problem = JSON.readTree(res.body());
      assertThat(problem.get("status").asInt()).isEqualTo(400);
      assertThat(problem.get("title").asText()).isNotBlank();
      assertThat(problem.get("detail").asText()).isNotBlank();
      assertThat(problem.get("type").asText()).isEqualTo("about:blank");
    }
  }

  @Test
  void unknownPapersAndPaths_are404ProblemDocuments() throws Exception {
    for (String path : List.of("/api/papers/2501.99999", "/api/nothing-here")) {
      HttpResponse<String> res = site.get(path);

      assertThat(res.statusCode()).as(path).isEqualTo(404);
      assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(JSON.readTree(res.body()).get("instance").asText()).isEqualTo(path);
    }
  }

  @Test
  void paper_isHuggingFacesPaperObject() throws Exception {
    JsonNode paper = json("/api/papers/2503.11731v2");
    JsonNode old = json("/api/papers/hep-th/9901001");

    assertThat(paper.get("id").asText()).isEqualTo("2503.11731");
    assertThat(paper.get("upvotes").asInt()).isEqualTo(50);
    assertThat(paper.get("submittedOnDailyAt").asText()).isEqualTo("2025-03-18T00:00:00.000Z");
    assertThat(old.get("title").asText()).isEqualTo(OLD_STYLE.title());
  }

  @Test
  void papers_pageThroughEverythingWithACursorInTheLinkHeader() throws Exception {
    List<String> seen = new ArrayList<>();
    String path = "/api/papers?limit=2";
    int pages = 0;
    while (path != null) {
      HttpResponse<String> res = site.get(path);
      assertThat(res.statusCode()).isEqualTo(200);
      seen.addAll(ids(JSON.readTree(res.body())));
      path =
          res.headers()
              .firstValue("Link")
              .map(
                  link -> {
                    assertThat(link).startsWith("<" + TestSite.BASE_URL + "/api/papers?cursor=");
                    assertThat(link).endsWith(">; rel=\"next\"");
                    return link.substring(TestSite.BASE_URL.length() + 1, link.indexOf('>'));
                  })
              .orElse(null);
      pages++;
    }

    assertThat(pages).isEqualTo(2);
    assertThat(seen)
        .containsExactly("2503.11731", "2503.11732", "hep-th/9901001", LOCAL.id())
        .doesNotHaveDuplicates();
  }

  @Test
  void lists_haveEtagCacheControlAnd304() throws Exception {
    HttpResponse<String> first = site.get("/api/daily_papers?date=2025-03-18");
    String etag = first.headers().firstValue("ETag").orElseThrow();

    assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
    assertThat(site.get("/api/daily_papers?date=2025-03-18", "If-None-Match", etag).statusCode())
        .isEqualTo(304);
    assertThat(
            site.get("/api/daily_papers?date=2025-03-18", "If-None-Match", "W/" + etag)
                .statusCode())
        .isEqualTo(304);
    assertThat(site.get("/api/daily_papers?date=2025-03-17", "If-None-Match", etag).statusCode())
        .isEqualTo(200);
  }

  @Test
  void cors_allowsAnyOriginToGet() throws Exception {
    HttpResponse<String> get = site.get("/api/daily_papers", "Origin", "https://elsewhere.example");
    HttpResponse<String> preflight =
        site.send(
            HttpRequest.newBuilder(site.uri("/api/daily_papers"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "GET"));

    assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(get.headers().firstValue("Access-Control-Expose-Headers"))
        .hasValueSatisfying(h -> assertThat(h).contains("ETag", "Link"));
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
        .hasValueSatisfying(h -> assertThat(h).contains("GET"));
    assertThat(site.get("/").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void openApi_isJsonAndDocumentsEveryApiPath() throws Exception {
    JsonNode doc = json("/api/openapi.json");

    assertThat(doc.get("openapi").asText()).startsWith("3.");
    assertThat(doc.get("servers").get(0).get("url").asText()).isEqualTo(TestSite.BASE_URL);
    Set<String> documented = new HashSet<>();
    doc.get("paths").fieldNames().forEachRemaining(documented::add);
    // Besides the API: a paper as Markdown, as Hugging Face's client reads it.
    assertThat(documented.remove("/papers/{id}.md")).isTrue();
    Set<String> routes = new HashSet<>();
    for (Field f : Routes.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        f.setAccessible(true);
        String path = (String) f.get(null);
        if (path.startsWith(Routes.API_PREFIX) && !f.getName().equals("API_PREFIX")) {
          // Javalin's <id> is OpenAPI's {id}.
          routes.add(path.replace('<', '{').replace('>', '}'));
        }
      }
    }
    assertThat(routes).isNotEmpty();
    assertThat(documented).containsExactlyInAnyOrderElementsOf(routes);
    doc.get("paths")
        .forEach(
            item ->
                assertThat(
                        item.has("get")
                            ? item.get("get").get("responses").has("200")
                            : item.get("post").get("responses").has("200")
                                || item.get("post").get("responses").has("201"))
                    .as(item.toString())
                    .isTrue());
  }
}
