package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.javalin.Javalin;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Paperboy;
import org.paperboy.community.MovableClock;
import org.paperboy.community.Role;
import org.paperboy.config.Settings;
import org.paperboy.digest.OutboxStatus;
import org.paperboy.digest.SubscriptionState;
import org.paperboy.paper.Author;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.store.Database;

/**
 * The digest as a reader meets it, over HTTP with a real SMTP server: the box, confirmation, the
 * digest, one-click unsubscribe through the URL in its header, the preferences page, the API and
 * the admin page.
 */
class DigestWebTest {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  static final LocalDate MONDAY = LocalDate.parse("2026-06-29");

  @TempDir Path dir;
  Paperboy paperboy;
  Database db;
  Javalin app;
  Community community;
  int port;
  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @AfterEach
  void stop() {
    if (paperboy != null) {
      paperboy.close();
    }
  }

  /** Starts the site; with {@code smtp} mail goes to GreenMail, else to the outbox folder. */
  void start(boolean smtp) throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Map<String, String> env = new HashMap<>();
    env.put("PAPERBOY_DATA", dir.toString());
    env.put("PAPERBOY_BASE_URL", "http://localhost:" + port);
    env.put("PAPERBOY_MAIL_FROM", "Paperboy <digest@papers.example.org>");
    if (smtp) {
      env.put("PAPERBOY_SMTP_HOST", "127.0.0.1");
      env.put("PAPERBOY_SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort()));
      env.put("PAPERBOY_SMTP_STARTTLS", "false");
    }
    Settings settings = Settings.from(env);
    MovableClock clock = new MovableClock("2026-06-30T08:00:00Z");
    paperboy =
        Paperboy.builder(settings).clock(clock).lookup(id -> Optional.empty()).jobs(false).build();
    db = paperboy.database();
    Catalog catalog = paperboy.catalog();
    int pos = 0;
    for (String title :
        List.of("Diffusion models for video", "Scaling laws", "Graph networks for proteins")) {
      String id = "2606.2000" + pos;
      catalog.apply(
          List.of(
              new PaperRecord(
                  Paper.builder(id, title, "test")
                      .abstractText("About " + title + ".")
                      .authors(List.of(Author.named("Ada")))
                      .categories(List.of("cs.LG"))
                      .published(MONDAY.minusDays(1))
                      .build(),
                  new Listing(MONDAY, pos++, "ak", 10 - pos, 0))));
    }
    community = paperboy.community();
    app = paperboy.serve(port);
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, Map<String, String> headers, String... pairs)
      throws Exception {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      body.append(body.length() > 0 ? "&" : "")
          .append(pairs[i])
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    HttpRequest.Builder r =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    headers.forEach(r::header);
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String text(MimeMessage m) throws Exception {
    Object content = m.getContent();
    if (content instanceof Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart p = mp.getBodyPart(i);
        if (p.isMimeType("text/plain")) {
          return (String) p.getContent();
        }
      }
    }
    return content.toString();
  }

  static String first(String regex, String text) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in %s", regex, text).isTrue();
    return m.group(1);
  }

  @Test
  void subscribe_confirm_digest_one_click_unsubscribe_then_no_more_mail() throws Exception {
    start(true);
    // The box on the home page posts to /subscribe.
    String home = get("/").body();
    assertThat(home)
        .contains("Get trending papers in your email inbox!")
        .contains("action=\"/subscribe\"");
    HttpResponse<String> asked =
        post(
            Routes.SUBSCRIBE,
            Map.of("Origin", "http://localhost:" + port),
            "email",
            "ada@example.org",
            "frequency",
            "daily",
            "topics",
            "diffusion video");
    assertThat(asked.statusCode()).isEqualTo(200);
    assertThat(asked.body()).contains("Check your inbox");

    MimeMessage confirmation = SMTP.getReceivedMessages()[0];
    String link =
        first(
            "(http://localhost:\\d+/subscribe/confirm\\?token=[A-Za-z0-9_-]{43})",
            text(confirmation));
    // Opening the link changes nothing (mail scanners open links); its button does.
    HttpResponse<String> page = get(link.substring(link.indexOf("/subscribe")));
    assertThat(page.body()).contains("<button");
    assertThat(community.digests().subscriptions().byEmail("ada@example.org").orElseThrow().state())
        .isEqualTo(SubscriptionState.UNCONFIRMED);
    String token = CommunitySite.field(page.body(), "token");
    HttpResponse<String> confirmed = post(Routes.SUBSCRIBE_CONFIRM, Map.of(), "token", token);
    assertThat(confirmed.statusCode()).isEqualTo(303);
    String prefs = confirmed.headers().firstValue("Location").orElseThrow();
    assertThat(get(prefs).body()).contains("Confirmed").contains("diffusion video");

    var digests = community.digests();
    assertThat(digests.run(digests.period("daily:2026-06-29")).sent()).isEqualTo(1);
    MimeMessage digest = SMTP.getReceivedMessages()[1];
    assertThat(digest.getSubject()).contains("Monday, 29 June 2026");
    String header = digest.getHeader("List-Unsubscribe")[0];
    String oneClick = first("<(http[^>]+)>", header);
    assertThat(header).contains("<mailto:");

    // RFC 8058: a bare POST, no cookies, no origin, the fixed body.
    HttpResponse<String> out =
        http.send(
            HttpRequest.newBuilder(URI.create(oneClick))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(out.statusCode()).isEqualTo(200);
    assertThat(digests.subscriptions().byEmail("ada@example.org").orElseThrow().state())
        .isEqualTo(SubscriptionState.UNSUBSCRIBED);

    assertThat(digests.run(digests.period("daily:2026-06-30")).planned()).isZero();
    assertThat(SMTP.getReceivedMessages()).hasSize(2);
  }

  @Test
  void links_in_mail_never_act_on_get_and_cross_site_forms_are_refused() throws Exception {
    start(true);
    HttpResponse<String> cross =
        post(
            Routes.SUBSCRIBE,
            Map.of("Sec-Fetch-Site", "cross-site"),
            "email",
            "victim@example.org");
    assertThat(cross.statusCode()).isEqualTo(403);
    HttpResponse<String> otherOrigin =
        post(Routes.SUBSCRIBE, Map.of("Origin", "https://evil.example"), "email", "v@example.org");
    assertThat(otherOrigin.statusCode()).isEqualTo(403);
    assertThat(SMTP.getReceivedMessages()).isEmpty();

    post(Routes.SUBSCRIBE, Map.of(), "email", "ada@example.org", "frequency", "weekly");
    String token = first("token=([A-Za-z0-9_-]{43})", text(SMTP.getReceivedMessages()[0]));
    post(Routes.SUBSCRIBE_CONFIRM, Map.of(), "token", token);
    var sub = community.digests().subscriptions().byEmail("ada@example.org").orElseThrow();

    HttpResponse<String> unsubscribePage = get("/unsubscribe/" + sub.manageToken());
    assertThat(unsubscribePage.body()).contains("Unsubscribe").contains("<form method=\"post\"");
    assertThat(community.digests().subscriptions().byEmail("ada@example.org").orElseThrow().state())
        .isEqualTo(SubscriptionState.CONFIRMED);
    assertThat(get("/unsubscribe/" + "z".repeat(43)).statusCode()).isEqualTo(404);
    assertThat(get("/subscription/short").statusCode()).isEqualTo(404);

    // Preferences: hostile topics are stored as text and shown escaped.
    HttpResponse<String> saved =
        post(
            "/subscription/" + sub.manageToken(),
            Map.of(),
            "frequency",
            "daily",
            "topics",
            "<script>alert(1)</script> graphs",
            "categories",
            "cs.LG");
    assertThat(saved.statusCode()).isEqualTo(303);
    String prefs = get("/subscription/" + sub.manageToken()).body();
    assertThat(prefs).contains("&lt;script").doesNotContain("<script>alert");
    HttpResponse<String> badCategory =
        post("/subscription/" + sub.manageToken(), Map.of(), "categories", "<b>");
    assertThat(badCategory.statusCode()).isEqualTo(400);
    assertThat(badCategory.body()).contains("not an arXiv category");
  }

  @Test
  void the_api_subscribes_with_json_and_refuses_what_it_cannot_use() throws Exception {
    start(true);
    HttpResponse<String> ok =
        http.send(
            HttpRequest.newBuilder(uri(Routes.API_SUBSCRIPTIONS))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"bo@example.org\",\"frequency\":\"weekly\","
                            + "\"topics\":\"graph networks\",\"categories\":[\"cs.LG\"]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(202);
    assertThat(ok.body()).contains("\"status\":\"confirmation_sent\"").contains("\"cs.LG\"");
    assertThat(SMTP.getReceivedMessages()).hasSize(1);

    HttpResponse<String> bad =
        http.send(
            HttpRequest.newBuilder(uri(Routes.API_SUBSCRIPTIONS))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"bo@example.org\\r\\nBcc: x@y.org\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    HttpResponse<String> notJson =
        post(Routes.API_SUBSCRIPTIONS, Map.of(), "email", "x@example.org");
    assertThat(notJson.statusCode()).isEqualTo(415);
    assertThat(SMTP.getReceivedMessages()).hasSize(1);
  }

  @Test
  void without_smtp_mail_lands_in_the_outbox_folder_and_admins_see_digests_from_the_database()
      throws Exception {
    start(false);
    post(Routes.SUBSCRIBE, Map.of(), "email", "ada@example.org");
    Path outbox = dir.resolve("outbox");
    assertThat(Files.list(outbox).filter(p -> p.toString().endsWith(".eml"))).hasSize(1);
    String token =
        first(
            "token=([A-Za-z0-9_-]{43})",
            Files.readString(Files.list(outbox).findFirst().orElseThrow()));
    post(Routes.SUBSCRIBE_CONFIRM, Map.of(), "token", token);
    var digests = community.digests();
    digests.run(digests.period("daily:2026-06-29"));
    assertThat(digests.outboxCounts(null)).containsEntry(OutboxStatus.SENT, 1);

    assertThat(get(Routes.ADMIN_MAIL).statusCode()).isEqualTo(303);
    community.accounts().add("root@example.org", null, Role.ADMIN);
    String cookie = signIn("root@example.org", outbox);
    HttpResponse<String> admin =
        http.send(
            HttpRequest.newBuilder(uri(Routes.ADMIN_MAIL)).header("Cookie", cookie).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.body())
        .contains("Latest digests")
        .containsPattern(
            "ada@example.org</td><td>Trending papers, Monday, 29 June 2026</td><td>Sent")
        .contains("Sent: 1")
        .doesNotContain("Confirm your Paperboy digest");
    // A signed-in reader subscribing their own address is confirmed at once; the account says so.
    HttpResponse<String> own =
        http.send(
            HttpRequest.newBuilder(uri(Routes.SUBSCRIBE))
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "email=root%40example.org&frequency=weekly"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(own.body()).contains("You are subscribed");
    assertThat(
            http.send(
                    HttpRequest.newBuilder(uri(Routes.ACCOUNT)).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body())
        .contains("You get the weekly digest")
        .contains("/subscription/");

    // A complaint about the address, recorded by hand, suppresses it.
    String csrf = CommunitySite.field(admin.body(), "csrf");
    HttpResponse<String> ended =
        http.send(
            HttpRequest.newBuilder(uri(Routes.ADMIN_MAIL_END))
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "csrf=" + csrf + "&email=ada%40example.org&action=suppress"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ended.statusCode()).isEqualTo(303);
    assertThat(digests.subscriptions().byEmail("ada@example.org").orElseThrow().state())
        .isEqualTo(SubscriptionState.SUPPRESSED);
    HttpResponse<String> noToken =
        http.send(
            HttpRequest.newBuilder(uri(Routes.ADMIN_MAIL_END))
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=ada%40example.org"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(noToken.statusCode()).isEqualTo(403);
    // The folder is this node's: the page lists digests from the database, not files.
    assert404(cookie, "/admin/mail/outbox/..%2Fsite.db");
  }

  private void assert404(String cookie, String path) throws Exception {
    assertThat(
            http.send(
                    HttpRequest.newBuilder(uri(path)).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(404);
  }

  /** Signs in through the mailed link (found in the outbox folder); returns the session cookie. */
  private String signIn(String email, Path outbox) throws Exception {
    HttpResponse<String> form = get(Routes.SIGN_IN);
    String csrf = CommunitySite.field(form.body(), "csrf");
    String signInCookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    java.util.Set<Path> before;
    try (var files = Files.list(outbox)) {
      before = files.collect(java.util.stream.Collectors.toSet());
    }
    http.send(
        HttpRequest.newBuilder(uri(Routes.SIGN_IN))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cookie", signInCookie)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "csrf=" + csrf + "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    Path mail;
    try (var files = Files.list(outbox)) {
      mail = files.filter(p -> !before.contains(p)).findFirst().orElseThrow();
    }
    String token = first("token=([A-Za-z0-9_-]{43})", Files.readString(mail));
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(uri(Routes.VERIFY + "?token=" + token))
                .header("Cookie", signInCookie)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> verified =
        http.send(
            HttpRequest.newBuilder(uri(Routes.VERIFY))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", signInCookie)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "csrf=" + CommunitySite.field(page.body(), "csrf") + "&token=" + token))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return verified.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("paperboy_session="))
        .findFirst()
        .orElseThrow()
        .split(";")[0];
  }
}
