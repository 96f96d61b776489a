package org.paperboy.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.paperboy.ingest.JsonInput.LineHandler;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * Reads the Kaggle "Cornell-University/arxiv" dump, {@code arxiv-metadata-oai-snapshot.json}: JSON
 * Lines, one paper per line, with {@code id, submitter, authors, title, comments, journal-ref, doi,
 * report-no, categories, license, abstract, versions, update_date, authors_parsed}.
 *
 * <p>Mapping: {@code id} (new style {@code 0704.0001} or old style {@code hep-th/9901001}) is the
 * arXiv id. {@code versions} is a list of {@code {version: "v2", created: "Tue, 24 Jul 2007
 * 20:10:27 GMT"}}: the highest number is the version, the date of the lowest is {@code published}
 * and the date of the highest is {@code updated}; {@code update_date} (when the metadata last
 * changed) stands in for {@code updated} only when no version has a date. Authors come from {@code
 * authors_parsed} ({@code [last, first, suffix, affiliation?]} → "first last suffix"), or, when it
 * is missing, from splitting the {@code authors} string at commas and "and", with a parenthesised
 * affiliation kept. LaTeX accents are decoded to Unicode in names, titles and abstracts; math stays
 * as written. Titles and abstracts are unwrapped (the dump keeps arXiv's hard line breaks; an
 * abstract keeps its paragraphs). {@code categories} is space separated, primary first. A line
 * without a usable id or title is rejected with its line number.
 */
final class KaggleSnapshotReader implements RecordReader {

  static final String SOURCE = "kaggle";

  /** "Mon, 2 Apr 2007 19:18:42 GMT" without the weekday, which is not checked against the date. */
  private static final DateTimeFormatter CREATED =
      DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss z", Locale.ENGLISH);

  /** Affiliation slots that only hold footnote numbers such as "1 and 2". */
  private static final Pattern FOOTNOTE = Pattern.compile("[\\d\\s,;&*]*(?:and[\\d\\s,;&*]*)*");

  @Override
  public void read(InputStream in, Source source, RecordSink sink) throws IOException {
    LineHandler handler =
        (line, node) -> {
          PaperRecord record = map(node, "line " + line, sink);
          if (record != null) {
            sink.accept(record);
          }
        };
    JsonInput.readLines(
        in,
        source,
        "a Kaggle arXiv snapshot",
        node -> node.has("id") && (node.has("abstract") || node.has("versions")),
        "the fields \"id\" and \"abstract\" or \"versions\"",
        sink,
        handler);
  }

  private static PaperRecord map(JsonNode node, String location, RecordSink sink) {
    ArxivId id = JsonInput.arxivId(node, "id", location, sink);
    if (id == null) {
      return null;
    }
    String title = JsonInput.title(JsonInput.text(node, "title"), id, location, sink);
    if (title == null) {
      return null;
    }

    int version = id.version();
    LocalDate published = null;
    LocalDate updated = null;
    int lowest = Integer.MAX_VALUE;
    JsonNode versions = node.path("versions");
    for (JsonNode v : versions.isArray() ? versions : List.<JsonNode>of()) {
      int number = versionNumber(JsonInput.text(v, "version"));
      if (number <= 0) {
        continue;
      }
      LocalDate created = created(JsonInput.text(v, "created"));
      if (number < lowest) {
        lowest = number;
        published = created;
      }
      if (number >= version) {
        version = number;
        updated = created;
      }
    }
    if (updated == null) {
      updated = isoDate(JsonInput.text(node, "update_date"));
    }

    String abstractText =
        LatexText.normalizeParagraphs(LatexText.decodeAccents(JsonInput.text(node, "abstract")));
    String categories = JsonInput.line(node, "categories");
    Paper paper =
        Paper.builder(id.id(), title, SOURCE)
            .version(version)
            .abstractText(abstractText)
            .authors(authors(node))
            .categories(categories == null ? List.of() : Arrays.asList(categories.split(" ")))
            .published(published)
            .updated(updated)
            .doi(JsonInput.line(node, "doi"))
            .journalRef(JsonInput.line(node, "journal-ref"))
            .comments(JsonInput.line(node, "comments"))
            .license(JsonInput.line(node, "license"))
            .build();
    return PaperRecord.of(paper);
  }

  private static int versionNumber(String text) {
    if (text == null || text.length() < 2 || text.length() > 7 || (text.charAt(0) | 0x20) != 'v') {
      return 0;
    }
    for (int i = 1; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return 0;
      }
    }
    return Integer.parseInt(text.substring(1));
  }

  /** The date of a version's "created" stamp, or null when it cannot be read. */
  private static LocalDate created(String text) {
    if (text == null) {
      return null;
    }
    String s = text.trim();
    int comma = s.indexOf(',');
    if (comma >= 0) {
      s = s.substring(comma + 1).trim();
    }
    try {
      return LocalDate.parse(s, CREATED);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static LocalDate isoDate(String text) {
    try {
      return text == null ? null : LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static List<Author> authors(JsonNode node) {
    List<Author> out = new ArrayList<>();
    JsonNode parsed = node.path("authors_parsed");
    if (parsed.isArray()) {
      for (JsonNode parts : parsed) {
        if (!parts.isArray()) {
          continue;
        }
        String last = part(parts, 0);
        String first = part(parts, 1);
        String suffix = part(parts, 2);
        // arXiv's parser splits hyphenated initials, "C.-P." becomes "C. -P.".
        first = first.replace(". -", ".-");
        String name = LatexText.normalizeSpace(first + " " + last + " " + suffix);
        if (!name.isEmpty()) {
          out.add(new Author(name, affiliation(part(parts, 3))));
        }
      }
    }
    if (out.isEmpty()) {
      out.addAll(splitAuthors(JsonInput.text(node, "authors")));
    }
    return out;
  }

  private static String part(JsonNode parts, int index) {
    JsonNode v = parts.get(index);
    return v == null || !v.isValueNode() || v.isNull()
        ? ""
        : LatexText.normalizeSpace(LatexText.decodeAccents(v.asText()));
  }

  private static String affiliation(String text) {
    if (text == null
        || text.isEmpty()
        || text.startsWith("(")
        || FOOTNOTE.matcher(text).matches()) {
      return null;
    }
    return text;
  }

  /**
   * Splits an arXiv authors string such as {@code "A. One (MIT), B. Two and C. Three ((1) X, (2)
   * Y)"} at top-level commas, semicolons and "and"; the first parenthesised group after a name that
   * is not a footnote marker becomes its affiliation.
   */
  private static List<Author> splitAuthors(String text) {
    List<Author> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    String s = LatexText.normalizeSpace(LatexText.decodeAccents(text));
    StringBuilder name = new StringBuilder();
    StringBuilder group = new StringBuilder();
    String affiliation = null;
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        if (depth > 0) {
          group.append(c);
        }
        depth++;
      } else if (c == ')' && depth > 0) {
        depth--;
        if (depth == 0) {
          if (affiliation == null) {
            affiliation = affiliation(group.toString().trim());
          }
          group.setLength(0);
        } else {
          group.append(c);
        }
      } else if (depth > 0) {
        group.append(c);
      } else if (c == ',' || c == ';' || s.startsWith(" and ", i)) {
        addAuthor(out, name, affiliation);
        name.setLength(0);
        affiliation = null;
        if (c == ' ') {
          i += 4;
        }
      } else {
        name.append(c);
      }
    }
    addAuthor(out, name, affiliation);
    return out;
  }

  private static void addAuthor(List<Author> out, CharSequence text, String affiliation) {
    String name = LatexText.normalizeSpace(text.toString());
    if (name.startsWith("and ")) {
      name = name.substring(4).trim();
    }
    if (!name.isEmpty()) {
      out.add(new Author(name, affiliation));
    }
  }
}
