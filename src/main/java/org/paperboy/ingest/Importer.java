package org.paperboy.ingest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Catalog.Outcome;
import org.paperboy.paper.PaperRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports files into the catalog: detects gzip and the format from the content, streams the records
 * through the format's reader, and applies them in batches of {@value #BATCH}, one transaction
 * each. Parsing and writing run on two threads joined by a short queue, so on two cores the import
 * goes as fast as the slower of the two rather than their sum.
 */
public final class Importer {

  private static final Logger LOG = LoggerFactory.getLogger(Importer.class);
  static final int BATCH = 1000;
  private static final int MAX_PROBLEMS = 20;
  private static final List<PaperRecord> END = List.of();

  private final Catalog catalog;
  private final Clock clock;

  /** An importer writing to the catalog; the clock's date resolves dates given without a year. */
  public Importer(Catalog catalog, Clock clock) {
    this.catalog = Objects.requireNonNull(catalog);
    this.clock = clock;
  }

  private Importer(Clock clock) {
    this.catalog = null;
    this.clock = clock;
  }

  /**
   * An importer that only reads: it checks files and counts their good and bad records without
   * storing anything (counted as {@link ImportSummary#added()} with {@code stored} false).
   */
  public static Importer dryRun(Clock clock) {
    return new Importer(clock);
  }

  /** Imports one file, plain or gzip, in any supported format. */
  public ImportSummary importFile(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new ImportException(file + ": no such file", null, null);
    }
    long size = Files.size(file);
    try (CountingStream in = new CountingStream(Files.newInputStream(file))) {
      Source source = new Source(file.toString(), file, LocalDate.now(clock));
      return importStream(in, source, in::count, size);
    }
  }

  /** Imports a stream (e.g. a resource bundled in the jar), plain or gzip. */
  public ImportSummary importStream(InputStream in, String name) throws IOException {
    CountingStream counted = new CountingStream(in);
    return importStream(counted, new Source(name, null, LocalDate.now(clock)), counted::count, 0);
  }

  private ImportSummary importStream(
      InputStream raw, Source source, LongSupplier position, long total) throws IOException {
    long start = System.nanoTime();
    InputStream content = open(raw);
    Format format = detect(content, source);
    RecordReader reader = readerFor(format);
    Batches batches = new Batches(source.name());
    Thread parser =
        new Thread(
            () -> {
              try {
                reader.read(content, source, batches);
                batches.finish();
              } catch (Throwable t) {
                batches.fail(t);
              }
            },
            "import-parser");
    parser.setDaemon(true);
    parser.start();

    long added = 0;
    long updated = 0;
    long unchanged = 0;
    String label = source.path() == null ? source.name() : source.path().getFileName().toString();
    try (Progress progress = Progress.start("import " + label, total)) {
      while (true) {
        List<PaperRecord> batch = batches.take();
        if (batch == END) {
          break;
        }
        if (catalog == null) {
          added += batch.size();
          progress.update(position.getAsLong(), added + batches.skipped);
          continue;
        }
        for (Outcome o : catalog.apply(batch)) {
          switch (o) {
            case NEW -> added++;
            case UPDATED -> updated++;
            case UNCHANGED -> unchanged++;
          }
        }
        progress.update(position.getAsLong(), added + updated + unchanged + batches.skipped);
      }
    } catch (RuntimeException e) {
      batches.abort();
      throw e;
    } finally {
      joinQuietly(parser);
    }
    ImportSummary summary =
        new ImportSummary(
            source.name(),
            format,
            added,
            updated,
            unchanged,
            batches.skipped,
            List.copyOf(batches.problems),
            Duration.ofNanos(System.nanoTime() - start),
            catalog != null);
    if (batches.failure != null) {
      Throwable t = batches.failure;
      throw new ImportException(
          source.name() + ": stopped after " + summary.records() + " records: " + t.getMessage(),
          summary,
          t);
    }
    return summary;
  }

  private static InputStream open(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    return in;
  }

  private static Format detect(InputStream content, Source source) throws IOException {
    byte[] head = new byte[Format.HEAD_BYTES];
    content.mark(head.length);
    int n = content.readNBytes(head, 0, head.length);
    content.reset();
    try {
      return Format.detect(head, n);
    } catch (IllegalArgumentException e) {
      throw new ImportException(
          source.name() + ": not a format Paperboy imports (" + e.getMessage() + ")", null, e);
    }
  }

  static RecordReader readerFor(Format format) {
    return switch (format) {
      case OAI_PMH -> new OaiPmhReader();
      case ARXIV_ATOM -> new ArxivAtomReader();
      case KAGGLE_SNAPSHOT -> new KaggleSnapshotReader();
      case HF_DAILY_PAPERS -> new HfDailyPapersReader();
      case DAILY_ARXIV_JSONL -> new DailyArxivJsonlReader();
      case SEED_TEXT -> new SeedPageReader();
    };
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Collects records into batches for the writer, and counts and logs the bad ones. */
  private static final class Batches implements RecordSink {
    private final String sourceName;
    private final BlockingQueue<List<PaperRecord>> queue = new ArrayBlockingQueue<>(4);
    private List<PaperRecord> batch = new ArrayList<>(BATCH);
    private final List<String> problems = new ArrayList<>();
    private volatile long skipped;
    private volatile Throwable failure;
    private volatile boolean aborted;

    Batches(String sourceName) {
      this.sourceName = sourceName;
    }

    @Override
    public void accept(PaperRecord record) {
      batch.add(record);
      if (batch.size() >= BATCH) {
        put(batch);
        batch = new ArrayList<>(BATCH);
      }
    }

    @Override
    public void reject(String location, String reason) {
      skipped++;
      String problem = location + ": " + reason;
      LOG.warn("{}: skipped {}", sourceName, problem);
      synchronized (problems) {
        if (problems.size() < MAX_PROBLEMS) {
          problems.add(problem);
        }
      }
    }

    void finish() {
      if (!batch.isEmpty()) {
        put(batch);
      }
      put(END);
    }

    void fail(Throwable t) {
      failure = t;
      if (!aborted) {
        // Keep what was read before the failure: well-formed records are complete on their own.
        if (!batch.isEmpty()) {
          put(batch);
        }
        put(END);
      }
    }

    void abort() {
      aborted = true;
      queue.clear();
    }

    List<PaperRecord> take() {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("import interrupted", e);
      }
    }

    private void put(List<PaperRecord> records) {
      try {
        while (!queue.offer(records, 100, TimeUnit.MILLISECONDS)) {
          if (aborted) {
            throw new UncheckedIOException(new IOException("import aborted"));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("import interrupted", e);
      }
    }
  }

  /** Counts the bytes read from the file, for the progress bar. */
  private static final class CountingStream extends FilterInputStream {
    private volatile long count;

    CountingStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skippedBytes = super.skip(n);
      count += skippedBytes;
      return skippedBytes;
    }
  }
}
