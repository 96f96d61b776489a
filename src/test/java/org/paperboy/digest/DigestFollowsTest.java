package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.community.Accounts;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.config.Settings;
import org.paperboy.foryou.Follows;
import org.paperboy.paper.Author;
import org.paperboy.paper.Organization;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.store.TestDatabases;

/**
 * What a subscriber's account follows feeds their digest, through a real SMTP server (GreenMail):
 * new papers by a followed author, from a followed organization and matching a saved search come
 * into the "picked for you" part with the reason {@code /for-you} gives, even outside the
 * subscription's categories; a subscription made without signing in counts as the account's of the
 * same address; a subscriber without account, or whose account follows nothing, gets none of them.
 */
class DigestFollowsTest {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;
  DigestWorld world;

  @AfterEach
  void close() {
    if (world != null) {
      world.close();
    }
  }

  static Paper paper(String id, String title, String abstractText, String author, String category) {
    return Paper.builder(id, title, "test")
        .version(1)
        .abstractText(abstractText)
        .authors(List.of(new Author(author, null), new Author("Someone Else", null)))
        .categories(List.of(category))
        .published(DigestWorld.MONDAY)
        .build();
  }

  /** Four new papers of Monday, on no list. */
  void papers() {
    Paper hopper =
        paper(
            "2606.30001",
            "Typed holes in functional programs",
            "Holes let a programmer ask the type checker what fits.",
            "Grace Hopper",
            "cs.PL");
    Paper ocean =
        paper(
                "2606.30002",
                "Ocean circulation under warming",
                "The overturning circulation slows as the ocean warms.",
                "Marie Tharp",
                "physics.ao-ph")
            .toBuilder()
            .organization(new Organization("deep-sea", "Deep Sea Lab"))
            .build();
    Paper experts =
        paper(
            "2606.30003",
            "Routing in sparse mixture of experts",
            "A router sends each token to two experts of the mixture.",
            "Noam Shazeer",
            "cs.LG");
    Paper other =
        paper(
            "2606.30004",
            "Glacier melt and sea level",
            "Ice sheets lose mass faster than expected.",
            "Marie Tharp",
            "physics.ao-ph");
    world.catalog.apply(
        List.of(
            new PaperRecord(hopper, null),
            new PaperRecord(ocean, null),
            new PaperRecord(experts, null),
            new PaperRecord(other, null)));
  }

  static Map<String, String> digestTexts() throws Exception {
    Map<String, String> out = new HashMap<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      if (m.getSubject().startsWith("Trending papers")) {
        out.put(m.getAllRecipients()[0].toString(), DigestDeliveryTest.text(m));
      }
    }
    return out;
  }

  static String picked(String text) {
    return text.substring(
        text.indexOf("PICKED FOR YOU"), text.indexOf("Change what this digest brings"));
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void papers_of_what_an_account_follows_come_into_its_digest_with_their_reasons(
      TestDatabases.Kind kind) throws Exception {
    world = new DigestWorld(kind, dir);
    papers();
    Settings settings = world.settings(SMTP.getSmtp().getPort());
    Digests d = world.digests(settings);
    Accounts accounts = new Accounts(world.db, world.writes, world.clock);
    Follows follows = new Follows(world.db, () -> null, world.clock);

    User reader = accounts.add("follower@example.org", null, Role.READER);
    follows.followAuthor(reader, "Grace Hopper");
    follows.followOrganization(reader, "deep-sea", "Deep Sea Lab");
    follows.followSearch(reader, "mixture of experts", "keyword", null);
    // Only cs.CV papers for the picks by closeness; follows are not held to the categories.
    d.subscriptions()
        .subscribe(
            "follower@example.org",
            Preferences.parse("daily", "", "cs.CV"),
            reader,
            "test-follower");

    User quiet = accounts.add("quiet@example.org", null, Role.READER);
    d.subscriptions()
        .subscribe("quiet@example.org", Preferences.parse("daily", "", "cs.CV"), quiet, "test-q");
    DigestWorld.confirmed(
        d,
        "anonymous@example.org",
        "typed holes ocean experts",
        email -> DigestDeliveryTest.lastToken(SMTP, email));
    // Subscribed without signing in; the account of the same address follows an author.
    DigestWorld.confirmed(
        d, "later@example.org", "", email -> DigestDeliveryTest.lastToken(SMTP, email));
    follows.followAuthor(accounts.add("later@example.org", null, Role.READER), "Grace Hopper");

    Digests.Report r = d.run(d.period("daily:2026-06-29"));

    assertThat(r.sent()).isEqualTo(4);
    Map<String, String> texts = digestTexts();
    String follower = picked(texts.get("follower@example.org"));
    assertThat(follower)
        .contains("Typed holes in functional programs")
        .contains("Why: by Grace Hopper, whom you follow")
        .contains("Ocean circulation under warming")
        .contains("Why: from Deep Sea Lab, which you follow")
        .contains("Routing in sparse mixture of experts")
        .contains("Why: matches your alert 'mixture of experts'")
        // The organization's other paper is not followed; the cs.CV pick still comes.
        .doesNotContain("Glacier melt and sea level")
        .contains("Video diffusion with motion priors");
    // Follows first, then the picks by closeness.
    assertThat(follower.indexOf("Typed holes"))
        .isLessThan(follower.indexOf("Video diffusion with motion priors"));
    String quietText = texts.get("quiet@example.org");
    assertThat(quietText)
        .doesNotContain("Typed holes")
        .doesNotContain("Ocean circulation")
        .doesNotContain("Why: ");
    assertThat(picked(quietText)).contains("Video diffusion with motion priors");
    assertThat(texts.get("anonymous@example.org")).doesNotContain("whom you follow");
    assertThat(picked(texts.get("later@example.org")))
        .contains("Typed holes in functional programs")
        .contains("Why: by Grace Hopper, whom you follow");

    // The mail's HTML says the same, escaped.
    MimeMessage mail = null;
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      if (m.getSubject().startsWith("Trending papers")
          && m.getAllRecipients()[0].toString().equals("follower@example.org")) {
        mail = m;
      }
    }
    assertThat(DigestDeliveryTest.html(mail))
        .contains("Why: matches your alert &#39;mixture of experts&#39;");
  }
}
