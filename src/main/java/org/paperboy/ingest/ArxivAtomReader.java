package org.paperboy.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * Reads arXiv API responses ({@code export.arxiv.org/api/query}), which are Atom feeds.
 *
 * <p>The format: {@code <feed>} holds feed-level id, title, updated, links and {@code
 * opensearch:totalResults}, then one {@code <entry>} per paper: id (the abs URL with version, e.g.
 * {@code http://arxiv.org/abs/2510.14968v1}), published (v1) and updated (this version) as ISO
 * instants, title, summary, author/{name, arxiv:affiliation*}, links, {@code
 * arxiv:primary_category@term}, {@code category@term}*, and optionally arxiv:doi, arxiv:comment and
 * arxiv:journal_ref. Two layouts exist: the legacy one (namespaces declared on each element, {@code
 * rel="self"} link, summaries with hard line breaks) and the 2026 one (namespaces on the feed,
 * https links, other element order, one-line summaries).
 *
 * <p>Rules: elements are found by local name in any order; links are ignored. Id and version come
 * from the entry id via {@link ArxivId#parse}; dates are taken in UTC. Categories are the primary
 * one first, then the other terms, deduplicated, keeping only terms shaped like arXiv categories
 * (the API also lists MSC and ACM codes such as "53D10, 53D15" as categories). An entry titled
 * "Error" whose id is not a paper is arXiv reporting a bad query: it throws {@link ArxivException}
 * with the entry's summary. Other entries without a paper id or a title are rejected as "entry N
 * (id …)".
 */
final class ArxivAtomReader implements RecordReader {

  /** Source name of records read from the arXiv API. */
  static final String SOURCE = "arxiv-api";

  private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z-]*(\\.[A-Za-z][A-Za-z-]*)?");

  private final XMLInputFactory factory = ArxivXml.newFactory();
  private final StringBuilder buf = new StringBuilder(4096);

  /**
   * What a feed says besides its entries.
   *
   * @param totalResults how many results the query has in all (opensearch:totalResults), or null
   * @param entries the number of entries in this response
   */
  record Feed(Long totalResults, int entries) {}

  @Override
  public void read(InputStream in, Source source, RecordSink sink) throws IOException {
    readFeed(in, source, sink);
  }

  /**
   * Reads one API response, hands its papers to the sink and returns the feed's counts.
   *
   * @throws ArxivException when the feed is arXiv's error report
   * @throws IOException when the input is not an Atom feed or is cut off
   */
  Feed readFeed(InputStream in, Source source, RecordSink sink) throws IOException {
    XMLStreamReader r = ArxivXml.open(factory, in, source);
    try {
      boolean root = false;
      int entries = 0;
      Long total = null;
      while (r.hasNext()) {
        if (r.next() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        String name = r.getLocalName();
        if (!root) {
          if (!"feed".equals(name)) {
            throw new IOException(
                source.name() + " is not an Atom feed (its root is <" + name + ">)");
          }
          root = true;
          continue;
        }
        switch (name) {
          case "entry" -> readEntry(r, ++entries, sink);
          case "totalResults" -> total = number(ArxivXml.text(r, buf));
          default -> ArxivXml.skip(r);
        }
      }
      if (!root) {
        throw new IOException(source.name() + " is empty, not an Atom feed");
      }
      return new Feed(total, entries);
    } catch (XMLStreamException e) {
      throw ArxivXml.illFormed(source, e);
    } finally {
      ArxivXml.close(r);
    }
  }

  private void readEntry(XMLStreamReader r, int n, RecordSink sink)
      throws XMLStreamException, ArxivException {
    String idText = null;
    String title = null;
    String summary = null;
    String published = null;
    String updated = null;
    String doi = null;
    String comment = null;
    String journalRef = null;
    String primary = null;
    List<String> terms = new ArrayList<>();
    List<Author> authors = new ArrayList<>();
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
        case "id" -> idText = ArxivXml.text(r, buf);
        case "title" -> title = ArxivXml.text(r, buf);
        case "summary" -> summary = ArxivXml.text(r, buf);
        case "published" -> published = ArxivXml.text(r, buf);
        case "updated" -> updated = ArxivXml.text(r, buf);
        case "doi" -> doi = ArxivXml.text(r, buf);
        case "comment" -> comment = ArxivXml.text(r, buf);
        case "journal_ref" -> journalRef = ArxivXml.text(r, buf);
        case "author" -> {
          Author a = readAuthor(r);
          if (a != null) {
            authors.add(a);
          }
        }
        case "primary_category" -> {
          primary = r.getAttributeValue(null, "term");
          ArxivXml.skip(r);
        }
        case "category" -> {
          terms.add(r.getAttributeValue(null, "term"));
          ArxivXml.skip(r);
        }
        default -> ArxivXml.skip(r);
      }
    }

    Optional<ArxivId> id = ArxivId.parse(idText);
    if ("Error".equals(title) && id.isEmpty()) {
      // arXiv's error report: the id is http://arxiv.org/api/errors#<code>.
      String code =
          idText != null && idText.contains("#")
              ? idText.substring(idText.indexOf('#') + 1)
              : "error";
      throw new ArxivException(
          code, summary == null || summary.isEmpty() ? "(no message)" : summary);
    }
    String location =
        "entry " + n + (idText == null || idText.isEmpty() ? "" : " (id " + idText + ")");
    if (idText == null || idText.isEmpty()) {
      sink.reject(location, "no id");
      return;
    }
    if (id.isEmpty()) {
      sink.reject(location, "'" + idText + "' is not an arXiv abs URL or id");
      return;
    }
    if (title == null || title.isEmpty()) {
      sink.reject(location, "no title");
      return;
    }
    Set<String> categories = new LinkedHashSet<>();
    if (primary != null && CATEGORY.matcher(primary).matches()) {
      categories.add(primary);
    }
    for (String t : terms) {
      if (t != null && CATEGORY.matcher(t).matches()) {
        categories.add(t);
      }
    }
    try {
      sink.accept(
          PaperRecord.of(
              Paper.builder(id.get().id(), title, SOURCE)
                  .version(id.get().version())
                  .abstractText(summary)
                  .authors(authors)
                  .categories(List.copyOf(categories))
                  .published(date("published", published))
                  .updated(date("updated", updated))
                  .doi(ArxivXml.orNull(doi))
                  .comments(ArxivXml.orNull(comment))
                  .journalRef(ArxivXml.orNull(journalRef))
                  .build()));
    } catch (DateTimeParseException e) {
      sink.reject(location, e.getMessage());
    }
  }

  /** The author, or null when the element names nobody. */
  private Author readAuthor(XMLStreamReader r) throws XMLStreamException {
    String name = null;
    List<String> affiliations = new ArrayList<>(1);
    int depth = 1;
    while (depth > 0) {
      int event = r.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        switch (r.getLocalName()) {
          case "name" -> name = ArxivXml.text(r, buf);
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
    if (name == null || name.isEmpty()) {
      return null;
    }
    return new Author(name, affiliations.isEmpty() ? null : String.join("; ", affiliations));
  }

  private static LocalDate date(String field, String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
    } catch (DateTimeParseException e) {
      throw new DateTimeParseException(
          field + " '" + text + "' is not an ISO instant like 2025-10-16T17:59:37Z", text, 0);
    }
  }

  private static Long number(String text) {
    try {
      return Long.valueOf(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
