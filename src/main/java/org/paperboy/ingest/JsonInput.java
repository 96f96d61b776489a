package org.paperboy.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Json;

/**
 * What the JSON readers share: the JSON Lines loop (one object per line, read line by line in
 * constant memory, a broken line rejected and the rest read) and lenient access to fields whose
 * type the source does not guarantee.
 */
final class JsonInput {

  /** Fails on {@code {…} {…}} in one line instead of silently reading only the first object. */
  private static final ObjectReader LINE =
      Json.MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final int MAX_REASON = 160;

  private JsonInput() {}

  /**
   * Maps one JSON object of a JSON Lines input to records, rejecting it through the sink if bad.
   */
  @FunctionalInterface
  interface LineHandler {
    void object(int line, JsonNode object);
  }

  /**
   * Reads JSON Lines and hands each object to {@code handler} with its 1-based line number. Blank
   * lines are skipped; a line that is not a JSON object is rejected. The input as a whole is refused
   * with an {@link IOException} when it does not start with {@code {}, or when its first object
   * fails {@code looksRight} (the file is of another kind).
   *
   * @param format the format's name for messages, e.g. "a Kaggle arXiv snapshot"
   * @param expected what {@code looksRight} checks, for the message, e.g. "fields id and abstract"
   */
  static void readLines(
      InputStream in,
      Source source,
      String format,
      Predicate<JsonNode> looksRight,
      String expected,
      RecordSink sink,
      LineHandler handler)
      throws IOException {
    BufferedInputStream buffered = InputStart.buffered(in);
    InputStart start = InputStart.peek(buffered);
    if (start.isBlank()) {
      return;
    }
    if (start.firstChar() != '{' || start.isBinary()) {
      throw new IOException(
          source.name()
              + " is not "
              + format
              + " file (JSON Lines, one object per line): it starts with "
              + start.describe());
    }
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(buffered, StandardCharsets.UTF_8), 1 << 16);
    boolean checked = false;
    int number = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      number++;
      if (number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isBlank()) {
        continue;
      }
      String location = "line " + number;
      JsonNode node;
      try {
        node = LINE.readTree(line);
      } catch (JsonProcessingException e) {
        sink.reject(location, "not valid JSON: " + describe(e));
        continue;
      }
      if (node == null || !node.isObject()) {
        sink.reject(location, "not a JSON object");
        continue;
      }
      if (!checked) {
        if (!looksRight.test(node)) {
          throw new IOException(
              source.name()
                  + " is not "
                  + format
                  + " file: "
                  + location
                  + " is a JSON object without "
                  + expected);
        }
        checked = true;
      }
      try {
        handler.object(number, node);
      } catch (IllegalArgumentException | DateTimeException e) {
        sink.reject(location, shorten(String.valueOf(e.getMessage())));
      }
    }
  }

  /** A Jackson error in a few words with its column, without Jackson's quote of the source. */
  static String describe(JsonProcessingException e) {
    JsonLocation where = e.getLocation();
    String message = shorten(String.valueOf(e.getOriginalMessage()));
    return where == null || where.getColumnNr() < 0
        ? message
        : message + " (column " + where.getColumnNr() + ")";
  }

  private static String shorten(String s) {
    String oneLine = LatexText.normalizeSpace(s);
    return oneLine.length() <= MAX_REASON ? oneLine : oneLine.substring(0, MAX_REASON) + "…";
  }

  /** A scalar field as text, or null when absent, null, or not a scalar. */
  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
  }

  /** A scalar field with its whitespace normalised, or null when that leaves nothing. */
  static String line(JsonNode node, String field) {
    String s = LatexText.normalizeSpace(text(node, field));
    return s == null || s.isEmpty() ? null : s;
  }

  /**
   * The arXiv id in {@code field}, or null after rejecting the record when it is missing or bad.
   */
  static ArxivId arxivId(JsonNode node, String field, String location, RecordSink sink) {
    String text = line(node, field);
    if (text == null) {
      sink.reject(location, "no " + field);
      return null;
    }
    ArxivId id = ArxivId.parse(text).orElse(null);
    if (id == null) {
      sink.reject(location, field + " '" + text + "' is not an arXiv id");
    }
    return id;
  }

  /** A title cleaned of LaTeX accents and extra space, or null after rejecting the record. */
  static String title(String raw, ArxivId id, String location, RecordSink sink) {
    String title = LatexText.normalizeSpace(LatexText.decodeAccents(raw));
    if (title == null || title.isEmpty()) {
      sink.reject(location, "paper " + id.id() + " has no title");
      return null;
    }
    return title;
  }

  /** An integer field (a JSON number or a numeric string), or null. */
  static Integer integer(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToInt()) {
      return v.intValue();
    }
    if (v.isTextual()) {
      try {
        return Integer.valueOf(v.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The scalar elements of an array field as text, skipping nulls; empty when not an array. */
  static List<String> strings(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode e : v) {
      if (e.isValueNode() && !e.isNull()) {
        out.add(e.asText());
      }
    }
    return out;
  }
}
