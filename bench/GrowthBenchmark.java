import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Synthetic papers for the growth curve (issue 16, bench/growth.sh): records in the daily arXiv
 * JSONL format that {@code paperboy import} reads, one file per day, made by recombining real
 * titles, abstract sentences, author names and category lists from the daily arXiv file under new
 * ids ({@code 27MM.NNNNN}, which no real paper in ../shared/data has).
 *
 * <pre>
 * java -cp target/paperboy.jar bench/GrowthBenchmark.java synth ../shared/data OUT_DIR FROM TO [SEED]
 * </pre>
 *
 * writes synthetic papers number FROM (inclusive) to TO (exclusive) into {@code
 * OUT_DIR/synthetic_YYYY-MM-DD.jsonl.gz}, 2,500 papers a day from 2016-04-01 on (after the OAI
 * harvest, before the daily file). Paper k is the same for the same seed whatever FROM and TO are,
 * so sizes can be grown step by step.
 */
public class GrowthBenchmark {

  static final int PER_DAY = 2_500;
  static final int PER_MONTH = 90_000;
  static final LocalDate FIRST_DAY = LocalDate.of(2016, 4, 1);
  static final ObjectMapper JSON = new ObjectMapper();

  record Pools(
      List<String> titles,
      List<String> sentences,
      List<String> authors,
      List<JsonNode> categories) {}

  public static void main(String[] args) throws Exception {
    if (!args[0].equals("synth")) {
      throw new IllegalArgumentException("synth DATA OUT FROM TO [SEED]");
    }
    Path data = Path.of(args[1]);
    Path out = Path.of(args[2]);
    long from = Long.parseLong(args[3]);
    long to = Long.parseLong(args[4]);
    long seed = args.length > 5 ? Long.parseLong(args[5]) : 16;
    Pools pools = pools(data.resolve("arxiv_daily_dw-dengwei_2025-03-18_to_2026-07-01.jsonl.gz"));
    Files.createDirectories(out);
    long t0 = System.nanoTime();
    Writer w = null;
    long day = -1;
    for (long k = from; k < to; k++) {
      if (k / PER_DAY != day) {
        if (w != null) {
          w.close();
        }
        day = k / PER_DAY;
        Path file = out.resolve("synthetic_" + FIRST_DAY.plusDays(day) + ".jsonl.gz");
        w =
            new OutputStreamWriter(
                new GZIPOutputStream(
                    Files.newOutputStream(
                        file,
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND),
                    1 << 16),
                StandardCharsets.UTF_8);
      }
      w.write(JSON.writeValueAsString(paper(k, seed, pools)));
      w.write('\n');
    }
    if (w != null) {
      w.close();
    }
    System.out.printf(
        Locale.ROOT,
        "wrote synthetic papers %d to %d (%d) into %s in %.1f s (pools: %d titles, %d sentences,"
            + " %d authors)%n",
        from,
        to,
        to - from,
        out,
        (System.nanoTime() - t0) / 1e9,
        pools.titles().size(),
        pools.sentences().size(),
        pools.authors().size());
  }

  /** Synthetic paper k: a title made of two real half-titles, 4 to 9 real abstract sentences. */
  static ObjectNode paper(long k, long seed, Pools p) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + k);
    long month = k / PER_MONTH;
    String id =
        String.format(
            Locale.ROOT, "%02d%02d.%05d", 27 + month / 12, month % 12 + 1, k % PER_MONTH + 1);
    String a = pick(r, p.titles());
    String b = pick(r, p.titles());
    String[] aw = a.split(" ");
    String[] bw = b.split(" ");
    String title =
        String.join(" ", java.util.Arrays.copyOfRange(aw, 0, Math.max(1, aw.length / 2)))
            + " "
            + String.join(" ", java.util.Arrays.copyOfRange(bw, bw.length / 2, bw.length));
    StringBuilder summary = new StringBuilder();
    int sentences = 4 + r.nextInt(6);
    for (int i = 0; i < sentences; i++) {
      summary.append(i == 0 ? "" : " ").append(pick(r, p.sentences()));
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("id", id);
    n.put("pdf", "https://arxiv.org/pdf/" + id);
    n.put("abs", "https://arxiv.org/abs/" + id);
    var authors = n.putArray("authors");
    int count = 1 + r.nextInt(6);
    for (int i = 0; i < count; i++) {
      authors.add(pick(r, p.authors()));
    }
    n.put("title", title);
    n.set("categories", p.categories().get(r.nextInt(p.categories().size())));
    n.putNull("comment");
    n.put("summary", summary.toString());
    return n;
  }

  static <T> T pick(SplittableRandom r, List<T> list) {
    return list.get(r.nextInt(list.size()));
  }

  static Pools pools(Path daily) throws Exception {
    List<String> titles = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    List<String> authors = new ArrayList<>();
    List<JsonNode> categories = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(daily), 1 << 16),
                StandardCharsets.UTF_8))) {
      String line;
      long n = 0;
      while ((line = in.readLine()) != null) {
        JsonNode node = JSON.readTree(line);
        String title = node.path("title").asText("").replaceAll("\\s+", " ").trim();
        String summary = node.path("summary").asText("").replaceAll("\\s+", " ").trim();
        if (title.isEmpty() || summary.isEmpty()) {
          continue;
        }
        titles.add(title);
        // Every 4th record's sentences and authors keep the pools (and the heap) moderate.
        if (n++ % 4 == 0) {
          for (String s : summary.split("(?<=[.!?]) +")) {
            if (s.length() > 20) {
              sentences.add(s);
            }
          }
          node.path("authors").forEach(a -> authors.add(a.asText()));
        }
        categories.add(node.path("categories"));
      }
    }
    return new Pools(titles, sentences, authors, categories);
  }
}
