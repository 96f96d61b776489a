package org.paperboy.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Author;
import org.paperboy.paper.Json;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Organization;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * Reads a response of the Hugging Face {@code daily_papers} API: a JSON array of items, each {@code
 * {paper: {id, title, summary, authors[{name}], publishedAt, upvotes, submittedOnDailyAt?,
 * submittedOnDailyBy?, githubRepo?, githubStars?, projectPage?, ai_summary?, ai_keywords?}, title,
 * summary?, publishedAt, numComments, submittedBy?}}. The 2024 shape lacks the {@code
 * submittedOnDaily…} and AI fields; 2025 adds them; 2026 adds organizations. The array is read one
 * item at a time with Jackson's streaming parser, never whole.
 *
 * <p>Mapping: {@code paper.id} is the arXiv id (no version); {@code paper.title}, else the item's
 * title, unwrapped; {@code paper.summary} (else the item's) is the abstract; author names in order;
 * {@code paper.publishedAt} (else the item's) is {@code published}; {@code githubRepo} → code URL,
 * {@code githubStars} → code stars, {@code projectPage}, {@code ai_summary}, {@code ai_keywords};
 * {@code paper.organization} (else the item's) by {@code name} and {@code fullname}. Categories are
 * unknown. Each item is also a {@link Listing}: the day is {@code paper.submittedOnDailyAt} (its
 * UTC date), else the date in the file name; the position counts items of that day in file order
 * from 0; the submitter is {@code paper.submittedOnDailyBy} or the item's {@code submittedBy}, by
 * {@code fullname}, else {@code name}, else {@code user}; upvotes are {@code paper.upvotes} and
 * comments {@code numComments}. An item with no day at all is kept without a listing. An item
 * without an arXiv id or a title is rejected as "item N" (1-based).
 */
final class HfDailyPapersReader implements RecordReader {

  static final String SOURCE = "hf-daily";

  @Override
  public void read(InputStream in, Source source, RecordSink sink) throws IOException {
    BufferedInputStream buffered = InputStart.buffered(in);
    InputStart start = InputStart.peek(buffered);
    if (start.isBlank()) {
      return;
    }
    if (start.firstChar() != '[' || start.isBinary()) {
      throw new IOException(
          source.name()
              + " is not a Hugging Face daily-papers file (a JSON array of items): it starts with "
              + start.describe());
    }
    LocalDate fileDate = source.dateInName().orElse(null);
    Map<LocalDate, Integer> positions = new HashMap<>();
    int item = 0;
    int complete = 0;
    try (JsonParser parser = Json.MAPPER.createParser(buffered)) {
      parser.nextToken();
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
        if (t == null) {
          throw new IOException(source.name() + ": the array ends early, after item " + item);
        }
        item++;
        JsonNode node = parser.readValueAsTree();
        complete = item;
        if (item == 1 && !(node.isObject() && node.path("paper").isObject())) {
          throw new IOException(
              source.name()
                  + " is not a Hugging Face daily-papers file: item 1 is "
                  + (node.isObject()
                      ? "an object without \"paper\""
                      : "a " + node.getNodeType().toString().toLowerCase())
                  + ", not an item like {\"paper\": {\"id\": …}}");
        }
        PaperRecord record = map(node, "item " + item, fileDate, positions, sink);
        if (record != null) {
          sink.accept(record);
        }
      }
    } catch (JsonProcessingException e) {
      throw new IOException(
          source.name()
              + ": broken JSON after item "
              + complete
              + " (line "
              + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
              + "): "
              + JsonInput.describe(e),
          e);
    }
  }

  private static PaperRecord map(
      JsonNode item,
      String location,
      LocalDate fileDate,
      Map<LocalDate, Integer> positions,
      RecordSink sink) {
    if (!item.isObject() || !item.path("paper").isObject()) {
      sink.reject(location, "not a daily-paper item (no \"paper\" object)");
      return null;
    }
    JsonNode paper = item.get("paper");
    ArxivId id = JsonInput.arxivId(paper, "id", location, sink);
    if (id == null) {
      return null;
    }
    String title = JsonInput.title(either(paper, item, "title"), id, location, sink);
    if (title == null) {
      return null;
    }
    List<Author> authors = new ArrayList<>();
    JsonNode authorNodes = paper.path("authors");
    for (JsonNode a : authorNodes.isArray() ? authorNodes : List.<JsonNode>of()) {
      String name = a.isObject() ? JsonInput.line(a, "name") : null;
      if (name != null) {
        authors.add(Author.named(name));
      }
    }
    Integer upvotes = JsonInput.integer(paper, "upvotes");
    Integer comments = JsonInput.integer(item, "numComments");
    Paper p =
        Paper.builder(id.id(), title, SOURCE)
            .abstractText(
                LatexText.normalizeParagraphs(
                    LatexText.decodeAccents(either(paper, item, "summary"))))
            .authors(authors)
            .published(date(either(paper, item, "publishedAt")))
            .codeUrl(JsonInput.line(paper, "githubRepo"))
            .codeStars(JsonInput.integer(paper, "githubStars"))
            .projectPage(JsonInput.line(paper, "projectPage"))
            .aiSummary(JsonInput.line(paper, "ai_summary"))
            .aiKeywords(keywords(paper))
            .organization(organization(paper.path("organization"), item.path("organization")))
            .build();

    LocalDate day = date(JsonInput.text(paper, "submittedOnDailyAt"));
    if (day == null) {
      day = fileDate;
    }
    if (day == null) {
      return PaperRecord.of(p);
    }
    int position = positions.merge(day, 1, Integer::sum) - 1;
    Listing listing =
        new Listing(
            day,
            position,
            submitter(paper.path("submittedOnDailyBy"), item.path("submittedBy")),
            upvotes == null ? 0 : Math.max(0, upvotes),
            comments == null ? 0 : Math.max(0, comments));
    return new PaperRecord(p, listing);
  }

  /** The organization the paper or, failing that, the list item names, or null. */
  private static Organization organization(JsonNode paper, JsonNode item) {
    for (JsonNode org : List.of(paper, item)) {
      String name = org.isObject() ? JsonInput.line(org, "name") : null;
      if (name != null && !name.isBlank()) {
        return new Organization(name, JsonInput.line(org, "fullname"));
      }
    }
    return null;
  }

  private static String either(JsonNode paper, JsonNode item, String field) {
    String s = JsonInput.text(paper, field);
    return s != null && !s.isBlank() ? s : JsonInput.text(item, field);
  }

  private static List<String> keywords(JsonNode paper) {
    List<String> out = new ArrayList<>();
    for (String k : JsonInput.strings(paper, "ai_keywords")) {
      String clean = LatexText.normalizeSpace(k);
      if (!clean.isEmpty()) {
        out.add(clean);
      }
    }
    return out;
  }

  private static String submitter(JsonNode... candidates) {
    for (JsonNode who : candidates) {
      if (who.isObject()) {
        for (String field : new String[] {"fullname", "name", "user"}) {
          String name = JsonInput.line(who, field);
          if (name != null) {
            return name;
          }
        }
      }
    }
    return null;
  }

  /**
   * The UTC date of a timestamp such as {@code 2024-05-24T17:34:15.000Z}, or of a bare date; null
   * when absent or unreadable (a bad date costs the field, not the item).
   */
  private static LocalDate date(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String s = text.trim();
    try {
      return OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }
}
