package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.Comments;
import org.paperboy.community.Role;
import org.paperboy.community.Sessions;
import org.paperboy.community.User;
import org.paperboy.paper.Author;
import org.paperboy.paper.Json;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * Every community flow at the HTTP level, on the app as {@code serve} builds it: sign-in by mailed
 * link, upvotes, comments, submissions, collections, curation and moderation, and each failure
 * (expired and reused links, missing CSRF tokens, no session, banned accounts).
 */
class CommunityWebTest {

  static final LocalDate TODAY = LocalDate.parse("2026-07-01");
  static final String A = "2606.00001";
  static final String B = "2606.00002";

  @TempDir Path dir;
  CommunitySite site;

  @BeforeEach
  void start() {
    site = new CommunitySite(dir, List.of(record(A, "Alpha paper", 7), record(B, "Beta paper", 3)));
  }

  @AfterEach
  void stop() {
    site.close();
  }

  static PaperRecord record(String id, String title, int upvotes) {
    return new PaperRecord(
        Paper.builder(id, title, "test")
            .abstractText("About " + title + ".")
            .authors(List.of(Author.named("Ada")))
            .published(TODAY.minusDays(1))
            .build(),
        new Listing(TODAY, 0, null, upvotes, 0));
  }

  @Test
  void signs_in_by_mailed_link_once_with_a_safe_cookie() throws Exception {
    var b = site.browser();
    HttpResponse<String> verified = b.signIn("ada@example.org");
    assertThat(verified.statusCode()).isEqualTo(303);
    String cookie = verified.headers().allValues("Set-Cookie").toString();
    assertThat(cookie).contains("paperboy_session=").contains("HttpOnly").contains("SameSite=Lax");
    assertThat(b.get(Routes.ACCOUNT).body()).contains("ada@example.org");

    var other = site.browser();
    HttpResponse<String> reused = other.get(Routes.VERIFY + "?token=" + site.lastToken());
    assertThat(reused.statusCode()).isEqualTo(400);
    assertThat(reused.body()).contains("already used");
    assertThat(other.get(Routes.ACCOUNT).statusCode()).isEqualTo(303);
  }

  @Test
  void every_cookie_is_http_only_lax_and_site_wide_and_secure_only_on_an_https_site(
      @TempDir Path httpsDir) throws Exception {
    // The http site: the sign-in form's cookies, then the session cookie and the cleared next one.
    var b = site.browser();
    HttpResponse<String> form = b.get(Routes.SIGN_IN + "?next=" + Routes.ACCOUNT);
    String csrf = CommunitySite.field(form.body(), "csrf");
    HttpResponse<String> asked = b.post(Routes.SIGN_IN, "csrf", csrf, "email", "ada@example.org");
    HttpResponse<String> verified = b.openLink(site.lastToken());
    List<String> http = new ArrayList<>(form.headers().allValues("Set-Cookie"));
    http.addAll(asked.headers().allValues("Set-Cookie"));
    http.addAll(verified.headers().allValues("Set-Cookie"));
    assertThat(http)
        .extracting(c -> c.substring(0, c.indexOf('=')))
        .containsExactlyInAnyOrder(
            Guard.SIGNIN_COOKIE,
            CommunityPages.NEXT_COOKIE,
            Guard.SIGNIN_COOKIE,
            Sessions.COOKIE,
            CommunityPages.NEXT_COOKIE);
    assertThat(http)
        .allSatisfy(
            c ->
                assertThat(c)
                    .contains("; Path=/;", "; HttpOnly", "; SameSite=Lax")
                    .doesNotContain("Secure"));

    try (CommunitySite https = new CommunitySite(httpsDir, List.of(), "https://papers.example")) {
      List<String> secure =
          https
              .browser()
              .get(Routes.SIGN_IN + "?next=" + Routes.ACCOUNT)
              .headers()
              .allValues("Set-Cookie");
      assertThat(secure).hasSize(2);
      assertThat(secure)
          .allSatisfy(
              c -> assertThat(c).contains("; Path=/;", "; HttpOnly", "; SameSite=Lax", "; Secure"));
    }
  }

  @Test
  void opening_a_link_shows_a_button_and_spends_nothing_until_it_is_pressed() throws Exception {
    var b = site.browser();
    String csrf = b.csrf(Routes.SIGN_IN);
    b.post(Routes.SIGN_IN, "csrf", csrf, "email", "ada@example.org");
    String token = site.lastToken();
    // a mail scanner fetches the link, without cookies, several times
    var scanner = site.browser();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> scanned = scanner.get(Routes.VERIFY + "?token=" + token);
      assertThat(scanned.statusCode()).isEqualTo(200);
      assertThat(scanned.headers().allValues("Set-Cookie"))
          .noneMatch(c -> c.startsWith(Sessions.COOKIE));
      assertThat(scanned.headers().firstValue("Cache-Control"))
          .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }
    HttpResponse<String> page = b.get(Routes.VERIFY + "?token=" + token);
    assertThat(page.body()).contains("signs you in as <strong>ada@example.org</strong>");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(page.body()).doesNotContain("name=\"confirm\"");
    assertThat(b.get(Routes.ACCOUNT).statusCode()).isEqualTo(303);

    // the button without the form token is refused, and leaves the link unspent
    assertThat(b.post(Routes.VERIFY, "token", token).statusCode()).isEqualTo(403);
    HttpResponse<String> in =
        b.post(Routes.VERIFY, "csrf", CommunitySite.field(page.body(), "csrf"), "token", token);
    assertThat(in.statusCode()).isEqualTo(303);
    assertThat(b.get(Routes.ACCOUNT).body()).contains("ada@example.org");
  }

  @Test
  void a_link_asked_for_elsewhere_signs_in_only_after_confirming_its_account() throws Exception {
    // login CSRF: mallory asks for a link to her own address and gets a victim to open it
    var mallory = site.browser();
    mallory.post(
        Routes.SIGN_IN, "csrf", mallory.csrf(Routes.SIGN_IN), "email", "mallory@example.org");
    String token = site.lastToken();
    var victim = site.browser();
    HttpResponse<String> page = victim.get(Routes.VERIFY + "?token=" + token);
    assertThat(page.body())
        .contains("asked for in another browser")
        .contains("mallory@example.org")
        .contains("name=\"confirm\" value=\"yes\"");
    String csrf = CommunitySite.field(page.body(), "csrf");
    // a forged cross-site POST has no form token; one without "confirm" is refused
    assertThat(victim.post(Routes.VERIFY, "token", token, "confirm", "yes").statusCode())
        .isEqualTo(403);
    HttpResponse<String> unconfirmed = victim.post(Routes.VERIFY, "csrf", csrf, "token", token);
    assertThat(unconfirmed.statusCode()).isEqualTo(403);
    assertThat(unconfirmed.body()).contains("confirm the account");
    assertThat(victim.get(Routes.ACCOUNT).statusCode()).isEqualTo(303);
    // the reader who opened their own link on another device confirms it
    HttpResponse<String> confirmed =
        victim.post(Routes.VERIFY, "csrf", csrf, "token", token, "confirm", "yes");
    assertThat(confirmed.statusCode()).isEqualTo(303);
    assertThat(victim.get(Routes.ACCOUNT).body()).contains("mallory@example.org");
  }

  @Test
  void signing_in_ends_the_session_the_browser_had() throws Exception {
    var b = site.signedIn("ada@example.org", Role.READER);
    String adaSession = cookie(b, Sessions.COOKIE);
    assertThat(site.community.sessions().lookup(adaSession)).isPresent();

    // a signed-in browser is sent on from the sign-in form; the link comes from elsewhere
    assertThat(b.get(Routes.SIGN_IN).statusCode()).isEqualTo(303);
    var phone = site.browser();
    phone.post(Routes.SIGN_IN, "csrf", phone.csrf(Routes.SIGN_IN), "email", "bo@example.org");
    HttpResponse<String> page = b.get(Routes.VERIFY + "?token=" + site.lastToken());
    assertThat(page.body()).contains("You are signed in as ada@example.org now; that session ends");
    assertThat(b.openLink(site.lastToken()).statusCode()).isEqualTo(303);

    assertThat(b.get(Routes.ACCOUNT).body()).contains("bo@example.org");
    assertThat(site.community.sessions().lookup(adaSession)).isEmpty();
  }

  private static String cookie(CommunitySite.Browser b, String name) {
    return b.cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  @Test
  void an_expired_link_is_refused() throws Exception {
    var b = site.browser();
    String csrf = b.csrf(Routes.SIGN_IN);
    assertThat(b.post(Routes.SIGN_IN, "csrf", csrf, "email", "bo@example.org").body())
        .contains("Check your inbox");
    site.clock.advance(Duration.ofMinutes(16));
    HttpResponse<String> r = b.get(Routes.VERIFY + "?token=" + site.lastToken());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("expired");
  }

  @Test
  void the_sign_in_form_needs_its_token_and_a_plausible_address() throws Exception {
    var b = site.browser();
    assertThat(b.post(Routes.SIGN_IN, "email", "x@example.org").statusCode()).isEqualTo(403);
    String csrf = b.csrf(Routes.SIGN_IN);
    HttpResponse<String> bad = b.post(Routes.SIGN_IN, "csrf", csrf, "email", "<b>nope");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("&lt;b&gt;nope").doesNotContain("<b>nope");
    assertThat(site.mails).isEmpty();
  }

  @Test
  void votes_toggle_and_show_everywhere_and_need_session_and_token() throws Exception {
    var anon = site.browser();
    HttpResponse<String> noSession = anon.post(Routes.vote(A), "next", Routes.day(TODAY));
    assertThat(noSession.statusCode()).isEqualTo(303);
    assertThat(noSession.headers().firstValue("Location").orElse("")).startsWith(Routes.SIGN_IN);
    HttpResponse<String> apiNoSession = anon.postJson(Routes.apiVote(A), "{}", null);
    assertThat(apiNoSession.statusCode()).isEqualTo(401);
    assertThat(apiNoSession.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(anon.get(Routes.day(TODAY)).body()).contains("<span class=\"vote-count\">7</span>");

    var ada = site.signedIn("ada@example.org", Role.READER);
    assertThat(ada.post(Routes.vote(A), "next", "/").statusCode()).isEqualTo(403);
    assertThat(ada.postJson(Routes.apiVote(A), "{}", null).statusCode()).isEqualTo(403);
    String csrf = ada.csrf(Routes.ACCOUNT);
    HttpResponse<String> voted = ada.post(Routes.vote(A), "csrf", csrf, "next", Routes.day(TODAY));
    assertThat(voted.statusCode()).isEqualTo(303);
    assertThat(voted.headers().firstValue("Location")).hasValue(Routes.day(TODAY));
    String mine = ada.get(Routes.day(TODAY)).body();
    assertThat(mine).contains("aria-pressed=\"true\"").contains("vote-count\">8<");
    assertThat(anon.get(Routes.day(TODAY)).body())
        .contains("vote-count\">8<")
        .doesNotContain("aria-pressed=\"true\"")
        .doesNotContain(csrf);
    assertThat(anon.get(Routes.apiPaper(A)).body()).contains("\"upvotes\":8");

    // voting twice takes the vote back
    HttpResponse<String> api = ada.postJson(Routes.apiVote(A), "{}", csrf);
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.body()).contains("\"upvoted\":false").contains("\"upvotes\":7");
    assertThat(anon.get(Routes.day(TODAY)).body()).contains("vote-count\">7<");
  }

  @Test
  void only_changes_that_lists_show_make_cached_lists_render_again() throws Exception {
    var ada = site.signedIn("ada@example.org", Role.READER);
    String csrf = ada.csrf(Routes.ACCOUNT);
    var anon = site.browser();
    anon.get(Routes.day(TODAY));
    anon.get(Routes.API_DAILY_PAPERS + "?date=" + TODAY);
    double misses = cacheMisses();

    // A sign-in, a subscription, a collection, a new name: posts that no list shows.
    site.signedIn("bo@example.org", Role.READER);
    assertThat(
            anon.postJson(
                    Routes.API_SUBSCRIPTIONS,
                    "{\"email\":\"cy@example.org\",\"frequency\":\"daily\"}",
                    null)
                .statusCode())
        .isEqualTo(202);
    assertThat(ada.post(Routes.COLLECTIONS, "csrf", csrf, "name", "Reading").statusCode())
        .isEqualTo(303);
    assertThat(ada.post(Routes.ACCOUNT, "csrf", csrf, "name", "Ada L.").statusCode())
        .isEqualTo(303);
    long community = site.db.changeCounters().read().community();
    anon.get(Routes.day(TODAY));
    anon.get(Routes.API_DAILY_PAPERS + "?date=" + TODAY);
    assertThat(cacheMisses()).isEqualTo(misses);

    // A vote is on the list: its page and the API render again, with the new count.
    ada.post(Routes.vote(B), "csrf", csrf, "next", "/");
    assertThat(site.db.changeCounters().read().community()).isEqualTo(community + 1);
    assertThat(anon.get(Routes.day(TODAY)).body()).contains("vote-count\">4<");
    assertThat(anon.get(Routes.API_DAILY_PAPERS + "?date=" + TODAY).body())
        .contains("\"upvotes\":4");
    assertThat(cacheMisses()).isEqualTo(misses + 2);
  }

  /** The answers of cached lists that had to be rendered, from {@code /metrics}. */
  private double cacheMisses() throws Exception {
    String text = site.browser().get(Routes.METRICS).body();
    return PrometheusText.parse(text).get("paperboy_page_cache_requests_total").samples().stream()
        .filter(x -> "miss".equals(x.labels().get("result")))
        .mapToDouble(PrometheusText.Sample::value)
        .sum();
  }

  @Test
  void buttons_sent_in_place_answer_with_the_new_state_and_every_page_agrees() throws Exception {
    var anon = site.browser();
    // twice: the second answer comes from the response cache
    anon.get(Routes.day(TODAY));
    assertThat(anon.get(Routes.day(TODAY)).body()).contains("vote-count\">7<");
    assertThat(anon.postInPlace(Routes.vote(A), "next", "/").headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).startsWith(Routes.SIGN_IN));

    var ada = site.signedIn("ada@example.org", Role.READER);
    assertThat(ada.postInPlace(Routes.vote(A), "next", "/").statusCode()).isEqualTo(403);
    String csrf = ada.csrf(Routes.ACCOUNT);
    HttpResponse<String> voted =
        ada.postInPlace(Routes.vote(A), "csrf", csrf, "next", Routes.day(TODAY));
    assertThat(voted.statusCode()).isEqualTo(200);
    assertThat(voted.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(voted.headers().firstValue("Cache-Control")).hasValue("private, no-store");
    assertThat(voted.body())
        .contains("\"paperId\":\"" + A + "\"", "\"upvoted\":true", "\"upvotes\":8");
    // the voter's next pages, and the cached list everyone else gets, show what the answer said
    assertThat(ada.get(Routes.day(TODAY)).body())
        .contains("aria-pressed=\"true\"")
        .contains("vote-count\">8<");
    assertThat(ada.get(Routes.paper(A)).body())
        .contains("vote-count\">8</span> upvotes</button>")
        .contains("vote-count\">8</span> upvotes, 0 comments")
        .doesNotContain("vote-count\">7<");
    assertThat(anon.get(Routes.day(TODAY)).body()).contains("vote-count\">8<");

    HttpResponse<String> made =
        ada.post(Routes.COLLECTIONS, "csrf", csrf, "name", "<b>Reading</b>", "description", "");
    String href = made.headers().firstValue("Location").orElseThrow();
    String collection = href.substring(href.lastIndexOf('/') + 1);
    HttpResponse<String> saved =
        ada.postInPlace(Routes.save(A), "csrf", csrf, "collection", collection);
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.body()).contains("\"message\":\"Saved to <b>Reading</b>.\"");
    assertThat(ada.get(href).body()).contains("Alpha paper");

    HttpResponse<String> marked =
        ada.postInPlace(Routes.notForMe(B), "csrf", csrf, "action", "mark");
    assertThat(marked.body()).contains("\"notForMe\":true");
    assertThat(ada.get(Routes.paper(B)).body())
        .contains("name=\"action\" value=\"undo\"")
        .contains("aria-pressed=\"true\" title=\"Marked not for me");
    assertThat(ada.postInPlace(Routes.notForMe(B), "csrf", csrf, "action", "undo").body())
        .contains("\"notForMe\":false");
    assertThat(site.community.collections().notForMe(voterId("ada@example.org"))).isEmpty();
  }

  private String voterId(String email) {
    return site.community.accounts().findByEmail(email).orElseThrow().id();
  }

  @Test
  void signed_in_pages_are_private_and_do_not_leak_between_users() throws Exception {
    var ada = site.signedIn("ada@example.org", Role.READER);
    var bob = site.signedIn("bob@example.org", Role.READER);
    String adaCsrf = ada.csrf(Routes.ACCOUNT);
    ada.post(Routes.vote(B), "csrf", adaCsrf, "next", "/");
    HttpResponse<String> bobs = bob.get(Routes.HOME);
    assertThat(bobs.headers().firstValue("Cache-Control")).hasValue("private, no-store");
    assertThat(bobs.body()).doesNotContain(adaCsrf).doesNotContain("aria-pressed=\"true\"");
    assertThat(ada.get(Routes.HOME).body()).contains("aria-pressed=\"true\"");
    assertThat(bob.get(Routes.ACCOUNT).body()).doesNotContain("ada@example.org");
  }

  @Test
  void comments_are_posted_edited_deleted_reported_hidden_and_stay_inert() throws Exception {
    var ada = site.signedIn("ada@example.org", Role.READER);
    String csrf = ada.csrf(Routes.ACCOUNT);
    ada.post(Routes.ACCOUNT, "csrf", csrf, "name", "<img src=x onerror=alert(1)>Ada");
    HttpResponse<String> posted =
        ada.post(
            Routes.comments(A),
            "csrf",
            csrf,
            "body",
            "Hi <script>alert(1)</script> **bold** [x](javascript:alert(2)) $x^2$");
    assertThat(posted.statusCode()).isEqualTo(303);
    var anon = site.browser();
    String page = anon.get(Routes.paper(A)).body();
    assertThat(page)
        .contains("<strong>bold</strong>")
        .doesNotContain("<script>alert(1)")
        .doesNotContain("javascript:alert")
        .doesNotContain("<img src=x")
        .contains("&lt;img src=x onerror=alert(1)&gt;Ada");
    assertThat(anon.get(Routes.day(TODAY)).body()).contains("1 comment");
    String id = posted.headers().firstValue("Location").orElseThrow().replaceAll(".*#comment-", "");

    assertThat(ada.post(Routes.comment(id, "edit"), "csrf", csrf, "body", "Better.").statusCode())
        .isEqualTo(303);
    assertThat(anon.get(Routes.paper(A)).body()).contains("Better.").contains("edited");

    var bob = site.signedIn("bob@example.org", Role.READER);
    String bobCsrf = bob.csrf(Routes.ACCOUNT);
    assertThat(bob.post(Routes.comment(id, "edit"), "csrf", bobCsrf, "body", "x").statusCode())
        .isEqualTo(403);
    assertThat(
            bob.post(Routes.comment(id, "report"), "csrf", bobCsrf, "reason", "rude").statusCode())
        .isEqualTo(303);

    var curator = site.signedIn("cy@example.org", Role.CURATOR);
    String cyCsrf = curator.csrf(Routes.ACCOUNT);
    assertThat(curator.get(Routes.ADMIN).body()).contains("Better.").contains("rude");
    curator.post(Routes.adminComment(id), "csrf", cyCsrf, "action", "hide");
    assertThat(anon.get(Routes.paper(A)).body()).doesNotContain("Better.");
    assertThat(anon.get(Routes.day(TODAY)).body()).contains("0 comments");

    assertThat(ada.post(Routes.comment(id, "delete"), "csrf", csrf).statusCode()).isEqualTo(303);
    assertThat(curator.get(Routes.paper(A)).body()).doesNotContain("Better.");
  }

  @Test
  void comments_and_submissions_need_a_session() throws Exception {
    var anon = site.browser();
    assertThat(anon.post(Routes.comments(A), "body", "hi").statusCode()).isEqualTo(303);
    assertThat(anon.get(Routes.SUBMIT).headers().firstValue("Location"))
        .hasValue(Routes.signIn(Routes.SUBMIT));
    assertThat(anon.post(Routes.SUBMIT, "paper", "2606.00009").statusCode()).isEqualTo(303);
    assertThat(
            anon.postJson("/api/papers/" + A + "/comments", "{\"body\":\"hi\"}", null).statusCode())
        .isEqualTo(401);
    assertThat(anon.postJson(Routes.API_SUBMISSIONS, "{\"id\":\"2606.00009\"}", null).statusCode())
        .isEqualTo(401);
  }

  @Test
  void submissions_explain_each_refusal_keep_what_was_typed_and_reach_todays_list()
      throws Exception {
    site.arxiv.put(
        "2606.00009", Paper.builder("2606.00009", "Gamma paper", "arxiv").published(TODAY).build());
    var ada = site.signedIn("ada@example.org", Role.READER);
    String csrf = ada.csrf(Routes.SUBMIT);
    HttpResponse<String> malformed = ada.post(Routes.SUBMIT, "csrf", csrf, "paper", "not an id");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body())
        .contains("is not an arXiv id or URL")
        .contains("value=\"not an id\"")
        .contains("aria-invalid=\"true\"");
    HttpResponse<String> listed = ada.post(Routes.SUBMIT, "csrf", csrf, "paper", A);
    assertThat(listed.statusCode()).isEqualTo(409);
    assertThat(listed.body()).contains("already on").contains("value=\"" + A + "\"");
    assertThat(ada.post(Routes.SUBMIT, "paper", "2606.00009").statusCode()).isEqualTo(403);

    // Not in the catalog: the answer comes at once and says it waits for arXiv.
    HttpResponse<String> ok =
        ada.post(Routes.SUBMIT, "csrf", csrf, "paper", "https://arxiv.org/abs/2606.00009");
    assertThat(ok.statusCode()).isEqualTo(303);
    String location = ok.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(Routes.SUBMISSIONS + "?new=");
    HttpResponse<String> mine = ada.get(location.substring(0, location.indexOf('#')));
    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(mine.body())
        .contains("Looking it up on arXiv")
        .contains("Submitted 2606.00009")
        .contains("data-pending=\"true\"");
    assertThat(site.browser().get(Routes.day(TODAY)).body()).doesNotContain("Gamma paper");

    assertThat(site.community.submissions().processDue()).isEqualTo(1);
    mine = ada.get(Routes.SUBMISSIONS);
    assertThat(mine.body())
        .contains("Added to the list")
        .contains("Gamma paper")
        .doesNotContain("data-pending");
    assertThat(site.browser().get(Routes.day(TODAY)).body()).contains("Gamma paper");
    HttpResponse<String> api =
        ada.postJson(Routes.API_SUBMISSIONS, "{\"id\":\"2606.00009\"}", csrf);
    assertThat(api.statusCode()).isEqualTo(409);
    assertThat(api.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");

    // The JSON API answers 202 with where to ask for the outcome; only its submitter sees it.
    HttpResponse<String> queued =
        ada.postJson(Routes.API_SUBMISSIONS, "{\"id\":\"2606.00404\"}", csrf);
    assertThat(queued.statusCode()).isEqualTo(202);
    JsonNode answer = Json.MAPPER.readTree(queued.body());
    assertThat(answer.get("state").asText()).isEqualTo("pending");
    String status = answer.get("statusUrl").asText();
    assertThat(queued.headers().firstValue("Location")).hasValue(status);
    site.community.submissions().processDue();
    JsonNode after = Json.MAPPER.readTree(ada.get(status).body());
    assertThat(after.get("state").asText()).isEqualTo("not_found");
    assertThat(after.get("detail").asText()).isEqualTo("arXiv has no paper 2606.00404");
    var bob = site.signedIn("bob@example.org", Role.READER);
    assertThat(bob.get(status).statusCode()).isEqualTo(404);
    assertThat(site.browser().get(status).statusCode()).isEqualTo(401);
    assertThat(site.browser().get(Routes.SUBMISSIONS).statusCode()).isEqualTo(303);
  }

  @Test
  void curators_pin_reorder_hide_and_remove_list_entries() throws Exception {
    var anon = site.browser();
    var reader = site.signedIn("ada@example.org", Role.READER);
    String rCsrf = reader.csrf(Routes.ACCOUNT);
    String curate = Routes.curate(TODAY);
    assertThat(reader.post(curate, "csrf", rCsrf, "paper", B, "action", "pin").statusCode())
        .isEqualTo(403);
    var cy = site.signedIn("cy@example.org", Role.CURATOR);
    String csrf = cy.csrf(Routes.ACCOUNT);
    assertThat(cy.get(Routes.day(TODAY)).body()).contains("class=\"curate\"");
    assertThat(cy.post(curate, "csrf", csrf, "paper", B, "action", "pin").statusCode())
        .isEqualTo(303);
    String day = anon.get(Routes.day(TODAY)).body();
    assertThat(day.indexOf("Beta paper")).isLessThan(day.indexOf("Alpha paper"));
    cy.post(curate, "csrf", csrf, "paper", B, "action", "unpin");
    cy.post(curate, "csrf", csrf, "paper", B, "action", "up");
    day = anon.get(Routes.day(TODAY)).body();
    assertThat(day.indexOf("Beta paper")).isLessThan(day.indexOf("Alpha paper"));
    cy.post(curate, "csrf", csrf, "paper", A, "action", "hide");
    assertThat(anon.get(Routes.day(TODAY)).body()).doesNotContain("Alpha paper");
    assertThat(anon.get("/api/daily_papers?date=" + TODAY).body()).doesNotContain("Alpha paper");
    assertThat(cy.get(Routes.day(TODAY)).body()).contains("Alpha paper");
    assertThat(cy.get(Routes.ADMIN).body()).contains("Alpha paper");
    // remove asks first (a page that works without script), then can be undone
    HttpResponse<String> asked = cy.post(curate, "csrf", csrf, "paper", B, "action", "remove");
    assertThat(asked.statusCode()).isEqualTo(200);
    assertThat(asked.body()).contains("Remove from the list?", "Beta paper", "name=\"confirm\"");
    assertThat(anon.get(Routes.day(TODAY)).body()).contains("Beta paper");
    cy.post(curate, "csrf", csrf, "paper", B, "action", "remove", "confirm", "yes");
    assertThat(anon.get(Routes.day(TODAY)).body()).doesNotContain("Beta paper");
  }

  @Test
  void a_ban_hides_comments_and_stops_votes_counting() throws Exception {
    var mallory = site.signedIn("mallory@example.org", Role.READER);
    String mCsrf = mallory.csrf(Routes.ACCOUNT);
    mallory.post(Routes.vote(A), "csrf", mCsrf, "next", "/");
    mallory.post(Routes.comments(A), "csrf", mCsrf, "body", "Spam spam");
    var anon = site.browser();
    assertThat(anon.get(Routes.day(TODAY)).body()).contains("vote-count\">8<");

    var admin = site.signedIn("root@example.org", Role.ADMIN);
    String csrf = admin.csrf(Routes.ACCOUNT);
    String userId = site.community.accounts().findByEmail("mallory@example.org").orElseThrow().id();
    assertThat(admin.post(Routes.adminUser(userId), "csrf", csrf, "action", "ban").statusCode())
        .isEqualTo(303);
    assertThat(anon.get(Routes.day(TODAY)).body()).contains("vote-count\">7<");
    assertThat(anon.get(Routes.paper(A)).body()).doesNotContain("Spam spam");
    assertThat(admin.get(Routes.ADMIN).body()).contains("mallory@example.org").contains("banned");

    // the ban ended the sessions; signing in again gives a session that may not vote
    assertThat(mallory.postJson(Routes.apiVote(B), "{}", mCsrf).statusCode()).isEqualTo(401);
    mallory.signIn("mallory@example.org");
    String again = mallory.csrf(Routes.ACCOUNT);
    HttpResponse<String> refused = mallory.postJson(Routes.apiVote(B), "{}", again);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("banned");
    assertThat(admin.get(Routes.ADMIN).statusCode()).isEqualTo(200);
    var reader = site.signedIn("ada@example.org", Role.READER);
    assertThat(reader.get(Routes.ADMIN).statusCode()).isEqualTo(403);
  }

  @Test
  void a_ban_stops_the_accounts_writes_and_hides_its_public_collections() throws Exception {
    var mallory = site.signedIn("mallory@example.org", Role.READER);
    String mCsrf = mallory.csrf(Routes.ACCOUNT);
    HttpResponse<String> made =
        mallory.post(
            Routes.COLLECTIONS,
            "csrf",
            mCsrf,
            "name",
            "Buy pills",
            "description",
            "",
            "public",
            "on");
    String href = made.headers().firstValue("Location").orElseThrow();
    var anon = site.browser();
    assertThat(anon.get(href).statusCode()).isEqualTo(200);

    var admin = site.signedIn("root@example.org", Role.ADMIN);
    String userId = site.community.accounts().findByEmail("mallory@example.org").orElseThrow().id();
    admin.post(Routes.adminUser(userId), "csrf", admin.csrf(Routes.ACCOUNT), "action", "ban");
    assertThat(anon.get(href).statusCode()).isEqualTo(404);
    assertThat(admin.get(Routes.ADMIN).body()).contains("Buy pills").contains("(banned)");

    mallory.signIn("mallory@example.org");
    String again = mallory.csrf(Routes.ACCOUNT);
    for (HttpResponse<String> refused :
        List.of(
            mallory.post(Routes.COLLECTIONS, "csrf", again, "name", "More", "public", "on"),
            mallory.post(Routes.ACCOUNT, "csrf", again, "name", "Admin"),
            mallory.post(Routes.notForMe(A), "csrf", again),
            mallory.post(Routes.comments(A), "csrf", again, "body", "spam"))) {
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("banned");
    }
  }

  @Test
  void moderators_hide_a_collection_from_the_moderation_page_or_its_own() throws Exception {
    var ada = site.signedIn("ada@example.org", Role.READER);
    String csrf = ada.csrf(Routes.ACCOUNT);
    String href =
        ada.post(Routes.COLLECTIONS, "csrf", csrf, "name", "Reading", "public", "on")
            .headers()
            .firstValue("Location")
            .orElseThrow();
    String id = href.substring(href.lastIndexOf('/') + 1);
    var anon = site.browser();
    assertThat(anon.get(href).statusCode()).isEqualTo(200);
    // a reader may not
    assertThat(ada.post(Routes.adminCollection(id), "csrf", csrf, "action", "hide").statusCode())
        .isEqualTo(403);

    var curator = site.signedIn("cy@example.org", Role.CURATOR);
    String cCsrf = curator.csrf(Routes.ACCOUNT);
    assertThat(curator.get(Routes.ADMIN).body()).contains("No hidden collections");
    HttpResponse<String> hid =
        curator.post(
            Routes.ADMIN_COLLECTIONS,
            "csrf",
            cCsrf,
            "action",
            "hide",
            "collection",
            "http://localhost" + href + "?x=1");
    assertThat(hid.statusCode()).isEqualTo(303);
    assertThat(hid.headers().firstValue("Location")).hasValue(Routes.ADMIN);
    assertThat(anon.get(href).statusCode()).isEqualTo(404);
    assertThat(ada.get(href).body()).contains("Hidden: only its owner and the moderators");
    assertThat(curator.get(Routes.ADMIN).body()).contains(href).contains("Show again");

    HttpResponse<String> shown =
        curator.post(Routes.adminCollection(id), "csrf", cCsrf, "action", "show");
    assertThat(shown.headers().firstValue("Location")).hasValue(href);
    assertThat(anon.get(href).statusCode()).isEqualTo(200);
    assertThat(curator.get(href).body()).contains("Hide from others");
    assertThat(
            curator
                .post(Routes.ADMIN_COLLECTIONS, "csrf", cCsrf, "action", "hide", "collection", "")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void a_papers_comments_come_in_pages_and_a_new_one_leads_to_its_page() throws Exception {
    for (int u = 0; u < 4; u++) {
      User writer = site.community.accounts().add("w" + u + "@example.org", "W" + u, Role.READER);
      for (int i = 0; i < 30; i++) {
        site.clock.advance(Duration.ofSeconds(1));
        site.community.comments().post(writer, A, "Comment number " + (u * 30 + i));
      }
    }
    var anon = site.browser();
    String first = anon.get(Routes.paper(A)).body();
    assertThat(first).contains("Comments (120)").contains("Page 1 of 3");
    assertThat(first.split("class=\"comment\"", -1)).hasSize(Comments.PAGE_SIZE + 1);
    assertThat(first).contains("Comment number 0<").doesNotContain("Comment number 50<");
    assertThat(first).contains("href=\"" + Routes.paperComments(A, 2) + "#comments-heading\"");
    String last = anon.get(Routes.paperComments(A, 3)).body();
    assertThat(last).contains("Page 3 of 3").contains("Comment number 119<");
    assertThat(last.split("class=\"comment\"", -1)).hasSize(20 + 1);
    assertThat(anon.get(Routes.paper(A) + "?comments=99").body()).contains("Page 3 of 3");
    assertThat(anon.get(Routes.paper(A) + "?comments=x%00").body()).contains("Page 1 of 3");

    var ada = site.signedIn("ada@example.org", Role.READER);
    HttpResponse<String> posted =
        ada.post(Routes.comments(A), "csrf", ada.csrf(Routes.ACCOUNT), "body", "The newest");
    assertThat(posted.headers().firstValue("Location").orElseThrow())
        .startsWith(Routes.paperComments(A, 3) + "#comment-");
  }

  @Test
  void too_many_comments_get_a_clear_429() throws Exception {
    var ada = site.signedIn("ada@example.org", Role.READER);
    String csrf = ada.csrf(Routes.ACCOUNT);
    HttpResponse<String> last = null;
    for (int i = 0; i < 31; i++) {
      last = ada.post(Routes.comments(A), "csrf", csrf, "body", "comment " + i);
    }
    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(last.body()).contains("Too many comments from this account: at most 30 an hour");
    // the page comes back with the text in its form (issue 14)
    assertThat(last.headers().firstValue("Retry-After")).isPresent();
    assertThat(last.body()).contains(">comment 30</textarea>");
  }

  @Test
  void collections_are_kept_exported_and_private_ones_stay_private() throws Exception {
    var ada = site.signedIn("ada@example.org", Role.READER);
    String csrf = ada.csrf(Routes.ACCOUNT);
    HttpResponse<String> made =
        ada.post(Routes.COLLECTIONS, "csrf", csrf, "name", "<i>Reading</i>", "description", "");
    assertThat(made.statusCode()).isEqualTo(303);
    String href = made.headers().firstValue("Location").orElseThrow();
    String id = href.substring(href.lastIndexOf('/') + 1);
    assertThat(ada.get(Routes.paper(A)).body()).contains("Save to");
    ada.post(Routes.save(A), "csrf", csrf, "collection", id, "next", Routes.paper(A));
    assertThat(ada.get(href).body()).contains("Alpha paper").contains("&lt;i&gt;Reading");
    assertThat(ada.get(Routes.collectionExport(id, "json")).body()).contains("\"id\" : \"" + A);
    assertThat(ada.get(Routes.collectionExport(id, "bibtex")).body()).contains("@misc{");
    var bob = site.signedIn("bob@example.org", Role.READER);
    assertThat(bob.get(href).statusCode()).isEqualTo(404);
    assertThat(bob.get(Routes.collectionExport(id, "json")).statusCode()).isEqualTo(404);

    ada.post(Routes.notForMe(B), "csrf", csrf, "next", Routes.paper(B));
    assertThat(
            site.community
                .collections()
                .notForMe(
                    site.community.accounts().findByEmail("ada@example.org").orElseThrow().id()))
        .containsExactly(B);
    assertThat(ada.get(Routes.paper(B)).body()).contains("Marked not for me");
  }

  @Test
  void sign_out_needs_the_token_and_ends_the_session() throws Exception {
    var ada = site.signedIn("ada@example.org", Role.READER);
    String csrf = ada.csrf(Routes.ACCOUNT);
    assertThat(ada.post(Routes.SIGN_OUT).statusCode()).isEqualTo(403);
    assertThat(ada.post(Routes.SIGN_OUT, "csrf", csrf).statusCode()).isEqualTo(303);
    assertThat(ada.get(Routes.ACCOUNT).statusCode()).isEqualTo(303);
  }

  @Test
  void the_trending_formula_is_explained_and_the_api_gives_each_score() throws Exception {
    var anon = site.browser();
    assertThat(anon.get(Routes.ABOUT_TRENDING).body()).contains("Gravity 1.8");
    String json = anon.get(Routes.apiPaper(A)).body();
    assertThat(json).contains("\"trending\":{\"score\":").contains("\"upvotes\":7");
    var me = site.signedIn("ada@example.org", Role.READER).get(Routes.API_ME);
    assertThat(me.body()).contains("csrfToken");
  }
}
