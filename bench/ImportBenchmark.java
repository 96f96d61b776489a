import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.paperboy.config.Settings;
import org.paperboy.ingest.ImportSummary;
import org.paperboy.ingest.Importer;
import org.paperboy.paper.Catalog;
import org.paperboy.store.Database;

/**
 * Import throughput on the real data sets, into a fresh SQLite database.
 *
 * <p>Run from the project directory after {@code ./mvnw -q -DskipTests package}:
 *
 * <pre>java -Xmx512m -cp target/paperboy.jar bench/ImportBenchmark.java ../shared/data</pre>
 *
 * Prints a Markdown table for BENCHMARKS.md: a bare parse of the OAI harvest (no storage), the
 * first import, a re-import of the same files, then the daily arXiv JSONL and every Hugging Face
 * day, with counts to compare against the sources.
 */
public class ImportBenchmark {

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
    Path work = Files.createTempDirectory("paperboy-bench");
    Clock clock = Clock.systemUTC();
    List<Path> oai = list(data.resolve("arxiv_oai_cs_2016-03-09"), ".xml.gz");
    Path daily = data.resolve("arxiv_daily_dw-dengwei_2025-03-18_to_2026-07-01.jsonl.gz");
    List<Path> hf = list(data.resolve("hf_daily_papers_2024-05-27_to_2026-06-30"), ".json.gz");

    System.out.printf(
        Locale.ROOT,
        "java %s, %d cores, max heap %d MB%n%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.println(
        "| step | files | records | new | updated | unchanged | skipped | seconds | records/s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");

    Settings settings = Settings.from(java.util.Map.of("PAPERBOY_DATA", work.toString()));
    Total parse = run("OAI cs 2016: bare parse, no storage", Importer.dryRun(clock), oai);
    try (Database db = Database.open(settings)) {
      Catalog catalog = new Catalog(db, clock);
      Importer importer = new Importer(catalog, clock);
      Total first = run("OAI cs 2016: import into SQLite", importer, oai);
      Total again = run("OAI cs 2016: re-import (no changes expected)", importer, oai);
      long papersAfterOai = catalog.stats().papers();
      Total dailyRun = run("daily arXiv JSONL: import", importer, List.of(daily));
      long papersAfterDaily = catalog.stats().papers();
      Total hfRun = run("Hugging Face days: import", importer, hf);
      Catalog.Stats stats = catalog.stats();
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "- storage overhead: import takes %.2fx the time of a bare parse%n",
          first.seconds / parse.seconds);
      System.out.printf(
          Locale.ROOT,
          "- re-import took %.2fx the time of the first import%n",
          again.seconds / first.seconds);
      System.out.printf("- papers after OAI: %d%n", papersAfterOai);
      System.out.printf(
          "- new papers from the daily JSONL: %d (catalog %d)%n",
          papersAfterDaily - papersAfterOai, papersAfterDaily);
      System.out.printf(
          "- after Hugging Face: %d papers, %d lists (%s to %s), %d list entries%n",
          stats.papers(),
          stats.listDays(),
          stats.firstListDate(),
          stats.lastListDate(),
          stats.listEntries());
      System.out.printf("- peak heap: %d MB%n", peakHeapMb());
      System.out.printf("- database size: %d MB%n", Files.size(settings.sqliteFile()) >> 20);
    }
  }

  record Total(long records, double seconds) {}

  static Total run(String label, Importer importer, List<Path> files) throws Exception {
    long n = 0, added = 0, updated = 0, unchanged = 0, skipped = 0;
    long start = System.nanoTime();
    for (Path f : files) {
      ImportSummary s = importer.importFile(f);
      n += s.records();
      added += s.added();
      updated += s.updated();
      unchanged += s.unchanged();
      skipped += s.skipped();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %d | %d | %d | %d | %d | %.1f | %,.0f |%n",
        label,
        files.size(),
        n,
        added,
        updated,
        unchanged,
        skipped,
        seconds,
        n / seconds);
    return new Total(n, seconds);
  }

  static List<Path> list(Path dir, String suffix) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
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
