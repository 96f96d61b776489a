/*
 * Digest benchmark (issue 6): N confirmed subscribers with varied topics over an imported
 * catalog; one daily digest composed and delivered to an SMTP sink on loopback (Debian postfix's
 * smtp-sink). Reports topic embedding, composition and delivery rates separately, the end-to-end
 * rate, peak heap, and checks that every subscriber got exactly one digest.
 *
 * Usage (from the project directory, after `./mvnw -q -B -DskipTests package`):
 *   java -Xmx512m -cp target/paperboy.jar bench/DigestBenchmark.java DATA_DIR SMTP_PORT \
 *       [subscribers=20000] [period=daily:2026-06-30]
 * DATA_DIR holds an imported catalog (paperboy.db and index/ with vectors); the benchmark adds
 * its subscribers to that database, so use a copy. bench/digest-load.sh does all of it.
 */

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.paperboy.Paperboy;
import org.paperboy.config.Settings;
import org.paperboy.digest.DigestPeriod;
import org.paperboy.digest.Digests;
import org.paperboy.digest.OutboxStatus;
import org.paperboy.search.PaperSearch;
import org.paperboy.store.Database;

public class DigestBenchmark {

  static final String[] CATEGORIES = {"cs.CL", "cs.CV", "cs.LG", "cs.AI", "cs.RO", "stat.ML"};

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    String periodKey = args.length > 3 ? args[3] : "daily:2026-06-30";
    AtomicLong peakHeap = new AtomicLong();
    Thread sampler = heapSampler(peakHeap);

    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "PAPERBOY_DATA", data.toString(),
                "PAPERBOY_SMTP_HOST", "127.0.0.1",
                "PAPERBOY_SMTP_PORT", Integer.toString(port),
                "PAPERBOY_SMTP_STARTTLS", "false",
                "PAPERBOY_DIGEST_RATE", "0",
                "PAPERBOY_BASE_URL", "https://papers.example.org",
                "PAPERBOY_MAIL_FROM", "Paperboy <digest@papers.example.org>"));
    // Optional, from the environment: DKIM signing and the number of SMTP connections.
    for (String name : new String[] {"PAPERBOY_DKIM_KEY", "PAPERBOY_DIGEST_CONNECTIONS"}) {
      if (System.getenv(name) != null) {
        env.put(name, System.getenv(name));
      }
    }
    System.out.printf(
        "DKIM: %s; SMTP connections: %s%n",
        env.containsKey("PAPERBOY_DKIM_KEY")
            ? "signed (" + env.get("PAPERBOY_DKIM_KEY") + ")"
            : "off",
        env.getOrDefault("PAPERBOY_DIGEST_CONNECTIONS", "2 (default)"));
    Settings settings = Settings.from(env);
    Clock clock = Clock.systemUTC();
    try (Paperboy paperboy = Paperboy.builder(settings).clock(clock).build()) {
      Database db = paperboy.database();
      PaperSearch search = paperboy.search().orElseThrow();
      PaperSearch.Status status = search.status();
      System.out.printf(
          "catalog: %d papers in the index, %d with vectors (%s)%n",
          status.papers(), status.embedded(), status.model());
      List<String> keywords = keywords(db);
      System.out.printf("topic vocabulary: %d keyword phrases from ai_keywords%n", keywords.size());

      long t0 = System.nanoTime();
      subscribe(db, n, keywords);
      long t1 = System.nanoTime();
      System.out.printf("subscribed %,d confirmed readers in %.1f s%n", n, (t1 - t0) / 1e9);

      {
        Digests digests = paperboy.digests();
        DigestPeriod period = digests.period(periodKey);
        long e0 = System.nanoTime();
        int embedded = digests.embedTopics();
        double embedSeconds = (System.nanoTime() - e0) / 1e9;
        System.out.printf(
            "topic vectors: %,d embedded in %.1f s (%.0f/s; done once per subscription, when it is"
                + " made or changed)%n",
            embedded, embedSeconds, embedded / embedSeconds);

        long r0 = System.nanoTime();
        Digests.Report r = digests.run(period);
        double total = (System.nanoTime() - r0) / 1e9;
        double compose = r.composeMillis() / 1e3;
        double send = r.sendMillis() / 1e3;
        System.out.printf(
            "%s: planned %,d, composed %,d (%,d empty) in %.1f s = %.0f digests/s%n",
            r.period(), r.planned(), r.composed(), r.empty(), compose, r.composed() / compose);
        System.out.printf(
            "delivered %,d (retried %d, bounced %d, failed %d) in %.1f s = %.0f digests/s%n",
            r.sent(), r.retried(), r.bounced(), r.failed(), send, r.sent() / send);
        System.out.printf(
            "end to end (plan + compose + deliver): %,d in %.1f s = %.0f digests/s%n",
            r.sent(), total, r.sent() / total);
        Map<OutboxStatus, Integer> counts = digests.outboxCounts(r.period());
        int perSubscriber =
            db.jdbi()
                .withHandle(
                    h ->
                        h.createQuery(
                                "SELECT COUNT(*) FROM (SELECT subscription_id FROM digest_outbox"
                                    + " WHERE period = :p AND status = 'SENT' GROUP BY"
                                    + " subscription_id HAVING COUNT(*) = 1) x")
                            .bind("p", r.period())
                            .mapTo(Integer.class)
                            .one());
        System.out.printf(
            "outbox: %s; subscribers with exactly one digest sent: %,d of %,d%n",
            counts, perSubscriber, n);
      }
    }
    sampler.interrupt();
    System.out.printf(
        "peak heap used: %d MB (max heap %d MB)%n",
        peakHeap.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
  }

  /** The ai_keywords phrases of the catalog: subscribers' topics are drawn from them. */
  static List<String> keywords(Database db) {
    List<String> out = new ArrayList<>();
    db.jdbi()
        .useHandle(
            h ->
                h.createQuery(
                        "SELECT ai_keywords FROM papers WHERE ai_keywords IS NOT NULL LIMIT 3000")
                    .mapTo(String.class)
                    .forEach(
                        json -> {
                          for (String k : json.replaceAll("[\\[\\]\"]", "").split(",")) {
                            if (!k.isBlank() && out.size() < 20_000) {
                              out.add(k.strip());
                            }
                          }
                        }));
    return out;
  }

  /** Inserts confirmed subscriptions: 1–3 keyword phrases each, a third with a category. */
  static void subscribe(Database db, int n, List<String> keywords) {
    Random random = new Random(42);
    SecureRandom tokens = new SecureRandom();
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = System.currentTimeMillis();
    db.jdbi()
        .useTransaction(
            h -> {
              var batch =
                  h.prepareBatch(
                      "INSERT INTO subscriptions (id, email, frequency, topics, categories, state,"
                          + " manage_token, created_at, confirmed_at, state_changed_at) VALUES"
                          + " (:id, :e, 'DAILY', :t, :c, 'CONFIRMED', :m, :now, :now, :now)");
              for (int i = 0; i < n; i++) {
                StringBuilder topics = new StringBuilder();
                int k = 1 + random.nextInt(3);
                for (int j = 0; j < k && !keywords.isEmpty(); j++) {
                  topics
                      .append(j > 0 ? " " : "")
                      .append(keywords.get(random.nextInt(keywords.size())));
                }
                if (random.nextInt(5) == 0) {
                  topics.setLength(0); // some want only the trending papers
                }
                String cats =
                    random.nextInt(3) == 0 ? CATEGORIES[random.nextInt(CATEGORIES.length)] : "";
                byte[] t = new byte[32];
                tokens.nextBytes(t);
                batch
                    .bind("id", "bench" + i)
                    .bind("e", "reader" + i + "@bench.example.org")
                    .bind("t", topics.toString())
                    .bind("c", cats)
                    .bind("m", b64.encodeToString(t))
                    .bind("now", now)
                    .add();
              }
              batch.execute();
            });
  }

  static Thread heapSampler(AtomicLong peak) {
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    Thread t =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                long used = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
                peak.accumulateAndGet(used, Math::max);
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }
}
