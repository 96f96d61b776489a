package org.paperboy.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.paperboy.config.Settings;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.HarvestLog;
import org.paperboy.paper.HarvestLog.Position;
import org.paperboy.paper.PaperRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code paperboy harvest}: brings the catalog up to date from arXiv's OAI-PMH interface, one set
 * at a time, incrementally.
 *
 * <p>Each set has a position {@code oai:<set>} in the {@link HarvestLog}. A run asks for {@code
 * ListRecords} in the {@code arXiv} format from a date: the {@code --from} date when given, else
 * the stored one, else {@value #DEFAULT_LOOKBACK_DAYS} days ago. It follows resumption tokens page
 * by page; after each page it applies the page's records to the catalog in one call and then saves
 * the token and the record count, so a run that dies resumes from the last saved token. At the end
 * it stores the day of the first response's {@code responseDate} (or the explicit {@code --until})
 * as the next run's start: OAI-PMH dates have day granularity, so the next run repeats that day
 * rather than risk missing the records that changed during it. Requests go through {@link
 * ArxivClient}, which keeps arXiv's pace and retries.
 */
public final class OaiHarvester {

  /** How far back a set's first harvest reaches when no {@code --from} is given. */
  static final int DEFAULT_LOOKBACK_DAYS = 7;

  private static final Logger LOG = LoggerFactory.getLogger(OaiHarvester.class);

  /**
   * What a harvest did.
   *
   * @param records the records received, deleted and rejected ones included
   * @param added papers new to the catalog
   * @param updated papers whose stored metadata changed
   * @param unchanged papers the catalog already had as received
   * @param skipped records deleted upstream or rejected as malformed
   * @param pages the responses read
   */
  public record Summary(
      long records, long added, long updated, long unchanged, long skipped, int pages) {

    static final Summary EMPTY = new Summary(0, 0, 0, 0, 0, 0);

    Summary plus(Summary o) {
      return new Summary(
          records + o.records,
          added + o.added,
          updated + o.updated,
          unchanged + o.unchanged,
          skipped + o.skipped,
          pages + o.pages);
    }
  }

  private final Catalog catalog;
  private final HarvestLog log;
  private final URI baseUri;
  private final Clock clock;
  private final ArxivClient client;
  private OaiPmhReader reader = new OaiPmhReader();

  /**
   * A harvester of the OAI-PMH endpoint {@code baseUri}.
   *
   * @param delay the pause between two requests
   * @param userAgent the User-Agent header sent with every request
   * @param clock gives "today" and the time for Retry-After dates
   * @param sleeper performs every wait
   */
  public OaiHarvester(
      Catalog catalog,
      HarvestLog log,
      URI baseUri,
      Duration delay,
      HttpClient http,
      String userAgent,
      Clock clock,
      Sleeper sleeper) {
    this.catalog = catalog;
    this.log = log;
    this.baseUri = baseUri;
    this.clock = clock;
    this.client = new ArxivClient(http, userAgent, delay, clock, sleeper);
  }

  /** The harvester the settings describe, with a real HTTP client, the UTC clock and real waits. */
  public static OaiHarvester create(Settings settings, Catalog catalog, HarvestLog log) {
    OaiHarvester harvester =
        new OaiHarvester(
            catalog,
            log,
            settings.oaiBaseUrl(),
            settings.harvestDelay(),
            ArxivClient.defaultHttpClient(),
            ArxivClient.userAgent(settings.baseUrl()),
            Clock.systemUTC(),
            Sleeper.system());
    if (settings.jobs().dailyList() == Settings.DailyList.ARXIV) {
      harvester.listAnnouncements(settings::harvests);
    }
    return harvester;
  }

  /**
   * Makes this harvester put each paper announced as new on its announcement day's list (see {@link
   * Announcements}); a paper whose primary category {@code harvested} does not cover is listed as a
   * cross-list.
   */
  public OaiHarvester listAnnouncements(Predicate<String> harvested) {
    reader = new OaiPmhReader(new Announcements(harvested));
    return this;
  }

  /**
   * Harvests each set in turn and returns the totals.
   *
   * @param from the first day to ask for, or null to continue from the stored position
   * @param until the last day to ask for, or null for up to now
   * @throws ArxivException when arXiv reports an error (a bad set name, for instance)
   * @throws IOException when arXiv gives no usable answer after retries; the position of the set is
   *     saved, so the next run resumes there
   */
  public Summary harvest(List<String> sets, LocalDate from, LocalDate until)
      throws IOException, InterruptedException {
    Summary total = Summary.EMPTY;
    for (String set : sets) {
      total = total.plus(harvest(set, from, until));
    }
    return total;
  }

  private Summary harvest(String set, LocalDate from, LocalDate until)
      throws IOException, InterruptedException {
    String name = "oai:" + set;
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Optional<Position> stored = log.load(name);
    Position pos;
    if (stored.isPresent() && stored.get().inProgress()) {
      pos = stored.get();
      LOG.info(
          "{}: resuming the interrupted harvest from {} ({} records so far){}",
          name,
          pos.fromDate(),
          pos.records(),
          from != null || until != null ? "; --from/--until apply once it is done" : "");
    } else {
      LocalDate start =
          from != null
              ? from
              : stored.map(Position::fromDate).orElse(today.minusDays(DEFAULT_LOOKBACK_DAYS));
      pos = new Position(name, start, until, null, 0);
      LOG.info("{}: harvesting from {}{}", name, start, until == null ? "" : " until " + until);
    }

    Summary summary = Summary.EMPTY;
    boolean restarted = false;
    while (true) {
      URI uri =
          pos.inProgress()
              ? uri("verb=ListRecords&resumptionToken=" + encode(pos.resumptionToken()))
              : listUri(set, pos.fromDate(), pos.untilDate());
      Source source = new Source(uri.toString(), null, today);
      PageSink sink;
      OaiPage page;
      try {
        // A new sink per attempt: records of an attempt that broke off must not count.
        sink =
            client.get(
                uri,
                body -> {
                  PageSink attempt = new PageSink();
                  attempt.page = reader.readPage(body, source, attempt);
                  return attempt;
                });
        page = sink.page;
      } catch (ArxivException e) {
        if ("badResumptionToken".equals(e.code()) && !restarted) {
          // Tokens expire; the list can be asked for again from the start of this harvest.
          LOG.warn("{}: {}; starting this harvest again from {}", name, e.reason(), pos.fromDate());
          restarted = true;
          pos = new Position(name, pos.fromDate(), pos.untilDate(), null, 0);
          continue;
        }
        throw e;
      } catch (IOException e) {
        throw new IOException(
            name
                + ": harvest stopped after "
                + summary.pages()
                + " page(s) of this run ("
                + pos.records()
                + " records in all); the position is saved and the next harvest resumes there. "
                + e.getMessage(),
            e);
      }

      if (page.resumptionToken() != null && page.resumptionToken().equals(pos.resumptionToken())) {
        // A server that hands back the token it was given would loop forever.
        throw new IOException(
            name + ": arXiv answered resumption token " + page.resumptionToken() + " with itself");
      }
      List<Catalog.Outcome> outcomes = catalog.apply(sink.records);
      Summary pageSummary = count(outcomes, page.records(), sink.skipped);
      summary = summary.plus(pageSummary);
      LocalDate untilDate = pos.untilDate();
      if (untilDate == null) {
        // An open-ended list ends when arXiv answered its first page: that day is the next start.
        untilDate =
            page.responseDate() == null
                ? today
                : LocalDate.ofInstant(page.responseDate(), ZoneOffset.UTC);
      }
      pos =
          new Position(
              name,
              pos.fromDate(),
              untilDate,
              page.resumptionToken(),
              pos.records() + page.records());
      log.save(pos);
      LOG.info(
          "{} page {}: {} / {} records ({} new, {} updated, {} unchanged, {} skipped)",
          name,
          summary.pages(),
          pos.records(),
          page.completeListSize() == null ? "?" : page.completeListSize(),
          pageSummary.added(),
          pageSummary.updated(),
          pageSummary.unchanged(),
          pageSummary.skipped());
      if (!pos.inProgress()) {
        break;
      }
    }
    log.save(new Position(name, pos.untilDate(), null, null, pos.records()));
    LOG.info(
        "{}: done, {} records in {} page(s); next harvest starts at {}",
        name,
        summary.records(),
        summary.pages(),
        pos.untilDate());
    return summary;
  }

  private URI listUri(String set, LocalDate from, LocalDate until) {
    StringBuilder q = new StringBuilder("verb=ListRecords&metadataPrefix=arXiv");
    q.append("&set=").append(encode(set));
    if (from != null) {
      q.append("&from=").append(from);
    }
    if (until != null) {
      q.append("&until=").append(until);
    }
    return uri(q.toString());
  }

  private URI uri(String query) {
    String base = baseUri.toString();
    return URI.create(base + (base.contains("?") ? "&" : "?") + query);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static Summary count(List<Catalog.Outcome> outcomes, int records, int skipped) {
    long added = 0;
    long updated = 0;
    long unchanged = 0;
    for (Catalog.Outcome o : outcomes) {
      switch (o) {
        case NEW -> added++;
        case UPDATED -> updated++;
        case UNCHANGED -> unchanged++;
      }
    }
    return new Summary(records, added, updated, unchanged, skipped, 1);
  }

  /** Collects one page; the page is applied only once it was read to the end. */
  private static final class PageSink implements RecordSink {
    final List<PaperRecord> records = new ArrayList<>();
    int skipped;
    OaiPage page;

    @Override
    public void accept(PaperRecord record) {
      records.add(record);
    }

    @Override
    public void reject(String location, String reason) {
      skipped++;
      if (OaiPmhReader.DELETED.equals(reason)) {
        LOG.debug("{}: {}", location, reason);
      } else {
        LOG.warn("skipped {}: {}", location, reason);
      }
    }
  }
}
