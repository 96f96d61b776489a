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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paperboy.config.Settings;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code paperboy fetch ID…}: looks papers up by id in the arXiv API and stores them in the
 * catalog. Ids are checked before anything is sent; they are asked for {@value #IDS_PER_REQUEST} to
 * a request ({@code id_list=a,b,…}), keeping arXiv's pace between requests. arXiv leaves unknown
 * ids out of its answer, so an id without an entry is reported as not found.
 */
public final class ArxivFetcher {

  private static final Logger LOG = LoggerFactory.getLogger(ArxivFetcher.class);

  /** How many ids one API request asks for; keeps the URL short. */
  static final int IDS_PER_REQUEST = 100;

  /**
   * What a fetch found.
   *
   * @param found each id found, as asked for (normalised, e.g. {@code 2510.14968v1}), with what
   *     storing it did, in the order asked
   * @param notFound the ids arXiv does not know, in the order asked
   */
  public record Result(Map<String, Catalog.Outcome> found, List<String> notFound) {

    /** Keeps the order and makes both read-only. */
    public Result {
      found = Collections.unmodifiableMap(new LinkedHashMap<>(found));
      notFound = List.copyOf(notFound);
    }
  }

  private final Catalog catalog;
  private final URI apiUrl;
  private final Clock clock;
  private final ArxivClient client;
  private final Duration lookupTimeout;
  private final ArxivAtomReader reader = new ArxivAtomReader();

  /** How long {@link #lookup} waits for arXiv's answer unless the settings say otherwise. */
  public static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

  /**
   * A fetcher that asks the arXiv API query endpoint {@code apiUrl}.
   *
   * @param delay the pause between two requests
   * @param userAgent the User-Agent header sent with every request
   * @param clock gives "today" and the time for Retry-After dates
   * @param sleeper performs every wait
   */
  public ArxivFetcher(
      Catalog catalog,
      URI apiUrl,
      Duration delay,
      HttpClient http,
      String userAgent,
      Clock clock,
      Sleeper sleeper) {
    this(catalog, apiUrl, delay, http, userAgent, clock, sleeper, LOOKUP_TIMEOUT);
  }

  /**
   * A fetcher whose {@link #lookup} waits at most {@code lookupTimeout} for an answer; the other
   * parameters as above.
   */
  public ArxivFetcher(
      Catalog catalog,
      URI apiUrl,
      Duration delay,
      HttpClient http,
      String userAgent,
      Clock clock,
      Sleeper sleeper,
      Duration lookupTimeout) {
    this.catalog = catalog;
    this.apiUrl = apiUrl;
    this.clock = clock;
    this.lookupTimeout = lookupTimeout;
    this.client = new ArxivClient(http, userAgent, delay, clock, sleeper);
  }

  /** The fetcher the settings describe, with a real HTTP client, the UTC clock and real waits. */
  public static ArxivFetcher create(Settings settings, Catalog catalog) {
    return create(settings, catalog, Sleeper.system());
  }

  /** The fetcher the settings describe, waiting through the sleeper. */
  public static ArxivFetcher create(Settings settings, Catalog catalog, Sleeper sleeper) {
    return new ArxivFetcher(
        catalog,
        settings.arxivApiUrl(),
        settings.harvestDelay(),
        ArxivClient.defaultHttpClient(),
        ArxivClient.userAgent(settings.baseUrl()),
        Clock.systemUTC(),
        sleeper,
        settings.jobs().arxivLookupTimeout());
  }

  /**
   * Fetches the papers with these ids (bare ids, {@code arXiv:} ids or abs/pdf URLs, with or
   * without version) and stores them.
   *
   * @throws IllegalArgumentException when any id is malformed; nothing is requested then
   * @throws ArxivException when arXiv reports an error
   * @throws IOException when arXiv gives no usable answer after retries
   */
  public Result fetch(List<String> ids) throws IOException, InterruptedException {
    Map<String, ArxivId> wanted = new LinkedHashMap<>(); // base id -> as asked
    List<String> malformed = new ArrayList<>();
    for (String text : ids) {
      Optional<ArxivId> id = ArxivId.parse(text);
      if (id.isEmpty()) {
        malformed.add("'" + text + "'");
      } else {
        wanted.putIfAbsent(id.get().id(), id.get());
      }
    }
    if (!malformed.isEmpty()) {
      throw new IllegalArgumentException(
          (malformed.size() == 1 ? "not an arXiv id: " : "not arXiv ids: ")
              + String.join(", ", malformed)
              + " (expected e.g. 2503.11731, 2503.11731v2, hep-th/9901001 or an arxiv.org URL)");
    }

    Map<String, PaperRecord> received = new LinkedHashMap<>();
    List<ArxivId> all = new ArrayList<>(wanted.values());
    for (int i = 0; i < all.size(); i += IDS_PER_REQUEST) {
      for (PaperRecord record : query(all.subList(i, Math.min(all.size(), i + IDS_PER_REQUEST)))) {
        if (wanted.containsKey(record.paper().id())) {
          received.putIfAbsent(record.paper().id(), record);
        }
      }
    }

    List<String> order = new ArrayList<>(received.keySet());
    List<Catalog.Outcome> outcomes = catalog.apply(new ArrayList<>(received.values()));
    Map<String, Catalog.Outcome> byId = new LinkedHashMap<>();
    for (int i = 0; i < order.size(); i++) {
      byId.put(order.get(i), outcomes.get(i));
    }
    Map<String, Catalog.Outcome> found = new LinkedHashMap<>();
    List<String> notFound = new ArrayList<>();
    for (Map.Entry<String, ArxivId> e : wanted.entrySet()) {
      Catalog.Outcome outcome = byId.get(e.getKey());
      if (outcome == null) {
        notFound.add(e.getValue().toString());
      } else {
        found.put(e.getValue().toString(), outcome);
      }
    }
    return new Result(found, notFound);
  }

  /**
   * Looks one paper up for a reader's submission and stores it: one request, after arXiv's pause,
   * that must answer within the lookup timeout; no retries here (the submission queue tries again
   * later).
   *
   * @return the paper as stored, or empty when arXiv does not know the id
   * @throws IOException when arXiv did not answer in time or answered with an error status
   */
  public Optional<Paper> lookup(ArxivId id) throws IOException, InterruptedException {
    String base = id.id();
    for (PaperRecord record : query("id_list=" + base + "&max_results=1", true)) {
      if (record.paper().id().equals(base)) {
        catalog.apply(List.of(record));
        return catalog.find(base);
      }
    }
    return Optional.empty();
  }

  /**
   * Looks a paper up in the arXiv API by its title and stores it when one answer has exactly that
   * title (compared as {@link Paper#titleKey}, so spacing, case, accents and punctuation do not
   * matter); the catalog then merges a local paper of the same title into it.
   *
   * @return the arXiv id found, or empty when arXiv has no paper of that title
   */
  public Optional<String> findByTitle(String title) throws IOException, InterruptedException {
    String key = Paper.titleKey(title);
    String words = Paper.titleWords(title);
    if (key.isEmpty() || words.isEmpty()) {
      return Optional.empty();
    }
    String phrase = URLEncoder.encode("ti:\"" + words + "\"", StandardCharsets.UTF_8);
    for (PaperRecord record :
        query("search_query=" + phrase + "&max_results=" + TITLE_ANSWERS, false)) {
      if (Paper.titleKey(record.paper().title()).equals(key)) {
        catalog.apply(List.of(record));
        return Optional.of(record.paper().id());
      }
    }
    return Optional.empty();
  }

  /** Answers read per title lookup: the exact title is nearly always among the first few. */
  private static final int TITLE_ANSWERS = 5;

  /** Asks the API for these ids and returns the papers it answered with. */
  private List<PaperRecord> query(List<ArxivId> ids) throws IOException, InterruptedException {
    StringBuilder list = new StringBuilder();
    for (ArxivId id : ids) {
      list.append(list.length() == 0 ? "" : ",").append(id);
    }
    // Validated ids hold only letters, digits, '.', '-' and '/': safe in a query unencoded.
    return query("id_list=" + list + "&max_results=" + ids.size(), false);
  }

  /**
   * Asks the API with these (encoded) parameters and returns the papers it answered with; {@code
   * once}: one attempt under the lookup timeout, else retried as {@link ArxivClient} does.
   */
  private List<PaperRecord> query(String parameters, boolean once)
      throws IOException, InterruptedException {
    String base = apiUrl.toString();
    URI uri = URI.create(base + (base.contains("?") ? "&" : "?") + parameters);
    Source source =
        new Source(uri.toString(), null, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    // A new list per attempt: entries of an attempt that broke off must not count.
    ArxivClient.BodyParser<List<PaperRecord>> parser =
        body -> {
          List<PaperRecord> attempt = new ArrayList<>();
          reader.readFeed(
              body,
              source,
              new RecordSink() {
                @Override
                public void accept(PaperRecord record) {
                  attempt.add(record);
                }

                @Override
                public void reject(String location, String reason) {
                  // The id of an entry we cannot use is reported as not found.
                  LOG.warn("skipped {}: {}", location, reason);
                }
              });
          return attempt;
        };
    return once ? client.getOnce(uri, parser, lookupTimeout) : client.get(uri, parser);
  }
}
