package org.paperboy.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KeepOnlyLastCommitDeletionPolicy;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SnapshotDeletionPolicy;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.Bits;
import org.paperboy.paper.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of the catalog, kept in step with it by change number, with a near-real-time
 * searcher.
 *
 * <p>The index is derived data. Its last commit's user data records the schema {@link
 * IndexField#VERSION}, the embedding model and the last catalog change it holds. Lucene commits are
 * atomic, and the change number is only ever committed together with the documents it covers, so
 * after a crash the index opens at its last commit and the next {@link #sync} applies whatever came
 * after it: nothing is half-applied and nothing is skipped. A different schema version empties the
 * index on open and the syncs that follow rebuild it.
 *
 * <p>Writers: {@link #sync} (catalog to index) and {@link #putVectors} (the embedding worker) run
 * on different threads and write under one lock; {@link #putVectors} refreshes the searcher before
 * it reads, so it sees every document the sync wrote. A sync takes each paper's vector from the
 * {@link Vectors} it is given (the database's, made by any node) when one was made from the paper's
 * current text; a vector is only stored if the paper's text is still the text that was embedded, so
 * a paper whose title or abstract changed loses its vector and is embedded again.
 *
 * <p>Speed of a build (a new node, a rebuild, a large import): changes are read in batches of
 * {@link #SYNC_BATCH}, the next batch is read from the database while the current one is indexed,
 * and a batch is indexed by {@link #INDEX_THREADS} threads at once (Lucene's writer takes documents
 * from several threads, each into its own segment in memory). The searcher is refreshed once at the
 * end of a sync and at its commits, not per batch: a refresh writes a segment, and many small
 * segments cost merges. A build into an empty index and a load of the database's vectors into an
 * index that lacks them ({@link #putStoredVectors}) hold merges back until they are done, and the
 * index is then merged into one segment once ({@link #compactIfDue}).
 *
 * <p>Vectors: float HNSW with Lucene's defaults (M = 16, beam width 100), dot product on unit
 * vectors. Searches ask for at least {@link #KNN_CANDIDATES} neighbours, which is the graph
 * search's beam, and keep the best. The int8-quantized format was considered: it keeps the float
 * vectors as well (so the index grows on disk), and what it saves is memory that this machine has.
 */
final class PaperIndex implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(PaperIndex.class);

  static final String VERSION_KEY = "paperboy.index.version";
  static final String MODEL_KEY = "paperboy.embedding.model";
  private static final String CHANGE_KEY = "paperboy.catalog.change";

  /** Catalog changes read per query, and applied per batch. */
  static final int SYNC_BATCH = 1000;

  /** Changes applied between two commits during a long sync (a rebuild). */
  private static final int COMMIT_EVERY = 50_000;

  /** Threads that analyze and index a batch: the machine's cores. */
  static final int INDEX_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

  /**
   * The vectors for papers about to be indexed: those made, by this model, from each paper's
   * current text (a paper whose text changed since has none).
   */
  interface Vectors {
    /** The vectors of those papers that have one, keyed by paper id. */
    Map<String, float[]> of(List<IndexedPaper> papers);

    /** No vectors: every paper is indexed for keyword search only. */
    Vectors NONE = papers -> Map.of();
  }

  /** Neighbours the HNSW search collects at least, whatever the caller keeps. */
  static final int KNN_CANDIDATES = 100;

  /**
   * Float HNSW, M = 16, beam width 100; a merge builds its graph on {@link #INDEX_THREADS} threads
   * (merging a large index into one segment is mostly inserting vectors into one graph: one thread
   * took about 25 minutes for half a million vectors at 1M papers).
   */
  static final KnnVectorsFormat VECTOR_FORMAT =
      new Lucene99HnswVectorsFormat(
          16, 100, INDEX_THREADS, daemonThreads("paperboy-index-merge-graph-"));

  /**
   * BM25 with k1 = 0.6 (Lucene's default is 1.2) and b = 0.75: a word's frequency saturates sooner,
   * so a paper with more of the query's words counts for more than one repeating a word. On the
   * benchmark's first 2,000 queries keyword MRR@10 was 0.590 at k1 1.2, 0.599 at 0.8 and 0.603 at
   * 0.6 (BENCHMARKS.md).
   */
  static final Similarity SIMILARITY = new BM25Similarity(0.6f, 0.75f);

  /**
   * The share of the index that must have been written since it was last merged into one segment
   * before {@link #compactIfDue} merges it again: a rebuild, a large import, a whole embedding run.
   * Daily imports stay far below it and are left to the merge policy.
   */
  static final double COMPACT_AFTER_SHARE = 0.1;

  /** An index opened with more segments than this is merged into one when it is next idle. */
  static final int MAX_SEGMENTS_UNCOMPACTED = 8;

  private final Directory directory;
  private final IndexWriter writer;
  private final SnapshotDeletionPolicy commits;
  private final SearcherManager searchers;
  private volatile String model;
  private final boolean startedOver;
  private final Object writeLock = new Object();
  private final Object syncLock = new Object();
  private final ExecutorService indexers;

  private volatile long change;

  /** Whether a sync that does not commit wrote changes no commit holds yet (under syncLock). */
  private boolean uncommitted;

  private volatile EmbeddedCount embeddedCount;

  /** Documents added, replaced or deleted since the index was last merged into one segment. */
  private final AtomicLong writtenSinceCompaction = new AtomicLong();

  /** The writer's merge policy, set aside while merges are held ({@link #holdMerges}). */
  private final MergePolicy mergePolicy;

  /** How many bulk writes hold merges back now (under writeLock for changes of the policy). */
  private int mergesHeld;

  private volatile boolean compacting;
  private boolean closing;
  private boolean rolledBack;

  private PaperIndex(
      Directory directory, IndexWriter writer, SnapshotDeletionPolicy commits, String model)
      throws IOException {
    this.directory = directory;
    this.writer = writer;
    this.commits = commits;
    this.model = model;
    this.mergePolicy = writer.getConfig().getMergePolicy();
    this.indexers = daemonThreads("paperboy-index-");
    Map<String, String> data = new HashMap<>();
    Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
    if (live != null) {
      live.forEach(e -> data.put(e.getKey(), e.getValue()));
    }
    boolean current = String.valueOf(IndexField.VERSION).equals(data.get(VERSION_KEY));
    this.startedOver = !current;
    if (current) {
      change = Long.parseLong(data.getOrDefault(CHANGE_KEY, "0"));
      // The next commit records this model, even if nothing else changes.
      writer.setLiveCommitData(commitData().entrySet());
    } else {
      startOver();
    }
    this.searchers =
        new SearcherManager(
            writer,
            new SearcherFactory() {
              @Override
              public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(SIMILARITY);
                return searcher;
              }
            });
    IndexSearcher s = searchers.acquire();
    try {
      if (s.getIndexReader().leaves().size() > MAX_SEGMENTS_UNCOMPACTED) {
        writtenSinceCompaction.set(s.getIndexReader().maxDoc());
      }
    } finally {
      searchers.release(s);
    }
  }

  /** {@link #INDEX_THREADS} daemon threads named {@code prefix} and a number. */
  private static ExecutorService daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        INDEX_THREADS,
        r -> {
          Thread t = new Thread(r, prefix + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * The index's files, memory-mapped; a segment's vectors and their graph are read into memory when
   * it opens. A vector search touches vectors all over the file: at 1M papers (1.5 GB of vectors),
   * a hybrid search took 60 to 150 ms while they came from disk one page at a time and 13 ms once
   * they were in memory (BENCHMARKS.md, "Keyword search at a million papers").
   */
  static Directory directory(Path path) throws IOException {
    MMapDirectory dir = new MMapDirectory(path);
    dir.setPreload((name, context) -> name.endsWith(".vec") || name.endsWith(".vex"));
    return dir;
  }

  /**
   * Opens (or creates) the index in a directory for a model's vectors. Fails with Lucene's {@code
   * LockObtainFailedException} when another process has it open for writing.
   */
  static PaperIndex open(Path path, String model) throws IOException {
    Files.createDirectories(path);
    Directory dir = directory(path);
    IndexWriterConfig config = new IndexWriterConfig(PaperAnalyzer.create());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setCodec(codec());
    config.setRAMBufferSizeMB(64);
    config.setSimilarity(SIMILARITY);
    // One merge at a time: merges (HNSW graphs above all) must leave a core to the embedding model
    // and to searches. Merging is bound by CPU (graph building), not by disk, so the automatic IO
    // throttle only made a merge hold its place longer while indexing stalled behind it.
    ConcurrentMergeScheduler merges = new ConcurrentMergeScheduler();
    merges.setMaxMergesAndThreads(2, 1);
    merges.disableAutoIOThrottle();
    config.setMergeScheduler(merges);
    // The last commit only, as Lucene's default keeps; a commit being copied to another node
    // (IndexCopies) is held until the copy is sent.
    SnapshotDeletionPolicy commits =
        new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy());
    config.setIndexDeletionPolicy(commits);
    try {
      return new PaperIndex(dir, new IndexWriter(dir, config), commits, model);
    } catch (IOException | RuntimeException e) {
      dir.close();
      throw e;
    }
  }

  /** The codec, with the vector format named (a writer without it would rewrite vectors). */
  static Codec codec() {
    return new Lucene912Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return VECTOR_FORMAT;
      }
    };
  }

  /** Whether opening found no index, or one of another schema version, and started over. */
  boolean startedOver() {
    return startedOver;
  }

  /** The model whose vectors this index keeps. */
  String model() {
    return model;
  }

  /**
   * Makes {@code next} the model whose vectors this index keeps (recorded at the next commit): from
   * now on every document with another model's vector needs one from {@code next} ({@link
   * #needingVectors}), and its old vector stays until that one is put in.
   */
  void switchModel(String next) throws IOException {
    synchronized (writeLock) {
      model = next;
      embeddedCount = null;
      writer.setLiveCommitData(commitData().entrySet());
    }
  }

  /** Up to {@code max} documents from the {@code skip}-th on, in index order. */
  List<IndexedPaper> papers(int skip, int max) throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      TopDocs top = s.search(new MatchAllDocsQuery(), skip + max, Sort.INDEXORDER);
      List<IndexedPaper> papers = new ArrayList<>(max);
      for (int i = skip; i < top.scoreDocs.length; i++) {
        papers.add(IndexedPaper.fromStored(s.storedFields().document(top.scoreDocs[i].doc)));
      }
      return papers;
    } finally {
      searchers.release(s);
    }
  }

  /** The last catalog change the index holds (committed or not). */
  long change() {
    return change;
  }

  /**
   * Empties the index and commits that, with change 0, so an interrupted rebuild resumes from the
   * catalog instead of serving half an index as if it were whole. The vectors come back from the
   * database as the rebuild passes each paper.
   */
  void startOver() throws IOException {
    synchronized (writeLock) {
      writer.deleteAll();
      change = 0;
      writer.setLiveCommitData(commitData().entrySet());
      writer.commit();
    }
    if (searchers != null) {
      searchers.maybeRefreshBlocking();
    }
  }

  /**
   * Applies every catalog change after the last one held, with the vectors {@code vectors} has for
   * them, commits and refreshes the searcher; returns how many changes it applied. {@code progress}
   * hears the count after each batch.
   */
  int sync(Catalog catalog, Vectors vectors, IntConsumer progress) throws IOException {
    return sync(catalog, vectors, progress, true);
  }

  /**
   * Applies every catalog change after the last one held, like {@link #sync(Catalog, Vectors,
   * IntConsumer)}; with {@code commit} false it neither commits nor refreshes the searcher at the
   * end (each would write a segment): for following a long import as it goes, where the next sync
   * that commits also commits what this one wrote.
   */
  int sync(Catalog catalog, Vectors vectors, IntConsumer progress, boolean commit)
      throws IOException {
    synchronized (syncLock) {
      // Into an empty index (a build), each paper the catalog held when the sync began comes once
      // and is added without looking for an older document of it; later changes replace. Changes
      // are numbered in commit order (a row lock on the counter), so none at or below the number
      // read here can appear later.
      long newUpTo = change == 0 && writer.getDocStats().maxDoc == 0 ? catalog.lastChange() : 0;
      if (newUpTo > 0) {
        holdMerges(); // a build: the segments are merged once, into one, when it is done
      }
      try {
        return syncBatches(catalog, vectors, progress, commit, newUpTo);
      } finally {
        if (newUpTo > 0) {
          resumeMerges();
        }
      }
    }
  }

  private int syncBatches(
      Catalog catalog, Vectors vectors, IntConsumer progress, boolean commit, long newUpTo)
      throws IOException {
    int applied = 0;
    int sinceCommit = 0;
    // The next batch (and its vectors) is read while this one is indexed.
    Future<Batch> next = indexers.submit(() -> read(catalog, vectors, change));
    while (true) {
      Batch batch = await(next);
      if (batch.changes().isEmpty()) {
        break;
      }
      boolean more = batch.changes().size() == SYNC_BATCH;
      long last = batch.changes().get(batch.changes().size() - 1).seq();
      next = more ? indexers.submit(() -> read(catalog, vectors, last)) : null;
      apply(batch, newUpTo);
      applied += batch.changes().size();
      sinceCommit += batch.changes().size();
      progress.accept(applied);
      if (sinceCommit >= COMMIT_EVERY) {
        commitBulk();
        sinceCommit = 0;
      }
      if (!more) {
        break;
      }
    }
    if (!commit) {
      uncommitted |= applied > 0;
    } else if (applied > 0 || uncommitted) {
      commitBulk();
      uncommitted = false;
    }
    return applied;
  }

  /**
   * Holds merges back for a bulk write (a build, a load of stored vectors) until {@link
   * #resumeMerges}. Each merge of a segment the bulk write is still adding to is done again later,
   * and merging a segment that holds vectors rebuilds its HNSW graph: during a load of 500,000
   * vectors into a 1M-paper index, such merges of large segments stalled the load for minutes at a
   * time (BENCHMARKS.md). Held back, the segments are merged once, into one, when the write is done
   * ({@link #compactIfDue}); searches meanwhile run over more segments.
   */
  private void holdMerges() {
    synchronized (writeLock) {
      if (mergesHeld++ == 0) {
        writer.getConfig().setMergePolicy(NoMergePolicy.INSTANCE);
      }
    }
  }

  /** Ends a {@link #holdMerges}; merges start again at the next flush or {@link #compactIfDue}. */
  private void resumeMerges() {
    synchronized (writeLock) {
      if (--mergesHeld == 0) {
        writer.getConfig().setMergePolicy(mergePolicy);
      }
    }
  }

  /**
   * Writes the documents held in memory into segments, on every indexing thread at once, before a
   * commit: the commit writes those left one after the other on its own thread, which was 13% of a
   * rebuild's CPU with the other core idle. Each thread writes the largest buffer left, until none
   * is (bounded, as Lucene only promises its best).
   */
  private void flushBuffers() throws IOException {
    inParallel(
        Collections.nCopies(INDEX_THREADS, (Void) null),
        unused -> {
          for (int i = 0; i < 4 && writer.flushNextBuffer(); i++) {
            // flushed one buffer; look for another
          }
        });
  }

  /** {@link #flushBuffers}, commit, and a searcher that sees the commit: a bulk write's commit. */
  private void commitBulk() throws IOException {
    flushBuffers();
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  /** Work on one part per thread: parts after the first on the indexing threads, the first here. */
  private <T> void inParallel(List<T> parts, PartWork<T> work) throws IOException {
    List<Future<Void>> running = new ArrayList<>(parts.size());
    for (T part : parts.subList(1, parts.size())) {
      running.add(
          indexers.submit(
              () -> {
                work.on(part);
                return null;
              }));
    }
    work.on(parts.get(0));
    for (Future<Void> f : running) {
      await(f);
    }
  }

  /** What {@link #inParallel} does with one part. */
  @FunctionalInterface
  private interface PartWork<T> {
    void on(T part) throws IOException;
  }

  /** A batch of catalog changes with the vectors found for its papers. */
  private record Batch(List<Catalog.Change> changes, Map<String, float[]> vectors) {}

  private static Batch read(Catalog catalog, Vectors vectors, long after) {
    List<Catalog.Change> changes = catalog.changesSince(after, SYNC_BATCH);
    List<IndexedPaper> papers = new ArrayList<>(changes.size());
    for (Catalog.Change c : changes) {
      if (!c.removed()) {
        papers.add(IndexedPaper.of(c));
      }
    }
    return new Batch(changes, papers.isEmpty() ? Map.of() : vectors.of(papers));
  }

  private static <T> T await(Future<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while indexing");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Writes a batch, split over the indexing threads by paper id (so two changes of one paper are
   * applied in order, by one thread).
   */
  private void apply(Batch batch, long newUpTo) throws IOException {
    List<Catalog.Change> changes = batch.changes();
    int parts = Math.min(INDEX_THREADS, Math.max(1, changes.size() / 64));
    List<List<Catalog.Change>> split = new ArrayList<>(parts);
    for (int i = 0; i < parts; i++) {
      split.add(new ArrayList<>(changes.size() / parts + 1));
    }
    for (Catalog.Change c : changes) {
      split.get(Math.floorMod(c.id().hashCode(), parts)).add(c);
    }
    synchronized (writeLock) {
      inParallel(split, part -> write(part, batch.vectors(), newUpTo));
      writtenSinceCompaction.addAndGet(changes.size());
      change = changes.get(changes.size() - 1).seq();
      writer.setLiveCommitData(commitData().entrySet());
    }
  }

  /** Writes changes; those numbered up to {@code newUpTo} are papers the index cannot hold. */
  private void write(List<Catalog.Change> changes, Map<String, float[]> vectors, long newUpTo)
      throws IOException {
    for (Catalog.Change c : changes) {
      Term id = new Term(IndexField.ID.field(), c.id());
      if (c.removed()) {
        writer.deleteDocuments(id);
        continue;
      }
      float[] vector = vectors.get(c.id());
      Document doc = IndexedPaper.of(c).toDocument(vector, vector == null ? null : model);
      if (c.seq() <= newUpTo) {
        writer.addDocument(doc);
      } else {
        writer.updateDocument(id, doc);
      }
    }
  }

  /** The document of a paper, or -1; with {@code embedded}, only if this model embedded it. */
  int find(IndexSearcher searcher, String id, boolean embedded) throws IOException {
    Query q = new TermQuery(new Term(IndexField.ID.field(), id));
    if (embedded) {
      q =
          new BooleanQuery.Builder()
              .add(q, BooleanClause.Occur.FILTER)
              .add(
                  new TermQuery(new Term(IndexField.MODEL.field(), model)),
                  BooleanClause.Occur.FILTER)
              .build();
    }
    TopDocs top = searcher.search(q, 1);
    return top.scoreDocs.length == 0 ? -1 : top.scoreDocs[0].doc;
  }

  /** A document's vector, or null when it has none. */
  static float[] vector(IndexSearcher searcher, int doc) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexField.VECTOR.field());
    int target = doc - leaf.docBase;
    if (values == null || values.advance(target) != target) {
      return null;
    }
    return values.vectorValue().clone();
  }

  /** Documents without a vector from this model, oldest first, up to {@code max}. */
  List<IndexedPaper> needingVectors(int max) throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      TopDocs top = s.search(notEmbedded(), max, Sort.INDEXORDER);
      List<IndexedPaper> papers = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc d : top.scoreDocs) {
        papers.add(IndexedPaper.fromStored(s.storedFields().document(d.doc)));
      }
      return papers;
    } finally {
      searchers.release(s);
    }
  }

  /** How many documents have no vector from this model. */
  int countNeedingVectors() throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      return s.count(notEmbedded());
    } finally {
      searchers.release(s);
    }
  }

  /**
   * How many documents have a vector from this model. Every search reports it, and counting walks
   * the postings when the index has deletions, so the count is kept for the last reader.
   */
  int countEmbedded(IndexSearcher s) throws IOException {
    EmbeddedCount last = embeddedCount;
    if (last != null && last.reader() == s.getIndexReader()) {
      return last.count();
    }
    int count = s.count(new TermQuery(new Term(IndexField.MODEL.field(), model)));
    embeddedCount = new EmbeddedCount(s.getIndexReader(), count);
    return count;
  }

  private record EmbeddedCount(IndexReader reader, int count) {}

  private Query notEmbedded() {
    return new BooleanQuery.Builder()
        .add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term(IndexField.MODEL.field(), model)), BooleanClause.Occur.MUST_NOT)
        .build();
  }

  /**
   * Gives every document without a vector from this model the one {@code stored} has for its
   * current text (the database's, made by any node), in one pass in index order, with merges held
   * back ({@link #holdMerges}), committing every {@link #COMMIT_EVERY}; returns how many it gave
   * one. {@code progress} hears the count after each batch. A document the catalog sync rewrote
   * meanwhile is checked again against its current text, as {@link #putVectors} does.
   */
  int putStoredVectors(Vectors stored, IntConsumer progress) throws IOException {
    searchers.maybeRefreshBlocking();
    IndexSearcher s = searchers.acquire();
    int done = 0;
    holdMerges();
    try {
      long seen = change;
      int sinceCommit = 0;
      Weight weight = s.createWeight(s.rewrite(notEmbedded()), ScoreMode.COMPLETE_NO_SCORES, 1);
      List<IndexedPaper> batch = new ArrayList<>(SYNC_BATCH);
      for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) {
          continue;
        }
        StoredFields fields = leaf.reader().storedFields();
        DocIdSetIterator docs = scorer.iterator();
        for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
          batch.add(IndexedPaper.fromStored(fields.document(d)));
          if (batch.size() == SYNC_BATCH) {
            int n = putStored(batch, stored.of(batch), seen);
            done += n;
            sinceCommit += n;
            batch.clear();
            progress.accept(done);
            if (sinceCommit >= COMMIT_EVERY) {
              commitBulk();
              sinceCommit = 0;
            }
          }
        }
      }
      if (!batch.isEmpty()) {
        done += putStored(batch, stored.of(batch), seen);
        progress.accept(done);
      }
      if (done > 0) {
        writer.commit();
      }
    } finally {
      searchers.release(s);
      resumeMerges();
    }
    searchers.maybeRefreshBlocking();
    return done;
  }

  /**
   * Writes the papers of a batch that have a vector, split over the indexing threads; if the sync
   * wrote anything since change {@code seen}, through {@link #putVectors}, which checks each paper
   * against its current document.
   */
  private int putStored(List<IndexedPaper> batch, Map<String, float[]> vectors, long seen)
      throws IOException {
    List<IndexedPaper> found = new ArrayList<>(vectors.size());
    for (IndexedPaper p : batch) {
      if (vectors.containsKey(p.id())) {
        found.add(p);
      }
    }
    if (found.isEmpty()) {
      return 0;
    }
    synchronized (writeLock) {
      if (change != seen) {
        return putVectors(found, found.stream().map(p -> vectors.get(p.id())).toList());
      }
      int parts = Math.min(INDEX_THREADS, Math.max(1, found.size() / 64));
      List<List<IndexedPaper>> split = new ArrayList<>(parts);
      for (int i = 0; i < parts; i++) {
        split.add(slice(found, i, parts));
      }
      inParallel(split, part -> updateWithVectors(part, vectors));
      writtenSinceCompaction.addAndGet(found.size());
    }
    return found.size();
  }

  private static <T> List<T> slice(List<T> all, int part, int parts) {
    int size = (all.size() + parts - 1) / parts;
    return all.subList(Math.min(all.size(), part * size), Math.min(all.size(), (part + 1) * size));
  }

  private void updateWithVectors(List<IndexedPaper> papers, Map<String, float[]> vectors)
      throws IOException {
    for (IndexedPaper p : papers) {
      writer.updateDocument(
          new Term(IndexField.ID.field(), p.id()), p.toDocument(vectors.get(p.id()), model));
    }
  }

  /**
   * Stores vectors made from {@code papers}' texts (visible after the next {@link #refresh}). A
   * paper removed or changed since it was read is left alone: the change will be embedded in its
   * turn.
   */
  int putVectors(List<IndexedPaper> papers, List<float[]> vectors) throws IOException {
    int stored = 0;
    synchronized (writeLock) {
      // Every document a sync wrote is seen, so a newer text is never replaced by an older one.
      searchers.maybeRefreshBlocking();
      IndexSearcher s = searchers.acquire();
      try {
        for (int i = 0; i < papers.size(); i++) {
          IndexedPaper embedded = papers.get(i);
          int doc = find(s, embedded.id(), false);
          if (doc < 0) {
            continue;
          }
          IndexedPaper now = IndexedPaper.fromStored(s.storedFields().document(doc));
          if (!now.embeddingText().equals(embedded.embeddingText())) {
            continue;
          }
          writer.updateDocument(
              new Term(IndexField.ID.field(), now.id()), now.toDocument(vectors.get(i), model));
          stored++;
        }
        writtenSinceCompaction.addAndGet(stored);
      } finally {
        searchers.release(s);
      }
    }
    return stored;
  }

  /**
   * Merges the index into one segment, commits and refreshes the searcher, when a large part of it
   * was written since the last time ({@link #COMPACT_AFTER_SHARE}) or it was opened with many
   * segments; returns whether it did. A search costs one term lookup, one top-k pass and one graph
   * search per segment: merging the 13 segments that indexing and embedding 111,362 papers left
   * behind halved keyword search time (BENCHMARKS.md). Writes go on meanwhile; they land in new
   * segments. Takes about two minutes for 100,000 papers, most of it rebuilding the HNSW graph.
   */
  boolean compactIfDue() throws IOException {
    long written = writtenSinceCompaction.get();
    int segments;
    int docs;
    IndexSearcher s = searchers.acquire();
    try {
      segments = s.getIndexReader().leaves().size();
      docs = s.getIndexReader().maxDoc();
    } finally {
      searchers.release(s);
    }
    if (segments <= 1 || written == 0 || written < COMPACT_AFTER_SHARE * docs) {
      return false;
    }
    long t0 = System.nanoTime();
    LOG.info(
        "Merging the search index into one segment ({} segments, {} documents)", segments, docs);
    synchronized (this) {
      if (closing) {
        return false;
      }
      compacting = true;
    }
    try {
      writer.forceMerge(1, true);
      writtenSinceCompaction.addAndGet(-written);
      writer.commit();
      searchers.maybeRefreshBlocking();
    } finally {
      compacting = false;
    }
    LOG.info("Merged the search index in {} s", Math.round((System.nanoTime() - t0) / 1e9));
    return true;
  }

  /**
   * Stops a merge in progress, and keeps new ones from starting, so that closing need not wait for
   * one: commits what was written, then rolls the writer back, which drops only the unfinished
   * merge.
   */
  synchronized void abortCompaction() throws IOException {
    closing = true;
    if (compacting && !rolledBack) {
      synchronized (writeLock) {
        writer.commit();
        rolledBack = true;
        writer.rollback();
      }
    }
  }

  /**
   * Sends the files of the last commit to {@code out} ({@link IndexCopies#send}); they are kept
   * from deletion until sent, whatever the writer commits and merges meanwhile.
   */
  void sendLastCommit(OutputStream out) throws IOException {
    IndexCommit commit = commits.snapshot();
    try {
      IndexCopies.send(directory, commit, out);
    } finally {
      commits.release(commit);
      synchronized (this) {
        if (!rolledBack) {
          writer.deleteUnusedFiles();
        }
      }
    }
  }

  /** Makes everything written so far visible to searches. */
  void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
  }

  /** Commits what was written (the change number included). */
  synchronized void commit() throws IOException {
    if (!rolledBack) {
      writer.commit();
    }
  }

  /** A searcher over the latest refreshed state; give it back with {@link #release}. */
  IndexSearcher acquire() throws IOException {
    return searchers.acquire();
  }

  /** Gives back a searcher from {@link #acquire}. */
  void release(IndexSearcher searcher) throws IOException {
    searchers.release(searcher);
  }

  /**
   * Reads the vectors from {@code model} that the index in {@code path} holds, with the papers
   * (texts) they were made from, handing them to {@code sink} up to {@code batch} at a time;
   * returns how many it read. For the upgrade that moves vectors made before they were kept in the
   * database there; reading needs no writer, so it works beside a process that holds the index.
   */
  static int readVectors(
      Path path, String model, int batch, BiConsumer<List<IndexedPaper>, List<float[]>> sink)
      throws IOException {
    int read = 0;
    try (Directory dir = FSDirectory.open(path)) {
      if (!DirectoryReader.indexExists(dir)) {
        return 0;
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        List<IndexedPaper> papers = new ArrayList<>(batch);
        List<float[]> vectors = new ArrayList<>(batch);
        for (LeafReaderContext leaf : reader.leaves()) {
          PostingsEnum docs = leaf.reader().postings(new Term(IndexField.MODEL.field(), model));
          FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexField.VECTOR.field());
          if (docs == null || values == null) {
            continue;
          }
          Bits live = leaf.reader().getLiveDocs();
          StoredFields stored = leaf.reader().storedFields();
          for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
            if ((live != null && !live.get(d)) || values.advance(d) != d) {
              continue;
            }
            papers.add(IndexedPaper.fromStored(stored.document(d)));
            vectors.add(values.vectorValue().clone());
            read++;
            if (papers.size() == batch) {
              sink.accept(List.copyOf(papers), List.copyOf(vectors));
              papers.clear();
              vectors.clear();
            }
          }
        }
        if (!papers.isEmpty()) {
          sink.accept(papers, vectors);
        }
      }
    }
    return read;
  }

  /**
   * The model the last commit of the index in {@code path} recorded, or null when there is no index
   * or it is of another schema version (it will be rebuilt).
   */
  static String committedModel(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return null;
    }
    try (Directory dir = FSDirectory.open(path)) {
      if (!DirectoryReader.indexExists(dir)) {
        return null;
      }
      Map<String, String> data =
          org.apache.lucene.index.SegmentInfos.readLatestCommit(dir).getUserData();
      return String.valueOf(IndexField.VERSION).equals(data.get(VERSION_KEY))
          ? data.get(MODEL_KEY)
          : null;
    }
  }

  /**
   * How many documents in the index in {@code path} have a vector from {@code model}; 0 if none.
   */
  static int countVectors(Path path, String model) throws IOException {
    try (Directory dir = FSDirectory.open(path)) {
      if (!DirectoryReader.indexExists(dir)) {
        return 0;
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        return new IndexSearcher(reader)
            .count(new TermQuery(new Term(IndexField.MODEL.field(), model)));
      }
    }
  }

  /** What the last commit recorded, read without opening a writer. */
  static Map<String, String> committedData(Path path) throws IOException {
    try (Directory dir = FSDirectory.open(path)) {
      return org.apache.lucene.index.SegmentInfos.readLatestCommit(dir).getUserData();
    }
  }

  private Map<String, String> commitData() {
    return Map.of(
        VERSION_KEY, String.valueOf(IndexField.VERSION),
        MODEL_KEY, model,
        CHANGE_KEY, String.valueOf(change));
  }

  @Override
  public void close() throws IOException {
    try {
      indexers.shutdownNow();
      searchers.close();
      synchronized (this) {
        if (!rolledBack) {
          writer.close();
        }
      }
    } finally {
      directory.close();
    }
  }
}
