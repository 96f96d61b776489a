import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.paperboy.Paperboy;
import org.paperboy.community.Role;
import org.paperboy.community.Sessions;
import org.paperboy.community.User;
import org.paperboy.config.Settings;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.web.Community;

/**
 * Concurrent upvote toggles over loopback HTTP against the real server on the embedded default
 * (SQLite in a temporary data directory).
 *
 * <p>Run from the project directory after {@code ./mvnw -q -DskipTests package}:
 *
 * <pre>java -cp target/paperboy.jar bench/VoteBenchmark.java [voters] [toggles] [papers]</pre>
 *
 * Defaults: 500 voters, each with its own session, 50,000 toggles in total on 100 papers, all
 * voters at once. Each voter toggles a fixed pseudo-random sequence of papers and keeps the state
 * it expects; at the end every paper's count must equal the sum of the expected states, with no
 * errors.
 */
public class VoteBenchmark {

  public static void main(String[] args) throws Exception {
    int voters = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int toggles = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    int papers = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    Path work = Files.createTempDirectory("paperboy-votes");
    Clock clock = Clock.systemUTC();
    // Every voter connects from 127.0.0.1: the per-client limit (300 votes an hour per account,
    // times PAPERBOY_ACCOUNTS_PER_CLIENT) is raised above the run's toggles, so each vote still
    // counts its client's rate row but none is refused.
    Settings settings =
        Settings.from(
            Map.of(
                "PAPERBOY_DATA",
                work.toString(),
                "PAPERBOY_ACCOUNTS_PER_CLIENT",
                Integer.toString(Math.max(10, toggles / 300 + 1))));
    try (Paperboy paperboy =
        Paperboy.builder(settings).lookup(id -> Optional.empty()).jobs(false).build()) {
      Catalog catalog = paperboy.catalog();
      LocalDate today = LocalDate.now(clock);
      List<PaperRecord> records = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < papers; i++) {
        String id = String.format(Locale.ROOT, "2607.%05d", i + 1);
        ids.add(id);
        records.add(
            new PaperRecord(
                Paper.builder(id, "Paper " + i, "bench").published(today).build(),
                new Listing(today, i, null, 10, 0)));
      }
      catalog.apply(records);
      Community community = paperboy.community();
      List<Sessions.NewSession> sessions = new ArrayList<>();
      for (int v = 0; v < voters; v++) {
        User u = community.accounts().add("voter" + v + "@example.org", null, Role.READER);
        sessions.add(community.sessions().start(u));
      }
      Javalin app = paperboy.serve(0);
      String base = "http://127.0.0.1:" + app.port();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

      int perVoter = toggles / voters;
      long[] latencies = new long[perVoter * voters];
      boolean[][] expected = new boolean[voters][papers];
      AtomicInteger errors = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(voters);
      List<Future<?>> done = new ArrayList<>();
      long start = System.nanoTime();
      for (int v = 0; v < voters; v++) {
        int voter = v;
        done.add(
            pool.submit(
                () -> {
                  Sessions.NewSession s = sessions.get(voter);
                  java.util.Random random = new java.util.Random(voter);
                  for (int k = 0; k < perVoter; k++) {
                    int p = random.nextInt(papers);
                    HttpRequest request =
                        HttpRequest.newBuilder(
                                URI.create(base + "/api/papers/" + ids.get(p) + "/vote"))
                            .header("Cookie", Sessions.COOKIE + "=" + s.token())
                            .header("X-CSRF-Token", s.signedIn().csrfToken())
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build();
                    long t0 = System.nanoTime();
                    try {
                      HttpResponse<String> r =
                          http.send(request, HttpResponse.BodyHandlers.ofString());
                      latencies[voter * perVoter + k] = System.nanoTime() - t0;
                      if (r.statusCode() != 200) {
                        errors.incrementAndGet();
                      } else {
                        expected[voter][p] = !expected[voter][p];
                        boolean said = r.body().contains("\"upvoted\":true");
                        if (said != expected[voter][p]) {
                          errors.incrementAndGet();
                        }
                      }
                    } catch (Exception e) {
                      errors.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();

      int mismatches = 0;
      var counts = community.votes().counts(ids);
      for (int p = 0; p < papers; p++) {
        int want = 0;
        for (int v = 0; v < voters; v++) {
          want += expected[v][p] ? 1 : 0;
        }
        var got = counts.get(ids.get(p));
        if (got.community() != want || got.imported() != 10) {
          mismatches++;
        }
      }
      Arrays.sort(latencies);
      System.out.printf(
          Locale.ROOT,
          "java %s, %d cores, max heap %d MB%n",
          System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20);
      System.out.printf(
          Locale.ROOT,
          "| voters | toggles | papers | seconds | toggles/s | p50 ms | p99 ms | max ms | errors |"
              + " papers with wrong count |%n|---|---|---|---|---|---|---|---|---|---|%n");
      System.out.printf(
          Locale.ROOT,
          "| %d | %d | %d | %.1f | %.0f | %.1f | %.1f | %.1f | %d | %d |%n",
          voters,
          latencies.length,
          papers,
          seconds,
          latencies.length / seconds,
          latencies[latencies.length / 2] / 1e6,
          latencies[(int) (latencies.length * 0.99)] / 1e6,
          latencies[latencies.length - 1] / 1e6,
          errors.get(),
          mismatches);
    }
  }
}
