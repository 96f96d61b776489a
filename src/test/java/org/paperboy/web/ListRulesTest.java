package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.io.WireFeedInput;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Paperboy;
import org.paperboy.community.MovableClock;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.config.Settings;
import org.paperboy.digest.DigestPeriod;
import org.paperboy.digest.Digests;
import org.paperboy.digest.OutboxStatus;
import org.paperboy.digest.Preferences;
import org.paperboy.mail.MailMessage;
import org.paperboy.paper.Author;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * The list rules hold everywhere a list is shown: pages, the JSON API, the feeds and the digest
 * read the same list service, so a hidden entry reaches none of them, trending has one order, and
 * counts on a card are what the paper's page accounts for.
 */
class ListRulesTest {

  /** Monday 29 June 2026: the list every view here shows. */
  static final LocalDate MONDAY = LocalDate.parse("2026-06-29");

  /** A paper a curator hides; its title matches the subscriber's topics best of all. */
  static final String HIDDEN = "2606.30616";

  /** Fewer upvotes than the top paper, but discussed here: comments lift it in trending. */
  static final String DISCUSSED = "2606.30003";

  @TempDir Path dir;
  final MovableClock clock = new MovableClock("2026-06-29T18:00:00Z");
  final List<MailMessage> mails = new CopyOnWriteArrayList<>();
  Paperboy paperboy;
  final HttpClient client = HttpClient.newHttpClient();
  User curator;
  User ada;

  @BeforeEach
  void start() throws Exception {
    Settings settings =
        Settings.from(
            Map.of(
                "PAPERBOY_DATA", dir.toString(),
                "PAPERBOY_DEMO_DATA", "false",
                "PAPERBOY_BASE_URL", "http://localhost"));
    paperboy = Paperboy.builder(settings).clock(clock).mailer(mails::add).jobs(false).build();
    List<PaperRecord> records = new ArrayList<>();
    String[][] papers = {
      {"2606.30001", "Scaling laws of language models", "40", "0"},
      {"2606.30002", "Graph networks for proteins", "30", "0"},
      {DISCUSSED, "Sparse attention for long documents", "28", "2"},
      {"2606.30004", "Tokenizers for code models", "5", "0"},
      {HIDDEN, "Video diffusion models with motion priors", "60", "1"},
    };
    int pos = 0;
    for (String[] p : papers) {
      records.add(
          new PaperRecord(
              Paper.builder(p[0], p[1], "test")
                  .version(1)
                  .abstractText("We study " + p[1].toLowerCase() + ".")
                  .authors(List.of(Author.named("Ada Lovelace")))
                  .categories(List.of("cs.LG"))
                  .published(MONDAY)
                  .build(),
              new Listing(MONDAY, pos++, "ak", Integer.parseInt(p[2]), Integer.parseInt(p[3]))));
    }
    paperboy.catalog().apply(records);
    curator = paperboy.community().accounts().add("cur@example.org", null, Role.CURATOR);
    ada = paperboy.community().accounts().add("ada@example.org", null, Role.READER);
    paperboy.community().curation().hide(curator, MONDAY, HIDDEN, true);
    for (int i = 0; i < 3; i++) {
      paperboy.community().comments().post(ada, DISCUSSED, "Comment " + i);
    }
    paperboy.serve(0);
  }

  @AfterEach
  void stop() {
    paperboy.close();
  }

  HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + paperboy.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void a_hidden_entry_reaches_no_page_api_answer_feed_or_digest() throws Exception {
    for (String path :
        List.of(
            "/",
            "/papers/date/2026-06-29",
            "/papers/week/2026-W27",
            "/papers/month/2026-06",
            "/papers/trending",
            "/api/daily_papers",
            "/api/daily_papers?date=2026-06-29",
            "/api/daily_papers?week=2026-W27&sort=trending",
            "/api/daily_papers?month=2026-06&sort=publishedAt",
            "/feeds/daily.atom",
            "/feeds/daily.rss",
            "/feeds/trending.atom",
            "/feeds/trending.rss")) {
      HttpResponse<String> res = get(path);
      assertThat(res.statusCode()).as(path).isEqualTo(200);
      assertThat(res.body()).as(path).contains("2606.30001").doesNotContain(HIDDEN);
    }

    Digests digests = paperboy.digests();
    paperboy
        .digests()
        .subscriptions()
        .subscribe("ada@example.org", Preferences.parse("daily", "video diffusion", ""), ada, "t");
    DigestPeriod period = digests.period("daily:2026-06-29");
    clock.set(period.dueAt(LocalTime.of(7, 0), ZoneOffset.UTC).toInstant());
    Digests.Preview preview = digests.dryRun(period).get(0);
    assertThat(preview.trending()).isNotEmpty().doesNotContain(HIDDEN);
    assertThat(preview.picks()).doesNotContain(HIDDEN);

    digests.run(period);
    MailMessage digest = mails.get(mails.size() - 1);
    assertThat(digest.subject()).isEqualTo("Trending papers, Monday, 29 June 2026");
    assertThat(digest.text()).contains("2606.30001").doesNotContain(HIDDEN);
    // The dry run of a period already sent says so, with what was sent.
    Digests.Preview again = digests.dryRun(period).get(0);
    assertThat(again.status()).isEqualTo(OutboxStatus.SENT);
    assertThat(again.trending()).isEqualTo(preview.trending());
  }

  @Test
  void the_digests_trending_order_is_the_lists_trending_order_for_the_same_days() throws Exception {
    Digests digests = paperboy.digests();
    DigestPeriod period = digests.period("daily:2026-06-29");
    clock.set(period.dueAt(LocalTime.of(7, 0), ZoneOffset.UTC).toInstant());
    paperboy
        .community()
        .digests()
        .subscriptions()
        .subscribe("ada@example.org", Preferences.parse("daily", "", ""), ada, "t");

    JsonNode api =
        new ObjectMapper().readTree(get("/api/daily_papers?date=2026-06-29&sort=trending").body());
    List<String> apiOrder = new ArrayList<>();
    api.forEach(item -> apiOrder.add(item.get("paper").get("id").asText()));
    List<String> digestOrder = digests.dryRun(period).get(0).trending();

    assertThat(digestOrder).isEqualTo(apiOrder.subList(0, digestOrder.size()));
    // 28 upvotes, 2 imported and 3 local comments: 38 points, above the 30-upvote paper.
    assertThat(apiOrder).containsSubsequence(DISCUSSED, "2606.30002");
    // The trending page of these days (the 14 up to the latest list) has the same order.
    String page = get("/papers/trending").body();
    List<Integer> at = apiOrder.stream().map(page::indexOf).toList();
    assertThat(at).doesNotContain(-1).isSorted();
  }

  @Test
  void comments_on_a_card_are_what_its_page_accounts_for() throws Exception {
    String day = get("/papers/date/2026-06-29").body();
    // 2 imported from Hugging Face + 3 made here.
    assertThat(day).contains("5 comments");
    String page = get("/papers/" + DISCUSSED).body();
    assertThat(page)
        .contains("Comments (3)")
        .contains("Also 2 comments on")
        .contains("https://huggingface.co/papers/" + DISCUSSED);
    // Its day on the list shows the same counts as the card.
    assertThat(page).contains("vote-count\">28</span> upvotes, 5 comments");
  }

  @Test
  void the_search_feed_answers_as_the_search_api_does() throws Exception {
    for (String q : List.of("models", "models cat:cs.LG", "\"language models\"")) {
      String query = URLEncoder.encode(q, StandardCharsets.UTF_8);
      JsonNode api =
          new ObjectMapper().readTree(get("/api/papers/search?limit=100&q=" + query).body());
      List<String> apiIds = new ArrayList<>();
      api.forEach(item -> apiIds.add(item.get("paper").get("id").asText()));
      Feed feed =
          (Feed)
              new WireFeedInput()
                  .build(new StringReader(get("/feeds/search.atom?q=" + query).body()));
      List<String> feedIds =
          feed.getEntries().stream()
              .map(Entry::getAlternateLinks)
              .map(links -> links.get(0).getHref().replaceAll(".*/papers/", ""))
              .collect(Collectors.toList());
      assertThat(feedIds).as(q).isNotEmpty().isEqualTo(apiIds);
    }
  }
}
