package org.paperboy.search;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.LockObtainFailedException;
import org.paperboy.ops.BackgroundTask;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperVectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search over the catalog: keyword, semantic and hybrid search, similar papers, and the jobs that
 * keep the index in step with the catalog (sync) and embed what is not embedded yet.
 *
 * <p>Hybrid search runs the keyword and the vector leg on one searcher (so the filters and the
 * documents are the same), keeps the best {@link #DEPTH} of each and fuses them by a weighted sum
 * of scores ({@link #fuse}). Sorting by newest or most upvoted reorders those candidates; a query
 * of filters only lists every match in that order.
 *
 * <p>In {@code serve}, {@link #start()} syncs every {@link #SYNC_PERIOD_SECONDS} seconds (another
 * process may be importing into the same database) and embeds in the background, in batches of
 * {@link #EMBED_BATCH} texts over {@link #EMBED_THREADS} threads. Which papers still need a vector
 * is read from the index, so the embedding resumes after a restart where the last commit left it.
 *
 * <p>Vectors are made once for every node that shares the database ({@link PaperVectors}): a sync
 * indexes each paper with the stored vector of its current text, and the embedding worker first
 * takes the vectors other nodes made since, then leases the papers nobody has embedded (a batch at
 * a time, under {@link #EMBED_LEASE}), embeds them, stores the vectors and indexes them. So a new
 * node, or one whose index was deleted, builds its whole index, vectors included, from the database
 * without embedding anything, and a new model is embedded once for the cluster.
 */
public final class PaperSearch implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(PaperSearch.class);

  /**
   * The weight of the cosine similarity in hybrid ranking ({@link #fuse}), against 1 for the
   * normalised keyword score, for queries of up to {@link KeywordQuery#MAX_COORDINATED_WORDS}
   * words. Issue 3 chose 0.5 on keyword queries (MRR@10 0.571, 0.575, 0.575, 0.573, 0.567 at 0.25,
   * 0.5, 1, 2, 4). Issue 18 measured it again on keyword queries and on queries in plain words (100
   * descriptions written by hand, 30 questions) on the 8,824 Hugging Face papers (BENCHMARKS.md,
   * "Plain-language search (issue 18)"): 1.0 gained on the hand-written set (MRR@10 0.500 against
   * 0.475) but lost 0.003 on keyword queries, so it stays 0.5. On the 79,298-paper corpus 0.75 lost
   * 0.003 hit@10 and 1.0 0.003 MRR@10 on keyword queries ("Plain-language search on the 79k
   * corpus"); descriptions are helped by {@link #UNMATCHED_VECTOR_WEIGHT} instead.
   */
  static final double VECTOR_WEIGHT = 0.5;

  /**
   * The weight of the cosine for a coordinated query that no candidate has every word of: a
   * description in a reader's own words ("a chatbot that listens to everyday noises"), whose words
   * do not pin a paper down, so the vectors count more. Keyword queries almost always have a paper
   * with every word and keep {@link #VECTOR_WEIGHT}. On the 79,298-paper corpus (BENCHMARKS.md,
   * "Plain-language search on the 79k corpus"), 1, 1.5, 2 and 3 left the 5,981 keyword queries at
   * MRR@10 0.625 and gave the 100 hand-written descriptions 0.351, 0.371, 0.361 and 0.351 (0.324
   * with 0.5); the 30 questions went from 0.789 to 0.769 (hit@10 0.933 to 0.967).
   */
  static final double UNMATCHED_VECTOR_WEIGHT = 1.5;

  /**
   * The weight of the cosine for longer queries (a description, a pasted sentence), which get no
   * all-words bonus: their words are many and common, so the keyword score says less and the
   * vectors more. Chosen with {@link #VECTOR_WEIGHT} (BENCHMARKS.md, issue 18).
   */
  static final double LONG_QUERY_VECTOR_WEIGHT = 2.0;

  /**
   * The least cosine between the query's and a paper's vectors for the paper to be an answer in
   * semantic search, and in hybrid search unless it has every query word. Chosen by measurement
   * ({@code SearchBenchmark floor}, BENCHMARKS.md) on the 79,298-paper corpus, with rankings made
   * without a floor. Made-up words come close to some paper by chance: "xyzzyplugh frobnicate" to
   * 0.26, 306 made-up queries to 0.32 at the median, 0.41 at p99 and 0.44 at most. The wanted paper
   * of a benchmark query is at 0.60 at the median and below 0.40 for 10% of the queries (mostly not
   * in the top 10 anyway), and paraphrases of a title sit at 0.45 to 0.7. At 0.40, 98% of the
   * made-up queries find nothing and MRR@10 moves from 0.279 to 0.278 in semantic and from 0.626 to
   * 0.625 in hybrid search; 0.45 leaves every made-up query empty but also cut a paraphrase of a
   * title (at 0.447) and more of the wanted papers (15%). The best chance match grows with the
   * corpus: a much larger one wants a new measurement.
   */
  static final double RELEVANCE_FLOOR = 0.40;

  /** Candidates each leg contributes to fusion, and to re-sorting. */
  static final int DEPTH = 100;

  /** Texts embedded per batch: long enough to keep both threads busy, short enough to stop. */
  static final int EMBED_BATCH = 128;

  /** Papers read per query for embedding; the searcher is refreshed once per chunk. */
  static final int EMBED_CHUNK = 2048;

  /** Caller threads running the model (one ONNX Runtime thread each): the machine's cores. */
  static final int EMBED_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

  static final int SYNC_PERIOD_SECONDS = 2;

  /**
   * How long a node holds papers it leased to embed: many times what a batch takes on a busy
   * machine (a few seconds), and how long others wait for the papers of a node that died.
   */
  static final Duration EMBED_LEASE = Duration.ofMinutes(2);

  /** How long the embedding worker waits when every paper it needs is leased by other nodes. */
  private static final long WAIT_FOR_OTHERS_MILLIS = 1_000;

  /** Vectors moved per transaction when an index's vectors are published to the database. */
  private static final int PUBLISH_BATCH = 1_000;

  /** Seconds between commits of embedding work (work after the last commit is redone). */
  private static final long EMBED_COMMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private static final int SNIPPET_PASSAGES = 2;
  private static final int EXCERPT_CHARS = 280;
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private final PaperIndex index;
  private final Catalog catalog;
  private final PaperVectors vectors;
  private final IndexCopies copies;
  private final URI copiedFrom;
  private final Analyzer analyzer = PaperAnalyzer.create();

  /** The configured model; the index serves another one's vectors until it covers the catalog. */
  private final Embedder.Spec spec;

  private final Object embedderLock = new Object();
  private final Map<String, Embedder> embedders = new java.util.concurrent.ConcurrentHashMap<>();
  private final Object wake = new Object();
  private volatile boolean closed;
  private ScheduledExecutorService syncer;
  private final BackgroundTask syncTask =
      new BackgroundTask("Search index sync", this::syncInBackground);
  private final BackgroundTask embedTask = new BackgroundTask("Embedding", this::embedRound);
  private Thread worker;
  private long lastCommit = System.nanoTime();
  private volatile Map<SearchRequest.Mode, Timer> latency = Map.of();
  private final LongAdder embeddedHere = new LongAdder();
  private final AtomicLong syncsSucceeded = new AtomicLong();
  private final AtomicLong syncsFailed = new AtomicLong();
  private volatile Instant lastSync;

  private PaperSearch(
      PaperIndex index,
      Catalog catalog,
      PaperVectors vectors,
      Embedder.Spec spec,
      IndexCopies copies,
      URI copiedFrom) {
    this.index = index;
    this.catalog = catalog;
    this.vectors = vectors;
    this.spec = spec;
    this.copies = copies;
    this.copiedFrom = copiedFrom;
  }

  /**
   * Opens the index in {@code dir} over a catalog and the vectors stored beside it (rebuilding the
   * index when its schema version changed) and brings it up to date. Fails when another process
   * holds the index.
   */
  public static PaperSearch open(Path dir, Catalog catalog, PaperVectors vectors)
      throws IOException {
    return open(dir, catalog, vectors, Embedder.DEFAULT.name());
  }

  /**
   * Opens the index like {@link #open(Path, Catalog, PaperVectors)}, with the model reading at most
   * {@code maxTokens} word pieces of each text (the default is {@code 128}; another limit is
   * another model name, so the papers are embedded again, once for every node).
   */
  public static PaperSearch open(Path dir, Catalog catalog, PaperVectors vectors, int maxTokens)
      throws IOException {
    return open(dir, catalog, vectors, Embedder.name(maxTokens));
  }

  /**
   * Opens the index like {@link #open(Path, Catalog, PaperVectors)} with the sentence model named
   * {@code model} and its word-piece limit ({@code bge-small-en-v1.5-q/256}; the setting {@code
   * PAPERBOY_EMBEDDING_MODEL}). Throws {@link IllegalArgumentException} for a model not bundled.
   */
  public static PaperSearch open(Path dir, Catalog catalog, PaperVectors vectors, String model)
      throws IOException {
    return open(dir, catalog, vectors, model, IndexCopies.NONE);
  }

  /**
   * Opens the index like {@link #open(Path, Catalog, PaperVectors, String)}; when {@code dir} holds
   * no index of the current schema and model, first copies a peer's ({@link IndexCopies}) and
   * applies the catalog changes after it, and builds the index from the database only when no peer
   * sends one.
   */
  public static PaperSearch open(
      Path dir, Catalog catalog, PaperVectors vectors, String model, IndexCopies copies)
      throws IOException {
    Embedder.Spec spec = Embedder.Spec.parse(model);
    String serving = servingModel(dir, spec.name());
    publishIndexVectors(dir, serving, vectors);
    URI copiedFrom = null;
    if (copies.enabled() && IndexCopies.wanted(dir, spec.name())) {
      copiedFrom = copies.copyInto(dir, spec.name()).orElse(null);
      if (copiedFrom != null) {
        serving = servingModel(dir, spec.name());
      }
    }
    if (!serving.equals(spec.name())) {
      LOG.info(
          "Search index {}: serving the vectors of {} while the catalog is embedded with {}",
          dir,
          serving,
          spec.name());
    }
    PaperIndex index;
    try {
      index = PaperIndex.open(dir, serving);
    } catch (LockObtainFailedException e) {
      throw new IOException(
          "the search index " + dir + " is in use by another paperboy process (a running serve?)",
          e);
    }
    if (index.startedOver()) {
      LOG.info(
          "Search index {}: new or of another schema version; building it from the database", dir);
    }
    PaperSearch search = new PaperSearch(index, catalog, vectors, spec, copies, copiedFrom);
    try {
      search.sync();
    } catch (IOException | RuntimeException e) {
      search.close();
      throw e;
    }
    return search;
  }

  /**
   * Opens the index like {@link #open(Path, Catalog, PaperVectors)}, or returns empty when another
   * process (a running server, which follows the catalog itself) holds it.
   */
  public static Optional<PaperSearch> openIfFree(Path dir, Catalog catalog, PaperVectors vectors)
      throws IOException {
    return openIfFree(dir, catalog, vectors, defaultModel(), IndexCopies.NONE);
  }

  /**
   * Opens the index like {@link #openIfFree(Path, Catalog, PaperVectors)} with this model, copying
   * a peer's index when it has none.
   */
  public static Optional<PaperSearch> openIfFree(
      Path dir, Catalog catalog, PaperVectors vectors, String model, IndexCopies copies)
      throws IOException {
    try {
      return Optional.of(open(dir, catalog, vectors, model, copies));
    } catch (IOException e) {
      if (e.getCause() instanceof LockObtainFailedException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The model whose vectors the index in {@code dir} serves: the one it was built with if that is
   * another bundled model and the index holds vectors of it (they answer queries while the catalog
   * is embedded with {@code wanted}, see {@link #embedPending}), else {@code wanted}.
   */
  private static String servingModel(Path dir, String wanted) throws IOException {
    String committed = PaperIndex.committedModel(dir);
    if (committed == null || committed.equals(wanted)) {
      return wanted;
    }
    try {
      Embedder.Spec.parse(committed);
    } catch (IllegalArgumentException e) {
      return wanted;
    }
    return PaperIndex.countVectors(dir, committed) > 0 ? committed : wanted;
  }

  /**
   * The upgrade from indexes that kept their vectors only in themselves: when the index in {@code
   * dir} holds more vectors from this model than the database, copies them there (papers that have
   * a row already are left alone), so they are not embedded again, here or on another node. Once
   * done, the database holds at least what any index holds, and this costs one count.
   */
  private static void publishIndexVectors(Path dir, String model, PaperVectors vectors)
      throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    int held = PaperIndex.countVectors(dir, model);
    if (held == 0 || held <= vectors.count(model)) {
      return;
    }
    long t0 = System.nanoTime();
    int[] added = {0};
    int read =
        PaperIndex.readVectors(
            dir,
            model,
            PUBLISH_BATCH,
            (papers, made) -> {
              Map<PaperVectors.Text, float[]> batch = new LinkedHashMap<>();
              for (int i = 0; i < papers.size(); i++) {
                batch.put(text(papers.get(i)), made.get(i));
              }
              added[0] += vectors.publish(model, batch);
            });
    LOG.info(
        "Copied {} of the {} vectors in the search index {} to the database in {} ms",
        added[0],
        read,
        dir,
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** The name of the model the index uses by default (the vectors' key in the database). */
  public static String defaultModel() {
    return Embedder.DEFAULT.name();
  }

  /**
   * The hash of the text a paper's vector is made from (title and abstract, math as words): the key
   * under which its vector is stored, so a stored vector is used only for that text.
   */
  public static String textHash(Paper paper) {
    return new IndexedPaper(
            paper.id(), paper.title(), paper.abstractText(), List.of(), List.of(), null, 0)
        .textHash();
  }

  private static PaperVectors.Text text(IndexedPaper p) {
    return new PaperVectors.Text(p.id(), p.textHash());
  }

  /** The stored vectors made from these papers' current texts, keyed by paper id. */
  private Map<String, float[]> storedVectors(List<IndexedPaper> papers) {
    return storedVectors(index.model(), papers);
  }

  /** The vectors of a model made from these papers' current texts, keyed by paper id. */
  private Map<String, float[]> storedVectors(String model, List<IndexedPaper> papers) {
    Map<String, PaperVectors.Stored> found =
        vectors.find(model, papers.stream().map(IndexedPaper::id).toList());
    if (found.isEmpty()) {
      return Map.of();
    }
    Map<String, float[]> out = new HashMap<>();
    for (IndexedPaper p : papers) {
      PaperVectors.Stored v = found.get(p.id());
      if (v != null && v.textHash().equals(p.textHash())) {
        out.put(p.id(), v.vector());
      }
    }
    return out;
  }

  /** Applies the catalog's changes since the last sync; returns how many. */
  public int sync() throws IOException {
    return sync(n -> {});
  }

  /** Applies the catalog's changes since the last sync, reporting the count after each batch. */
  public int sync(IntConsumer progress) throws IOException {
    int applied = index.sync(catalog, this::storedVectors, progress);
    if (applied > 0) {
      synchronized (wake) {
        wake.notifyAll();
      }
    }
    return applied;
  }

  /**
   * Follows a long write to the catalog, such as an import, on a thread of its own until the
   * returned handle is closed: applies the changes as they are committed, on the core the import
   * leaves free, so that little is left to index when the import ends. It neither commits nor
   * refreshes the searcher meanwhile (each would write a small segment, and merging them costs);
   * closing the handle applies the rest, commits and refreshes, as {@link #sync()} does, and
   * rethrows what failed.
   */
  public Following follow() {
    return new Following();
  }

  /** A thread following the catalog into the index; see {@link #follow}. */
  public final class Following implements AutoCloseable {
    private final Object lock = new Object();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Exception failed;

    private Following() {
      thread = new Thread(this::run, "paperboy-index-follow");
      thread.setDaemon(true);
      thread.start();
    }

    private void run() {
      try {
        while (!stopping) {
          if (index.sync(catalog, PaperSearch.this::storedVectors, n -> {}, false) == 0) {
            synchronized (lock) {
              if (!stopping) {
                // Nothing new committed yet: look again shortly (an import commits a batch of
                // 1,000 records in well under a second).
                lock.wait(FOLLOW_POLL_MILLIS);
              }
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException | RuntimeException e) {
        failed = e;
      }
    }

    /** Stops following, then applies what is left, commits and refreshes. */
    @Override
    public void close() throws IOException {
      stopping = true;
      synchronized (lock) {
        lock.notifyAll();
      }
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while following the catalog");
      }
      if (failed instanceof IOException io) {
        throw io;
      }
      if (failed instanceof RuntimeException r) {
        throw r;
      }
      sync();
    }
  }

  /** How long {@link #follow} waits before it looks for new catalog changes again. */
  static final long FOLLOW_POLL_MILLIS = 100;

  /**
   * Empties the index and rebuilds it from the catalog, with the stored vectors of papers whose
   * text did not change; returns the number of papers indexed. {@code progress} hears the count.
   */
  public int rebuild(IntConsumer progress) throws IOException {
    index.startOver();
    int indexed = sync(progress);
    compactOnceEmbedded();
    return indexed;
  }

  /**
   * Gives a vector to up to {@code max} papers in the index that have none from the current model,
   * and commits; returns how many it gave one. Vectors another node stored are taken as they are;
   * the papers nobody embedded yet are leased, embedded here, stored for every node and indexed.
   * Papers another node is embedding are waited for. {@code progress} hears the count after each
   * batch.
   *
   * <p>When the configured model is not the one the index serves ({@code PAPERBOY_EMBEDDING_MODEL}
   * changed), then once the index's own model covers it, the papers are embedded with the
   * configured model into the database only ({@link #embedForSwitch}), leased as above so the
   * cluster embeds each once, while the old vectors keep answering. When every paper of the index
   * has a vector from the new model, the index switches to it: it takes those vectors in (no
   * embedding), kNN searches only compare vectors of the model the query was embedded with, and the
   * old model's rows are deleted from the database.
   */
  public int embedPending(int max, IntConsumer progress) throws IOException {
    int done = embedIndex(max, progress);
    if (done < max && !closed && switching() && index.countNeedingVectors() == 0) {
      done += embedForSwitch(max - done, progress);
    }
    return done;
  }

  /** Whether the index serves another model than the configured one. */
  private boolean switching() {
    return !index.model().equals(spec.name());
  }

  /** The model the catalog is being embedded with to replace the one the index serves, or empty. */
  public Optional<String> nextModel() {
    return switching() ? Optional.of(spec.name()) : Optional.empty();
  }

  /**
   * Embeds, with the configured model, up to {@code max} of the index's papers that have no vector
   * of it in the database, leasing them as {@link #embedHere} does; switches the index to that
   * model when a pass over the whole index finds every paper done. Returns how many it embedded.
   */
  private int embedForSwitch(int max, IntConsumer progress) throws IOException {
    String next = spec.name();
    int done = 0;
    boolean covered = true;
    for (int from = 0; !closed; from += EMBED_CHUNK) {
      List<IndexedPaper> chunk = index.papers(from, EMBED_CHUNK);
      if (chunk.isEmpty()) {
        break;
      }
      Map<String, float[]> have = storedVectors(next, chunk);
      List<IndexedPaper> missing = chunk.stream().filter(p -> !have.containsKey(p.id())).toList();
      for (int i = 0; i < missing.size() && !closed; ) {
        if (done >= max) {
          return done;
        }
        int n = Math.min(EMBED_BATCH, max - done);
        List<IndexedPaper> batch = missing.subList(i, Math.min(missing.size(), i + n));
        i += batch.size();
        Map<String, IndexedPaper> byId = new HashMap<>();
        batch.forEach(p -> byId.put(p.id(), p));
        List<PaperVectors.Text> claimed =
            vectors.claim(next, batch.stream().map(PaperSearch::text).toList(), EMBED_LEASE);
        covered &= claimed.size() == batch.size();
        if (!claimed.isEmpty()) {
          List<float[]> made =
              embedder(next)
                  .embedAll(
                      claimed.stream().map(t -> byId.get(t.paperId()).embeddingText()).toList());
          covered &= vectors.store(next, claimed, made) == claimed.size();
          embeddedHere.add(claimed.size());
          done += claimed.size();
          progress.accept(done);
        }
      }
    }
    if (closed) {
      return done;
    }
    if (covered) {
      switchModel(next, progress);
    } else if (done == 0) {
      waitForOthers(); // they hold the rest under their leases
    }
    return done;
  }

  /** Waits a while for the vectors other nodes are making (or for this index to close). */
  private void waitForOthers() throws InterruptedIOException {
    synchronized (wake) {
      try {
        wake.wait(WAIT_FOR_OTHERS_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for vectors");
      }
    }
  }

  /**
   * Makes the index serve {@code next}, whose vectors the database holds for every paper: takes
   * them in, commits, and deletes the old model's vectors from the database.
   */
  private void switchModel(String next, IntConsumer progress) throws IOException {
    String old = index.model();
    long t0 = System.nanoTime();
    index.switchModel(next);
    int moved = embedIndex(Integer.MAX_VALUE, progress);
    commit();
    int purged = vectors.purge(old);
    LOG.info(
        "Search index switched from {} to {}: {} vectors taken in, in {} ms; {} vectors of {}"
            + " deleted",
        old,
        next,
        moved,
        (System.nanoTime() - t0) / 1_000_000,
        purged,
        old);
  }

  /** {@link #embedPending} for the model the index serves. */
  private int embedIndex(int max, IntConsumer progress) throws IOException {
    int done = 0;
    if (max == Integer.MAX_VALUE) {
      // First every vector the database holds, in one pass (a new node, a large import, a model
      // switch): no refresh, segment or merge per chunk.
      done = index.putStoredVectors(this::storedVectors, progress);
      lastCommit = System.nanoTime();
    }
    while (done < max && !closed) {
      List<IndexedPaper> chunk = index.needingVectors(Math.min(EMBED_CHUNK, max - done));
      if (chunk.isEmpty()) {
        break;
      }
      int before = done;
      Map<String, float[]> stored = storedVectors(chunk);
      List<IndexedPaper> missing = new ArrayList<>(chunk.size());
      if (!stored.isEmpty()) {
        List<IndexedPaper> found = new ArrayList<>(stored.size());
        for (IndexedPaper p : chunk) {
          (stored.containsKey(p.id()) ? found : missing).add(p);
        }
        index.putVectors(found, found.stream().map(p -> stored.get(p.id())).toList());
        done += found.size();
        progress.accept(done);
      } else {
        missing.addAll(chunk);
      }
      for (int i = 0; i < missing.size() && !closed && done < max; i += EMBED_BATCH) {
        done += embedHere(missing.subList(i, Math.min(missing.size(), i + EMBED_BATCH)));
        progress.accept(done);
      }
      index.refresh();
      if (System.nanoTime() - lastCommit > EMBED_COMMIT_NANOS) {
        commit();
      }
      if (done == before) {
        waitForOthers(); // every paper still without a vector is being embedded by another node
      }
    }
    if (done > 0) {
      commit();
    }
    compactOnceEmbedded();
    return done;
  }

  /**
   * Leases those of the papers nobody embeds, embeds them, stores their vectors and indexes them;
   * returns how many it embedded.
   */
  private int embedHere(List<IndexedPaper> papers) throws IOException {
    Map<String, IndexedPaper> byId = new HashMap<>();
    List<PaperVectors.Text> texts = new ArrayList<>(papers.size());
    for (IndexedPaper p : papers) {
      byId.put(p.id(), p);
      texts.add(text(p));
    }
    List<PaperVectors.Text> claimed = vectors.claim(index.model(), texts, EMBED_LEASE);
    if (claimed.isEmpty()) {
      return 0;
    }
    List<IndexedPaper> mine = claimed.stream().map(t -> byId.get(t.paperId())).toList();
    List<float[]> made =
        embedder(index.model()).embedAll(mine.stream().map(IndexedPaper::embeddingText).toList());
    embeddedHere.add(mine.size());
    vectors.store(index.model(), claimed, made);
    index.putVectors(mine, made);
    return mine.size();
  }

  /**
   * Merges the index into one segment when a large part of it was written and nothing waits for a
   * vector (embedding rewrites every document it embeds, so merging earlier would be merged again).
   */
  private void compactOnceEmbedded() throws IOException {
    if (!closed && index.countNeedingVectors() == 0) {
      index.compactIfDue();
    }
  }

  /** The node whose index this one was copied from when it was opened, or empty. */
  public Optional<URI> copiedFrom() {
    return Optional.ofNullable(copiedFrom);
  }

  /**
   * Serves copies of this index to the other nodes from now on: announces this node at {@code url}
   * (the address they reach it at) in the database, again every half minute while the background
   * sync runs, until closed.
   */
  public void serveCopiesAt(URI url) {
    copies.serveAt(url, index.model(), index.change());
  }

  /**
   * Whether a request's {@code Authorization} header lets it read a copy of this index: the
   * cluster's token, and copies on.
   */
  public boolean copyAuthorized(String authorization) {
    return copies.enabled() && copies.authorized(authorization);
  }

  /** Sends the index's last commit to another node ({@link IndexCopies#PATH}). */
  public void sendCopy(OutputStream out) throws IOException {
    index.sendLastCommit(out);
  }

  /** Papers this process embedded since it started (not those whose vectors it read). */
  public long embeddedHere() {
    return embeddedHere.sum();
  }

  /** Gives vectors to up to {@code max} papers; see {@link #embedPending(int, IntConsumer)}. */
  public int embedPending(int max) throws IOException {
    return embedPending(max, n -> {});
  }

  private void commit() throws IOException {
    index.commit();
    lastCommit = System.nanoTime();
  }

  /** How many papers the index holds and how many of them have a vector from the current model. */
  public Status status() throws IOException {
    IndexSearcher s = index.acquire();
    try {
      return new Status(
          s.getIndexReader().numDocs(),
          index.countEmbedded(s),
          index.model(),
          s.getIndexReader().leaves().size());
    } finally {
      index.release(s);
    }
  }

  /**
   * The state of the index.
   *
   * @param papers papers in the index
   * @param embedded papers with a vector from the current model
   * @param model the current model's name
   * @param segments the index segments a search runs over (one after a large write is merged)
   */
  public record Status(long papers, long embedded, String model, int segments) {}

  /**
   * Starts the background jobs: a sync every two seconds and the embedding worker. Loads the model
   * on the worker thread, so keyword search answers at once.
   */
  public synchronized void start() {
    if (syncer != null) {
      return;
    }
    syncer = BackgroundTask.scheduler("paperboy-index-sync");
    syncer.scheduleWithFixedDelay(syncTask, 0, SYNC_PERIOD_SECONDS, TimeUnit.SECONDS);
    worker = new Thread(this::embedInBackground, "paperboy-embedding");
    worker.setDaemon(true);
    worker.start();
  }

  private void syncInBackground() throws IOException {
    int n;
    try {
      n = sync();
    } catch (IOException | RuntimeException e) {
      syncsFailed.incrementAndGet();
      throw e;
    }
    syncsSucceeded.incrementAndGet();
    lastSync = Instant.now();
    copies.announceIfDue(index.model(), index.change());
    if (n > 0) {
      LOG.info("Search index: applied {} catalog changes", n);
    }
  }

  private void embedInBackground() {
    while (!closed) {
      if (!embedTask.runOnce() && !closed) {
        // Failed (logged and counted by the task): try again in a minute.
        synchronized (wake) {
          try {
            wake.wait(60_000);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }
  }

  /** One round of the embedding worker: embeds what needs it, then waits for more work. */
  private void embedRound() throws IOException, InterruptedException {
    int pending = index.countNeedingVectors();
    if (pending == 0 && switching()) {
      LOG.info(
          "Embedding the catalog with {} (PAPERBOY_EMBEDDING_MODEL) while {} answers searches",
          spec.name(),
          index.model());
      long started = System.nanoTime();
      int done = embedPending(Integer.MAX_VALUE);
      LOG.info(
          "Embedded {} papers with {} in {} s",
          done,
          spec.name(),
          Math.round((System.nanoTime() - started) / 1e9));
    } else if (pending > 0) {
      long started = System.nanoTime();
      LOG.info(
          "{} papers need a vector from {}: reading those other nodes made, embedding the rest",
          pending,
          index.model());
      long embeddedBefore = embeddedHere.sum();
      long[] lastLog = {started};
      int done =
          embedPending(
              Integer.MAX_VALUE,
              n -> {
                long now = System.nanoTime();
                if (now - lastLog[0] > TimeUnit.SECONDS.toNanos(10)) {
                  lastLog[0] = now;
                  LOG.info(
                      "Gave vectors to {} of {} papers ({} per second)",
                      n,
                      pending,
                      Math.round(n / ((now - started) / 1e9)));
                }
              });
      LOG.info(
          "Gave vectors to {} papers in {} s, {} of them embedded here; semantic search covers the"
              + " whole index",
          done,
          Math.round((System.nanoTime() - started) / 1e9),
          embeddedHere.sum() - embeddedBefore);
    }
    compactOnceEmbedded();
    synchronized (wake) {
      if (!closed && index.countNeedingVectors() == 0 && !switching()) {
        wake.wait(TimeUnit.SECONDS.toMillis(SYNC_PERIOD_SECONDS * 5L));
      }
    }
  }

  /** A model by name, loaded on first use (the index's for queries, the next one to switch). */
  private Embedder embedder(String model) {
    Embedder e = embedders.get(model);
    if (e == null) {
      synchronized (embedderLock) {
        e = embedders.get(model);
        if (e == null) {
          long t0 = System.nanoTime();
          e = Embedder.load(Embedder.Spec.parse(model), EMBED_THREADS);
          LOG.info(
              "Loaded the embedding model {} in {} ms",
              e.name(),
              (System.nanoTime() - t0) / 1_000_000);
          embedders.put(model, e);
        }
      }
    }
    return e;
  }

  /**
   * Searches; throws {@link QueryException} for a query it cannot understand. Timed per mode into
   * the registry given to {@link #measure}.
   */
  public SearchResults search(SearchRequest request) throws IOException {
    long started = System.nanoTime();
    try {
      return searchNow(request);
    } finally {
      Timer t = latency.get(request.mode());
      if (t != null) {
        t.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      }
    }
  }

  /**
   * Publishes the index's meters: search latency per mode ({@code paperboy_search_latency_seconds
   * {mode}}), vectors made by this process ({@code paperboy_search_embeddings_total}, whose rate is
   * the embedding rate), papers still waiting for one ({@code paperboy_search_embedding_backlog}),
   * the papers in the index and the segments a search runs over ({@code paperboy_search_segments}).
   */
  public void measure(MeterRegistry registry) {
    Map<SearchRequest.Mode, Timer> timers = new EnumMap<>(SearchRequest.Mode.class);
    for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
      timers.put(
          mode,
          Timer.builder("paperboy.search.latency")
              .tag("mode", mode.name().toLowerCase(Locale.ROOT))
              .description("Time to answer a search, by mode")
              .publishPercentileHistogram()
              .register(registry));
    }
    latency = timers;
    FunctionCounter.builder("paperboy.search.embeddings", embeddedHere, LongAdder::sum)
        .description("Papers embedded by this process")
        .register(registry);
    Gauge.builder("paperboy.search.embedding.backlog", this, PaperSearch::backlog)
        .description("Papers in the index without a vector from the current model")
        .register(registry);
    Gauge.builder("paperboy.search.papers", this, p -> p.statusOrNull(Status::papers))
        .description("Papers in the search index")
        .register(registry);
    Gauge.builder("paperboy.search.segments", this, p -> p.statusOrNull(Status::segments))
        .description("Segments a search runs over (1 once a large write has been merged)")
        .register(registry);
  }

  private double backlog() {
    return statusOrNull(s -> s.papers() - s.embedded());
  }

  private double statusOrNull(java.util.function.ToLongFunction<Status> f) {
    try {
      return closed ? Double.NaN : f.applyAsLong(status());
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Whether the background jobs ({@link #start}) run: the sync and the embedding worker. */
  public boolean running() {
    ScheduledExecutorService s = syncer;
    return !closed && s != null && !s.isShutdown();
  }

  /** Background syncs that ended well since {@link #start}. */
  public long syncsSucceeded() {
    return syncsSucceeded.get();
  }

  /** Background syncs that failed since {@link #start}. */
  public long syncsFailed() {
    return syncsFailed.get();
  }

  /** When a background sync last ended well, or null. */
  public Instant lastSync() {
    return lastSync;
  }

  /**
   * The id of the paper here that a query names, when the whole query is an arXiv id or a link to a
   * paper's page ({@code 2606.26740v2}, {@code hep-th/9901001}, {@code
   * https://huggingface.co/papers/2606.26740}; see {@link ArxivId}); empty when it names none or
   * the paper is not in the index.
   */
  public Optional<String> named(String query) throws IOException {
    Optional<ArxivId> id = ArxivId.parse(query);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    IndexSearcher s = index.acquire();
    try {
      int doc = named(s, id.get());
      return doc < 0
          ? Optional.empty()
          : Optional.of(IndexedPaper.fromStored(s.storedFields().document(doc)).id());
    } finally {
      index.release(s);
    }
  }

  /** The document of the paper with this id, as filed or as cited; -1 when it is not here. */
  private int named(IndexSearcher s, ArxivId id) throws IOException {
    int doc = index.find(s, id.id(), false);
    return doc >= 0 || id.filed().equals(id.id()) ? doc : index.find(s, id.filed(), false);
  }

  private SearchResults searchNow(SearchRequest request) throws IOException {
    Optional<ArxivId> id = ArxivId.parse(request.query());
    if (id.isPresent()) {
      // A query that names a paper answers with that paper; one that is not here is searched
      // for as its id, which finds the papers whose abstracts cite it.
      IndexSearcher s = index.acquire();
      try {
        int doc = named(s, id.get());
        if (doc >= 0) {
          List<ScoreDoc> page =
              request.offset() == 0 ? List.of(new ScoreDoc(doc, 1f)) : List.<ScoreDoc>of();
          return new SearchResults(
              hits(s, page, null), 1, index.countEmbedded(s), s.getIndexReader().numDocs());
        }
      } finally {
        index.release(s);
      }
      request = request.withQuery(id.get().id());
    }
    // The keyword query leaves out the words that only ask; the sentence model reads them all.
    String keywords = QuestionWords.keywords(request.query());
    KeywordQuery query = KeywordQuery.parse(request.withQuery(keywords), analyzer);
    String sentence =
        keywords.equals(request.query())
            ? query.text()
            : KeywordQuery.parse(request, analyzer).text();
    IndexSearcher s = index.acquire();
    try {
      for (String category : query.categories()) {
        if (s.getIndexReader().docFreq(new Term(IndexField.CATEGORY.field(), category)) == 0) {
          throw new QueryException(
              "No paper here is in the category \""
                  + arxivCase(category)
                  + "\"; categories look like cs.CL, cs or hep-th.");
        }
      }
      int wanted = request.offset() + request.limit();
      // Papers to leave out are left out of the candidates, so look as deep as a client may page.
      int fetch =
          request.hide() == null ? wanted : SearchRequest.MAX_OFFSET + SearchRequest.MAX_LIMIT;
      List<ScoreDoc> ranked;
      long total;
      if (query.scoring() == null) {
        // Only filters: list the matches, newest (or most upvoted) first.
        TopDocs top = s.search(query.keyword(), fetch, sortOf(request.sort()));
        ranked = List.of(top.scoreDocs);
        total = top.totalHits.value;
      } else {
        // Keyword search by relevance looks as deep as it must (past what is hidden); the other
        // lists hold the best DEPTH candidates whether or not some are hidden.
        int depth =
            request.sort() != SearchRequest.Sort.RELEVANCE
                ? DEPTH
                : request.mode() == SearchRequest.Mode.KEYWORD ? fetch : wanted;
        // Semantic and hybrid lists hold every candidate above the floor, and their count is
        // how many those are, so they look as deep as re-sorting does.
        depth = Math.max(depth, request.mode() == SearchRequest.Mode.KEYWORD ? 0 : DEPTH);
        List<ScoreDoc> keyword = List.of();
        long keywordTotal = 0;
        if (request.mode() != SearchRequest.Mode.SEMANTIC) {
          TopDocs top = keywordTop(s, query, depth);
          keyword = List.of(top.scoreDocs);
          keywordTotal = top.totalHits.value;
        }
        List<ScoreDoc> semantic = List.of();
        float[] vector = null;
        if (request.mode() != SearchRequest.Mode.KEYWORD && !sentence.isBlank()) {
          String model = index.model();
          vector = embedder(model).embed(sentence);
          semantic = aboveFloor(knn(s, vector, depth, sameModel(s, model, query.filter())));
        }
        ranked =
            switch (request.mode()) {
              case KEYWORD -> keyword;
              case SEMANTIC -> semantic;
              case HYBRID ->
                  vector == null
                      ? keyword
                      : fuse(
                          s,
                          keyword,
                          semantic,
                          vector,
                          query.coordinated(),
                          !query.coordinated()
                              && SPACES.split(sentence.strip()).length
                                  > KeywordQuery.MAX_COORDINATED_WORDS);
            };
        // Keyword search counts its matches; the others, the papers above the floor they found.
        total = vector == null ? keywordTotal : ranked.size();
        if (request.sort() != SearchRequest.Sort.RELEVANCE) {
          ranked = resort(s, ranked, request.sort());
        }
      }
      if (request.hide() != null) {
        List<ScoreDoc> kept = unhidden(s, ranked, request.hide());
        total -= ranked.size() - kept.size();
        ranked = kept;
      }
      List<ScoreDoc> page =
          ranked.subList(
              Math.min(request.offset(), ranked.size()), Math.min(wanted, ranked.size()));
      return new SearchResults(
          hits(s, page, query.highlight()),
          total,
          index.countEmbedded(s),
          s.getIndexReader().numDocs());
    } finally {
      index.release(s);
    }
  }

  /**
   * The best {@code n} papers of the keyword query. A query with phrases is run without them first,
   * for the best {@link #RESCORE_WINDOW} (or {@code n}, if more), and the phrases' scores are added
   * to those only.
   */
  private static TopDocs keywordTop(IndexSearcher s, KeywordQuery query, int n) throws IOException {
    Query first = query.firstPass();
    if (first == null) {
      return s.search(query.keyword(), n);
    }
    TopDocs top = s.search(first, Math.max(n, RESCORE_WINDOW));
    return QueryRescorer.rescore(s, top, query.phrases(), 1, n);
  }

  /**
   * Candidates of a keyword search whose phrases are scored: a paper ranked lower without its
   * phrases is not ranked among the first results with them. 100 lost 0.002 MRR@10 on the 79k
   * benchmark, 300 nothing (BENCHMARKS.md, "Keyword search at a million papers").
   */
  static final int RESCORE_WINDOW = 300;

  /** The candidates the predicate does not hide, in their order. */
  private static List<ScoreDoc> unhidden(
      IndexSearcher s, List<ScoreDoc> ranked, java.util.function.Predicate<SearchHit> hide)
      throws IOException {
    StoredFields stored = s.storedFields();
    List<ScoreDoc> kept = new ArrayList<>(ranked.size());
    for (ScoreDoc d : ranked) {
      SearchHit plain =
          hit(IndexedPaper.fromStored(stored.document(d.doc)), d.score, List.of(), List.of());
      if (!hide.test(plain)) {
        kept.add(d);
      }
    }
    return kept;
  }

  /**
   * Papers like the one with this id: the nearest neighbours of its vector, itself excluded. Empty
   * when the index does not hold the paper; an empty list when it has no vector yet.
   */
  public Optional<List<SearchHit>> similar(String id, int limit) throws IOException {
    IndexSearcher s = index.acquire();
    try {
      int doc = index.find(s, id, false);
      if (doc < 0) {
        return Optional.empty();
      }
      if (index.find(s, id, true) < 0) {
        return Optional.of(List.of());
      }
      float[] vector = PaperIndex.vector(s, doc);
      List<ScoreDoc> near =
          new ArrayList<>(knn(s, vector, limit + 1, sameModel(s, index.model(), null)));
      near.removeIf(d -> d.doc == doc);
      return Optional.of(hits(s, near.subList(0, Math.min(limit, near.size())), null));
    } finally {
      index.release(s);
    }
  }

  /**
   * {@code filter}, restricted to documents whose vector is from {@code model} when the index holds
   * any other (a paper not embedded yet has none; during a switch of model, some have the old one):
   * vectors of two models are not comparable.
   */
  private Query sameModel(IndexSearcher s, String model, Query filter) throws IOException {
    if (model.equals(index.model()) && index.countEmbedded(s) == s.getIndexReader().numDocs()) {
      return filter;
    }
    Query same = new TermQuery(new Term(IndexField.MODEL.field(), model));
    return filter == null
        ? same
        : new BooleanQuery.Builder()
            .add(filter, BooleanClause.Occur.FILTER)
            .add(same, BooleanClause.Occur.FILTER)
            .build();
  }

  /** Hits of the vector query with a cosine at the {@link #RELEVANCE_FLOOR} or above. */
  private static List<ScoreDoc> aboveFloor(List<ScoreDoc> near) {
    // The vector query's score for unit vectors and dot product is (1 + cos) / 2.
    return near.stream().filter(d -> 2.0 * d.score - 1 >= RELEVANCE_FLOOR).toList();
  }

  /**
   * The {@code k} nearest documents to a vector, searching at least {@link
   * PaperIndex#KNN_CANDIDATES}.
   */
  static List<ScoreDoc> knn(IndexSearcher s, float[] vector, int k, Query filter)
      throws IOException {
    int candidates = Math.max(k, PaperIndex.KNN_CANDIDATES);
    TopDocs top =
        s.search(new KnnFloatVectorQuery(IndexField.VECTOR.field(), vector, candidates, filter), k);
    return List.of(top.scoreDocs);
  }

  /**
   * Hybrid ranking of the union of both legs' candidates, a convex combination of scores (Bruch,
   * Gai and Ingber, "An Analysis of Fusion Functions for Hybrid Retrieval", ACM TOIS 2023, found it
   * better than reciprocal rank fusion when its weight is tuned):
   *
   * <pre>
   *   score(d) = 3 · [d has every query word] + kw(d) / max kw + w · cos(q, d)
   * </pre>
   *
   * with w = {@link #VECTOR_WEIGHT}, {@link #UNMATCHED_VECTOR_WEIGHT} when no keyword candidate has
   * every word of a query the bonus covers, or {@link #LONG_QUERY_VECTOR_WEIGHT} for a query longer
   * than the bonus covers.
   *
   * <p>kw is the keyword score without {@link KeywordQuery#ALL_WORDS_BONUS} (0 for a paper only the
   * vector leg found) and cos the cosine of the query's and the paper's vectors (0 for a paper
   * without one yet). The first term keeps the papers with every word first, as in keyword mode:
   * letting the vectors move a paper above them lost 0.11 MRR@10 on the benchmark. Reciprocal rank
   * fusion (k = 10 to 60, weights 0.1 to 1) was measured too and never beat keyword alone once the
   * keyword query had the phrase and coordination terms.
   *
   * <p>Only papers that answer the query are kept: those with every query word, and those whose
   * cosine is at the {@link #RELEVANCE_FLOOR} or above (the vector leg's candidates were cut there
   * already). Every keyword match is kept when the keyword query does not tell which papers have
   * every word (one word, a query with syntax: it is then what the query asks for), and so is a
   * paper with some of the words and no vector yet, as keyword search would list it.
   */
  private static List<ScoreDoc> fuse(
      IndexSearcher s,
      List<ScoreDoc> keyword,
      List<ScoreDoc> semantic,
      float[] query,
      boolean coordinated,
      boolean longQuery)
      throws IOException {
    double weight = cosineWeight(keyword, coordinated, longQuery);
    Map<Integer, double[]> parts = new LinkedHashMap<>(); // doc -> {all words, kw, cos}
    double maxKeyword = Double.MIN_VALUE;
    for (ScoreDoc d : keyword) {
      boolean all = d.score >= KeywordQuery.ALL_WORDS_BONUS;
      double kw = all ? d.score - KeywordQuery.ALL_WORDS_BONUS : d.score;
      maxKeyword = Math.max(maxKeyword, kw);
      float[] v = PaperIndex.vector(s, d.doc);
      double cos = v == null ? 0 : dot(query, v);
      if (all || !coordinated || v == null || cos >= RELEVANCE_FLOOR) {
        parts.put(d.doc, new double[] {all ? 1 : 0, kw, cos});
      }
    }
    for (ScoreDoc d : semantic) {
      parts.putIfAbsent(d.doc, new double[] {0, 0, 2.0 * d.score - 1});
    }
    List<ScoreDoc> fused = new ArrayList<>(parts.size());
    for (Map.Entry<Integer, double[]> e : parts.entrySet()) {
      double[] p = e.getValue();
      double score = 3 * p[0] + p[1] / maxKeyword + weight * p[2];
      fused.add(new ScoreDoc(e.getKey(), (float) score));
    }
    fused.sort(Comparator.comparingDouble((ScoreDoc d) -> -d.score).thenComparingInt(d -> d.doc));
    return fused;
  }

  /** The cosine's weight in {@link #fuse} for this query and its keyword candidates. */
  static double cosineWeight(List<ScoreDoc> keyword, boolean coordinated, boolean longQuery) {
    if (longQuery) {
      return LONG_QUERY_VECTOR_WEIGHT;
    }
    boolean anyHasEveryWord =
        keyword.stream().anyMatch(d -> d.score >= KeywordQuery.ALL_WORDS_BONUS);
    return coordinated && !anyHasEveryWord ? UNMATCHED_VECTOR_WEIGHT : VECTOR_WEIGHT;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static Sort sortOf(SearchRequest.Sort sort) {
    SortField newest = new SortField(IndexField.PUBLISHED.field(), SortField.Type.LONG, true);
    newest.setMissingValue(Long.MIN_VALUE);
    SortField upvotes = new SortField(IndexField.UPVOTES.field(), SortField.Type.LONG, true);
    return sort == SearchRequest.Sort.UPVOTES ? new Sort(upvotes, newest) : new Sort(newest);
  }

  /** Reorders ranked candidates by date or upvotes; the ranking breaks ties. */
  private static List<ScoreDoc> resort(
      IndexSearcher s, List<ScoreDoc> ranked, SearchRequest.Sort sort) throws IOException {
    String field =
        sort == SearchRequest.Sort.UPVOTES
            ? IndexField.UPVOTES.field()
            : IndexField.PUBLISHED.field();
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    List<long[]> keyed = new ArrayList<>(ranked.size());
    for (int i = 0; i < ranked.size(); i++) {
      int doc = ranked.get(i).doc;
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
      NumericDocValues values = DocValues.getNumeric(leaf.reader(), field);
      long value = values.advanceExact(doc - leaf.docBase) ? values.longValue() : Long.MIN_VALUE;
      keyed.add(new long[] {value, i});
    }
    keyed.sort(Comparator.<long[]>comparingLong(k -> -k[0]).thenComparingLong(k -> k[1]));
    return keyed.stream().map(k -> ranked.get((int) k[1])).toList();
  }

  private List<SearchHit> hits(IndexSearcher s, List<ScoreDoc> docs, Query highlight)
      throws IOException {
    int[] ids = docs.stream().mapToInt(d -> d.doc).toArray();
    IndexedPaper[] papers = new IndexedPaper[ids.length];
    StoredFields stored = s.storedFields();
    for (int i = 0; i < ids.length; i++) {
      papers[i] = IndexedPaper.fromStored(stored.document(ids[i]));
    }
    Object[][] highlighted = {new Object[ids.length], new Object[ids.length]};
    if (highlight != null && ids.length > 0) {
      highlighted =
          SpanHighlighter.highlight(s, analyzer, highlight, ids, papers, SNIPPET_PASSAGES);
    }
    List<SearchHit> hits = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      IndexedPaper p = papers[i];
      hits.add(
          hit(
              p,
              docs.get(i).score,
              spans(highlighted[0][i], p::title),
              spans(highlighted[1][i], () -> excerpt(p.abstractText()))));
    }
    return hits;
  }

  private static SearchHit hit(
      IndexedPaper p, double score, List<SearchHit.Span> title, List<SearchHit.Span> snippet) {
    return new SearchHit(
        p.id(),
        p.title(),
        p.authors(),
        p.abstractText(),
        p.categories(),
        p.published(),
        p.upvotes(),
        score,
        title,
        snippet);
  }

  @SuppressWarnings("unchecked")
  private static List<SearchHit.Span> spans(Object highlighted, Supplier<String> plain) {
    if (highlighted instanceof List<?> list && !list.isEmpty()) {
      return (List<SearchHit.Span>) list;
    }
    String fallback = plain.get();
    return fallback.isEmpty() ? List.of() : List.of(new SearchHit.Span(fallback, false));
  }

  private static String excerpt(String text) {
    String s = SPACES.matcher(text.strip()).replaceAll(" ");
    if (s.length() <= EXCERPT_CHARS) {
      return s;
    }
    int cut = s.lastIndexOf(' ', EXCERPT_CHARS);
    return s.substring(0, cut > 0 ? cut : EXCERPT_CHARS) + " " + SnippetFormatter.ELLIPSIS;
  }

  /**
   * The stored vectors of those papers that have one, keyed by id: for ranking a small candidate
   * set against many profiles (the digest's picks) without one search per profile.
   */
  public Map<String, float[]> vectors(Collection<String> ids) throws IOException {
    Map<String, float[]> out = new HashMap<>();
    IndexSearcher s = index.acquire();
    try {
      for (String id : ids) {
        int doc = index.find(s, id, true);
        if (doc >= 0) {
          out.put(id, PaperIndex.vector(s, doc));
        }
      }
      return out;
    } finally {
      index.release(s);
    }
  }

  /**
   * The vector of a free text, such as a subscriber's topics, made as search queries are;
   * comparable with {@link #vectors}. Loads the model on first use.
   */
  public float[] embedQuery(String text) {
    return embedder(index.model()).embed(text);
  }

  /** The name of the model the vectors are made with; vectors of another model are stale. */
  public String model() {
    return index.model();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    try {
      copies.withdraw();
    } catch (RuntimeException e) {
      LOG.warn("Could not withdraw this node from the index nodes", e);
    }
    synchronized (this) {
      if (syncer != null) {
        syncer.shutdown();
        try {
          syncer.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      synchronized (wake) {
        wake.notifyAll();
      }
      index.abortCompaction();
      if (worker != null) {
        try {
          worker.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    try {
      index.commit();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not commit the search index on close", e);
    }
    index.close();
    try {
      vectors.release();
    } catch (RuntimeException e) {
      LOG.warn("Could not give back the embedding leases on close", e);
    }
    embedders.values().forEach(Embedder::close);
  }

  /**
   * A category as arXiv writes it, from the lowercase form the index keeps: a two-letter subject
   * class is upper case ({@code cs.CL}, {@code math.GT}, {@code astro-ph.CO}); archives and longer
   * subject classes are lower case ({@code hep-th}, {@code cond-mat.mes-hall}).
   */
  static String arxivCase(String category) {
    int dot = category.indexOf('.');
    if (dot < 0 || category.length() - dot - 1 != 2) {
      return category;
    }
    return category.substring(0, dot + 1) + category.substring(dot + 1).toUpperCase(Locale.ROOT);
  }
}
