import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.paperboy.Paperboy;
import org.paperboy.config.Settings;
import org.paperboy.ingest.HfFollower;

/**
 * Following Hugging Face from a local HTTP server that serves the 520 saved days of {@code
 * hf_daily_papers_*} as {@code /api/daily_papers?date=D} (an empty array for other days).
 *
 * <p>Run from the project directory after {@code ./mvnw -q -DskipTests package}:
 *
 * <pre>java -Xmx512m -cp target/paperboy.jar bench/HfFollowBenchmark.java ../shared/data</pre>
 *
 * Measures the backfill ({@code hf-sync} of every calendar day from the first to the last saved
 * day) into a fresh SQLite file, then the steady-state poll of eight days (today and the seven
 * before, as the follower does every 30 minutes): unchanged, and with today's counts changed. The
 * follower's polite pause between requests is not spent (the sleeper returns at once); the figures
 * are the work. CPU is the whole process's (the local server included), queries are the SQL
 * statements Paperboy ran.
 */
public class HfFollowBenchmark {

  public static void main(String[] args) throws Exception {
    Path dir =
        Path.of(args.length > 0 ? args[0] : "../shared/data")
            .resolve("hf_daily_papers_2024-05-27_to_2026-06-30");
    AtomicInteger bump = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/daily_papers",
        ex -> {
          String date = ex.getRequestURI().getQuery().replaceFirst("^date=", "");
          Path file = dir.resolve(date + ".json.gz");
          byte[] body;
          if (Files.exists(file)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
              body = in.readAllBytes();
            }
            if (date.equals("2026-06-30") && bump.get() > 0) {
              // today's counts moved since the last poll
              body =
                  new String(body, StandardCharsets.UTF_8)
                      .replaceAll("\"upvotes\": (\\d+)", "\"upvotes\": $1" + bump.get())
                      .getBytes(StandardCharsets.UTF_8);
            }
          } else {
            body = "[]".getBytes(StandardCharsets.UTF_8);
          }
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    Path work = Files.createTempDirectory("paperboy-hf-bench");
    Map<String, String> env = new HashMap<>();
    env.put("PAPERBOY_DATA", work.toString());
    env.put("PAPERBOY_DEMO_DATA", "false");
    env.put("PAPERBOY_HARVEST", "false");
    env.put("PAPERBOY_HF_URL", "http://127.0.0.1:" + server.getAddress().getPort());
    Clock clock = Clock.fixed(Instant.parse("2026-06-30T12:00:00Z"), ZoneOffset.UTC);
    AtomicLong queries = new AtomicLong();
    System.out.printf(
        Locale.ROOT,
        "java %s, %d cores, max heap %d MB%n%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    try (Paperboy p =
        Paperboy.builder(Settings.from(env)).clock(clock).sleeper(d -> {}).jobs(false).build()) {
      p.database()
          .jdbi()
          .setSqlLogger(
              new SqlLogger() {
                @Override
                public void logAfterExecution(StatementContext context) {
                  queries.incrementAndGet();
                }
              });
      HfFollower follower = p.hfFollower();
      System.out.println(
          "| step | days asked | days changed | new | updated | wall ms | CPU ms | queries |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      run(
          "backfill 2024-05-27 to 2026-06-30",
          queries,
          () -> follower.follow(LocalDate.parse("2024-05-27"), LocalDate.parse("2026-06-30")));
      run(
          "backfill again (nothing changed)",
          queries,
          () -> follower.follow(LocalDate.parse("2024-05-27"), LocalDate.parse("2026-06-30")));
      for (int i = 0; i < 20; i++) { // warm up the poll path
        follower.poll();
      }
      Sample unchanged = null;
      for (int i = 0; i < 5; i++) {
        unchanged =
            run(
                i == 4 ? "poll of 8 days, nothing changed (5th of 5)" : null,
                queries,
                follower::poll);
      }
      for (int i = 1; i <= 5; i++) {
        bump.set(i);
        run(
            i == 5 ? "poll of 8 days, today's counts changed (5th of 5)" : null,
            queries,
            follower::poll);
      }
      System.out.printf(
          "%nDatabase: %d papers, %d list days%n",
          p.catalog().stats().papers(), p.catalog().stats().listDays());
    } finally {
      server.stop(0);
    }
  }

  interface Step {
    HfFollower.Summary run() throws Exception;
  }

  record Sample(long wallMs, long cpuMs, long queries) {}

  static Sample run(String label, AtomicLong queries, Step step) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long q0 = queries.get();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    HfFollower.Summary s = step.run();
    long wall = (System.nanoTime() - t0) / 1_000_000;
    long cpu = (os.getProcessCpuTime() - cpu0) / 1_000_000;
    long q = queries.get() - q0;
    if (label != null) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %d | %d | %d | %d | %d | %d |%n",
          label,
          s.days(),
          s.changedDays(),
          s.added(),
          s.updated(),
          wall,
          cpu,
          q);
    }
    return new Sample(wall, cpu, q);
  }
}
