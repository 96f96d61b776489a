package org.paperboy.web;

import java.io.StringWriter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An OPML 2.0 outline of feeds (http://opml.org/spec2.opml), the file feed readers import a list of
 * subscriptions from; written with the JDK's StAX writer, which escapes titles and URLs.
 */
final class Opml {

  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  /**
   * One feed.
   *
   * @param title what the reader sees
   * @param xmlUrl the feed's absolute URL
   * @param htmlUrl the page it is the feed of, absolute
   */
  record Outline(String title, String xmlUrl, String htmlUrl) {}

  private Opml() {}

  /**
   * The outlines as an OPML document titled {@code title}, owned by the page at {@code ownerUrl}.
   */
  static String write(String title, String ownerUrl, List<Outline> outlines) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = FACTORY.createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("opml");
      w.writeAttribute("version", "2.0");
      w.writeStartElement("head");
      w.writeStartElement("title");
      w.writeCharacters(FeedWriter.clean(title));
      w.writeEndElement();
      w.writeStartElement("ownerId");
      w.writeCharacters(FeedWriter.clean(ownerUrl));
      w.writeEndElement();
      w.writeEndElement();
      w.writeStartElement("body");
      for (Outline o : outlines) {
        w.writeEmptyElement("outline");
        w.writeAttribute("type", "rss");
        w.writeAttribute("text", FeedWriter.clean(o.title()));
        w.writeAttribute("title", FeedWriter.clean(o.title()));
        w.writeAttribute("xmlUrl", FeedWriter.clean(o.xmlUrl()));
        w.writeAttribute("htmlUrl", FeedWriter.clean(o.htmlUrl()));
      }
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
