package org.paperboy.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.paperboy.config.Settings;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Catalog.Outcome;
import org.paperboy.paper.HarvestLog;
import org.paperboy.paper.Listing;
import org.paperboy.paper.PaperRecord;

/**
 * Follows Hugging Face's daily papers: asks {@code GET {hf}/api/daily_papers?date=D} for each day
 * and applies the answer to the catalog, creating or updating that day's list (upvotes, comments,
 * submitter, AI summary and keywords, code repository and stars, project page).
 *
 * <p>A poll ({@link #poll}) asks for today and the {@value #DAYS_BACK} days before (UTC): a day's
 * counts keep changing for about a week. An answer identical to the one last applied for its day
 * (same SHA-256, kept in the {@link HarvestLog}) is not parsed again, so a steady-state poll costs
 * eight requests and eight one-row reads. Local curation wins because the catalog's upsert touches
 * only the imported columns: a hidden entry stays hidden, a removed one stays removed, and local
 * votes and comments are counted on top of the imported snapshot by the list service.
 *
 * <p>Requests go through {@link ArxivClient}'s etiquette: a pause of {@link #DELAY} between two,
 * each with a {@link #TIMEOUT}, a bounded {@code Retry-After} honoured on 429 and 503, and a few
 * retries when an answer fails or is cut off (a truncated body fails to parse and is asked again).
 */
public final class HfFollower {

  /** The days before today a poll asks for again. */
  public static final int DAYS_BACK = 7;

  /** The pause between two requests to Hugging Face. */
  public static final Duration DELAY = Duration.ofMillis(500);

  /** How long one request may take to answer. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  static final String LOG_SOURCE = "hf";

  /**
   * What a poll or a backfill did.
   *
   * @param days the days asked for
   * @param changedDays the days whose answer differed from the one last applied
   * @param added papers new to the catalog
   * @param updated papers or list entries that changed
   * @param skipped malformed items left out
   */
  public record Summary(int days, int changedDays, long added, long updated, long skipped) {

    /** One line for logs, the Sources page and the command line. */
    public String describe() {
      return days
          + " days asked, "
          + changedDays
          + " changed: "
          + added
          + " papers new, "
          + updated
          + " updated"
          + (skipped > 0 ? ", " + skipped + " bad items skipped" : "");
    }
  }

  private final Catalog catalog;
  private final HarvestLog log;
  private final URI base;
  private final Clock clock;
  private final ArxivClient client;

  /**
   * A follower of the Hugging Face instance at {@code base}.
   *
   * @param delay the pause between two requests
   * @param timeout how long one request may take
   * @param clock gives today (UTC) and the time for Retry-After dates
   * @param sleeper performs every wait
   */
  public HfFollower(
      Catalog catalog,
      HarvestLog log,
      URI base,
      HttpClient http,
      String userAgent,
      Duration delay,
      Duration timeout,
      Clock clock,
      Sleeper sleeper) {
    this.catalog = catalog;
    this.log = log;
    this.base = base;
    this.clock = clock;
    this.client = new ArxivClient(http, userAgent, delay, clock, sleeper, timeout);
  }

  /** The follower the settings describe, with a real HTTP client, waiting through the sleeper. */
  public static HfFollower create(
      Settings settings, Catalog catalog, HarvestLog log, Clock clock, Sleeper sleeper) {
    return new HfFollower(
        catalog,
        log,
        settings.jobs().hfUrl(),
        ArxivClient.defaultHttpClient(),
        ArxivClient.userAgent(settings.baseUrl()),
        DELAY,
        TIMEOUT,
        clock,
        sleeper);
  }

  /** Asks for today and the {@value #DAYS_BACK} days before. */
  public Summary poll() throws IOException, InterruptedException {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return follow(today.minusDays(DAYS_BACK), today);
  }

  /**
   * Asks for every day from {@code from} to {@code to}, both included, oldest first, and applies
   * each answer before asking for the next; a day that fails after retries stops the run with an
   * {@link IOException} naming it (the days before it are kept).
   */
  public Summary follow(LocalDate from, LocalDate to) throws IOException, InterruptedException {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
    int days = 0;
    int changed = 0;
    long added = 0;
    long updated = 0;
    long skipped = 0;
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      days++;
      LocalDate asked = day;
      Answer answer;
      try {
        answer = client.get(uri(day), body -> read(body, asked));
      } catch (IOException e) {
        throw new IOException(day + ": " + e.getMessage(), e);
      }
      if (answer.digest().equals(log.dayDigest(LOG_SOURCE, day).orElse(null))) {
        continue;
      }
      changed++;
      skipped += answer.skipped();
      for (Outcome o : catalog.apply(answer.records())) {
        switch (o) {
          case NEW -> added++;
          case UPDATED -> updated++;
          case UNCHANGED -> {}
        }
      }
      log.saveDayDigest(LOG_SOURCE, day, answer.digest());
    }
    return new Summary(days, changed, added, updated, skipped);
  }

  private URI uri(LocalDate day) {
    return URI.create(base + "/api/daily_papers?date=" + day);
  }

  /** A day's answer, read whole and parsed: a cut-off body fails here and is asked for again. */
  private record Answer(String digest, List<PaperRecord> records, int skipped) {}

  private static Answer read(InputStream body, LocalDate day) throws IOException {
    byte[] bytes = body.readAllBytes();
    List<PaperRecord> records = new ArrayList<>();
    int[] skipped = {0};
    new HfDailyPapersReader()
        .read(
            new ByteArrayInputStream(bytes),
            new Source("daily_papers?date=" + day, null, day),
            new RecordSink() {
              @Override
              public void accept(PaperRecord record) {
                // HF lists a paper on the day asked for; the item's own day agrees in every
                // saved answer, and the asked day is the one this list is for.
                records.add(
                    record.listing() == null || record.listing().date().equals(day)
                        ? record
                        : new PaperRecord(record.paper(), onDay(record.listing(), day)));
              }

              @Override
              public void reject(String location, String reason) {
                skipped[0]++;
              }
            });
    return new Answer(sha256(bytes), records, skipped[0]);
  }

  private static Listing onDay(Listing l, LocalDate day) {
    return new Listing(day, l.position(), l.submitter(), l.upvotes(), l.comments());
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
