package org.paperboy.web;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.paperboy.mail.Html;

/**
 * Writes a {@link Feed} as Atom (RFC 4287) or RSS 2.0 with the JDK's StAX writer, which escapes
 * text and attributes; characters XML 1.0 cannot carry (control characters, lone surrogates) are
 * dropped first, so hostile or broken imported text still gives a well-formed feed.
 */
final class FeedWriter {

  static final String ATOM_NS = "http://www.w3.org/2005/Atom";
  static final String DC_NS = "http://purl.org/dc/elements/1.1/";
  static final String ATOM_TYPE = "application/atom+xml; charset=utf-8";
  static final String RSS_TYPE = "application/rss+xml; charset=utf-8";

  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  /**
   * A feed with absolute links.
   *
   * @param title the feed's title
   * @param subtitle one sentence about it
   * @param selfUrl the feed's own URL
   * @param pageUrl the web page with the same list
   * @param updated when the feed last changed
   * @param entries the entries, in the order to show
   */
  record Feed(
      String title,
      String subtitle,
      String selfUrl,
      String pageUrl,
      Instant updated,
      List<Entry> entries) {}

  /**
   * One paper in a feed.
   *
   * @param url the paper's page, also its permanent id
   * @param title the title (LaTeX kept)
   * @param summary the abstract
   * @param authors the authors' names
   * @param categories arXiv categories
   * @param published the paper's first publication, or null
   * @param updated when the entry last changed (the day it was listed)
   * @param arxivUrl the arXiv abstract page, or null
   * @param pdfUrl the PDF, or null
   */
  record Entry(
      String url,
      String title,
      String summary,
      List<String> authors,
      List<String> categories,
      Instant published,
      Instant updated,
      String arxivUrl,
      String pdfUrl) {}

  private FeedWriter() {}

  static String atom(Feed feed) {
    return write(
        w -> {
          w.writeStartElement("feed");
          w.writeDefaultNamespace(ATOM_NS);
          element(w, "id", feed.selfUrl());
          element(w, "title", feed.title());
          element(w, "subtitle", feed.subtitle());
          element(w, "updated", rfc3339(feed.updated()));
          link(w, "self", "application/atom+xml", feed.selfUrl(), null);
          link(w, "alternate", "text/html", feed.pageUrl(), null);
          w.writeStartElement("author");
          element(w, "name", "Paperboy");
          w.writeEndElement();
          element(w, "generator", "Paperboy");
          for (Entry e : feed.entries()) {
            w.writeStartElement("entry");
            element(w, "id", e.url());
            w.writeStartElement("title");
            w.writeAttribute("type", "text");
            w.writeCharacters(clean(e.title()));
            w.writeEndElement();
            link(w, "alternate", "text/html", e.url(), null);
            if (e.arxivUrl() != null) {
              link(w, "related", "text/html", e.arxivUrl(), "arXiv");
            }
            if (e.pdfUrl() != null) {
              link(w, "related", "application/pdf", e.pdfUrl(), "PDF");
            }
            if (e.published() != null) {
              element(w, "published", rfc3339(e.published()));
            }
            element(w, "updated", rfc3339(e.updated()));
            for (String name : e.authors()) {
              w.writeStartElement("author");
              element(w, "name", name);
              w.writeEndElement();
            }
            for (String category : e.categories()) {
              w.writeEmptyElement("category");
              w.writeAttribute("term", clean(category));
            }
            if (!e.summary().isBlank()) {
              w.writeStartElement("summary");
              w.writeAttribute("type", "text");
              w.writeCharacters(clean(e.summary()));
              w.writeEndElement();
            }
            w.writeEndElement();
          }
          w.writeEndElement();
        });
  }

  static String rss(Feed feed) {
    return write(
        w -> {
          w.writeStartElement("rss");
          w.writeAttribute("version", "2.0");
          w.writeNamespace("atom", ATOM_NS);
          w.writeNamespace("dc", DC_NS);
          w.writeStartElement("channel");
          element(w, "title", feed.title());
          element(w, "link", feed.pageUrl());
          htmlElement(w, "description", feed.subtitle());
          element(w, "language", "en");
          element(w, "lastBuildDate", rfc822(feed.updated()));
          element(w, "generator", "Paperboy");
          w.writeEmptyElement("atom", "link", ATOM_NS);
          w.writeAttribute("href", feed.selfUrl());
          w.writeAttribute("rel", "self");
          w.writeAttribute("type", "application/rss+xml");
          for (Entry e : feed.entries()) {
            w.writeStartElement("item");
            element(w, "title", e.title());
            element(w, "link", e.url());
            w.writeStartElement("guid");
            w.writeAttribute("isPermaLink", "true");
            w.writeCharacters(e.url());
            w.writeEndElement();
            if (!e.summary().isBlank()) {
              htmlElement(w, "description", e.summary());
            }
            element(w, "pubDate", rfc822(e.updated()));
            for (String name : e.authors()) {
              w.writeStartElement("dc", "creator", DC_NS);
              w.writeCharacters(clean(name));
              w.writeEndElement();
            }
            for (String category : e.categories()) {
              element(w, "category", category);
            }
            w.writeEndElement();
          }
          w.writeEndElement();
          w.writeEndElement();
        });
  }

  private interface Body {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = FACTORY.createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      body.write(w);
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  private static void element(XMLStreamWriter w, String name, String text)
      throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(clean(text));
    w.writeEndElement();
  }

  /**
   * An element whose content readers take as HTML (RSS's {@code description}): the text escaped as
   * HTML, then as XML by the writer, so that imported text such as {@code <img onerror=…>} reaches
   * the reader as the characters it is, never as markup.
   */
  private static void htmlElement(XMLStreamWriter w, String name, String text)
      throws XMLStreamException {
    element(w, name, Html.escape(clean(text)));
  }

  private static void link(XMLStreamWriter w, String rel, String type, String href, String title)
      throws XMLStreamException {
    w.writeEmptyElement("link");
    w.writeAttribute("rel", rel);
    w.writeAttribute("type", type);
    w.writeAttribute("href", clean(href));
    if (title != null) {
      w.writeAttribute("title", title);
    }
  }

  /** The text without the characters XML 1.0 forbids (§2.2): most controls, lone surrogates. */
  static String clean(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)) {
        ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        if (ok) {
          if (out != null) {
            out.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else if (Character.isLowSurrogate(c)) {
        ok = false;
      } else {
        ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
      }
      if (!ok && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      } else if (ok && out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  static String rfc3339(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  static String rfc822(Instant instant) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
  }
}
