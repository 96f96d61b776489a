package org.paperboy.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Author;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * Reads arXiv OAI-PMH responses ({@code ListRecords} and {@code GetRecord}) in the {@code arXiv}
 * and {@code arXivRaw} metadata formats.
 *
 * <p>The format: the root {@code <OAI-PMH>} holds {@code <responseDate>}, {@code <request>}, then
 * either {@code <error code="…">} elements or the verb element with {@code <record>}s and, in a
 * list, a {@code <resumptionToken cursor="…" completeListSize="…">} that is empty on the last page.
 * A record has a {@code <header>} (identifier {@code oai:arXiv.org:<id>}, datestamp, setSpecs, and
 * {@code status="deleted"} once arXiv withdrew it) and a {@code <metadata>} element with one of:
 *
 * <ul>
 *   <li>{@code <arXiv>}: id, created and updated (yyyy-mm-dd), authors/author/{keyname, forenames,
 *       suffix, affiliation*}, title, categories (space separated, primary first), comments,
 *       journal-ref, doi, license, abstract. It names no version.
 *   <li>{@code <arXivRaw>}: id, submitter, one version[@version="vN"]/{date, size, source_type} per
 *       version with RFC 822 dates ("Mon, 14 Apr 2008 21:02:00 GMT"), title, authors as one string
 *       ("A, B (MIT) and C"), categories, comments, journal-ref, doi, license, abstract.
 * </ul>
 *
 * <p>Rules: elements are found by local name wherever they stand in their parent, never by
 * position. Text is whitespace-collapsed (arXiv wraps lines; the arXivRaw samples were even
 * re-indented). arXiv format: published = created, updated = updated, version 0 (unknown).
 * arXivRaw: version = the highest vN, published = the date of the lowest (v1), updated = the date
 * of the highest. A deleted record is skipped with reason {@value #DELETED}; a record without an
 * arXiv id or a title, or with a date that does not parse, is rejected as "record N (id …)". {@code
 * <error code="noRecordsMatch">} is an empty page; any other error throws {@link ArxivException}.
 * Built with {@link Announcements}, a record announced as new on its datestamp also gets that day's
 * list entry.
 */
final class OaiPmhReader implements RecordReader {

  /** Source name of records read from the {@code arXiv} metadata format. */
  static final String SOURCE_ARXIV = "oai-arXiv";

  /** Source name of records read from the {@code arXivRaw} metadata format. */
  static final String SOURCE_RAW = "oai-arXivRaw";

  /** The reason given for records arXiv reports as deleted. */
  static final String DELETED = "deleted upstream";

  private static final Pattern VERSION = Pattern.compile("v?(\\d{1,4})");
  private static final Pattern FOOTNOTE =
      Pattern.compile("\\((\\w{1,3})\\)\\s*([^()]*?)[\\s,;]*(?=\\(\\w{1,3}\\)|$)");
  private static final Pattern NUMBER_REFS = Pattern.compile("\\w{1,3}(\\s*,\\s*\\w{1,3})*");
  private static final Pattern NAME_SUFFIX = Pattern.compile("(?i)(jr|sr|ii|iii|iv)\\.?");

  private enum Format {
    ARXIV,
    RAW
  }

  private final XMLInputFactory factory = ArxivXml.newFactory();
  private final StringBuilder buf = new StringBuilder(4096);
  private final Announcements announcements;

  /** A reader of records only (no list entries), for imports. */
  OaiPmhReader() {
    this(null);
  }

  /**
   * A reader that also lists each record announced as new on its datestamp's list, when {@code
   * announcements} is not null.
   */
  OaiPmhReader(Announcements announcements) {
    this.announcements = announcements;
  }

  @Override
  public void read(InputStream in, Source source, RecordSink sink) throws IOException {
    readPage(in, source, sink);
  }

  /**
   * Reads one response, hands its records to the sink and returns what the page says about the list
   * it belongs to.
   *
   * @throws ArxivException when the response is an OAI-PMH error other than noRecordsMatch
   * @throws IOException when the input is not an OAI-PMH response or is cut off
   */
  OaiPage readPage(InputStream in, Source source, RecordSink sink) throws IOException {
    XMLStreamReader r = ArxivXml.open(factory, in, source);
    try {
      boolean root = false;
      int records = 0;
      String token = null;
      Long size = null;
      Long cursor = null;
      Instant responseDate = null;
      while (r.hasNext()) {
        if (r.next() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        String name = r.getLocalName();
        if (!root) {
          if (!"OAI-PMH".equals(name)) {
            throw new IOException(
                source.name() + " is not an OAI-PMH response (its root is <" + name + ">)");
          }
          root = true;
          continue;
        }
        switch (name) {
          case "ListRecords", "GetRecord" -> {}
          case "record" -> readRecord(r, ++records, sink);
          case "responseDate" -> responseDate = instant(ArxivXml.text(r, buf));
          case "resumptionToken" -> {
            size = number(r.getAttributeValue(null, "completeListSize"));
            cursor = number(r.getAttributeValue(null, "cursor"));
            token = ArxivXml.orNull(ArxivXml.text(r, buf));
          }
          case "error" -> {
            String code = Optional.ofNullable(r.getAttributeValue(null, "code")).orElse("error");
            String message = ArxivXml.text(r, buf);
            if (!"noRecordsMatch".equals(code)) {
              throw new ArxivException(code, message.isEmpty() ? "(no message)" : message);
            }
          }
          default -> ArxivXml.skip(r);
        }
      }
      if (!root) {
        throw new IOException(source.name() + " is empty, not an OAI-PMH response");
      }
      return new OaiPage(token, size, cursor, responseDate, records);
    } catch (XMLStreamException e) {
      throw ArxivXml.illFormed(source, e);
    } finally {
      ArxivXml.close(r);
    }
  }

  /** The fields of one record as they turn up, in whatever order. */
  private static final class Fields {
    Format format;
    boolean deleted;
    String identifier;
    String datestamp;
    String id;
    String title;
    String abstractText;
    String categories;
    String comments;
    String journalRef;
    String doi;
    String license;
    String created;
    String updated;
    String authorText;
    final List<Author> authors = new ArrayList<>();
    int lowestVersion = Integer.MAX_VALUE;
    String lowestDate;
    int highestVersion;
    String highestDate;
    String problem;
  }

  private void readRecord(XMLStreamReader r, int n, RecordSink sink) throws XMLStreamException {
    Fields f = new Fields();
    int depth = 1;
    while (depth > 0) {
      int event = r.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
        continue;
      }
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      switch (r.getLocalName()) {
        case "header" -> {
          f.deleted = "deleted".equals(r.getAttributeValue(null, "status"));
          depth++;
        }
        case "metadata" -> depth++;
        case "arXiv" -> {
          f.format = Format.ARXIV;
          depth++;
        }
        case "arXivRaw" -> {
          f.format = Format.RAW;
          depth++;
        }
        case "identifier" -> f.identifier = ArxivXml.text(r, buf);
        case "datestamp" -> f.datestamp = ArxivXml.text(r, buf);
        case "id" -> f.id = ArxivXml.text(r, buf);
        case "title" -> f.title = ArxivXml.text(r, buf);
        case "abstract" -> f.abstractText = ArxivXml.text(r, buf);
        case "categories" -> f.categories = ArxivXml.text(r, buf);
        case "comments" -> f.comments = ArxivXml.text(r, buf);
        case "journal-ref" -> f.journalRef = ArxivXml.text(r, buf);
        case "doi" -> f.doi = ArxivXml.text(r, buf);
        case "license" -> f.license = ArxivXml.text(r, buf);
        case "created" -> f.created = ArxivXml.text(r, buf);
        case "updated" -> f.updated = ArxivXml.text(r, buf);
        case "authors" -> {
          if (f.format == Format.RAW) {
            f.authorText = ArxivXml.text(r, buf);
          } else {
            depth++; // arXiv format: <author> children follow
          }
        }
        case "author" -> {
          Author a = readAuthor(r);
          if (a != null) {
            f.authors.add(a);
          }
        }
        case "version" -> readVersion(r, f);
        default -> ArxivXml.skip(r);
      }
    }
    emit(f, n, sink);
  }

  /** The author, or null when the element names nobody. */
  private Author readAuthor(XMLStreamReader r) throws XMLStreamException {
    String keyname = null;
    String forenames = null;
    String suffix = null;
    List<String> affiliations = new ArrayList<>(1);
    int depth = 1;
    while (depth > 0) {
      int event = r.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        switch (r.getLocalName()) {
          case "keyname" -> keyname = ArxivXml.text(r, buf);
          case "forenames" -> forenames = ArxivXml.text(r, buf);
          case "suffix" -> suffix = ArxivXml.text(r, buf);
          case "affiliation" -> {
            String a = ArxivXml.text(r, buf);
            if (!a.isEmpty()) {
              affiliations.add(a);
            }
          }
          default -> ArxivXml.skip(r);
        }
      }
    }
    StringBuilder name = new StringBuilder();
    for (String part : new String[] {forenames, keyname, suffix}) {
      if (part != null && !part.isEmpty()) {
        if (name.length() > 0) {
          name.append(' ');
        }
        name.append(part);
      }
    }
    if (name.length() == 0) {
      return null;
    }
    return new Author(
        name.toString(), affiliations.isEmpty() ? null : String.join("; ", affiliations));
  }

  private void readVersion(XMLStreamReader r, Fields f) throws XMLStreamException {
    String label = r.getAttributeValue(null, "version");
    String date = null;
    int depth = 1;
    while (depth > 0) {
      int event = r.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        if ("date".equals(r.getLocalName())) {
          date = ArxivXml.text(r, buf);
        } else {
          ArxivXml.skip(r);
        }
      }
    }
    Matcher m = label == null ? null : VERSION.matcher(label.trim());
    if (m == null || !m.matches()) {
      f.problem = "version label '" + label + "' is not like v1";
      return;
    }
    int v = Integer.parseInt(m.group(1));
    if (v < f.lowestVersion) {
      f.lowestVersion = v;
      f.lowestDate = date;
    }
    if (v > f.highestVersion) {
      f.highestVersion = v;
      f.highestDate = date;
    }
  }

  private void emit(Fields f, int n, RecordSink sink) {
    String idText = ArxivXml.orNull(f.id);
    if (idText == null && f.identifier != null) {
      // Header identifiers are oai:arXiv.org:<id>; old-style ids contain '/', never ':'.
      idText = ArxivXml.orNull(f.identifier.substring(f.identifier.lastIndexOf(':') + 1));
    }
    String location = "record " + n + (idText == null ? "" : " (id " + idText + ")");
    if (f.deleted) {
      sink.reject(location, DELETED);
      return;
    }
    if (f.format == null) {
      sink.reject(location, "no metadata in the arXiv or arXivRaw format");
      return;
    }
    if (idText == null) {
      sink.reject(location, "no arXiv id");
      return;
    }
    Optional<ArxivId> id = ArxivId.parse(idText);
    if (id.isEmpty()) {
      sink.reject(location, "'" + idText + "' is not an arXiv id");
      return;
    }
    if (f.title == null || f.title.isEmpty()) {
      sink.reject(location, "no title");
      return;
    }
    if (f.problem != null) {
      sink.reject(location, f.problem);
      return;
    }
    Paper.Builder paper;
    try {
      if (f.format == Format.ARXIV) {
        paper =
            Paper.builder(id.get().id(), f.title, SOURCE_ARXIV)
                .version(id.get().version())
                .authors(f.authors)
                .published(isoDate("created", f.created))
                .updated(isoDate("updated", f.updated));
      } else {
        paper =
            Paper.builder(id.get().id(), f.title, SOURCE_RAW)
                .version(Math.max(id.get().version(), f.highestVersion))
                .authors(f.authorText == null ? List.of() : splitAuthors(f.authorText))
                .published(f.highestVersion == 0 ? null : rfc822Date(f.lowestDate))
                .updated(f.highestVersion == 0 ? null : rfc822Date(f.highestDate));
      }
    } catch (DateTimeParseException e) {
      sink.reject(location, e.getMessage());
      return;
    }
    Paper p =
        paper
            .abstractText(f.abstractText)
            .categories(splitCategories(f.categories))
            .comments(ArxivXml.orNull(f.comments))
            .journalRef(ArxivXml.orNull(f.journalRef))
            .doi(ArxivXml.orNull(f.doi))
            .license(ArxivXml.orNull(f.license))
            .build();
    Listing listing = null;
    if (announcements != null) {
      boolean firstVersion = f.format == Format.ARXIV ? f.updated == null : f.highestVersion == 1;
      listing = announcements.listing(p, datestamp(f.datestamp), firstVersion);
    }
    sink.accept(new PaperRecord(p, listing));
  }

  /** The day of a header datestamp ({@code 2016-03-08}, or with a time), or null. */
  private static LocalDate datestamp(String text) {
    if (text == null || text.length() < 10) {
      return null;
    }
    try {
      return LocalDate.parse(text.substring(0, 10));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static List<String> splitCategories(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    Set<String> unique = new LinkedHashSet<>(List.of(text.split(" ")));
    return List.copyOf(unique);
  }

  private static LocalDate isoDate(String field, String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new DateTimeParseException(
          field + " date '" + text + "' is not a yyyy-mm-dd date", text, 0);
    }
  }

  private static LocalDate rfc822Date(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    // The weekday is redundant and RFC_1123 would reject a wrong one; drop it.
    int comma = text.indexOf(',');
    String s = comma >= 0 && comma <= 4 ? text.substring(comma + 1).trim() : text;
    try {
      return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME)
          .withZoneSameInstant(ZoneOffset.UTC)
          .toLocalDate();
    } catch (DateTimeParseException e) {
      throw new DateTimeParseException(
          "version date '" + text + "' is not like 'Mon, 14 Apr 2008 21:02:00 GMT'", text, 0);
    }
  }

  /**
   * Splits an arXivRaw author string into authors. Names are separated by commas and " and "
   * outside parentheses; a parenthesised group after a name is its affiliation; arXiv's numbered
   * form "A (1,2), B (2) ((1) MIT, (2) CMU)" is resolved to the named affiliations; a lone "Jr."
   * joins the name before it.
   */
  static List<Author> splitAuthors(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0 && (c == ',' || c == ';')) {
        parts.add(text.substring(start, i));
        start = i + 1;
      } else if (depth == 0 && c == ' ' && text.startsWith(" and ", i)) {
        parts.add(text.substring(start, i));
        start = i + 5;
        i += 4;
      }
    }
    parts.add(text.substring(start));

    List<String> names = new ArrayList<>();
    List<String> affiliations = new ArrayList<>();
    Map<String, String> footnotes = new LinkedHashMap<>();
    for (String part : parts) {
      String name = splitGroups(part.trim(), affiliations, footnotes);
      if (name.isEmpty()) {
        continue;
      }
      if (NAME_SUFFIX.matcher(name).matches() && !names.isEmpty()) {
        int last = names.size() - 1;
        names.set(last, names.get(last) + " " + name);
        String own = affiliations.remove(affiliations.size() - 1);
        if (own != null) {
          affiliations.set(last, own);
        }
        continue;
      }
      names.add(name);
    }
    List<Author> authors = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      authors.add(new Author(names.get(i), resolve(affiliations.get(i), footnotes)));
    }
    return authors;
  }

  /**
   * Returns the name outside parentheses; adds the name's affiliation (or null) to {@code
   * affiliations}, and footnote lists "((1) MIT, (2) CMU)" to {@code footnotes}.
   */
  private static String splitGroups(
      String part, List<String> affiliations, Map<String, String> footnotes) {
    StringBuilder name = new StringBuilder();
    List<String> groups = new ArrayList<>();
    int depth = 0;
    int groupStart = -1;
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '(') {
        if (depth++ == 0) {
          groupStart = i + 1;
        }
      } else if (c == ')' && depth > 0) {
        if (--depth == 0) {
          groups.add(part.substring(groupStart, i).trim());
        }
      } else if (depth == 0) {
        name.append(c);
      }
    }
    if (depth > 0) {
      groups.add(part.substring(groupStart).trim()); // unbalanced: take the rest
    }
    List<String> own = new ArrayList<>();
    for (String g : groups) {
      if (g.startsWith("(")) {
        Matcher m = FOOTNOTE.matcher(g);
        while (m.find()) {
          footnotes.put(m.group(1), m.group(2).trim());
        }
      } else if (!g.isEmpty()) {
        own.add(g);
      }
    }
    String n = name.toString().trim().replaceAll("\\s+", " ");
    if (!n.isEmpty()) {
      affiliations.add(own.isEmpty() ? null : String.join("; ", own));
    }
    return n;
  }

  private static String resolve(String affiliation, Map<String, String> footnotes) {
    if (affiliation == null || footnotes.isEmpty() || !NUMBER_REFS.matcher(affiliation).matches()) {
      return affiliation;
    }
    List<String> named = new ArrayList<>();
    for (String ref : affiliation.split("\\s*,\\s*")) {
      String a = footnotes.get(ref);
      if (a == null) {
        return affiliation;
      }
      named.add(a);
    }
    return String.join("; ", named);
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null; // only informative; a page is still usable without it
    }
  }

  private static Long number(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Long.valueOf(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
