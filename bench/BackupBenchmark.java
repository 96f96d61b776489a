import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.paperboy.Paperboy;
import org.paperboy.config.Settings;

/**
 * Backup while the site answers searches (issue 13): the site on an imported catalog (built by
 * Paperboy as serve builds it, without background jobs, so embedding does not run beside the
 * measurement), wrk in its own process sending keyword searches over 4 connections; first 20 s
 * without a backup, then 20 s during which backups run back to back (SQLite VACUUM INTO, as {@code
 * paperboy backup} does), then one backup alone.
 *
 * <p>Usage (needs Debian's wrk; from the project directory, after {@code ./mvnw -B -q package
 * -DskipTests}; other heavy jobs take the same lock):
 *
 * <pre>
 *   flock /tmp/paperboy-cpu.lock java -Xmx1g -cp target/paperboy.jar bench/BackupBenchmark.java DATA_DIR
 * </pre>
 */
public class BackupBenchmark {

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Settings settings = Settings.from(Map.of("PAPERBOY_DATA", data.toString()));
    Path work = Files.createTempDirectory("paperboy-backup-bench");
    try (Paperboy paperboy = Paperboy.builder(settings).jobs(false).build()) {
      long papers = paperboy.catalog().stats().papers();
      int port = paperboy.serve(0).port();
      Path paths = work.resolve("paths.txt");
      Files.write(paths, queries(paperboy));
      Path lua = work.resolve("paths.lua");
      Files.writeString(lua, LUA);
      System.out.printf(
          Locale.ROOT,
          "%s, java %s, %d cores, %,d papers, database %,d MB, load %s%n",
          Instant.now(),
          System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors(),
          papers,
          Files.size(settings.sqliteFile()) >> 20,
          Files.readString(Path.of("/proc/loadavg")).substring(0, 14));
      wrk(port, lua, paths, 10); // warm-up
      String before = wrk(port, lua, paths, seconds);

      AtomicBoolean running = new AtomicBoolean(true);
      List<Double> times = Collections.synchronizedList(new ArrayList<>());
      Thread backups =
          new Thread(
              () -> {
                int i = 0;
                while (running.get()) {
                  Path file = work.resolve("backup-" + i++ + ".db");
                  try {
                    long t0 = System.nanoTime();
                    paperboy.backups().backup(file);
                    times.add((System.nanoTime() - t0) / 1e9);
                    Files.delete(file);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }
              });
      backups.start();
      String during = wrk(port, lua, paths, seconds);
      running.set(false);
      backups.join();

      Path alone = work.resolve("alone.db");
      long t0 = System.nanoTime();
      paperboy.backups().backup(alone);
      double aloneSeconds = (System.nanoTime() - t0) / 1e9;
      long bytes = Files.size(alone);
      Files.delete(alone);

      List<Double> sorted = new ArrayList<>(times);
      Collections.sort(sorted);
      System.out.println();
      System.out.println(
          "| keyword search, wrk 2 threads 4 connections | req/s | p50 ms | p99 ms |");
      System.out.println("|---|---|---|---|");
      System.out.println("| before (no backup) " + before);
      System.out.println("| during back-to-back backups " + during);
      System.out.printf(
          Locale.ROOT,
          "%nbackup alone: %.1f s (%,d MB); under search load: %d backups, median %.1f s%n",
          aloneSeconds,
          bytes >> 20,
          sorted.size(),
          sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2));
      System.out.println(
          "load after: " + Files.readString(Path.of("/proc/loadavg")).substring(0, 14));
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** Keyword searches: the first three title words of 5,000 random papers. */
  static List<String> queries(Paperboy paperboy) {
    List<String> titles =
        paperboy
            .database()
            .jdbi()
            .withHandle(h -> h.createQuery("SELECT title FROM papers").mapTo(String.class).list());
    Collections.shuffle(titles, new Random(42));
    List<String> out = new ArrayList<>();
    for (String t : titles.subList(0, Math.min(5000, titles.size()))) {
      String[] words = t.replaceAll("[^\\p{L}\\p{N} ]", " ").trim().split("\\s+");
      String q = String.join("+", List.of(words).subList(0, Math.min(3, words.length)));
      out.add("/api/papers/search?mode=keyword&limit=10&q=" + q);
    }
    return out;
  }

  static String wrk(int port, Path lua, Path paths, int seconds) throws Exception {
    Process p =
        new ProcessBuilder(
                "wrk",
                "-t2",
                "-c4",
                "-d" + seconds + "s",
                "-s",
                lua.toString(),
                "http://127.0.0.1:" + port,
                "--",
                paths.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    String rps = "", p50 = "", p99 = "", errors = "";
    for (String line : out.split("\n")) {
      String[] f = line.trim().split("\\s+");
      switch (f[0]) {
        case "Requests/sec:" -> rps = f[1];
        case "p50" -> p50 = f[1];
        case "p99" -> p99 = f[1];
        case "errors" -> errors = f[1].equals("0") ? "" : " errors " + f[1];
        default -> {}
      }
    }
    return "| " + rps + " | " + p50 + " | " + p99 + " |" + errors;
  }

  static final String LUA =
      """
      local paths = {}
      local i = 0
      function init(args)
        for line in io.lines(args[1]) do paths[#paths + 1] = line end
        i = math.random(#paths)
      end
      function request()
        i = i + 1
        return wrk.format("GET", paths[(i - 1) % #paths + 1])
      end
      function done(summary, latency, requests)
        io.write(string.format("errors %d\\n", summary.errors.connect + summary.errors.status
          + summary.errors.read + summary.errors.write + summary.errors.timeout))
        io.write(string.format("p50 %.2f\\n", latency:percentile(50) / 1000))
        io.write(string.format("p99 %.2f\\n", latency:percentile(99) / 1000))
      end
      """;
}
