import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.paperboy.config.Settings;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperVectors;
import org.paperboy.search.PaperSearch;
import org.paperboy.store.Database;

/**
 * "New node ready": how long a node with an empty index directory takes to become fully searchable
 * (keyword and semantic) from a database that holds every paper and its vector.
 *
 * <p>Run from the project directory after {@code ./mvnw -q -DskipTests package}, on a data
 * directory (or {@code PAPERBOY_DB_URL}) filled by {@code paperboy import}:
 *
 * <pre>
 * PAPERBOY_DATA=DIR java -Xmx512m -cp target/paperboy.jar bench/NewNodeBenchmark.java fill
 * PAPERBOY_DATA=DIR java -Xmx512m -cp target/paperboy.jar bench/NewNodeBenchmark.java ready
 * </pre>
 *
 * {@code fill} stores a vector for every paper that has none for the model: a deterministic
 * pseudo-random unit vector (seeded by the paper id) under the hash of the paper's real text,
 * because embedding 111,000 papers for real takes most of an hour on this machine. {@code ready}
 * deletes {@code DIR/index}, opens the search index as {@code serve} does (which builds it from the
 * database) and reports the time, the papers and vectors it holds, that it embedded nothing, and
 * the peak heap.
 */
public class NewNodeBenchmark {

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromEnvironment();
    Clock clock = Clock.systemUTC();
    try (Database db = Database.open(settings)) {
      Catalog catalog = new Catalog(db, clock);
      PaperVectors vectors = new PaperVectors(db, clock);
      String model = PaperSearch.defaultModel();
      switch (args[0]) {
        case "fill" -> fill(catalog, vectors, model);
        case "ready" -> ready(settings, catalog, vectors, model);
        default -> throw new IllegalArgumentException("fill or ready");
      }
    }
  }

  static void fill(Catalog catalog, PaperVectors vectors, String model) {
    long t0 = System.nanoTime();
    String after = null;
    long added = 0;
    while (true) {
      List<Paper> page = catalog.papersAfter(after, 1000);
      if (page.isEmpty()) {
        break;
      }
      Map<PaperVectors.Text, float[]> batch = new LinkedHashMap<>();
      for (Paper p : page) {
        batch.put(new PaperVectors.Text(p.id(), PaperSearch.textHash(p)), unitVector(p.id()));
      }
      added += vectors.publish(model, batch);
      after = page.get(page.size() - 1).id();
    }
    System.out.printf(
        Locale.ROOT,
        "stored %d vectors for %s in %.1f s; %d in the database%n",
        added,
        model,
        (System.nanoTime() - t0) / 1e9,
        vectors.count(model));
  }

  static float[] unitVector(String id) {
    SplittableRandom r = new SplittableRandom(id.hashCode());
    float[] v = new float[384];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  static void ready(Settings settings, Catalog catalog, PaperVectors vectors, String model)
      throws Exception {
    Path index = settings.indexDir();
    if (Files.exists(index)) {
      try (Stream<Path> files = Files.walk(index)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    long papers = catalog.stats().papers();
    long stored = vectors.count(model);
    long t0 = System.nanoTime();
    try (PaperSearch search = PaperSearch.open(index, catalog, vectors)) {
      double seconds = (System.nanoTime() - t0) / 1e9;
      PaperSearch.Status status = search.status();
      System.out.printf(
          Locale.ROOT,
          "catalog %d papers, %d vectors stored; empty index to searchable in %.1f s"
              + " (%.0f papers/s): %d papers, %d with a vector, %d segments, %d embedded here,"
              + " peak heap %d MB%n",
          papers,
          stored,
          seconds,
          status.papers() / seconds,
          status.papers(),
          status.embedded(),
          status.segments(),
          search.embeddedHere(),
          peakHeapMb());
    }
  }

  static long peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak >> 20;
  }
}
