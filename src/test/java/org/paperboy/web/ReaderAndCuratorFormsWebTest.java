package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
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
import org.paperboy.community.Comment;
import org.paperboy.community.PaperCollection;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.community.Votes;
import org.paperboy.paper.Author;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * Issue 14, items 3 and 5, without script (plain forms, as a browser without JavaScript sends
 * them): the header's account menu and sign-out, flash messages shown once, "My upvotes", "Save to"
 * with the collections that hold the paper, replies one level deep, the comment preview, a refused
 * comment that keeps its text, a banned account told why; a curator's remove that asks first and
 * can be undone, removed entries restored from the moderation page, moves among pinned entries.
 */
class ReaderAndCuratorFormsWebTest {

  static final LocalDate TODAY = CommunityWebTest.TODAY;
  static final String A = CommunityWebTest.A;
  static final String B = CommunityWebTest.B;
  static final String C = "2606.00003";
  static final String D = "2606.00004";
  static final String HOSTILE = "<img src=x onerror=alert(1)>";

  static final String CURATE = Routes.curate(TODAY);
  static final String DAY = Routes.day(TODAY);

  @TempDir Path dir;
  CommunitySite site;

  @BeforeEach
  void start() {
    List<PaperRecord> records = new ArrayList<>();
    records.add(record(A, "Alpha paper", 0, 7));
    records.add(record(B, "Beta paper", 1, 3));
    records.add(record(C, "Gamma paper", 2, 2));
    records.add(record(D, "Delta paper", 3, 1));
    for (int i = 10; i < 45; i++) {
      records.add(record("2606.000" + i, "Paper number " + i, i, 0));
    }
    site = new CommunitySite(dir, records);
  }

  @AfterEach
  void stop() {
    site.close();
  }

  static PaperRecord record(String id, String title, int position, int upvotes) {
    return new PaperRecord(
        Paper.builder(id, title, "test")
            .abstractText("About " + title + ".")
            .authors(List.of(Author.named("Ada")))
            .published(TODAY.minusDays(1))
            .build(),
        new Listing(TODAY, position, null, upvotes, 0));
  }

  @Test
  void the_header_names_the_reader_with_a_menu_and_signs_out_by_post_with_the_token()
      throws Exception {
    var anon = site.browser();
    String home = anon.get("/").body();
    assertThat(home).contains("href=\"/signin\">Sign in</a>").doesNotContain("account-menu");

    var ada = site.signedIn("ada@example.org", Role.READER);
    String csrf = ada.csrf(Routes.ACCOUNT);
    ada.post(Routes.ACCOUNT, "csrf", csrf, "name", HOSTILE);
    String page = ada.get(Routes.paper(A)).body();
    assertThat(page)
        .contains("class=\"account-name\">&lt;img src=x onerror=alert(1)&gt;</span>")
        .doesNotContain("<img src=x")
        .contains("href=\"" + Routes.ACCOUNT + "\">Account</a>")
        .contains("href=\"" + Routes.COLLECTIONS + "\">Collections</a>")
        .contains("href=\"" + Routes.MY_UPVOTES + "\">My upvotes</a>")
        .contains("action=\"" + Routes.SIGN_OUT + "\"")
        .doesNotContain("Moderation</a>");
    // the list pages a signed-in reader gets are their own, with the menu too
    assertThat(ada.get("/").body()).contains("account-name");
    // and the shared, cached page still names nobody
    assertThat(anon.get("/").body()).doesNotContain("account-name").doesNotContain("&lt;img");

    // sign-out is a POST with the session's token: without it, refused; a GET is no sign-out
    assertThat(ada.post(Routes.SIGN_OUT).statusCode()).isEqualTo(403);
    assertThat(ada.get(Routes.SIGN_OUT).statusCode()).isEqualTo(404);
    assertThat(ada.get(Routes.ACCOUNT).statusCode()).isEqualTo(200);
    assertThat(ada.post(Routes.SIGN_OUT, "csrf", csrf).statusCode()).isEqualTo(303);
    assertThat(ada.get(Routes.ACCOUNT).statusCode()).isEqualTo(303);

    var cy = site.signedIn("cy@example.org", Role.CURATOR);
    assertThat(cy.get("/").body()).contains("href=\"" + Routes.ADMIN + "\">Moderation</a>");
  }

  @Test
  void a_flash_says_what_a_form_did_once_on_the_next_page_and_a_forged_one_is_ignored()
      throws Exception {
    var ada = site.signedIn("ada@example.org", Role.READER);
    String csrf = ada.csrf(Routes.ACCOUNT);
    HttpResponse<String> voted = ada.post(Routes.vote(A), "csrf", csrf, "next", Routes.paper(A));
    assertThat(voted.statusCode()).isEqualTo(303);
    assertThat(voted.headers().allValues("Set-Cookie").toString())
        .contains(Flash.COOKIE + "=")
        .contains("HttpOnly")
        .contains("Max-Age=60");

    String next = ada.get(Routes.paper(A)).body();
    assertThat(next)
        .contains(
            "<div id=\"flash\" class=\"flash\" role=\"status\"><p class=\"math\">Upvoted “Alpha paper”.</p>");
    // shown once
    assertThat(ada.get(Routes.paper(A)).body())
        .contains("<div id=\"flash\" class=\"flash\" role=\"status\"></div>");

    // a cookie not signed for this session shows nothing
    ada.cookies
        .getCookieStore()
        .add(
            site.uri("/"),
            cookie(Flash.of("Your session ended: sign in at evil.example").encode("another key")));
    assertThat(ada.get(Routes.paper(A)).body()).doesNotContain("evil.example");
    // ...and one signed for it is shown, escaped
    ada.cookies.getCookieStore().add(site.uri("/"), cookie(Flash.of(HOSTILE).encode(csrf)));
    assertThat(ada.get(Routes.paper(A)).body())
        .contains("<p class=\"math\">&lt;img src=x onerror=alert(1)&gt;</p>")
        .doesNotContain("<p><img");

    // a form sent in place gets its answer as JSON and leaves no flash behind
    HttpResponse<String> inPlace = ada.postInPlace(Routes.vote(B), "csrf", csrf);
    assertThat(inPlace.headers().allValues("Set-Cookie").toString()).doesNotContain(Flash.COOKIE);
  }

  private static HttpCookie cookie(String value) {
    HttpCookie c = new HttpCookie(Flash.COOKIE, value);
    c.setPath("/");
    c.setVersion(0);
    return c;
  }

  @Test
  void collection_and_moderation_forms_say_what_they_did() throws Exception {
    var ada = site.signedIn("ada@example.org", Role.READER);
    String csrf = ada.csrf(Routes.ACCOUNT);
    String href =
        ada.post(Routes.COLLECTIONS, "csrf", csrf, "name", "Reading " + HOSTILE)
            .headers()
            .firstValue("Location")
            .orElseThrow();
    assertThat(ada.get(href).body())
        .contains("Made the collection Reading &lt;img src=x onerror=alert(1)&gt;.");
    String id = href.substring(href.lastIndexOf('/') + 1);
    ada.post(Routes.collectionChange(id), "csrf", csrf, "action", "add", "paper", A);
    assertThat(ada.get(href).body()).contains("Added “Alpha paper”.");

    var root = site.signedIn("root@example.org", Role.ADMIN);
    String userId = site.community.accounts().findByEmail("ada@example.org").orElseThrow().id();
    HttpResponse<String> banned =
        root.post(Routes.adminUser(userId), "csrf", root.csrf(Routes.ACCOUNT), "action", "ban");
    assertThat(banned.headers().firstValue("Location")).contains(Routes.ADMIN);
    assertThat(root.get(Routes.ADMIN).body()).contains("(ada@example.org) is now reader, banned.");
  }

  @Test
  void my_upvotes_lists_the_papers_newest_vote_first_in_pages() throws Exception {
    var ada = site.signedIn("ada@example.org", Role.READER);
    User user = site.community.accounts().findByEmail("ada@example.org").orElseThrow();
    String csrf = ada.csrf(Routes.ACCOUNT);
    assertThat(ada.get(Routes.MY_UPVOTES).body()).contains("You have not upvoted any paper yet");
    List<String> order = new ArrayList<>();
    for (int i = 10; i < 42; i++) {
      site.community.votes().upvote(user, "2606.000" + i);
      order.add(0, "2606.000" + i);
      site.clock.advance(Duration.ofMinutes(1));
    }
    // a vote by form comes last, so first on the page
    ada.post(Routes.vote(A), "csrf", csrf);
    order.add(0, A);

    String first = ada.get(Routes.MY_UPVOTES).body();
    assertThat(first).contains("33 papers, the newest vote first").contains("Page 1 of 2");
    assertThat(first.indexOf("Alpha paper")).isLessThan(first.indexOf("Paper number 41"));
    assertThat(first.indexOf("Paper number 41")).isLessThan(first.indexOf("Paper number 40"));
    assertThat(first.split("class=\"upvoted-item\"", -1)).hasSize(Votes.UPVOTES_PAGE_SIZE + 1);
    // each with its pressed upvote button, which posts back to this page
    assertThat(first).contains("aria-pressed=\"true\"").doesNotContain("aria-pressed=\"false\"");
    assertThat(first).contains("name=\"next\" value=\"" + Routes.MY_UPVOTES + "\"");
    String second = ada.get(Routes.myUpvotes(2)).body();
    assertThat(second).contains("Paper number 12", "Paper number 11", "Paper number 10");
    assertThat(second).doesNotContain("Alpha paper").contains("Page 2 of 2");
    assertThat(ada.get(Routes.MY_UPVOTES + "?page=x").statusCode()).isEqualTo(400);

    assertThat(site.browser().get(Routes.MY_UPVOTES).statusCode()).isEqualTo(303);
  }

  @Test
  void save_to_shows_the_collections_holding_the_paper_and_confirms() throws Exception {
    var ada = site.signedIn("ada@example.org", Role.READER);
    User user = site.community.accounts().findByEmail("ada@example.org").orElseThrow();
    String csrf = ada.csrf(Routes.ACCOUNT);
    PaperCollection reading = site.community.collections().create(user, "Reading", "", false);
    PaperCollection later = site.community.collections().create(user, "Later <b>", "", false);
    site.community.collections().add(user, later.id(), A);

    String page = ada.get(Routes.paper(A)).body();
    assertThat(page)
        .contains(
            "name=\"add\" value=\"" + reading.id() + "\" aria-pressed=\"false\"",
            "name=\"remove\" value=\"" + later.id() + "\" aria-pressed=\"true\"",
            "Later &lt;b&gt;");

    HttpResponse<String> saved =
        ada.post(Routes.save(A), "csrf", csrf, "next", Routes.paper(A), "add", reading.id());
    assertThat(saved.statusCode()).isEqualTo(303);
    page = ada.get(Routes.paper(A)).body();
    assertThat(page).contains("<p class=\"math\">Saved to Reading.</p>");
    assertThat(page)
        .contains("name=\"remove\" value=\"" + reading.id() + "\" aria-pressed=\"true\"");

    ada.post(Routes.save(A), "csrf", csrf, "remove", later.id());
    page = ada.get(Routes.paper(A)).body();
    assertThat(page).contains("<p class=\"math\">Taken out of Later &lt;b&gt;.</p>");
    assertThat(page).contains("name=\"add\" value=\"" + later.id() + "\" aria-pressed=\"false\"");

    // in place: the answer says the new state
    String json = ada.postInPlace(Routes.save(A), "csrf", csrf, "add", later.id()).body();
    assertThat(json)
        .contains("\"collectionId\":\"" + later.id() + "\"", "\"saved\":true")
        .contains("Saved to Later");
    // someone else's collection is not theirs to fill
    var bob = site.signedIn("bob@example.org", Role.READER);
    assertThat(
            bob.post(Routes.save(A), "csrf", bob.csrf(Routes.ACCOUNT), "add", later.id())
                .statusCode())
        .isIn(403, 404);
  }

  @Test
  void replies_are_one_level_deep_and_a_reply_to_a_reply_joins_its_thread() throws Exception {
    var ada = site.signedIn("ada@example.org", Role.READER);
    var bob = site.signedIn("bob@example.org", Role.READER);
    String aCsrf = ada.csrf(Routes.ACCOUNT);
    String bCsrf = bob.csrf(Routes.ACCOUNT);
    String top = idOf(ada.post(Routes.comments(A), "csrf", aCsrf, "body", "Top *level*"));
    site.clock.advance(Duration.ofMinutes(1));
    HttpResponse<String> replied =
        bob.post(Routes.comments(A), "csrf", bCsrf, "body", "A reply " + HOSTILE, "parent", top);
    assertThat(replied.statusCode()).isEqualTo(303);
    String reply = idOf(replied);
    site.clock.advance(Duration.ofMinutes(1));
    String deeper =
        idOf(ada.post(Routes.comments(A), "csrf", aCsrf, "body", "Answer", "parent", reply));
    site.clock.advance(Duration.ofMinutes(1));
    ada.post(Routes.comments(A), "csrf", aCsrf, "body", "Second top");

    Comment stored = site.community.comments().find(deeper, null).orElseThrow();
    assertThat(stored.parentId()).isEqualTo(top);
    // the API takes the same "parent"
    HttpResponse<String> api =
        bob.postJson(
            "/api/papers/" + A + "/comments",
            "{\"body\": \"By API\", \"parent\": \"" + deeper + "\"}",
            bCsrf);
    assertThat(api.statusCode()).isEqualTo(201);
    assertThat(api.body()).contains("\"parentId\":\"" + top + "\"");
    site.community
        .comments()
        .delete(
            site.community.accounts().findByEmail("bob@example.org").orElseThrow(),
            api.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
    String page = site.browser().get(Routes.paper(A)).body();
    assertThat(page).contains("Comments (4)");
    int thread = page.indexOf("id=\"comment-" + top + "\"");
    int replies = page.indexOf("<ol class=\"replies\"", thread);
    assertThat(thread).isPositive();
    assertThat(replies).isGreaterThan(thread);
    assertThat(page.indexOf("id=\"comment-" + reply + "\" class=\"comment reply\""))
        .isGreaterThan(replies);
    assertThat(page.indexOf("id=\"comment-" + deeper + "\" class=\"comment reply\""))
        .isGreaterThan(page.indexOf("id=\"comment-" + reply));
    assertThat(page.indexOf("Second top")).isGreaterThan(page.indexOf("Answer"));
    assertThat(page).doesNotContain("<img src=x").contains("&lt;img src=x");
    // a reply form under each top-level comment, none under a reply
    String mine = ada.get(Routes.paper(A)).body();
    assertThat(mine)
        .contains("id=\"reply-" + top + "\"")
        .doesNotContain("id=\"reply-" + reply + "\"");
    assertThat(mine).contains("name=\"parent\" value=\"" + top + "\"");

    // a reply to a comment of another paper, or to none, is refused with the text kept
    HttpResponse<String> wrong =
        ada.post(Routes.comments(B), "csrf", aCsrf, "body", "Lost?", "parent", top);
    assertThat(wrong.statusCode()).isEqualTo(404);
    assertThat(wrong.body()).contains(">Lost?</textarea>");

    // a hidden comment takes its replies with it, for readers and the lists' counts
    var cy = site.signedIn("cy@example.org", Role.CURATOR);
    cy.post(Routes.comment(top, "hide"), "csrf", cy.csrf(Routes.ACCOUNT));
    String hidden = site.browser().get(Routes.paper(A)).body();
    assertThat(hidden).contains("Comments (1)").doesNotContain("A reply");
    assertThat(site.browser().get(Routes.day(TODAY)).body()).contains("1 comment<");
    cy.post(Routes.comment(top, "show"), "csrf", cy.csrf(Routes.ACCOUNT));

    // deleting a top-level comment keeps its replies, as top-level comments
    ada.post(Routes.comment(top, "delete"), "csrf", aCsrf);
    String after = site.browser().get(Routes.paper(A)).body();
    assertThat(after).contains("Comments (3)").contains("A reply").doesNotContain("Top <em>");
    assertThat(site.community.comments().find(reply, null).orElseThrow().parentId()).isNull();
  }

  private static String idOf(HttpResponse<String> posted) {
    return posted.headers().firstValue("Location").orElseThrow().replaceAll(".*#comment-", "");
  }

  @Test
  void preview_without_script_shows_the_rendered_text_and_keeps_it_in_the_form() throws Exception {
    var ada = site.signedIn("ada@example.org", Role.READER);
    String csrf = ada.csrf(Routes.ACCOUNT);
    String text = "Looks **bold** with $x^2$ <script>alert(1)</script>";
    HttpResponse<String> shown =
        ada.post(Routes.comments(A), "csrf", csrf, "body", text, "preview", "1");
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body())
        .contains("<p class=\"preview-label\">Preview</p>")
        .contains("<strong>bold</strong>")
        .doesNotContain("<script>alert(1)</script>")
        .contains(">Looks **bold** with $x^2$ &lt;script&gt;alert(1)&lt;/script&gt;</textarea>");
    // nothing was posted
    assertThat(site.community.comments().page(A, null, 1).total()).isZero();

    // the script's preview: the same renderer, as JSON, with the session's token only
    HttpResponse<String> json = ada.postInPlace(Routes.COMMENT_PREVIEW, "csrf", csrf, "body", text);
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.body()).contains("<strong>bold</strong>").doesNotContain("<script>");
    assertThat(ada.postInPlace(Routes.COMMENT_PREVIEW, "body", text).statusCode()).isEqualTo(403);
    assertThat(
            ada.postInPlace(Routes.COMMENT_PREVIEW, "csrf", csrf, "body", "x".repeat(10_001))
                .statusCode())
        .isEqualTo(400);

    // a reply's preview opens its own form, with its text
    String top = idOf(ada.post(Routes.comments(A), "csrf", csrf, "body", "Top"));
    String reply =
        ada.post(
                Routes.comments(A),
                "csrf",
                csrf,
                "body",
                "Draft reply",
                "parent",
                top,
                "preview",
                "1")
            .body();
    assertThat(reply).contains("<details class=\"comment-reply\" open>");
    assertThat(reply).contains(">Draft reply</textarea>");
    assertThat(reply).contains("action=\"" + Routes.comments(A) + "#reply-" + top + "\"");
  }

  @Test
  void a_refused_comment_comes_back_with_its_text_and_a_banned_account_is_told_why()
      throws Exception {
    var mallory = site.signedIn("mallory@example.org", Role.READER);
    String csrf = mallory.csrf(Routes.ACCOUNT);
    HttpResponse<String> empty = mallory.post(Routes.comments(A), "csrf", csrf, "body", "   ");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("role=\"alert\"").contains("Your text is still here");

    var admin = site.signedIn("root@example.org", Role.ADMIN);
    User m = site.community.accounts().findByEmail("mallory@example.org").orElseThrow();
    site.community
        .moderation()
        .ban(site.community.accounts().findByEmail("root@example.org").orElseThrow(), m.id());
    // the typed text is not lost: the page comes back with it and the reason
    HttpResponse<String> refused =
        mallory.post(Routes.comments(A), "csrf", csrf, "body", "My long *thoughts*");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body())
        .contains("This account is banned and cannot comment")
        .contains(">My long *thoughts*</textarea>")
        .contains("article class=\"paper\"");
    // a banned account sees why instead of the form
    String page = mallory.get(Routes.paper(A)).body();
    assertThat(page).contains("id=\"comment-refused\"").contains("This account is banned");
    assertThat(page).doesNotContain("id=\"comment-form\"").doesNotContain("class=\"inline save\"");
    assertThat(admin.get(Routes.paper(A)).body()).contains("id=\"comment-form\"");
  }

  @Test
  void remove_asks_first_then_can_be_undone_from_its_flash() throws Exception {
    var cy = site.signedIn("cy@example.org", Role.CURATOR);
    String csrf = cy.csrf(Routes.ACCOUNT);
    HttpResponse<String> asked =
        cy.post(CURATE, "csrf", csrf, "paper", B, "action", "remove", "next", DAY);
    assertThat(asked.statusCode()).isEqualTo(200);
    assertThat(asked.body())
        .contains(
            "Remove <strong class=\"math\">Beta paper</strong> from the list of July 1, 2026?")
        .contains("name=\"confirm\" value=\"yes\"")
        .contains("href=\"" + DAY + "#card-" + B + "\">Keep it</a>");
    assertThat(cy.get(DAY).body()).contains("Beta paper");

    HttpResponse<String> removed =
        cy.post(
            CURATE, "csrf", csrf, "paper", B, "action", "remove", "confirm", "yes", "next", DAY);
    assertThat(removed.statusCode()).isEqualTo(303);
    assertThat(removed.headers().firstValue("Location")).contains(DAY);
    String after = cy.get(DAY).body();
    assertThat(after)
        .contains("<p class=\"math\">Removed “Beta paper” from the list of July 1, 2026.</p>");
    assertThat(after)
        .contains("name=\"paper\" value=\"" + B + "\"")
        .contains("<button type=\"submit\" name=\"action\" value=\"restore\">Undo</button>");
    assertThat(site.browser().get(DAY).body()).doesNotContain("Beta paper");
    // listed on the moderation page, with restore
    String admin = cy.get(Routes.ADMIN).body();
    assertThat(admin)
        .contains("Removed list entries")
        .contains("Beta paper")
        .contains("removed by");

    // undo: back where it was, with its counts
    assertThat(
            cy.post(CURATE, "csrf", csrf, "paper", B, "action", "restore", "next", DAY)
                .statusCode())
        .isEqualTo(303);
    String back = site.browser().get(DAY).body();
    assertThat(back.indexOf("Alpha paper")).isLessThan(back.indexOf("Beta paper"));
    assertThat(back.indexOf("Beta paper")).isLessThan(back.indexOf("Gamma paper"));
    assertThat(cy.get(DAY).body()).contains("Restored “Beta paper”");
    assertThat(cy.get(Routes.ADMIN).body()).contains("No removed entries.");

    // restoring what is not removed, and removing what is not listed, are 404s
    assertThat(cy.post(CURATE, "csrf", csrf, "paper", B, "action", "restore").statusCode())
        .isEqualTo(404);
    assertThat(
            cy.post(CURATE, "csrf", csrf, "paper", "2606.99999", "action", "remove").statusCode())
        .isEqualTo(404);
    // readers may not
    var ada = site.signedIn("ada@example.org", Role.READER);
    assertThat(
            ada.post(CURATE, "csrf", ada.csrf(Routes.ACCOUNT), "paper", A, "action", "restore")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void pinned_entries_move_among_themselves_and_the_edge_is_explained() throws Exception {
    var cy = site.signedIn("cy@example.org", Role.CURATOR);
    String csrf = cy.csrf(Routes.ACCOUNT);
    cy.post(CURATE, "csrf", csrf, "paper", C, "action", "pin");
    cy.post(CURATE, "csrf", csrf, "paper", D, "action", "pin");
    assertThat(order(DAY)).startsWith("Gamma", "Delta", "Alpha", "Beta");

    // the first pinned moves down among the pinned
    cy.post(CURATE, "csrf", csrf, "paper", C, "action", "down");
    assertThat(order(DAY)).startsWith("Delta", "Gamma", "Alpha", "Beta");
    // the last pinned cannot go below the unpinned ones: the flash says why, nothing moves
    cy.post(CURATE, "csrf", csrf, "paper", C, "action", "down");
    assertThat(order(DAY)).startsWith("Delta", "Gamma", "Alpha", "Beta");
    String page = cy.get(DAY).body();
    assertThat(page)
        .contains(
            "“Gamma paper” is the last of the pinned papers, which stay above the others."
                + " Unpin it to move it lower.");
    // and its card has no "Move down", but says why
    String card = page.substring(page.indexOf("id=\"card-" + C + "\""));
    card = card.substring(0, card.indexOf("</article>"));
    assertThat(card)
        .doesNotContain("value=\"down\"")
        .contains("Last pinned: unpin to move it lower");
    // the first unpinned cannot go above the pinned
    String alpha = page.substring(page.indexOf("id=\"card-" + A + "\""));
    assertThat(alpha.substring(0, alpha.indexOf("</article>"))).doesNotContain("value=\"up\"");
    cy.post(CURATE, "csrf", csrf, "paper", A, "action", "up");
    assertThat(order(DAY)).startsWith("Delta", "Gamma", "Alpha", "Beta");
    assertThat(cy.get(DAY).body()).contains("“Alpha paper” is the first of the unpinned papers");
    // unpinned ones still move
    cy.post(CURATE, "csrf", csrf, "paper", B, "action", "up");
    assertThat(order(DAY)).startsWith("Delta", "Gamma", "Beta", "Alpha");
  }

  /** The first words of the titles on a list, in order, as a reader sees it. */
  private List<String> order(String path) throws Exception {
    String html = site.browser().get(path).body();
    List<String> titles = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("class=\"math\" href=\"[^\"]*\">(\\w+)").matcher(html);
    while (m.find()) {
      titles.add(m.group(1));
    }
    return titles;
  }
}
