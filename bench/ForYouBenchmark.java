/*
 * For-you benchmark (issue 15): ranking quality with simulated readers, and /for-you latency.
 *
 * Catalog: the daily arXiv JSONL of ../shared/data, days 2026-05-01 to 2026-06-07 (a slice of the
 * file with its manifest renumbered, so each line keeps its crawl day as `published`), plus the
 * Hugging Face daily lists of 2026-06-01 to 2026-06-07 (for the trending baseline), all embedded.
 * The clock stands at 2026-06-07 12:00 UTC; /for-you's window ends on the newest day with papers
 * (2026-06-06), so it is 2026-05-31 .. 2026-06-06, and the benchmark counts, draws its random order
 * and scores over the days /for-you's page names.
 *
 * quality: for each of the 20 arXiv categories most common in May 2026 (primary or cross-listed), a
 * reader who upvoted 15 random May papers with that category; precision@20 of page 1 of /for-you over the window (a paper
 * is relevant when it has that category), against the trending order of the week's lists
 * (Lists.trending, as /papers/trending ranks) and a random order of the window's papers, in the
 * same run. Then 20 readers of two categories (15 upvotes each; the i-th most common category
 * with the i-th least common, and with the (i + 10)-th): how many of each in the top 20. Each is
 * measured with every rule of the ranking, then with the categories' bonus off (places alone), the
 * places off (bonus alone) and both off, for the same readers.
 * latency: optionally the whole JSONL and every Hugging Face day imported on top (not embedded:
 * the window's papers already are), then a reader with 200 upvotes; ForYou.page(reader, 1) timed
 * in-process, N times after a warm-up.
 *
 * Usage (after ./mvnw -q -B -DskipTests package; cp target/paperboy.jar /tmp/h15.jar):
 *   flock /tmp/paperboy-cpu.lock java -Xmx2g -cp /tmp/h15.jar bench/ForYouBenchmark.java \
 *       ../shared/data /tmp/h15-bench [requests=2000] [full]
 * WORK_DIR is made (or reused, with its embedded catalog) by the benchmark. Without "full" it
 * measures quality (then latency over the slice); with "full" it imports everything and measures
 * latency only. requests=0 skips the latency.
 */

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.paperboy.Paperboy;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.config.Settings;
import org.paperboy.foryou.ForYou;
import org.paperboy.lists.Period;
import org.paperboy.paper.Paper;
import org.paperboy.search.PaperSearch;

public class ForYouBenchmark {

  static final LocalDate FROM = LocalDate.parse("2026-05-01");
  static final LocalDate MONTH_END = LocalDate.parse("2026-05-31");
  static final LocalDate WEEK = LocalDate.parse("2026-06-01");
  static final LocalDate TO = LocalDate.parse("2026-06-07");
  static final Instant NOW = Instant.parse("2026-06-07T12:00:00Z");
  static final String JSONL = "arxiv_daily_dw-dengwei_2025-03-18_to_2026-07-01";
  static final String HF = "hf_daily_papers_2024-05-27_to_2026-06-30";

  public static void main(String[] args) throws Exception {
    if (args[0].equals("session")) {
      session(Path.of(args[1]), Path.of(args[2]));
      return;
    }
    Path shared = Path.of(args[0]);
    Path work = Path.of(args[1]);
    int requests = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    boolean full = args.length > 3 && args[3].equals("full");
    Path data = work.resolve("data");
    boolean fresh = !Files.exists(data.resolve("paperboy.db"));
    Files.createDirectories(data);
    Settings settings =
        Settings.from(
            Map.of(
                "PAPERBOY_DATA", data.toString(),
                "PAPERBOY_DEMO_DATA", "false",
                "PAPERBOY_HF_FOLLOW", "false",
                "PAPERBOY_HARVEST", "false"));
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    try (Paperboy pb = Paperboy.builder(settings).clock(clock).jobs(false).build()) {
      PaperSearch search = pb.search().orElseThrow();
      if (fresh) {
        long t0 = System.nanoTime();
        Path slice = slice(shared, work);
        System.out.println("import slice: " + pb.importer().importFile(slice));
        for (LocalDate d = WEEK; !d.isAfter(TO); d = d.plusDays(1)) {
          Path day = shared.resolve(HF).resolve(d + ".json.gz");
          if (Files.exists(day)) {
            pb.importer().importFile(day);
          }
        }
        search.sync();
        System.out.printf("imported in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        int n = search.embedPending(Integer.MAX_VALUE);
        System.out.printf("embedded %d papers in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
      }
      System.out.println("catalog: " + pb.catalog().stats());
      if (!full) {
        quality(pb);
      }
      if (full) {
        long t0 = System.nanoTime();
        pb.importer().importFile(shared.resolve(JSONL + ".jsonl.gz"));
        pb.importer().importFile(shared.resolve(HF));
        search.sync();
        System.out.printf(
            "full import (not embedded) in %.1f s; catalog: %s%n",
            (System.nanoTime() - t0) / 1e9, pb.catalog().stats());
      }
      if (requests > 0) {
        latency(pb, requests);
      }
    }
  }

  /**
   * For the latency through HTTP: in the data directory DATA (no server running on it), a reader
   * who upvoted 200 random papers of the whole catalog and a session for them; writes the session's
   * cookie header to OUT. Then `serve` on DATA is measured from another process.
   */
  static void session(Path data, Path out) throws Exception {
    Settings settings =
        Settings.from(
            Map.of(
                "PAPERBOY_DATA", data.toString(),
                "PAPERBOY_DEMO_DATA", "false",
                "PAPERBOY_HF_FOLLOW", "false",
                "PAPERBOY_HARVEST", "false"));
    try (Paperboy pb = Paperboy.builder(settings).jobs(false).build()) {
      List<String> ids =
          pb.database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT id FROM papers ORDER BY id")
                          .mapTo(String.class)
                          .list());
      List<String> pool = new ArrayList<>(ids);
      Collections.shuffle(pool, new Random(200));
      User u = pb.community().accounts().add("heavy." + RUN + "@bench.example", null, Role.READER);
      for (String id : pool.subList(0, 200)) {
        pb.community().votes().upvote(u, id);
      }
      String token = pb.community().sessions().start(u).token();
      Files.writeString(out, "Cookie: " + org.paperboy.community.Sessions.COOKIE + "=" + token);
      System.out.printf(
          "catalog %d papers; reader %s upvoted 200; cookie written to %s%n",
          ids.size(), u.id(), out);
    }
  }

  /** The JSONL's lines of FROM..TO with a manifest numbered for them. */
  static Path slice(Path shared, Path work) throws Exception {
    Path out = work.resolve("slice.jsonl");
    Path manifest = work.resolve("slice.manifest.csv");
    List<String[]> days = new ArrayList<>();
    for (String row : Files.readAllLines(shared.resolve(JSONL + ".manifest.csv"))) {
      String[] c = row.split(",");
      if (!c[1].equals("crawl_date")) {
        days.add(c);
      }
    }
    long line = 0;
    long written = 0;
    List<String> rows = new ArrayList<>(List.of("source_file,crawl_date,first_line,line_count"));
    int d = 0;
    try (BufferedReader r =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(shared.resolve(JSONL + ".jsonl.gz"))),
                    StandardCharsets.UTF_8));
        BufferedWriter w = Files.newBufferedWriter(out)) {
      for (String s = r.readLine(); s != null; s = r.readLine()) {
        line++;
        while (d < days.size()
            && line >= Long.parseLong(days.get(d)[2]) + Long.parseLong(days.get(d)[3])) {
          d++;
        }
        if (d >= days.size()) {
          break;
        }
        LocalDate day = LocalDate.parse(days.get(d)[1]);
        if (day.isBefore(FROM) || day.isAfter(TO)) {
          continue;
        }
        if (line == Long.parseLong(days.get(d)[2])) {
          rows.add(days.get(d)[0] + "," + day + "," + (written + 1) + "," + days.get(d)[3]);
        }
        w.write(s);
        w.newLine();
        written++;
      }
    }
    Files.write(manifest, rows);
    return out;
  }

  /** An arXiv category (the JSONL's lists also hold ACM and MSC class strings). */
  static final java.util.regex.Pattern ARXIV_CATEGORY =
      java.util.regex.Pattern.compile("[a-z-]+\\.[A-Za-z-]+");

  /** Makes account addresses unique per run, so a reused WORK_DIR takes new readers. */
  static final String RUN = Long.toString(System.currentTimeMillis(), 36);

  static void quality(Paperboy pb) {
    List<Paper> month = pb.catalog().publishedBetween(FROM, MONTH_END, 100_000);
    // /for-you's own window: the days of the page it shows (a reader with no history is asked for
    // interests, but the page names the window all the same).
    User probe =
        pb.community().accounts().add("probe." + RUN + "@bench.example", null, Role.READER);
    ForYou.Page window = pb.community().forYou().page(probe.id(), 1);
    List<Paper> week = pb.catalog().publishedBetween(window.from(), window.to(), 100_000);
    Map<String, List<String>> byCategory = new HashMap<>();
    for (Paper p : month) {
      for (String c : p.categories()) {
        if (ARXIV_CATEGORY.matcher(c).matches()) {
          byCategory.computeIfAbsent(c, k -> new ArrayList<>()).add(p.id());
        }
      }
    }
    Map<String, Paper> weekById = new HashMap<>();
    week.forEach(p -> weekById.put(p.id(), p));
    List<String> categories =
        byCategory.entrySet().stream()
            .sorted((a, b) -> b.getValue().size() - a.getValue().size())
            .limit(20)
            .map(Map.Entry::getKey)
            .toList();
    List<String> trending =
        pb.lists().trending(Period.weekOf(WEEK), null, NOW).stream()
            .map(r -> r.entry().paper().id())
            .toList();
    System.out.printf(
        "window %s..%s (/for-you's own), month papers %d, window papers %d, trending entries of"
            + " the week %d%n",
        window.from(), window.to(), month.size(), week.size(), trending.size());
    // The readers, made once; each set of rules ranks for the same readers.
    List<User> singles = new ArrayList<>();
    int i = 0;
    for (String c : categories) {
      Random rnd = new Random(15_000 + i);
      User u =
          pb.community()
              .accounts()
              .add("reader" + i + "." + RUN + "@bench.example", null, Role.READER);
      List<String> pool = new ArrayList<>(byCategory.get(c));
      Collections.shuffle(pool, rnd);
      for (String id : pool.subList(0, Math.min(15, pool.size()))) {
        pb.community().votes().upvote(u, id);
      }
      singles.add(u);
      i++;
    }
    List<String[]> pairs = new ArrayList<>();
    List<User> twos = new ArrayList<>();
    // 20 pairs: the i-th most common category with the i-th least common, then with the
    // (i + 10)-th.
    for (int a = 0; a < 20; a++) {
      String c1 = categories.get(a % 10);
      String c2 = categories.get(a < 10 ? categories.size() - 1 - a : a);
      Random rnd = new Random(30_000 + a);
      User u =
          pb.community()
              .accounts()
              .add("two" + a + "." + RUN + "@bench.example", null, Role.READER);
      for (String c : List.of(c1, c2)) {
        List<String> pool = new ArrayList<>(byCategory.get(c));
        Collections.shuffle(pool, rnd);
        for (String id : pool.subList(0, Math.min(15, pool.size()))) {
          pb.community().votes().upvote(u, id);
        }
      }
      pairs.add(new String[] {c1, c2});
      twos.add(u);
    }
    List<String> summary = new ArrayList<>();
    for (ForYou.Rules rules :
        List.of(
            ForYou.Rules.ALL,
            new ForYou.Rules(false, true),
            new ForYou.Rules(true, false),
            new ForYou.Rules(false, false))) {
      ForYou forYou = pb.community().forYou().withRules(rules);
      boolean tables = rules.equals(ForYou.Rules.ALL);
      System.out.println();
      System.out.println("rules: " + rules);
      if (tables) {
        System.out.println(
            "| category | May papers with it | window papers with it | for you P@20 | trending"
                + " P@20 | random P@20 |");
        System.out.println("|---|---|---|---|---|---|");
      }
      double sumF = 0, sumT = 0, sumR = 0;
      Map<String, Long> alone = new HashMap<>();
      for (int k = 0; k < categories.size(); k++) {
        String c = categories.get(k);
        Random rnd = new Random(15_000 + k);
        List<String> forYouIds =
            forYou.page(singles.get(k).id(), 1).cards().stream().map(x -> x.paper().id()).toList();
        List<String> random = new ArrayList<>(weekById.keySet());
        Collections.sort(random);
        Collections.shuffle(random, rnd);
        long have = week.stream().filter(p -> p.categories().contains(c)).count();
        double f = precision(forYouIds, weekById, pb, c);
        alone.put(c, Math.round(f * 20));
        double t = precision(trending, weekById, pb, c);
        double r = precision(random, weekById, pb, c);
        sumF += f;
        sumT += t;
        sumR += r;
        if (tables) {
          System.out.printf(
              "| %s | %d | %d | %.2f | %.2f | %.2f |%n",
              c, byCategory.get(c).size(), have, f, t, r);
        }
      }
      if (tables) {
        System.out.printf(
            "| **mean of %d** | | | **%.3f** | %.3f | %.3f |%n",
            categories.size(),
            sumF / categories.size(),
            sumT / categories.size(),
            sumR / categories.size());
        System.out.println();
        System.out.println(
            "| two-interest reader | first in top 20 | second in top 20 | both | each alone"
                + " (single reader above) |");
        System.out.println("|---|---|---|---|---|");
      }
      int both = 0;
      for (int a = 0; a < pairs.size(); a++) {
        String c1 = pairs.get(a)[0];
        String c2 = pairs.get(a)[1];
        List<ForYou.Card> top = forYou.page(twos.get(a).id(), 1).cards();
        long n1 = top.stream().filter(x -> x.paper().categories().contains(c1)).count();
        long n2 = top.stream().filter(x -> x.paper().categories().contains(c2)).count();
        boolean ok = n1 > 0 && n2 > 0;
        both += ok ? 1 : 0;
        if (tables) {
          System.out.printf(
              "| %s + %s | %d | %d | %s | %d / %d |%n",
              c1, c2, n1, n2, ok ? "yes" : "**no**", alone.get(c1), alone.get(c2));
          if (a == 0) {
            System.out.println(
                "(why, first reader's top 3: "
                    + top.stream().limit(3).map(ForYou.Card::why).toList()
                    + ")");
          }
        }
      }
      summary.add(
          String.format(
              "| %s | %.3f | %.3f | %.3f | %d / %d |",
              rules,
              sumF / categories.size(),
              sumT / categories.size(),
              sumR / categories.size(),
              both,
              pairs.size()));
    }
    System.out.println();
    System.out.println("| rules | for you P@20 | trending P@20 | random P@20 | both interests |");
    System.out.println("|---|---|---|---|---|");
    summary.forEach(System.out::println);
  }

  static double precision(List<String> ranked, Map<String, Paper> week, Paperboy pb, String c) {
    int relevant = 0;
    int n = 0;
    Map<String, Paper> extra = new LinkedHashMap<>();
    for (String id : ranked) {
      if (n == 20) {
        break;
      }
      Paper p = week.get(id);
      if (p == null) {
        p = extra.computeIfAbsent(id, k -> pb.catalog().find(k).orElse(null));
      }
      n++;
      if (p != null && p.categories().contains(c)) {
        relevant++;
      }
    }
    return relevant / 20.0;
  }

  static void latency(Paperboy pb, int requests) {
    List<Paper> pool = new ArrayList<>(pb.catalog().publishedBetween(FROM, MONTH_END, 100_000));
    Collections.shuffle(pool, new Random(200));
    User u = pb.community().accounts().add("heavy." + RUN + "@bench.example", null, Role.READER);
    for (Paper p : pool.subList(0, 200)) {
      pb.community().votes().upvote(u, p.id());
    }
    ForYou forYou = pb.community().forYou();
    for (int i = 0; i < 200; i++) {
      forYou.page(u.id(), 1);
    }
    long[] ns = new long[requests];
    for (int i = 0; i < requests; i++) {
      long t0 = System.nanoTime();
      forYou.page(u.id(), 1 + (i % 3));
      ns[i] = System.nanoTime() - t0;
    }
    java.util.Arrays.sort(ns);
    ForYou.Page p = forYou.page(u.id(), 1);
    System.out.printf(
        "reader with 200 upvotes, window %s..%s of %d ranked papers, %d requests (pages 1-3):"
            + " p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        p.from(),
        p.to(),
        p.total(),
        requests,
        ns[requests / 2] / 1e6,
        ns[requests * 9 / 10] / 1e6,
        ns[requests * 99 / 100] / 1e6,
        ns[requests - 1] / 1e6);
  }
}
