package org.paperboy.digest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.community.Comments;
import org.paperboy.community.Curation;
import org.paperboy.community.MovableClock;
import org.paperboy.community.RateLimiter;
import org.paperboy.community.Votes;
import org.paperboy.community.Writes;
import org.paperboy.config.Settings;
import org.paperboy.foryou.Follows;
import org.paperboy.foryou.ForYou;
import org.paperboy.lists.Lists;
import org.paperboy.mail.Mailer;
import org.paperboy.paper.Author;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.search.PaperSearch;
import org.paperboy.search.StoredVectors;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;

/**
 * A catalog with a week of daily lists (Monday 2026-06-22 to Tuesday 2026-06-30), a movable clock,
 * and settings whose SMTP relay is a port the test chooses; for digest tests.
 */
final class DigestWorld implements AutoCloseable {

  /** Tuesday 30 June 2026; the daily digest of Monday 29 June's list goes out then. */
  static final LocalDate TUESDAY = LocalDate.parse("2026-06-30");

  static final LocalDate MONDAY = LocalDate.parse("2026-06-29");

  final MovableClock clock = new MovableClock(Instant.parse("2026-06-30T07:30:00Z"));
  final Database db;
  final Writes writes;
  final Catalog catalog;
  final List<Paper> monday = new ArrayList<>();

  DigestWorld(TestDatabases.Kind kind, Path dir) {
    db = TestDatabases.open(kind, dir);
    writes = new Writes(db, 10, clock);
    catalog = new Catalog(db, clock);
    String[][] papers = {
      {"2606.10001", "Diffusion models for video generation", "cs.CV", "50"},
      {"2606.10002", "Scaling laws of language models", "cs.CL", "40"},
      {"2606.10003", "Protein folding with graph networks", "q-bio.BM", "30"},
      {"2606.10004", "Reinforcement learning for robot grasping", "cs.RO", "20"},
      {"2606.10005", "Sparse attention for long documents", "cs.CL", "10"},
      {"2606.10006", "Quantum error correction codes", "quant-ph", "9"},
      {"2606.10007", "Video diffusion with motion priors", "cs.CV", "8"},
      {"2606.10008", "Tokenizers for code models", "cs.CL", "1"},
    };
    int pos = 0;
    for (String[] p : papers) {
      Paper paper = paper(p[0], p[1], p[2], MONDAY.minusDays(2));
      catalog.apply(
          List.of(
              new PaperRecord(paper, new Listing(MONDAY, pos++, "ak", Integer.parseInt(p[3]), 0))));
      monday.add(paper);
    }
  }

  static Paper paper(String id, String title, String category, LocalDate published) {
    return Paper.builder(id, title, "test")
        .version(1)
        .abstractText("We study " + title.toLowerCase() + ". Results are strong.")
        .authors(List.of(new Author("Ada Lovelace", null), new Author("Alan Turing", null)))
        .categories(List.of(category))
        .published(published)
        .build();
  }

  /** Adds a paper to a day's list. */
  Paper list(String id, String title, String category, LocalDate day, int upvotes) {
    Paper p = paper(id, title, category, day.minusDays(1));
    catalog.apply(List.of(new PaperRecord(p, new Listing(day, 0, "ak", upvotes, 0))));
    return p;
  }

  /** Puts Monday's papers on another day's list too, in the same order and with the same votes. */
  void relist(LocalDate day) {
    for (int i = 0; i < monday.size(); i++) {
      catalog.apply(List.of(new PaperRecord(monday.get(i), new Listing(day, i, "ak", 8 - i, 0))));
    }
  }

  /** Settings with the relay on {@code smtpPort} (no TLS, as GreenMail's plain SMTP). */
  Settings settings(int smtpPort) {
    Map<String, String> env = new HashMap<>();
    env.put("PAPERBOY_BASE_URL", "https://papers.example.org");
    env.put("PAPERBOY_SMTP_HOST", "127.0.0.1");
    env.put("PAPERBOY_SMTP_PORT", Integer.toString(smtpPort));
    env.put("PAPERBOY_SMTP_STARTTLS", "false");
    env.put("PAPERBOY_MAIL_FROM", "Paperboy <digest@papers.example.org>");
    env.put("PAPERBOY_DIGEST_RATE", "0");
    return Settings.from(env);
  }

  Digests digests(Settings settings) {
    return digests(settings, Mailer.from(settings, clock), null);
  }

  /** The digest service as serve builds it, with another mailer or a search index. */
  Digests digests(Settings settings, Mailer mailer, PaperSearch search) {
    return digests(settings, mailer, search, null);
  }

  /**
   * The digest service as serve builds it, with another mailer, a search index and the vectors in
   * the database (each may be null).
   */
  Digests digests(Settings settings, Mailer mailer, PaperSearch search, StoredVectors stored) {
    Votes votes = new Votes(db, writes, clock);
    return Digests.create(
        db.jdbi(),
        catalog,
        new Lists(
            catalog,
            votes,
            new Comments(db, writes, clock),
            new Curation(db, catalog, clock),
            clock),
        () -> search,
        stored,
        mailer,
        votes,
        new RateLimiter(db, clock),
        new DigestOptions(
            settings.baseUrl(),
            settings.digest().time(),
            settings.digest().zone(),
            settings.digest().weeklyDay(),
            settings.digest().ratePerSecond(),
            "digest@papers.example.org",
            2,
            Duration.ofMinutes(1),
            settings.dataDir().resolve("secret.key")),
        clock,
        new ForYou(db, catalog, new Follows(db, () -> search, clock), () -> search, clock));
  }

  /** A confirmed subscription, made as a reader would: subscribe, then open the mailed link. */
  static Subscription confirmed(Digests d, String email, String topics, Mailed mailed) {
    d.subscriptions()
        .subscribe(email, Preferences.parse("daily", topics, ""), null, "test-" + email);
    return d.subscriptions().confirm(mailed.lastToken(email));
  }

  /** Where a test finds the confirmation token mailed to an address. */
  interface Mailed {
    String lastToken(String email);
  }

  @Override
  public void close() {
    db.close();
  }
}
