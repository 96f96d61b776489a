package org.paperboy.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * Reads the daily arXiv listings crawled by the "daily-arXiv-ai-enhanced" action: JSON Lines with
 * {@code id, pdf, abs, authors[], title, categories[], comment, summary}, one file per crawl day,
 * or many days concatenated into one file with a side file {@code <name>.manifest.csv} ({@code
 * source_file, crawl_date, first_line, line_count, bytes, sha1}, lines 1-based).
 *
 * <p>Mapping: the lines carry no date, so the crawl date of each line (from the manifest next to
 * the file when there is one, else the single date in the file name) becomes {@code published}: it
 * is the day arXiv announced the paper, and the catalog keeps the earliest date it sees. A
 * concatenated file without its manifest gives no dates rather than a wrong one. Categories keep
 * their order (primary first) but lose entries that are not arXiv category codes (the crawler also
 * picks up ACM and MSC classes such as "I.2.7" or "68T50"). The summary keeps its paragraphs,
 * titles are unwrapped, and LaTeX accents become Unicode. Papers re-listed on later days appear
 * again; every line is emitted and the catalog merges them. A broken line is rejected as "line N".
 */
final class DailyArxivJsonlReader implements RecordReader {

  static final String SOURCE = "arxiv-daily";

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** arXiv archives, current and retired, that category codes start with. */
  private static final Set<String> ARCHIVES =
      Set.of(
          "astro-ph",
          "cond-mat",
          "cs",
          "econ",
          "eess",
          "gr-qc",
          "hep-ex",
          "hep-lat",
          "hep-ph",
          "hep-th",
          "math",
          "math-ph",
          "nlin",
          "nucl-ex",
          "nucl-th",
          "physics",
          "q-bio",
          "q-fin",
          "quant-ph",
          "stat",
          "acc-phys",
          "adap-org",
          "alg-geom",
          "ao-sci",
          "atom-ph",
          "bayes-an",
          "chao-dyn",
          "chem-ph",
          "cmp-lg",
          "comp-gas",
          "dg-ga",
          "funct-an",
          "mtrl-th",
          "patt-sol",
          "plasm-ph",
          "q-alg",
          "solv-int",
          "supr-con");

  private static final Pattern CATEGORY =
      Pattern.compile("([a-z]+(?:-[a-z]+)?)(?:\\.[A-Za-z]+(?:-[a-z]+)?)?");

  /** A run of lines crawled on one day, as the manifest lists it. */
  private record Day(LocalDate date, long firstLine, long lineCount) {
    boolean contains(long line) {
      return line >= firstLine && line < firstLine + lineCount;
    }
  }

  @Override
  public void read(InputStream in, Source source, RecordSink sink) throws IOException {
    List<Day> days = manifestFor(source);
    LocalDate fileDate = days == null ? singleDateInName(source) : null;
    int[] cursor = {0};
    JsonInput.readLines(
        in,
        source,
        "a daily arXiv listing",
        node -> node.has("id") && node.has("summary"),
        "the fields \"id\" and \"summary\"",
        sink,
        (line, node) -> {
          LocalDate date = days == null ? fileDate : dayOf(days, line, cursor);
          PaperRecord record = map(node, date, "line " + line, sink);
          if (record != null) {
            sink.accept(record);
          }
        });
  }

  private static PaperRecord map(JsonNode node, LocalDate date, String location, RecordSink sink) {
    ArxivId id = JsonInput.arxivId(node, "id", location, sink);
    if (id == null) {
      return null;
    }
    String title = JsonInput.title(JsonInput.text(node, "title"), id, location, sink);
    if (title == null) {
      return null;
    }
    List<Author> authors = new ArrayList<>();
    for (String name : JsonInput.strings(node, "authors")) {
      String clean = LatexText.normalizeSpace(LatexText.decodeAccents(name));
      if (!clean.isEmpty()) {
        authors.add(Author.named(clean));
      }
    }
    List<String> categories = new ArrayList<>();
    for (String category : JsonInput.strings(node, "categories")) {
      String code = category.trim();
      if (isArxivCategory(code) && !categories.contains(code)) {
        categories.add(code);
      }
    }
    Paper paper =
        Paper.builder(id.id(), title, SOURCE)
            .version(id.version())
            .abstractText(
                LatexText.normalizeParagraphs(
                    LatexText.decodeAccents(JsonInput.text(node, "summary"))))
            .authors(authors)
            .categories(categories)
            .published(date)
            .comments(JsonInput.line(node, "comment"))
            .build();
    return PaperRecord.of(paper);
  }

  /** Whether {@code code} is an arXiv category such as {@code cs.CV}, {@code hep-th}. */
  static boolean isArxivCategory(String code) {
    Matcher m = CATEGORY.matcher(code);
    return m.matches() && ARCHIVES.contains(m.group(1));
  }

  /** The crawl day of a line; lines come in order, so the cursor only moves forward. */
  private static LocalDate dayOf(List<Day> days, long line, int[] cursor) {
    while (cursor[0] < days.size()
        && days.get(cursor[0]).firstLine() + days.get(cursor[0]).lineCount() <= line) {
      cursor[0]++;
    }
    return cursor[0] < days.size() && days.get(cursor[0]).contains(line)
        ? days.get(cursor[0]).date()
        : null;
  }

  /** The date in the file name when it holds exactly one (a range such as "a_to_b" gives none). */
  private static LocalDate singleDateInName(Source source) {
    Matcher m = DATE.matcher(source.name());
    int count = 0;
    while (m.find()) {
      count++;
    }
    return count == 1 ? source.dateInName().orElse(null) : null;
  }

  /** The manifest's days, sorted by first line, or null when the file has no manifest. */
  private static List<Day> manifestFor(Source source) throws IOException {
    if (source.path() == null) {
      return null;
    }
    String name = source.path().getFileName().toString();
    String base =
        name.endsWith(".jsonl.gz")
            ? name.substring(0, name.length() - ".jsonl.gz".length())
            : name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : null;
    if (base == null) {
      return null;
    }
    Path manifest = source.path().resolveSibling(base + ".manifest.csv");
    return Files.isRegularFile(manifest) ? readManifest(manifest) : null;
  }

  /** Reads a manifest; a malformed one fails the import, since every date would be suspect. */
  private static List<Day> readManifest(Path manifest) throws IOException {
    List<Day> days = new ArrayList<>();
    try (BufferedReader lines = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
      String header = lines.readLine();
      List<String> columns = header == null ? List.of() : Arrays.asList(header.trim().split(","));
      int dateColumn = columns.indexOf("crawl_date");
      int firstColumn = columns.indexOf("first_line");
      int countColumn = columns.indexOf("line_count");
      if (dateColumn < 0 || firstColumn < 0 || countColumn < 0) {
        throw new IOException(
            manifest
                + ": not a daily arXiv manifest (needs columns crawl_date, first_line,"
                + " line_count; header is '"
                + header
                + "')");
      }
      int number = 1;
      for (String row = lines.readLine(); row != null; row = lines.readLine()) {
        number++;
        if (row.isBlank()) {
          continue;
        }
        String[] cells = row.split(",", -1);
        try {
          days.add(
              new Day(
                  LocalDate.parse(cells[dateColumn].trim()),
                  Long.parseLong(cells[firstColumn].trim()),
                  Long.parseLong(cells[countColumn].trim())));
        } catch (ArrayIndexOutOfBoundsException
            | DateTimeParseException
            | NumberFormatException e) {
          throw new IOException(manifest + " line " + number + ": cannot read '" + row + "'", e);
        }
      }
    }
    days.sort(Comparator.comparingLong(Day::firstLine));
    return days;
  }
}
