import com.sun.management.OperatingSystemMXBean;
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
import org.paperboy.Paperboy;
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
 * PAPERBOY_DATA=DIR java -Xmx512m -cp target/paperboy.jar bench/NewNodeBenchmark.java embed-rate 2000
 * </pre>
 *
 * {@code fill} stores a vector for every paper that has none for the model: a deterministic
 * pseudo-random unit vector (seeded by the paper id) under the hash of the paper's real text,
 * because embedding 111,000 papers for real takes most of an hour on this machine. {@code ready}
 * deletes {@code DIR/index}, opens the search index as {@code serve} does (through the composition
 * root: it copies the index of a serving node announced in the database, or builds it from the
 * database when none is up or {@code PAPERBOY_INDEX_COPY=false}) and reports the time, the CPU
 * seconds, the load average, the papers and vectors it holds, that it embedded nothing, and the
 * peak heap; it then ends without waiting for the merges Lucene runs in the background.
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
        case "embed-rate" -> embedRate(catalog, model, Integer.parseInt(args[1]));
        default -> throw new IllegalArgumentException("fill, ready or embed-rate N");
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

  /**
   * "Today", when each node embeds every paper itself: embeds the texts (title and abstract) of the
   * first {@code n} papers of the catalog with the model, on both cores as the embedding worker
   * does, and prints the rate (the model's load not counted).
   */
  static void embedRate(Catalog catalog, String model, int n) {
    List<String> texts =
        catalog.papersAfter(null, n).stream()
            .map(p -> p.title() + "\n" + p.abstractText().strip().replaceAll("\\s+", " "))
            .toList();
    try (org.paperboy.search.Embedder embedder =
        org.paperboy.search.Embedder.load(model, Runtime.getRuntime().availableProcessors())) {
      embedder.embedAll(texts.subList(0, Math.min(64, texts.size()))); // warm-up
      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      double load0 = os.getSystemLoadAverage();
      long t0 = System.nanoTime();
      for (int i = 0; i < texts.size(); i += 128) {
        embedder.embedAll(texts.subList(i, Math.min(texts.size(), i + 128)));
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "embedded %d texts with %s in %.1f s: %.1f texts/s (load average %.2f -> %.2f)%n",
          texts.size(),
          model,
          seconds,
          texts.size() / seconds,
          load0,
          os.getSystemLoadAverage());
    }
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
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double load0 = os.getSystemLoadAverage();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    // As serve opens it: through the composition root, which copies a peer's index when one is
    // announced in the database (and PAPERBOY_INDEX_COPY is on), else builds it.
    Paperboy node = Paperboy.builder(settings).jobs(false).build();
    PaperSearch search = node.search().orElseThrow();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    PaperSearch.Status status = search.status();
    System.out.printf(
        Locale.ROOT,
        "catalog %d papers, %d vectors stored; empty index to searchable in %.1f s"
            + " (%.0f papers/s, %.1f CPU s, load average %.2f -> %.2f): %d papers, %d with a"
            + " vector, %d segments, %d embedded here, peak heap %d MB%n",
        papers,
        stored,
        seconds,
        status.papers() / seconds,
        cpu,
        load0,
        os.getSystemLoadAverage(),
        status.papers(),
        status.embedded(),
        status.segments(),
        search.embeddedHere(),
        peakHeapMb());
    System.out.flush();
    // Closing would wait for the background merges Lucene started after the build (minutes of
    // HNSW merging on Java 17); the index is committed and searchable, which is what is measured.
    Runtime.getRuntime().halt(0);
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
