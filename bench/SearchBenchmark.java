import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.paperboy.Paperboy;
import org.paperboy.config.Settings;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.PaperVectors;
import org.paperboy.search.PaperSearch;
import org.paperboy.search.SearchHit;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchRequest.Mode;
import org.paperboy.store.Database;

/**
 * Search quality and speed on the real data. Run from the project directory after {@code ./mvnw -q
 * -DskipTests package}, on a data directory that {@code paperboy import} filled with the OAI
 * harvest, the daily arXiv JSONL and the Hugging Face days:
 *
 * <pre>
 * java -Xmx3g -cp target/paperboy.jar bench/SearchBenchmark.java tokens ../shared/data WORK
 * java -Xmx3g -cp target/paperboy.jar bench/SearchBenchmark.java full ../shared/data WORK 128
 * java -Xmx3g -cp target/paperboy.jar bench/SearchBenchmark.java relevance ../shared/data WORK 128
 * java -Xmx3g -cp target/paperboy.jar bench/SearchBenchmark.java latency ../shared/data WORK 128
 * java -Xmx3g -cp target/paperboy.jar bench/SearchBenchmark.java embedding ../shared/data WORK 128
 * java -Xmx3g -cp target/paperboy.jar bench/SearchBenchmark.java recall ../shared/data WORK 128
 * java -Xmx3g -Dcorpus=all -Dqueries=hand,question,keyword -Devery=3 \
 *   -cp target/paperboy.jar bench/SearchBenchmark.java variants ../shared/data WORK x
 * </pre>
 *
 * <p>{@code variants} compares ways to score a paper in the semantic leg (title vectors, a second
 * abstract window, 256 word pieces; {@link Variants}) by brute force and in replayed hybrid search.
 * In {@code relevance}, {@code -Dweights=} replays the hybrid fusion with other weights and {@code
 * -DnoRrf=true} leaves out the reciprocal-rank-fusion rows.
 *
 * <p>{@code tokens} compares the model reading 128 and 256 word pieces by brute-force semantic
 * relevance on a subset (the Hugging Face papers plus 10,000 daily arXiv distractors), and reports
 * the bare model's throughput at both lengths. {@code full} indexes and embeds the whole catalog
 * through {@link PaperSearch} (resumable: a second run reuses the index), then reports relevance
 * (keyword, semantic, hybrid, SQLite FTS5 bm25), HTTP latency, kNN recall against brute force,
 * pipeline versus bare-model throughput, index size and peak heap. {@code relevance} and {@code
 * latency} repeat only the Lucene relevance table or the HTTP latencies on an index that {@code
 * full} built ({@code -Dmodes=HYBRID} runs one mode). {@code embedding} indexes the catalog again
 * into a scratch index and measures the embedding pipeline against the bare model on its first
 * 7,680 papers, for an index that {@code full} has embedded already.
 *
 * <p>Relevance: for each Hugging Face paper with at least two {@code ai_keywords}, the query is its
 * first two keyword phrases, and the paper should be in the top 10. The corpus is the Hugging Face
 * days plus the daily arXiv papers: searches are restricted to papers published from 2017 on
 * ({@code -Dfrom=1900-01-01} for the whole catalog, e.g. the OAI harvest plus the Hugging Face days
 * for latency), which leaves out exactly the 2016 OAI harvest that shares the data directory.
 *
 * <p>{@code -Dqueries=plain} runs any phase on the plain-language set instead ({@link
 * PlainQueries}): each Hugging Face paper's AI summary without the words of its title and the rare
 * terms of its abstract, the way a reader describes a paper they remember; phase {@code queries}
 * prints the first 20 of the set.
 */
public class SearchBenchmark {

  /** Relevance searches and the FTS5 table cover papers from this day ({@code -Dfrom=}). */
  static final LocalDate CORPUS_FROM = LocalDate.parse(System.getProperty("from", "2017-01-01"));

  static final ObjectMapper JSON = new ObjectMapper();

  record Query(String text, String id) {}

  public static void main(String[] args) throws Exception {
    String phase = args[0];
    Path data = Path.of(args[1]);
    Path work = Path.of(args[2]);
    System.out.printf(
        Locale.ROOT,
        "java %s, %d cores, max heap %d MB, %s%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        java.time.Instant.now());
    List<Query> queries = queries(data.resolve("hf_daily_papers_2024-05-27_to_2026-06-30"));
    int every = Integer.getInteger("every", 1); // -Devery=3: every third query, for quicker runs
    queries = every(queries, every);
    System.out.printf(
        "queries: %d Hugging Face papers with >= 2 ai_keywords (every %d)%n",
        queries.size(), every);
    Settings settings = Settings.from(java.util.Map.of("PAPERBOY_DATA", work.toString()));
    try (Database db = Database.open(settings)) {
      // -Dqueries=keyword,plain,hand,question: the query sets, in that order (see QuerySets).
      java.util.LinkedHashMap<String, List<Query>> sets =
          QuerySets.make(db, data, queries, System.getProperty("queries", "keyword"), every);
      queries = sets.values().iterator().next();
      if (phase.equals("models")) {
        models(db, sets, args[3]);
        return;
      }
      if (phase.equals("embed")) {
        // Gives vectors from model args[3] to what lacks one, for -Dminutes= at most (resumable).
        long until =
            System.nanoTime()
                + java.util.concurrent.TimeUnit.MINUTES.toNanos(Long.getLong("minutes", 18));
        try (PaperSearch search =
            PaperSearch.open(
                settings.indexDir(),
                new Catalog(db, Clock.systemUTC()),
                new PaperVectors(db, Clock.systemUTC()),
                args[3])) {
          PaperSearch.Status st = search.status();
          System.out.printf(
              "%s: %d papers, %d embedded; load %s%n",
              st.model(), st.papers(), st.embedded(), loadAverage());
          long t0 = System.nanoTime();
          int done = 0;
          while (System.nanoTime() < until) {
            int n = search.embedPending(1024);
            done += n;
            if (n == 0) {
              break;
            }
          }
          double s = (System.nanoTime() - t0) / 1e9;
          st = search.status();
          System.out.printf(
              Locale.ROOT,
              "embedded %d papers in %.0f s (%.1f papers/s), now %d of %d; load %s%n",
              done,
              s,
              done / s,
              st.embedded(),
              st.papers(),
              loadAverage());
        }
        return;
      }
      if (phase.equals("queries")) {
        queries.stream().limit(20).forEach(q -> System.out.println("  " + q.id() + " " + q.text()));
      } else if (phase.equals("tokens")) {
        tokens(db, queries);
      } else if (phase.equals("relevance")) {
        Catalog catalog = new Catalog(db, Clock.systemUTC());
        try (PaperSearch search =
            PaperSearch.open(
                settings.indexDir(),
                catalog,
                new PaperVectors(db, Clock.systemUTC()),
                args[3].matches("\\d+")
                    ? PaperSearch.defaultModel().replaceAll("/\\d+$", "/" + args[3])
                    : args[3])) {
          // -Dfts=true adds SQLite FTS5 on the same queries, side by side in the same run.
          for (java.util.Map.Entry<String, List<Query>> set : sets.entrySet()) {
            System.out.printf(
                "%n### query set %s: %d queries%n", set.getKey(), set.getValue().size());
            relevance(search, db, set.getValue(), Boolean.getBoolean("fts"));
          }
        }
      } else if (phase.equals("variants")) {
        try (PaperSearch search =
            PaperSearch.open(
                settings.indexDir(),
                new Catalog(db, Clock.systemUTC()),
                new PaperVectors(db, Clock.systemUTC()),
                PaperSearch.defaultModel())) {
          Variants.run(search, db, sets);
        }
      } else if (phase.equals("recall")) {
        recall(settings.indexDir(), queries, Integer.parseInt(args[3]));
      } else if (phase.equals("paths")) {
        // For bench/search-latency.sh: per mode, 300 warm-up paths and every third query to time.
        Path out = Path.of(args[3]);
        for (String mode : List.of("keyword", "hybrid", "semantic")) {
          List<String> warmUp = new ArrayList<>();
          List<String> timed = new ArrayList<>();
          for (int i = 0; i + 1 < queries.size(); i += 3) {
            timed.add(searchPath(mode, queries.get(i)));
            if (warmUp.size() < 300) {
              warmUp.add(searchPath(mode, queries.get(i + 1)));
            }
          }
          Files.write(out.resolve("warm-" + mode + ".txt"), warmUp);
          Files.write(out.resolve("timed-" + mode + ".txt"), timed);
        }
      } else if (phase.equals("embedding")) {
        // A scratch index over the same catalog: every paper needs a vector, as after an import.
        Path scratch = Files.createTempDirectory("paperboy-embedding-bench");
        Catalog catalog = new Catalog(db, Clock.systemUTC());
        try (PaperSearch search =
            PaperSearch.open(
                scratch.resolve("index"),
                catalog,
                new PaperVectors(db, Clock.systemUTC()),
                Integer.parseInt(args[3]))) {
          embed(search, db, Integer.parseInt(args[3]), false);
        } finally {
          try (Stream<Path> files = Files.walk(scratch)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
          }
        }
      } else if (phase.equals("latency")) {
        latency(settings, queries);
      } else {
        full(db, settings, queries, Integer.parseInt(args[3]));
      }
    }
    System.out.printf("peak heap: %d MB%n", peakHeapMb());
  }

  /** The queries: first two ai_keywords of each Hugging Face paper that has two. */
  static List<Query> queries(Path hfDir) throws Exception {
    List<Query> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (Stream<Path> files = Files.list(hfDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList()) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
          for (JsonNode item : JSON.readTree(in)) {
            JsonNode paper = item.path("paper");
            JsonNode kw = paper.path("ai_keywords");
            String id = paper.path("id").asText();
            if (kw.size() >= 2 && seen.add(id)) {
              out.add(new Query(kw.get(0).asText() + " " + kw.get(1).asText(), id));
            }
          }
        }
      }
    }
    return out;
  }

  static List<Query> every(List<Query> queries, int every) {
    List<Query> sample = new ArrayList<>();
    for (int i = 0; i < queries.size(); i += every) {
      sample.add(queries.get(i));
    }
    return sample;
  }

  /**
   * The query sets by name: {@code keyword} (two ai_keywords phrases, {@link #queries}), {@code
   * plain} (AI summaries without title words and rare abstract terms, {@link PlainQueries}; {@code
   * -Drare=1000000} drops every abstract term), {@code hand} (100 descriptions written by hand,
   * bench/plain-queries.tsv), {@code question} and {@code question-keywords} (30 needs asked as a
   * question or pasted sentence, and the same needs as keywords, bench/question-queries.tsv).
   */
  static final class QuerySets {
    static java.util.LinkedHashMap<String, List<Query>> make(
        Database db, Path data, List<Query> keyword, String names, int every) throws Exception {
      java.util.LinkedHashMap<String, List<Query>> sets = new java.util.LinkedHashMap<>();
      for (String name : names.split(",")) {
        List<Query> set =
            switch (name.strip()) {
              case "keyword" -> keyword;
              case "plain" ->
                  PlainQueries.make(
                      db, data.resolve("hf_daily_papers_2024-05-27_to_2026-06-30"), every);
              case "hand" -> tsv(Path.of("bench/plain-queries.tsv"), 1);
              case "question" -> tsv(Path.of("bench/question-queries.tsv"), 2);
              case "question-keywords" -> tsv(Path.of("bench/question-queries.tsv"), 1);
              default -> throw new IllegalArgumentException("unknown query set " + name);
            };
        System.out.printf("query set %s: %d queries%n", name.strip(), set.size());
        sets.put(name.strip(), set);
      }
      return sets;
    }

    /** Rows of a tab-separated file (# comments), the arXiv id first and the query in a column. */
    static List<Query> tsv(Path file, int column) throws Exception {
      List<Query> out = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        out.add(new Query(cols[column].strip(), cols[0].strip()));
      }
      return out;
    }
  }

  // ---------------------------------------------------------------- models: the model grid

  /**
   * Compares sentence models by brute-force semantic relevance on a fixed subset of the catalog:
   * the target papers of every query set given (the plain and keyword sets sampled to at most
   * {@code -DperSet=} queries each) plus distractors, every k-th paper by id, up to {@code -Dgrid=}
   * papers in all. For each model named in {@code models} (comma-separated, e.g. {@code
   * bge-small-en-v1.5-q/256}) it embeds the subset on the machine's cores, timed (papers/s), keeps
   * the vectors in {@code -Dcache=} (so a run per model resumes, and the table can be made again),
   * times every query's embedding on one thread, and reports hit@10 and MRR@10 per set.
   */
  static void models(Database db, java.util.LinkedHashMap<String, List<Query>> sets, String models)
      throws Exception {
    int perSet = Integer.getInteger("perSet", 300);
    int size = Integer.getInteger("grid", 2000);
    Path cache = Path.of(System.getProperty("cache", "/tmp/h18-grid"));
    Files.createDirectories(cache);
    java.util.LinkedHashMap<String, List<Query>> sampled = new java.util.LinkedHashMap<>();
    Set<String> targets = new java.util.TreeSet<>();
    for (var e : sets.entrySet()) {
      List<Query> set = e.getValue();
      List<Query> sample =
          set.size() <= perSet ? set : every(set, (set.size() + perSet - 1) / perSet);
      sampled.put(e.getKey(), sample);
      sample.forEach(q -> targets.add(q.id()));
    }
    java.util.Map<String, String> texts = new java.util.TreeMap<>();
    List<String[]> all = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT id, title, abstract FROM papers WHERE published >= ? ORDER BY id")) {
      st.setString(1, CORPUS_FROM.toString());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          all.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
      }
    }
    for (String[] p : all) {
      if (targets.contains(p[0])) {
        texts.put(p[0], text(p[1], p[2] == null ? "" : p[2]));
      }
    }
    int step = Math.max(1, all.size() / Math.max(1, size - texts.size()));
    for (int i = 0; i < all.size() && texts.size() < size; i += step) {
      String[] p = all.get(i);
      texts.putIfAbsent(p[0], text(p[1], p[2] == null ? "" : p[2]));
    }
    List<String> ids = List.copyOf(texts.keySet());
    java.util.Map<String, Integer> row = new java.util.HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      row.put(ids.get(i), i);
    }
    System.out.printf(
        "%ncorpus: %d papers (%d targets, distractors every %d-th paper from %s); load %s%n",
        ids.size(), targets.size(), step, CORPUS_FROM, loadAverage());
    StringBuilder head =
        new StringBuilder("| model | papers/s (embedding, 2 threads) | query ms p50 |");
    StringBuilder rule = new StringBuilder("|---|---|---|");
    for (var e : sampled.entrySet()) {
      head.append(" ")
          .append(e.getKey())
          .append(" (")
          .append(e.getValue().size())
          .append(") hit@10 / MRR@10 |");
      rule.append("---|");
    }
    List<String> lines = new ArrayList<>();
    for (String model : models.split(",")) {
      try (org.paperboy.search.Embedder enc =
          org.paperboy.search.Embedder.load(
              model.strip(), Runtime.getRuntime().availableProcessors())) {
        Path file = cache.resolve(enc.name().replace('/', '_') + "-" + ids.size() + ".f32");
        float[][] docs;
        String rate;
        if (Files.exists(file)) {
          docs = readVectors(file, ids.size());
          rate = Files.readString(cache.resolve(file.getFileName() + ".rate")).strip();
        } else {
          List<String> list = ids.stream().map(texts::get).toList();
          enc.embedAll(list.subList(0, 64)); // warm-up
          long t0 = System.nanoTime();
          docs = embedAll(enc, list);
          double seconds = (System.nanoTime() - t0) / 1e9;
          rate =
              String.format(
                  Locale.ROOT,
                  "%.1f (%.0f s, load %s)",
                  ids.size() / seconds,
                  seconds,
                  loadAverage());
          writeVectors(file, docs);
          Files.writeString(cache.resolve(file.getFileName() + ".rate"), rate);
        }
        List<Double> ms = new ArrayList<>();
        StringBuilder line = new StringBuilder("| " + enc.name() + " | " + rate + " |");
        StringBuilder cells = new StringBuilder();
        for (var e : sampled.entrySet()) {
          double hits = 0;
          double mrr = 0;
          for (Query q : e.getValue()) {
            long t0 = System.nanoTime();
            float[] v = enc.embed(q.text());
            ms.add((System.nanoTime() - t0) / 1e6);
            Integer target = row.get(q.id());
            if (target == null) {
              continue;
            }
            int rank = bruteForceRank(v, docs, target);
            if (rank <= 10) {
              hits++;
              mrr += 1.0 / rank;
            }
          }
          cells.append(
              String.format(
                  Locale.ROOT,
                  " %.3f / %.3f |",
                  hits / e.getValue().size(),
                  mrr / e.getValue().size()));
        }
        ms.sort(null);
        line.append(String.format(Locale.ROOT, " %.1f |", ms.get(ms.size() / 2))).append(cells);
        lines.add(line.toString());
        System.out.println(line);
      }
    }
    System.out.printf("%n%s%n%s%n", head, rule);
    lines.forEach(System.out::println);
  }

  /** Vectors of the texts from the model, in batches of 128 on its threads. */
  static float[][] embedAll(org.paperboy.search.Embedder enc, List<String> texts) {
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < texts.size(); i += 128) {
      List<float[]> made = enc.embedAll(texts.subList(i, Math.min(texts.size(), i + 128)));
      for (int j = 0; j < made.size(); j++) {
        out[i + j] = made.get(j);
      }
    }
    return out;
  }

  /** The rank of {@code docs[target]} among all docs by dot product with {@code v}, from 1. */
  static int bruteForceRank(float[] v, float[][] docs, int target) {
    float own = dot(v, docs[target]);
    int rank = 1;
    for (float[] d : docs) {
      if (dot(v, d) > own) {
        rank++;
      }
    }
    return rank;
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  static void writeVectors(Path file, float[][] vectors) throws Exception {
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(vectors.length * vectors[0].length * 4)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (float[] v : vectors) {
      b.asFloatBuffer().put(v);
      b.position(b.position() + v.length * 4);
    }
    Files.write(file, b.array());
  }

  static float[][] readVectors(Path file, int n) throws Exception {
    java.nio.FloatBuffer b =
        java.nio.ByteBuffer.wrap(Files.readAllBytes(file))
            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .asFloatBuffer();
    int dim = b.remaining() / n;
    float[][] out = new float[n][dim];
    for (float[] v : out) {
      b.get(v);
    }
    return out;
  }

  /**
   * The plain-language query set: a Hugging Face paper's AI summary as a reader might describe the
   * paper from memory, with every word of its title and every rare term of its abstract removed
   * (compared by English stem; rare: in at most {@link #RARE_DOCS} papers of the corpus), so the
   * query shares few distinctive words with the paper and keyword matching alone cannot find it.
   * Kept when at least {@link #MIN_WORDS} words are left.
   */
  static final class PlainQueries {
    static final int RARE_DOCS = Integer.getInteger("rare", 200);
    static final int MIN_WORDS = 6;
    static final int MAX_CHARS = 1000;

    static List<Query> make(Database db, Path hfDir, int every) throws Exception {
      org.apache.lucene.analysis.Analyzer english =
          new org.apache.lucene.analysis.en.EnglishAnalyzer();
      java.util.Map<String, Integer> docs = new java.util.HashMap<>();
      java.util.Map<String, String[]> papers = new java.util.HashMap<>();
      try (Connection c = db.dataSource().getConnection();
          PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, title, abstract FROM papers WHERE published >= ? ORDER BY id")) {
        s.setString(1, CORPUS_FROM.toString());
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            String abs = rs.getString(3) == null ? "" : rs.getString(3);
            for (String stem : stems(english, rs.getString(2) + " " + abs)) {
              docs.merge(stem, 1, Integer::sum);
            }
            papers.put(rs.getString(1), new String[] {rs.getString(2), abs});
          }
        }
      }
      List<Query> out = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      int n = 0;
      try (Stream<Path> files = Files.list(hfDir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList()) {
          try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
            for (JsonNode item : JSON.readTree(in)) {
              JsonNode paper = item.path("paper");
              String id = paper.path("id").asText();
              String summary = paper.path("ai_summary").asText("");
              String[] stored = papers.get(id);
              if (summary.isBlank() || stored == null || !seen.add(id) || n++ % every != 0) {
                continue;
              }
              Set<String> title = stems(english, stored[0]);
              Set<String> abstractWords = stems(english, stored[1]);
              List<String> kept = new ArrayList<>();
              for (String word : summary.split("\\s+")) {
                Set<String> wordStems = stems(english, word);
                boolean drop = false;
                for (String stem : wordStems) {
                  boolean rare =
                      abstractWords.contains(stem) && docs.getOrDefault(stem, 0) <= RARE_DOCS;
                  drop |= title.contains(stem) || rare;
                }
                if (!drop) {
                  kept.add(word.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", ""));
                }
              }
              kept.removeIf(String::isEmpty);
              long content = kept.stream().filter(w -> !stems(english, w).isEmpty()).count();
              String text = String.join(" ", kept);
              if (text.length() > MAX_CHARS) { // the search box's bound; a few summaries pass it
                text = text.substring(0, text.lastIndexOf(' ', MAX_CHARS));
              }
              if (content >= MIN_WORDS) {
                out.add(new Query(text, id));
              }
            }
          }
        }
      }
      return out;
    }

    /** The English stems of a text's words, stop words left out. */
    static Set<String> stems(org.apache.lucene.analysis.Analyzer analyzer, String text) {
      Set<String> out = new HashSet<>();
      try (org.apache.lucene.analysis.TokenStream ts = analyzer.tokenStream("t", text)) {
        var term =
            ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          out.add(term.toString());
        }
        ts.end();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return out;
    }
  }

  // ---------------------------------------------------------------- variants: the semantic leg

  /**
   * Variants of the semantic leg, compared by brute force on the same queries (issue 18, item 3):
   * beside the index's vectors (the title and the abstract's first 128 word pieces), a vector of
   * the title alone, one of the abstract's second window (the title and the abstract from its
   * {@code -DtailFrom=}-th word on, 80 by default, which the first window does not reach), and one
   * of the whole text at 256 word pieces; a paper scores by one of them or by the max or mean of
   * several. The corpus is {@code -Dcorpus=hf} (the Hugging Face papers, where every target is) or
   * {@code all}. Extra vectors are embedded on the machine's cores, timed, and kept in {@code
   * -Dcache=} (resumable). Per query set it prints semantic hit@10, MRR@10 and hit@100 (does the
   * leg hand the paper to fusion at all), then hybrid replayed ({@link #fusionGrid}'s formula) with
   * each variant as the cosine and each leg {@code -Ddepths=} deep, weights {@code
   * -Dfusion=coordinated:longer} (PaperSearch's 0.5:2 by default).
   */
  static final class Variants {
    static final String BASE = "all-MiniLM-L6-v2-q/128";

    static void run(
        PaperSearch search, Database db, java.util.LinkedHashMap<String, List<Query>> sets)
        throws Exception {
      String corpus = System.getProperty("corpus", "hf");
      int tailFrom = Integer.getInteger("tailFrom", 80);
      Path cache = Path.of(System.getProperty("cache", "/tmp/h18-variants"));
      Files.createDirectories(cache);
      List<String> ids = new ArrayList<>();
      List<String> titles = new ArrayList<>();
      List<String> abstracts = new ArrayList<>();
      try (Connection c = db.dataSource().getConnection();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT id, title, abstract FROM papers WHERE published >= '"
                      + CORPUS_FROM
                      + "'"
                      + (corpus.equals("hf")
                          ? " AND id IN (SELECT paper_id FROM daily_entries)"
                          : "")
                      + " ORDER BY id")) {
        while (rs.next()) {
          ids.add(rs.getString(1));
          titles.add(rs.getString(2));
          abstracts.add(rs.getString(3) == null ? "" : rs.getString(3).strip());
        }
      }
      java.util.Map<String, Integer> row = new java.util.HashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        row.put(ids.get(i), i);
      }
      System.out.printf(
          "%nvariants on %d papers (%s); load %s%n", ids.size(), corpus, loadAverage());
      float[][] base = new float[ids.size()][];
      var stored = new PaperVectors(db, Clock.systemUTC()).find(BASE, ids);
      for (int i = 0; i < ids.size(); i++) {
        var v = stored.get(ids.get(i));
        base[i] = v == null ? new float[384] : v.vector();
      }
      List<String> full = new ArrayList<>();
      List<String> title = new ArrayList<>();
      List<String> tail = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        String[] words = abstracts.get(i).split("\\s+");
        full.add(text(titles.get(i), abstracts.get(i)));
        title.add(titles.get(i));
        tail.add(
            words.length > tailFrom + 10
                ? titles.get(i)
                    + "\n"
                    + String.join(" ", Arrays.asList(words).subList(tailFrom, words.length))
                : null);
      }
      String tag = corpus + "-" + ids.size();
      float[][] titleV = vectors(cache, "title-" + tag, BASE, title);
      float[][] tailV = vectors(cache, "tail" + tailFrom + "-" + tag, BASE, tail);
      float[][] longV =
          Boolean.getBoolean("no256")
              ? null
              : System.getProperty("db256") != null
                  ? stored(Path.of(System.getProperty("db256")), "all-MiniLM-L6-v2-q/256", ids)
                  : vectors(cache, "256-" + tag, "all-MiniLM-L6-v2-q/256", full);
      double[] pairNorm = new double[ids.size()]; // |base + second window|
      for (int d = 0; d < ids.size(); d++) {
        pairNorm[d] = tailV[d] == null ? 2 : Math.sqrt(2 + 2 * dot(base[d], tailV[d]));
      }
      List<String> names =
          new ArrayList<>(
              List.of(
                  "base (first 128 word pieces)",
                  "title alone",
                  "max(base, title)",
                  "mean(base, title)",
                  "max(base, second window)",
                  "mean(base, second window)",
                  "max(base, second window, title)",
                  "mean(base, second window, title)",
                  "unit-length sum of base and second window (one vector)"));
      if (longV != null) {
        names.add("256 word pieces");
        names.add("mean(256, title)");
        names.add("max(256, title)");
      }
      int[] depths =
          Arrays.stream(System.getProperty("depths", "100,300").split(","))
              .mapToInt(Integer::parseInt)
              .toArray();
      double[] fusion =
          Arrays.stream(System.getProperty("fusion", "0.5:2").split(":"))
              .mapToDouble(Double::parseDouble)
              .toArray();
      for (var set : sets.entrySet()) {
        List<Query> queries = set.getValue();
        int n = names.size();
        double[] hits = new double[n];
        double[] mrr = new double[n];
        double[] hits100 = new double[n];
        double[][] hHits = new double[n][depths.length];
        double[][] hMrr = new double[n][depths.length];
        int maxDepth = Arrays.stream(depths).max().getAsInt();
        for (Query q : queries) {
          Integer target = row.get(q.id());
          float[] v = search.embedQuery(escape(q.text()));
          List<SearchHit> keyword = new ArrayList<>();
          for (int off = 0; off < maxDepth; off += 100) {
            List<SearchHit> page =
                search
                    .search(
                        new SearchRequest(
                            escape(q.text()),
                            Mode.KEYWORD,
                            null,
                            null,
                            CORPUS_FROM,
                            null,
                            off,
                            100))
                    .hits();
            keyword.addAll(page);
            if (page.size() < 100) {
              break;
            }
          }
          int words = PlainQueries.stems(ENGLISH, escape(q.text())).size();
          boolean anyAll = keyword.stream().anyMatch(h -> h.score() >= 10_000);
          boolean coordinated = anyAll || (words >= 2 && words <= 16);
          // -Dfusion=0.5:2:1.5: a third weight for coordinated queries no candidate has all of.
          double cosWeight =
              !coordinated ? fusion[1] : anyAll || fusion.length < 3 ? fusion[0] : fusion[2];
          double[][] score = new double[n][ids.size()];
          for (int d = 0; d < ids.size(); d++) {
            double b = dot(v, base[d]);
            double t = dot(v, titleV[d]);
            double w2 = tailV[d] == null ? b : dot(v, tailV[d]);
            double[] s = {
              b,
              t,
              Math.max(b, t),
              (b + t) / 2,
              Math.max(b, w2),
              (b + w2) / 2,
              Math.max(b, Math.max(w2, t)),
              (b + w2 + t) / 3,
              (b + w2) / pairNorm[d]
            };
            for (int k = 0; k < s.length; k++) {
              score[k][d] = s[k];
            }
            if (longV != null) {
              double l = dot(v, longV[d]);
              score[9][d] = l;
              score[10][d] = (l + t) / 2;
              score[11][d] = Math.max(l, t);
            }
          }
          for (int k = 0; k < n; k++) {
            double[] sc = score[k];
            if (target != null) {
              int rank = 1;
              for (double x : sc) {
                if (x > sc[target]) {
                  rank++;
                }
              }
              if (rank <= 10) {
                hits[k]++;
                mrr[k] += 1.0 / rank;
              }
              if (rank <= 100) {
                hits100[k]++;
              }
            }
            Integer[] order = top(sc, maxDepth);
            for (int di = 0; di < depths.length; di++) {
              int depth = depths[di];
              java.util.Map<String, double[]> parts = new java.util.LinkedHashMap<>();
              double maxKeyword = Double.MIN_VALUE;
              int taken = 0;
              for (SearchHit h : keyword) {
                Integer r = row.get(h.id());
                if (r == null || taken >= depth) {
                  continue;
                }
                taken++;
                boolean all = h.score() >= 10_000;
                double kw = all ? h.score() - 10_000 : h.score();
                maxKeyword = Math.max(maxKeyword, kw);
                if (all || !coordinated || sc[r] >= 0.40) {
                  parts.put(h.id(), new double[] {all ? 1 : 0, kw, sc[r]});
                }
              }
              for (int j = 0; j < depth && j < order.length; j++) {
                if (sc[order[j]] >= 0.40) {
                  parts.putIfAbsent(ids.get(order[j]), new double[] {0, 0, sc[order[j]]});
                }
              }
              double max = maxKeyword;
              List<String> fused =
                  parts.entrySet().stream()
                      .sorted(
                          java.util.Comparator.comparingDouble(
                              (java.util.Map.Entry<String, double[]> e) ->
                                  -(3 * e.getValue()[0]
                                      + e.getValue()[1] / max
                                      + cosWeight * e.getValue()[2])))
                      .limit(10)
                      .map(java.util.Map.Entry::getKey)
                      .toList();
              int rank = rank(fused, q.id());
              if (rank > 0) {
                hHits[k][di]++;
                hMrr[k][di] += 1.0 / rank;
              }
            }
          }
        }
        StringBuilder head =
            new StringBuilder("| paper score | semantic hit@10 | MRR@10 | hit@100 |");
        for (int depth : depths) {
          head.append(" hybrid, legs ").append(depth).append(": hit@10 / MRR@10 |");
        }
        System.out.printf(
            "%n### %s: %d queries, fusion weights %s%n%n%s%n|---|---|---|---|%s%n",
            set.getKey(),
            queries.size(),
            System.getProperty("fusion", "0.5:2"),
            head,
            "---|".repeat(depths.length));
        int size = queries.size();
        for (int k = 0; k < n; k++) {
          StringBuilder line =
              new StringBuilder(
                  String.format(
                      Locale.ROOT,
                      "| %s | %.3f | %.3f | %.3f |",
                      names.get(k),
                      hits[k] / size,
                      mrr[k] / size,
                      hits100[k] / size));
          for (int di = 0; di < depths.length; di++) {
            line.append(
                String.format(
                    Locale.ROOT, " %.3f / %.3f |", hHits[k][di] / size, hMrr[k][di] / size));
          }
          System.out.println(line);
        }
      }
    }

    /**
     * The vectors of a model that another data directory's database holds, in {@code ids} order.
     */
    static float[][] stored(Path db, String model, List<String> ids) throws Exception {
      java.util.Map<String, float[]> byId = new java.util.HashMap<>();
      try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
          PreparedStatement st =
              c.prepareStatement("SELECT paper_id, vector FROM paper_vectors WHERE model = ?")) {
        st.setString(1, model);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            byte[] b = rs.getBytes(2);
            if (b != null) {
              float[] v = new float[b.length / 4];
              java.nio.ByteBuffer.wrap(b)
                  .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                  .asFloatBuffer()
                  .get(v);
              byId.put(rs.getString(1), v);
            }
          }
        }
      }
      System.out.printf("  %s: %d stored vectors read from %s%n", model, byId.size(), db);
      float[][] out = new float[ids.size()][];
      for (int i = 0; i < ids.size(); i++) {
        out[i] = byId.getOrDefault(ids.get(i), new float[384]);
      }
      return out;
    }

    /** The indexes of the {@code k} highest scores, highest first. */
    static Integer[] top(double[] score, int k) {
      java.util.PriorityQueue<Integer> heap =
          new java.util.PriorityQueue<>(java.util.Comparator.comparingDouble(i -> score[i]));
      for (int i = 0; i < score.length; i++) {
        heap.add(i);
        if (heap.size() > k) {
          heap.poll();
        }
      }
      Integer[] out = new Integer[heap.size()];
      for (int i = out.length - 1; i >= 0; i--) {
        out[i] = heap.poll();
      }
      return out;
    }

    /**
     * Vectors of these texts from the model (null for a null text), embedded once on the machine's
     * cores and timed, then read from the cache.
     */
    static float[][] vectors(Path cache, String name, String model, List<String> texts)
        throws Exception {
      Path file = cache.resolve(name + ".f32");
      List<Integer> present = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        if (texts.get(i) != null) {
          present.add(i);
        }
      }
      float[][] out = new float[texts.size()][];
      float[][] made;
      if (Files.exists(file)) {
        made = readVectors(file, present.size());
      } else {
        try (org.paperboy.search.Embedder enc =
            org.paperboy.search.Embedder.load(model, Runtime.getRuntime().availableProcessors())) {
          List<String> list = present.stream().map(texts::get).toList();
          enc.embedAll(list.subList(0, Math.min(64, list.size()))); // warm-up
          String before = loadAverage();
          long t0 = System.nanoTime();
          made = embedAll(enc, list);
          double seconds = (System.nanoTime() - t0) / 1e9;
          String rate =
              String.format(
                  Locale.ROOT,
                  "%s: %d texts in %.0f s, %.1f texts/s (%s, 2 threads), load %s -> %s",
                  name,
                  list.size(),
                  seconds,
                  list.size() / seconds,
                  model,
                  before,
                  loadAverage());
          writeVectors(file, made);
          Files.writeString(cache.resolve(name + ".rate"), rate);
        }
      }
      System.out.println("  " + Files.readString(cache.resolve(name + ".rate")).strip());
      for (int j = 0; j < present.size(); j++) {
        out[present.get(j)] = made[j];
      }
      return out;
    }
  }

  // ---------------------------------------------------------------- tokens: 128 vs 256

  static void tokens(Database db, List<Query> queries) throws Exception {
    List<String> ids = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT id, title, abstract, id IN (SELECT paper_id FROM daily_entries) FROM papers"
                    + " WHERE published >= '2017-01-01' ORDER BY id")) {
      int distractors = 0;
      while (rs.next()) {
        boolean hf = rs.getBoolean(4);
        if (hf || (distractors < 10_000 && rs.getRow() % 7 == 0)) {
          distractors += hf ? 0 : 1;
          ids.add(rs.getString(1));
          texts.add(text(rs.getString(2), rs.getString(3)));
        }
      }
    }
    Set<String> inCorpus = new HashSet<>(ids);
    List<Query> sample = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      if (inCorpus.contains(queries.get(i).id()) && sample.size() < 1000 && i % 3 == 0) {
        sample.add(queries.get(i));
      }
    }
    System.out.printf(
        "%ncorpus: %d papers (Hugging Face papers and 1 in 7 of the others, up to 10,000);"
            + " %d queries%n%n",
        ids.size(), sample.size());
    System.out.println("| word pieces | texts/s (bare model, 2 threads) | hit@10 | MRR@10 |");
    System.out.println("|---|---|---|---|");
    for (int max : new int[] {128, 256}) {
      try (Encoder enc = new Encoder(max, 2)) {
        long t0 = System.nanoTime();
        float[][] docs = enc.embedAll(texts);
        double rate = texts.size() / ((System.nanoTime() - t0) / 1e9);
        double hits = 0;
        double mrr = 0;
        for (Query q : sample) {
          float[] v = enc.embed(q.text());
          int rank = bruteForceRank(v, docs, ids.indexOf(q.id()));
          if (rank <= 10) {
            hits++;
            mrr += 1.0 / rank;
          }
        }
        System.out.printf(
            Locale.ROOT,
            "| %d | %.1f | %.3f | %.3f |%n",
            max,
            rate,
            hits / sample.size(),
            mrr / sample.size());
      }
    }
  }

  // ---------------------------------------------------------------- full

  static void full(Database db, Settings settings, List<Query> queries, int maxTokens)
      throws Exception {
    Catalog catalog = new Catalog(db, Clock.systemUTC());
    long t0 = System.nanoTime();
    try (PaperSearch search =
        PaperSearch.open(
            settings.indexDir(), catalog, new PaperVectors(db, Clock.systemUTC()), maxTokens)) {
      PaperSearch.Status st = search.status();
      System.out.printf(
          Locale.ROOT,
          "%nindex opened and synced in %.1f s: %d papers, %d embedded with %s%n",
          (System.nanoTime() - t0) / 1e9,
          st.papers(),
          st.embedded(),
          st.model());

      embed(search, db, maxTokens, true);

      relevance(search, db, queries, true);
    }
    latency(settings, queries);
    recall(settings.indexDir(), queries, maxTokens);
    long bytes = 0;
    try (Stream<Path> files = Files.list(settings.indexDir())) {
      for (Path f : files.toList()) {
        bytes += Files.size(f);
      }
    }
    System.out.printf("index size on disk: %d MB%n", bytes >> 20);
  }

  /**
   * Embeds what the index lacks, measuring the pipeline against the bare model in the first twelve
   * rounds: alternating, so both see the same machine (it is shared, and a neighbour's load changes
   * from minute to minute). With {@code all} false it stops after those rounds.
   */
  static void embed(PaperSearch search, Database db, int maxTokens, boolean all) throws Exception {
    PaperSearch.Status st = search.status();
    List<String> sampleTexts = sampleTexts(db, 2000);
    long pending = st.papers() - st.embedded();
    try (Encoder enc = new Encoder(maxTokens, Runtime.getRuntime().availableProcessors())) {
      enc.embedAll(sampleTexts.subList(0, 128));
      double bareSeconds = 0;
      int bareTexts = 0;
      double pipeSeconds = 0;
      int pipeTexts = 0;
      long e0 = System.nanoTime();
      for (int round = 0; all || round < 12; round++) {
        boolean measure = round < 12;
        if (measure) {
          List<String> batch =
              sampleTexts.subList((round * 160) % 1840, (round * 160) % 1840 + 160);
          long b0 = System.nanoTime();
          enc.embedAll(batch);
          bareSeconds += (System.nanoTime() - b0) / 1e9;
          bareTexts += batch.size();
        }
        long p0 = System.nanoTime();
        int done = search.embedPending(measure ? 640 : 10_000);
        if (measure) {
          pipeSeconds += (System.nanoTime() - p0) / 1e9;
          pipeTexts += done;
        }
        if (done == 0) {
          break;
        }
        if (round == 11 || !measure) {
          PaperSearch.Status now = search.status();
          System.out.printf(
              Locale.ROOT,
              "  embedded %d of %d papers after %.0f s%n",
              now.embedded(),
              now.papers(),
              (System.nanoTime() - e0) / 1e9);
        }
        if (round == 11) {
          double bare = bareTexts / bareSeconds;
          double pipe = pipeTexts / pipeSeconds;
          System.out.printf(
              Locale.ROOT,
              "bare model %.1f texts/s (%d texts), pipeline %.1f texts/s (%d papers), in"
                  + " alternating rounds: pipeline = %.0f%% of the bare model%n",
              bare,
              bareTexts,
              pipe,
              pipeTexts,
              100 * pipe / bare);
        }
      }
      if (pending > 0 && all) {
        System.out.printf(
            Locale.ROOT,
            "embedded %d papers in %.0f s (bare-model rounds included)%n",
            pending,
            (System.nanoTime() - e0) / 1e9);
      }
    }
  }

  static List<String> sampleTexts(Database db, int n) throws Exception {
    List<String> texts = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT title, abstract FROM papers ORDER BY id")) {
      int i = 0;
      while (rs.next()) {
        if (i++ % 37 == 0 && texts.size() < n) {
          texts.add(text(rs.getString(1), rs.getString(2)));
        }
      }
    }
    return texts;
  }

  static void relevance(PaperSearch search, Database db, List<Query> queries, boolean withFts)
      throws Exception {
    System.out.printf(
        "%n| method | hit@10 | MRR@10 | MRR@10 first half | MRR@10 second half | queries |%n"
            + "|---|---|---|---|---|---|%n");
    double[] mrrs = new double[3];
    StringBuilder latencies = new StringBuilder("\n");
    Mode[] modes =
        System.getProperty("modes") == null
            ? new Mode[] {Mode.KEYWORD, Mode.SEMANTIC, Mode.HYBRID}
            : new Mode[] {Mode.valueOf(System.getProperty("modes"))};
    for (int m = 0; m < modes.length; m++) {
      double hits = 0;
      double mrr = 0;
      double[] halves = new double[2];
      long[] nanos = new long[queries.size()];
      for (int i = 0; i < queries.size(); i++) {
        Query q = queries.get(i);
        long start = System.nanoTime();
        List<SearchHit> top =
            search
                .search(
                    new SearchRequest(
                        escape(q.text()), modes[m], null, null, CORPUS_FROM, null, 0, 10))
                .hits();
        nanos[i] = System.nanoTime() - start;
        int rank = rank(top.stream().map(SearchHit::id).toList(), q.id());
        if (rank > 0) {
          hits++;
          mrr += 1.0 / rank;
          halves[i % 2] += 1.0 / rank;
        }
      }
      mrrs[m] = mrr / queries.size();
      System.out.printf(
          Locale.ROOT,
          "| Lucene %s | %.3f | %.3f | %.3f | %.3f | %d |%n",
          modes[m].name().toLowerCase(Locale.ROOT),
          hits / queries.size(),
          mrrs[m],
          halves[0] / ((queries.size() + 1) / 2),
          halves[1] / (queries.size() / 2),
          queries.size());
      // In-process time of each search (top 10 with highlights), in query order: the first ones
      // include the JIT's warm-up.
      Arrays.sort(nanos);
      latencies.append(
          String.format(
              Locale.ROOT,
              "Lucene %s in process: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms over %d searches%n",
              modes[m].name().toLowerCase(Locale.ROOT),
              nanos[nanos.length / 2] / 1e6,
              nanos[nanos.length * 9 / 10] / 1e6,
              nanos[nanos.length * 99 / 100] / 1e6,
              nanos.length));
    }
    System.out.print(latencies);
    if (modes.length == 3) {
      if (!Boolean.getBoolean("noRrf")) { // -DnoRrf=true: only the score fusion's replay
        rankFusion(search, queries);
      }
      fusionGrid(search, queries);
    }
    if (!withFts) {
      return;
    }
    try (Connection c = db.dataSource().getConnection()) {
      Fts fts = new Fts(c);
      for (boolean or : new boolean[] {true, false}) {
        double hits = 0;
        double mrr = 0;
        double[] ms = new double[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
          Query q = queries.get(i);
          long t0 = System.nanoTime();
          List<String> top = fts.top10(q.text(), or);
          ms[i] = (System.nanoTime() - t0) / 1e6;
          int rank = rank(top, q.id());
          if (rank > 0) {
            hits++;
            mrr += 1.0 / rank;
          }
        }
        double m = mrr / queries.size();
        System.out.printf(
            Locale.ROOT,
            "| SQLite FTS5 bm25 (%s) | %.3f | %.3f | | | %d |%n",
            or ? "words OR-ed" : "words AND-ed",
            hits / queries.size(),
            m,
            queries.size());
        System.out.printf(
            Locale.ROOT,
            "  keyword / this: %.2fx, hybrid / this: %.2fx%n",
            mrrs[0] / m,
            mrrs[2] / m);
        System.out.println("  FTS5 latency in-process through JDBC (first pass, page cache warm):");
        print("  SQLite FTS5 " + (or ? "OR" : "AND"), ms);
      }
    }
  }

  /**
   * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009; k = 60) of the keyword and
   * the semantic leg's top 100, for comparison with the score fusion hybrid search uses: plain, and
   * after the keyword query's all-words tier (papers with every word first, as hybrid keeps them).
   */
  static void rankFusion(PaperSearch search, List<Query> queries) throws Exception {
    double[] mrr = new double[2];
    double[] hits = new double[2];
    for (Query q : queries) {
      List<SearchHit> keyword = leg(search, q, Mode.KEYWORD);
      List<SearchHit> semantic = leg(search, q, Mode.SEMANTIC);
      java.util.Map<String, double[]> fused = new java.util.HashMap<>(); // id -> {tier, rrf}
      for (int r = 0; r < keyword.size(); r++) {
        SearchHit h = keyword.get(r);
        // KeywordQuery.ALL_WORDS_BONUS: the keyword score of a paper with every word exceeds it.
        double tier = h.score() >= 10_000 ? 1 : 0;
        fused.computeIfAbsent(h.id(), id -> new double[] {tier, 0})[1] += 1.0 / (60 + r + 1);
      }
      for (int r = 0; r < semantic.size(); r++) {
        fused.computeIfAbsent(semantic.get(r).id(), id -> new double[2])[1] += 1.0 / (60 + r + 1);
      }
      for (int variant = 0; variant < 2; variant++) {
        int tiered = variant;
        List<String> top =
            fused.entrySet().stream()
                .sorted(
                    java.util.Comparator.comparingDouble(
                        (java.util.Map.Entry<String, double[]> e) ->
                            -(tiered * e.getValue()[0] + e.getValue()[1])))
                .limit(10)
                .map(java.util.Map.Entry::getKey)
                .toList();
        int rank = rank(top, q.id());
        if (rank > 0) {
          hits[variant]++;
          mrr[variant] += 1.0 / rank;
        }
      }
    }
    String[] names = {"RRF k=60 of keyword and semantic top 100", "all-words tier, then RRF k=60"};
    for (int v = 0; v < 2; v++) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %.3f | %.3f | | | %d |%n",
          names[v],
          hits[v] / queries.size(),
          mrr[v] / queries.size(),
          queries.size());
    }
  }

  /**
   * The score fusion of hybrid search (PaperSearch.fuse) replayed from both legs' top 100 and the
   * papers' stored vectors, with other weights: {@code tier} for having every query word (3 in
   * PaperSearch), {@code w} for the cosine when the query is coordinated (at most 16 words) and
   * {@code wl} when it is not (0.5 for both in PaperSearch). The row with PaperSearch's weights
   * must equal the hybrid row above: that checks the replay.
   */
  static final org.apache.lucene.analysis.Analyzer ENGLISH =
      new org.apache.lucene.analysis.en.EnglishAnalyzer();

  static void fusionGrid(PaperSearch search, List<Query> queries) throws Exception {
    // -Dweights=3:0.5:2,3:0.75:2: other settings, tier:coordinated:longer each, and optionally
    // :none, the cosine's weight for a coordinated query no candidate has every word of.
    double[][] weights =
        Arrays.stream(
                System.getProperty(
                        "weights",
                        "3:0.5:0.5,3:0.5:1,3:0.5:2,3:0.5:4,3:1:1,3:1:2,3:0.25:2,3:0.5:8,0.5:0.5:2,1:1:2")
                    .split(","))
            .map(w -> Arrays.stream(w.split(":")).mapToDouble(Double::parseDouble).toArray())
            .toArray(double[][]::new);
    double[] mrr = new double[weights.length];
    double[] hits = new double[weights.length];
    for (Query q : queries) {
      List<SearchHit> keyword = leg(search, q, Mode.KEYWORD);
      List<SearchHit> semantic = leg(search, q, Mode.SEMANTIC);
      java.util.Set<String> ids = new java.util.LinkedHashSet<>();
      keyword.forEach(h -> ids.add(h.id()));
      semantic.forEach(h -> ids.add(h.id()));
      java.util.Map<String, float[]> vectors = search.vectors(ids);
      float[] v = search.embedQuery(escape(q.text()));
      // As KeywordQuery decides (2 to 16 words), approximated with Lucene's English stems.
      int words = PlainQueries.stems(ENGLISH, escape(q.text())).size();
      boolean anyAll = keyword.stream().anyMatch(h -> h.score() >= 10_000);
      boolean coordinated = anyAll || (words >= 2 && words <= 16);
      java.util.Map<String, double[]> parts = new java.util.LinkedHashMap<>(); // all, kw, cos
      double maxKeyword = Double.MIN_VALUE;
      for (SearchHit h : keyword) {
        boolean all = h.score() >= 10_000;
        double kw = all ? h.score() - 10_000 : h.score();
        maxKeyword = Math.max(maxKeyword, kw);
        float[] d = vectors.get(h.id());
        double cos = d == null ? 0 : dot(v, d);
        if (all || !coordinated || d == null || cos >= 0.40) {
          parts.put(h.id(), new double[] {all ? 1 : 0, kw, cos});
        }
      }
      for (SearchHit h : semantic) {
        parts.putIfAbsent(h.id(), new double[] {0, 0, 2.0 * h.score() - 1});
      }
      for (int k = 0; k < weights.length; k++) {
        double[] w = weights[k];
        double max = maxKeyword;
        double cosWeight = !coordinated ? w[2] : anyAll || w.length < 4 ? w[1] : w[3];
        List<String> top =
            parts.entrySet().stream()
                .sorted(
                    java.util.Comparator.comparingDouble(
                        (java.util.Map.Entry<String, double[]> e) ->
                            -(w[0] * e.getValue()[0]
                                + e.getValue()[1] / max
                                + cosWeight * e.getValue()[2])))
                .limit(10)
                .map(java.util.Map.Entry::getKey)
                .toList();
        int rank = rank(top, q.id());
        if (rank > 0) {
          hits[k]++;
          mrr[k] += 1.0 / rank;
        }
      }
    }
    for (int k = 0; k < weights.length; k++) {
      System.out.printf(
          Locale.ROOT,
          "| fusion replay: tier %.2f, cosine %.2f (coordinated) / %.2f (longer queries)%s | %.3f"
              + " | %.3f | | | %d |%n",
          weights[k][0],
          weights[k][1],
          weights[k][2],
          weights[k].length < 4
              ? ""
              : String.format(Locale.ROOT, " / %.2f (none has every word)", weights[k][3]),
          hits[k] / queries.size(),
          mrr[k] / queries.size(),
          queries.size());
    }
  }

  static List<SearchHit> leg(PaperSearch search, Query q, Mode mode) throws Exception {
    return search
        .search(new SearchRequest(escape(q.text()), mode, null, null, CORPUS_FROM, null, 0, 100))
        .hits();
  }

  /** Keyword phrases can contain our query syntax (a colon, a quote); search them as words. */
  static String escape(String text) {
    return text.replace(':', ' ').replace('"', ' ').replace('(', ' ').replace(')', ' ');
  }

  static int rank(List<String> top, String id) {
    int i = top.indexOf(id);
    return i < 0 ? 0 : i + 1;
  }

  static final int FTS_WORDS = Integer.getInteger("ftsWords", 16);

  /** SQLite FTS5 over the same titles and abstracts, Porter-stemmed, title weighted 2. */
  static final class Fts {
    final PreparedStatement query;

    Fts(Connection c) throws Exception {
      try (Statement s = c.createStatement()) {
        ResultSet rs =
            s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name = 'bench_fts'");
        rs.next();
        if (rs.getInt(1) == 0) {
          long t0 = System.nanoTime();
          s.execute(
              "CREATE VIRTUAL TABLE bench_fts USING fts5(id UNINDEXED, title, abstract,"
                  + " tokenize = 'porter unicode61')");
          s.execute(
              "INSERT INTO bench_fts (id, title, abstract) SELECT id, title, abstract FROM papers"
                  + " WHERE published >= '"
                  + CORPUS_FROM
                  + "'");
          System.out.printf(
              Locale.ROOT, "  (FTS5 table built in %.1f s)%n", (System.nanoTime() - t0) / 1e9);
        }
      }
      query =
          c.prepareStatement(
              "SELECT id FROM bench_fts WHERE bench_fts MATCH ? ORDER BY bm25(bench_fts, 0, 2.0,"
                  + " 1.0) LIMIT 10");
    }

    List<String> top10(String text, boolean or) throws Exception {
      List<String> words = new ArrayList<>();
      for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
        // -DftsWords=: at most this many distinct words (FTS5 OR-ing 30 words took seconds).
        if (!w.isEmpty() && !words.contains("\"" + w + "\"") && words.size() < FTS_WORDS) {
          words.add("\"" + w + "\"");
        }
      }
      if (words.isEmpty()) {
        return List.of();
      }
      query.setString(1, String.join(or ? " OR " : " ", words));
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    }
  }

  /**
   * Search latency through the HTTP API, one request at a time, with Java's HttpClient in this JVM
   * (warmed on queries that are never timed). The client shares the two cores with the server and
   * adds about 3 ms of its own per request; bench/search-latency.sh takes the figure with wrk in
   * its own process against {@code paperboy serve}, as a browser or script would see it.
   */
  static void latency(Settings settings, List<Query> queries) throws Exception {
    // The site as serve builds it, without background jobs (the index is already embedded).
    Paperboy paperboy = Paperboy.builder(settings).jobs(false).build();
    Javalin app = paperboy.serve(0);
    // HTTP/1.1 as curl and browsers speak it to an http:// address (the server has no h2c); the
    // client's default, HTTP/2, offers an upgrade with every request and costs it ~0.5 ms more.
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try {
      System.out.printf("%n| request | n | p50 ms | p90 ms | p99 ms |%n|---|---|---|---|---|%n");
      for (String mode : List.of("keyword", "hybrid", "semantic")) {
        List<String> warmUp = new ArrayList<>();
        List<String> timed = new ArrayList<>();
        for (int i = 0; i + 1 < queries.size() && timed.size() < 1000; i += 3) {
          timed.add(searchPath(mode, queries.get(i)));
          if (warmUp.size() < 300) {
            warmUp.add(searchPath(mode, queries.get(i + 1)));
          }
        }
        for (String p : warmUp) {
          get(http, app, p);
        }
        double[] ms = new double[timed.size()];
        for (int i = 0; i < timed.size(); i++) {
          long t0 = System.nanoTime();
          get(http, app, timed.get(i));
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        print("HTTP /api/papers/search mode=" + mode + ", Java HttpClient", ms);
      }
    } finally {
      paperboy.close();
    }
  }

  static String searchPath(String mode, Query q) {
    return "/api/papers/search?limit=10&mode="
        + mode
        + "&q="
        + URLEncoder.encode(escape(q.text()), StandardCharsets.UTF_8);
  }

  static void print(String what, double[] ms) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %.2f | %.2f | %.2f |%n",
        what,
        sorted.length,
        sorted[sorted.length / 2],
        sorted[(int) (sorted.length * 0.9)],
        sorted[(int) (sorted.length * 0.99)]);
  }

  static void get(HttpClient http, Javalin app, String path) throws Exception {
    HttpResponse<String> res =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IllegalStateException(path + " -> " + res.statusCode() + " " + res.body());
    }
  }

  static void recall(Path index, List<Query> queries, int maxTokens) throws Exception {
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index));
        Encoder enc = new Encoder(maxTokens, 1)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      List<float[]> vectors = new ArrayList<>();
      List<Integer> docs = new ArrayList<>();
      for (LeafReaderContext leaf : reader.leaves()) {
        FloatVectorValues v = leaf.reader().getFloatVectorValues("vector");
        if (v == null) {
          continue;
        }
        for (int d = v.nextDoc(); d != FloatVectorValues.NO_MORE_DOCS; d = v.nextDoc()) {
          if (leaf.reader().getLiveDocs() == null || leaf.reader().getLiveDocs().get(d)) {
            vectors.add(v.vectorValue().clone());
            docs.add(leaf.docBase + d);
          }
        }
      }
      int n = 0;
      double recallK10 = 0;
      double recallK100 = 0;
      for (int i = 0; i < queries.size() && n < 200; i += 17, n++) {
        float[] q = enc.embed(queries.get(i).text());
        float[] scores = new float[vectors.size()];
        Integer[] order = new Integer[vectors.size()];
        for (int j = 0; j < scores.length; j++) {
          scores[j] = dot(q, vectors.get(j));
          order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        Set<Integer> exact = new HashSet<>();
        for (int j = 0; j < 10; j++) {
          exact.add(docs.get(order[j]));
        }
        recallK10 += overlap(searcher, q, 10, exact);
        recallK100 += overlap(searcher, q, 100, exact);
      }
      System.out.printf(
          Locale.ROOT,
          "%nkNN recall@10 against brute force over %d vectors, %d queries: %.3f with the"
              + " graph search's beam 100 (what search uses), %.3f with beam 10%n",
          vectors.size(),
          n,
          recallK100 / n,
          recallK10 / n);
    }
  }

  static double overlap(IndexSearcher s, float[] q, int beam, Set<Integer> exact) throws Exception {
    ScoreDoc[] top = s.search(new KnnFloatVectorQuery("vector", q, beam), 10).scoreDocs;
    int hit = 0;
    for (ScoreDoc d : top) {
      if (exact.contains(d.doc)) {
        hit++;
      }
    }
    return hit / 10.0;
  }

  static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static String text(String title, String abstractText) {
    return title + "\n" + abstractText.strip().replaceAll("\\s+", " ");
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

  /**
   * The bare model, configured as the search package configures it (the bundled ONNX model, the
   * tokenizer's limit set to {@code maxTokens}, one ONNX Runtime thread per text, {@code threads}
   * texts at a time), with no database and no index around it.
   */
  static final class Encoder implements AutoCloseable {
    final ExecutorService pool;
    final OrtSession session;
    final AbstractInProcessEmbeddingModel model;

    Encoder(int maxTokens, int threads) throws Exception {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = env.createSession(resource("all-minilm-l6-v2-q.onnx"), options);
      ObjectNode tok = (ObjectNode) JSON.readTree(resource("all-minilm-l6-v2-q-tokenizer.json"));
      ((ObjectNode) tok.get("truncation")).put("max_length", maxTokens);
      OnnxBertBiEncoder encoder =
          new OnnxBertBiEncoder(
              env,
              session,
              new ByteArrayInputStream(JSON.writeValueAsBytes(tok)),
              PoolingMode.MEAN);
      pool = Executors.newFixedThreadPool(threads);
      model =
          new AbstractInProcessEmbeddingModel(pool) {
            @Override
            protected OnnxBertBiEncoder model() {
              return encoder;
            }
          };
    }

    float[] embed(String text) {
      return model.embed(text).content().vector();
    }

    float[][] embedAll(List<String> texts) {
      List<float[]> out = new ArrayList<>(texts.size());
      for (int i = 0; i < texts.size(); i += 128) {
        List<TextSegment> batch =
            texts.subList(i, Math.min(texts.size(), i + 128)).stream()
                .map(TextSegment::from)
                .toList();
        for (Embedding e : model.embedAll(batch).content()) {
          out.add(e.vector());
        }
      }
      return out.toArray(float[][]::new);
    }

    static byte[] resource(String name) throws Exception {
      try (InputStream in = SearchBenchmark.class.getClassLoader().getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing " + name);
        }
        return in.readAllBytes();
      }
    }

    @Override
    public void close() throws Exception {
      pool.shutdownNow();
      session.close();
    }
  }
}
