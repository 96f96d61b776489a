package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.community.CommunityException;
import org.paperboy.config.Settings;
import org.paperboy.mail.MailMessage;
import org.paperboy.mail.Mailer;
import org.paperboy.paper.PaperVectors;
import org.paperboy.search.PaperSearch;
import org.paperboy.search.StoredVectors;
import org.paperboy.store.TestDatabases;

/**
 * Delivery through a real SMTP server (GreenMail): exactly one digest per subscriber and period
 * through crashes, a second node, an SMTP outage and bounces; and input that could inject headers.
 */
class DigestDeliveryTest {

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

  DigestWorld world(TestDatabases.Kind kind) {
    world = new DigestWorld(kind, dir);
    return world;
  }

  Settings settings() {
    return world.settings(SMTP.getSmtp().getPort());
  }

  /** The confirmation token in the last mail this test's GreenMail got for an address. */
  static String lastToken(String email) {
    return lastToken(SMTP, email);
  }

  /** The confirmation token in the last mail a GreenMail got for an address. */
  static String lastToken(GreenMailExtension smtp, String email) {
    MimeMessage[] all = smtp.getReceivedMessages();
    for (int i = all.length - 1; i >= 0; i--) {
      try {
        if (all[i].getAllRecipients()[0].toString().equals(email)) {
          Matcher m = Pattern.compile("token=([A-Za-z0-9_-]{43})").matcher(text(all[i]));
          if (m.find()) {
            return m.group(1);
          }
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no confirmation mail to " + email);
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

  static String html(MimeMessage m) throws Exception {
    Multipart mp = (Multipart) m.getContent();
    for (int i = 0; i < mp.getCount(); i++) {
      BodyPart p = mp.getBodyPart(i);
      if (p.isMimeType("text/html")) {
        return (String) p.getContent();
      }
    }
    throw new AssertionError("no HTML part");
  }

  /** Digests (not confirmation mails) received, per recipient. */
  static Map<String, Integer> digestsByRecipient() throws Exception {
    Map<String, Integer> out = new HashMap<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      if (m.getSubject().startsWith("Trending papers")) {
        out.merge(m.getAllRecipients()[0].toString(), 1, Integer::sum);
      }
    }
    return out;
  }

  List<String> subscribe(Digests d, int n) {
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String email = "reader" + i + "@example.org";
      DigestWorld.confirmed(d, email, "", DigestDeliveryTest::lastToken);
      emails.add(email);
    }
    return emails;
  }

  @Test
  void a_digest_has_both_parts_the_list_headers_and_links_to_each_paper() throws Exception {
    world(TestDatabases.Kind.SQLITE);
    Digests d = world.digests(settings());
    DigestWorld.confirmed(d, "ada@example.org", "video diffusion", DigestDeliveryTest::lastToken);

    Digests.Report r = d.run(d.period("daily:2026-06-29"));

    assertThat(r.sent()).isEqualTo(1);
    MimeMessage digest = SMTP.getReceivedMessages()[SMTP.getReceivedMessages().length - 1];
    assertThat(digest.getSubject()).isEqualTo("Trending papers, Monday, 29 June 2026");
    String unsubscribe = digest.getHeader("List-Unsubscribe")[0];
    assertThat(unsubscribe)
        .matches(
            "<https://papers\\.example\\.org/unsubscribe/[A-Za-z0-9_-]{43}>,"
                + " <mailto:digest@papers\\.example\\.org\\?subject=unsubscribe%20[A-Za-z0-9_-]{43}>");
    assertThat(digest.getHeader("List-Unsubscribe-Post"))
        .containsExactly("List-Unsubscribe=One-Click");
    assertThat(digest.getMessageID()).startsWith("<digest.").endsWith("@papers.example.org>");
    String html = html(digest);
    String text = text(digest);
    assertThat(html)
        .contains("https://papers.example.org/papers/2606.10001")
        .contains("Picked for you")
        .contains("https://papers.example.org/unsubscribe/")
        .doesNotContain("<script")
        .doesNotContain("<link")
        .doesNotContain("@import");
    assertThat(text)
        .contains("Diffusion models for video generation")
        .contains("https://papers.example.org/papers/2606.10001")
        .contains("Unsubscribe: https://papers.example.org/unsubscribe/");
    // Trending first: the top five by upvotes; then picks for "video diffusion" among the rest.
    assertThat(text.indexOf("TRENDING")).isLessThan(text.indexOf("PICKED FOR YOU"));
    assertThat(text.substring(text.indexOf("PICKED FOR YOU")))
        .contains("Video diffusion with motion priors");
  }

  @Test
  void a_digest_sent_beside_a_running_server_picks_by_the_vectors_stored_in_the_database()
      throws Exception {
    world(TestDatabases.Kind.SQLITE);
    PaperVectors vectors = new PaperVectors(world.db, world.clock);
    Path index = dir.resolve("index");
    // The server: it holds the index and embedded Monday's papers, storing their vectors.
    try (PaperSearch server = PaperSearch.open(index, world.catalog, vectors);
        StoredVectors stored = new StoredVectors(vectors)) {
      server.embedPending(Integer.MAX_VALUE);
      // Listed after that: no vector anywhere yet.
      world.list(
          "2606.10009", "Molecular biology of cell membranes", "q-bio.BM", DigestWorld.MONDAY, 0);
      server.sync();
      assertThat(PaperSearch.openIfFree(index, world.catalog, vectors)).isEmpty();

      Digests withIndex = world.digests(settings(), Mailer.from(settings(), world.clock), server);
      // No word in common with any paper outside the trending five: only meaning can pick.
      DigestWorld.confirmed(
          withIndex, "code@example.org", "programming software", DigestDeliveryTest::lastToken);
      DigestWorld.confirmed(
          withIndex, "bio@example.org", "molecular biology", DigestDeliveryTest::lastToken);
      DigestPeriod monday = withIndex.period("daily:2026-06-29");
      Map<String, List<String>> byIndex = picks(withIndex.dryRun(monday));

      // The sender beside it cannot open the index: the same picks from the database's vectors.
      Digests beside =
          world.digests(settings(), Mailer.from(settings(), world.clock), null, stored);
      Map<String, List<String>> byDatabase = picks(beside.dryRun(monday));
      Map<String, List<String>> byWords =
          picks(
              world.digests(settings(), Mailer.from(settings(), world.clock), null).dryRun(monday));

      assertThat(byDatabase).isEqualTo(byIndex);
      assertThat(byIndex.get("code@example.org")).first().isEqualTo("2606.10008");
      assertThat(byWords.get("code@example.org")).isEmpty();
      // The paper without a vector is picked by the words of the topics, as with the index.
      assertThat(byDatabase.get("bio@example.org")).first().isEqualTo("2606.10009");

      assertThat(beside.run(monday).sent()).isEqualTo(2);
      Map<String, String> mailed = new HashMap<>();
      for (MimeMessage m : SMTP.getReceivedMessages()) {
        if (m.getSubject().startsWith("Trending papers")) {
          mailed.put(m.getAllRecipients()[0].toString(), text(m));
        }
      }
      String picked = mailed.get("code@example.org");
      picked = picked.substring(picked.indexOf("PICKED FOR YOU"));
      assertThat(picked).contains("Tokenizers for code models");
      int at = -1;
      for (String id : byDatabase.get("code@example.org")) {
        int next = picked.indexOf("https://papers.example.org/papers/" + id);
        assertThat(next).as(id).isGreaterThan(at);
        at = next;
      }
      // The sender embedded only the topics; no paper was embedded again.
      assertThat(vectors.count(stored.model())).isEqualTo(8);
    }
  }

  private static Map<String, List<String>> picks(List<Digests.Preview> previews) {
    Map<String, List<String>> out = new HashMap<>();
    previews.forEach(p -> out.put(p.email(), p.picks()));
    return out;
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void a_crash_between_writing_and_sending_still_gives_exactly_one_digest(TestDatabases.Kind kind)
      throws Exception {
    world(kind);
    Settings settings = settings();
    Digests setup = world.digests(settings);
    List<String> emails = subscribe(setup, 3);
    // The first node plans and composes, then dies on its first send (after taking the rows).
    Mailer dying =
        new Mailer() {
          @Override
          public void send(MailMessage message) {
            throw new IllegalStateException("simulated crash");
          }
        };
    Digests first = world.digests(settings, dying, null);
    DigestPeriod period = first.period("daily:2026-06-29");
    assertThatThrownBy(() -> first.run(period)).hasMessageContaining("simulated crash");
    assertThat(digestsByRecipient()).isEmpty();

    // A restart before the lease runs out sends nothing twice and nothing early...
    Digests restarted = world.digests(settings);
    restarted.tick();
    assertThat(digestsByRecipient()).isEmpty();
    // ...and once it has run out, every digest goes out once.
    world.clock.advance(Duration.ofMinutes(11));
    restarted.tick();
    restarted.tick();
    restarted.run(period);
    assertThat(digestsByRecipient())
        .containsOnlyKeys(emails)
        .allSatisfy((email, n) -> assertThat(n).isEqualTo(1));
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void a_node_that_stops_hands_back_its_leased_digests_at_once(TestDatabases.Kind kind)
      throws Exception {
    world(kind);
    Settings settings = settings();
    List<String> emails = subscribe(world.digests(settings), 3);
    Digests first =
        world.digests(
            settings,
            message -> {
              throw new IllegalStateException("relay gone mid-run");
            },
            null);
    DigestPeriod period = first.period("daily:2026-06-29");
    assertThatThrownBy(() -> first.run(period)).hasMessageContaining("relay gone");
    assertThat(first.outboxCounts(period.key())).containsKey(OutboxStatus.SENDING);

    // Stopping (SIGTERM) gives the rows back: another node sends them without waiting for the
    // lease to run out, each once.
    first.close();
    assertThat(first.outboxCounts(period.key())).doesNotContainKey(OutboxStatus.SENDING);
    world.digests(settings).run(period);
    assertThat(digestsByRecipient())
        .containsOnlyKeys(emails)
        .allSatisfy((email, n) -> assertThat(n).isEqualTo(1));
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void two_nodes_running_the_same_period_at_once_send_each_digest_once(TestDatabases.Kind kind)
      throws Exception {
    world(kind);
    Settings settings = settings();
    List<String> emails = subscribe(world.digests(settings), 40);
    Digests a = world.digests(settings);
    Digests b = world.digests(settings);
    DigestPeriod period = a.period("daily:2026-06-29");

    CompletableFuture<Digests.Report> ra = CompletableFuture.supplyAsync(() -> a.run(period));
    CompletableFuture<Digests.Report> rb = CompletableFuture.supplyAsync(() -> b.run(period));
    int sent = ra.get().sent() + rb.get().sent();

    assertThat(sent).isEqualTo(40);
    // One node plans the period; the other finds it planned (-1) and helps work it.
    assertThat(List.of(ra.get().planned(), rb.get().planned())).containsExactlyInAnyOrder(40, -1);
    assertThat(digestsByRecipient())
        .containsOnlyKeys(emails)
        .allSatisfy((email, n) -> assertThat(n).isEqualTo(1));
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void nodes_together_keep_to_the_one_send_rate_kept_in_the_database(TestDatabases.Kind kind)
      throws Exception {
    world(kind);
    // Two nodes pacing at 50 mails a second, each with two sending workers of 10 mails: 40 sends
    // take 39 intervals of 20 ms at least, however they are spread. Paced per node, they took 19.
    List<DigestSender.Pacer> nodes =
        List.of(
            new DigestSender.Pacer(world.db.jdbi(), 50),
            new DigestSender.Pacer(world.db.jdbi(), 50));
    List<Long> sentAt = java.util.Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<Void>> workers = new ArrayList<>();
    for (DigestSender.Pacer node : nodes) {
      for (int w = 0; w < 2; w++) {
        workers.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < 10; i++) {
                    node.await();
                    sentAt.add(System.nanoTime());
                  }
                }));
      }
    }
    for (CompletableFuture<Void> w : workers) {
      w.get();
    }
    long span = java.util.Collections.max(sentAt) - java.util.Collections.min(sentAt);
    assertThat(Duration.ofNanos(span)).isGreaterThan(Duration.ofMillis(39 * 20 - 40));
  }

  @Test
  void housekeeping_keeps_digest_history_for_its_retention_and_sent_papers_as_long_as_needed()
      throws Exception {
    world(TestDatabases.Kind.SQLITE);
    Digests d = world.digests(settings());
    subscribe(d, 2);
    assertThat(d.run(d.period("daily:2026-06-29")).sent()).isEqualTo(2);
    Map<String, Long> before = rows();
    assertThat(before.get("digest_papers")).isPositive();
    assertThat(d.purge(Duration.ofDays(30)).total()).isZero();

    // 40 days on: the attempts go; the digests stay, since their papers keep "never twice".
    world.clock.advance(Duration.ofDays(40));
    Digests.Purged p = d.purge(Duration.ofDays(30));
    assertThat(p).isEqualTo(new Digests.Purged(2, 0, 0, 0));
    assertThat(rows()).containsEntry("digest_outbox", 2L).containsEntry("digest_attempts", 0L);

    // 100 days on, past the 90 days "never twice" looks back: everything goes.
    world.clock.advance(Duration.ofDays(60));
    p = d.purge(Duration.ofDays(30));
    assertThat(p).isEqualTo(new Digests.Purged(0, before.get("digest_papers").intValue(), 2, 1));
    assertThat(rows())
        .containsOnly(
            Map.entry("digest_outbox", 0L),
            Map.entry("digest_attempts", 0L),
            Map.entry("digest_papers", 0L),
            Map.entry("digest_runs", 0L));
  }

  private Map<String, Long> rows() {
    Map<String, Long> out = new HashMap<>();
    for (String table :
        List.of("digest_outbox", "digest_attempts", "digest_papers", "digest_runs")) {
      out.put(
          table,
          world
              .db
              .jdbi()
              .withHandle(h -> h.select("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one()));
    }
    return out;
  }

  @Test
  void smtp_down_then_up_gives_every_digest_once() throws Exception {
    world(TestDatabases.Kind.SQLITE);
    List<String> emails = subscribe(world.digests(settings()), 5);
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Digests down = world.digests(world.settings(closedPort));
    DigestPeriod period = down.period("daily:2026-06-29");

    Digests.Report r = down.run(period);
    assertThat(r.sent()).isZero();
    // Each sender connection tries one digest, finds the relay down and gives the rest back.
    assertThat(r.retried()).isBetween(1, 2);
    down.tick();
    assertThat(down.outboxCounts(period.key())).containsEntry(OutboxStatus.READY, 5);

    // The relay comes back on that port; retries wait for their backoff, then all go out once.
    GreenMail up = new GreenMail(new ServerSetup(closedPort, "127.0.0.1", "smtp"));
    try {
      up.start();
      world.clock.advance(Duration.ofMinutes(2));
      down.tick();
      down.tick();
      assertThat(up.getReceivedMessages()).hasSize(5);
      List<String> to = new ArrayList<>();
      for (MimeMessage m : up.getReceivedMessages()) {
        to.add(m.getAllRecipients()[0].toString());
      }
      assertThat(to).containsExactlyInAnyOrderElementsOf(emails);
      assertThat(down.outboxCounts(period.key())).containsEntry(OutboxStatus.SENT, 5);
      assertThat(down.recentAttempts(100))
          .extracting(Digests.Attempt::outcome)
          .containsOnly("RETRY", "SENT");
    } finally {
      up.stop();
    }
  }

  @Test
  void no_paper_comes_twice_and_an_empty_digest_is_not_sent() throws Exception {
    world(TestDatabases.Kind.SQLITE);
    Digests d = world.digests(settings());
    d.subscriptions()
        .subscribe("ada@example.org", Preferences.parse("weekly", "", ""), null, "client");
    d.subscriptions().confirm(lastToken("ada@example.org"));
    int before = SMTP.getReceivedMessages().length;

    // Monday's papers are listed again in the next two weeks, with one new paper.
    assertThat(d.run(d.period("weekly:2026-W27")).sent()).isEqualTo(1);
    LocalDate nextMonday = DigestWorld.MONDAY.plusWeeks(1);
    world.relist(nextMonday);
    world.list("2606.10009", "A new paper next week", "cs.LG", nextMonday, 3);
    world.clock.set(Instant.parse("2026-07-13T07:30:00Z"));
    assertThat(d.run(d.period("weekly:2026-W28")).sent()).isEqualTo(1);
    // A third week with the same papers has nothing new: not sent.
    world.relist(nextMonday.plusWeeks(1));
    world.clock.set(Instant.parse("2026-07-20T07:30:00Z"));
    Digests.Report third = d.run(d.period("weekly:2026-W29"));
    assertThat(third.empty()).isEqualTo(1);
    assertThat(third.sent()).isZero();

    MimeMessage[] all = SMTP.getReceivedMessages();
    assertThat(all).hasSize(before + 2);
    List<String> first = paperLinks(text(all[before]));
    List<String> second = paperLinks(text(all[before + 1]));
    assertThat(first).hasSize(5);
    assertThat(second).doesNotContainAnyElementsOf(first).contains("2606.10009");
    assertThat(first.size() + second.size()).isEqualTo(9);
  }

  private static List<String> paperLinks(String text) {
    List<String> ids = new ArrayList<>();
    Matcher m = Pattern.compile("/papers/([0-9.]+)").matcher(text);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  @Test
  void addresses_and_topics_cannot_inject_headers_and_invalid_addresses_are_refused()
      throws Exception {
    world(TestDatabases.Kind.SQLITE);
    Digests d = world.digests(settings());
    Subscriptions subs = d.subscriptions();
    for (String bad :
        List.of(
            "ada@example.org\r\nBcc: eve@example.org",
            "ada@example.org\nSubject: hi",
            "not-an-address",
            "ada@",
            "a b@example.org",
            "ada@example.org, eve@example.org",
            "")) {
      assertThatThrownBy(
              () -> subs.subscribe(bad, Preferences.parse("daily", "", ""), null, "client"))
          .isInstanceOf(CommunityException.class)
          .extracting(e -> ((CommunityException) e).reason())
          .isEqualTo(CommunityException.Reason.BAD_INPUT);
    }
    assertThatThrownBy(() -> subs.subscribe("x@example.org", null, null, "c"))
        .isInstanceOf(NullPointerException.class);
    assertThat(SMTP.getReceivedMessages()).isEmpty();

    Preferences hostile =
        Preferences.parse("weekly", "diffusion\r\nBcc: eve@example.org\r\n\r\n<script>", "cs.CV");
    assertThat(hostile.topics()).isEqualTo("diffusion Bcc: eve@example.org <script>");
    assertThatThrownBy(() -> Preferences.parse("daily", "", "cs.CV\r\nBcc: x"))
        .hasMessageContaining("not an arXiv category");
    assertThatThrownBy(() -> Preferences.parse("hourly", "", ""))
        .hasMessageContaining("daily or weekly");

    subs.subscribe("ada@example.org", hostile, null, "client");
    subs.confirm(lastToken("ada@example.org"));
    d.run(d.period("weekly:2026-07-06"));
    MimeMessage digest = SMTP.getReceivedMessages()[SMTP.getReceivedMessages().length - 1];
    assertThat(digest.getHeader("Bcc")).isNull();
    assertThat(digest.getAllRecipients()).hasSize(1);
    assertThat(Arrays.toString(digest.getAllRecipients())).isEqualTo("[ada@example.org]");
  }

  @Test
  void the_schedule_sends_a_missed_period_once_not_once_per_missed_tick() throws Exception {
    world(TestDatabases.Kind.SQLITE);
    Digests d = world.digests(settings());
    DigestWorld.confirmed(d, "ada@example.org", "", DigestDeliveryTest::lastToken);
    // Down from Monday 06:00 until Wednesday 12:00: Monday's, Tuesday's and Wednesday's were
    // missed.
    world.clock.set(Instant.parse("2026-07-01T12:00:00Z"));
    List<Digests.Report> first = d.tick();
    List<Digests.Report> second = d.tick();

    // Wednesday's digest (Tuesday's list) goes out once; Tuesday's (Monday's list) is skipped.
    assertThat(first).extracting(Digests.Report::period).contains("daily:2026-06-30");
    assertThat(first).extracting(Digests.Report::period).doesNotContain("daily:2026-06-29");
    assertThat(second).isEmpty();
    // Before 07:00 on Monday the latest daily digest due is Friday's, of Thursday's list.
    world.clock.set(Instant.parse("2026-07-06T06:59:00Z"));
    assertThat(d.duePeriods()).extracting(DigestPeriod::key).contains("daily:2026-07-02");
  }
}
