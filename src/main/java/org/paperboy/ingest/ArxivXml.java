package org.paperboy.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX plumbing shared by the two arXiv XML readers: a parser factory hardened against hostile
 * input, element text with whitespace collapsed, subtree skipping, and error messages that say
 * where the input broke.
 */
final class ArxivXml {

  private static final int DECLARATION_LIMIT = 256;

  /**
   * The longest element text accepted. The longest real arXiv texts (abstracts, collaboration
   * author lists) stay well under 200,000 characters; the cap keeps a hostile response from filling
   * the heap.
   */
  static final int MAX_TEXT = 1 << 20;

  private static final Pattern DECLARED_ENCODING =
      Pattern.compile("\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");

  private ArxivXml() {}

  /**
   * A namespace-aware factory that neither reads a DTD nor resolves external entities, so a hostile
   * document can neither read local files (XXE) nor expand entities exponentially.
   */
  static XMLInputFactory newFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    return factory;
  }

  /**
   * A stream reader over {@code in}. The bytes are decoded here, not by the parser: in the charset
   * the XML declaration names (UTF-8 when it names none), after any byte order mark, failing on
   * malformed bytes. The JDK parser, decoding itself, prints "[Fatal Error]" lines to stderr for
   * malformed bytes near the start of a document on top of throwing.
   */
  static XMLStreamReader open(XMLInputFactory factory, InputStream in, Source source)
      throws IOException {
    BufferedInputStream bytes = new BufferedInputStream(in, 1 << 16);
    bytes.mark(DECLARATION_LIMIT);
    byte[] head = bytes.readNBytes(DECLARATION_LIMIT);
    bytes.reset();
    Charset charset = StandardCharsets.UTF_8;
    if (head.length >= 3
        && (head[0] & 0xff) == 0xef
        && (head[1] & 0xff) == 0xbb
        && (head[2] & 0xff) == 0xbf) {
      bytes.skipNBytes(3);
    } else if (head.length >= 2
        && ((head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff
            || (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe)) {
      charset = StandardCharsets.UTF_16;
    } else {
      Matcher m = DECLARED_ENCODING.matcher(new String(head, StandardCharsets.ISO_8859_1));
      if (m.lookingAt()) {
        try {
          charset = Charset.forName(m.group(1));
        } catch (IllegalArgumentException e) {
          throw new IOException(source.name() + " declares an unknown encoding " + m.group(1));
        }
      }
    }
    try {
      return factory.createXMLStreamReader(new InputStreamReader(bytes, charset.newDecoder()));
    } catch (XMLStreamException e) {
      throw illFormed(source, e);
    }
  }

  /**
   * Reads the text of the element the reader stands on (including the text of any child elements)
   * up to its end tag, with every run of XML whitespace collapsed to one space and trimmed. arXiv
   * wraps long lines and indents continuation lines, so the raw text is never what a reader sees.
   */
  static String text(XMLStreamReader r, StringBuilder buf) throws XMLStreamException {
    buf.setLength(0);
    boolean pendingSpace = false;
    int depth = 1;
    while (depth > 0) {
      switch (r.next()) {
        case XMLStreamConstants.START_ELEMENT -> depth++;
        case XMLStreamConstants.END_ELEMENT -> depth--;
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          char[] chars = r.getTextCharacters();
          int end = r.getTextStart() + r.getTextLength();
          int i = r.getTextStart();
          while (i < end) {
            if (isSpace(chars[i])) {
              pendingSpace = buf.length() > 0;
              i++;
              continue;
            }
            // Append whole words: a bulk append is several times faster than char by char.
            int word = i;
            while (i < end && !isSpace(chars[i])) {
              i++;
            }
            if (pendingSpace) {
              buf.append(' ');
              pendingSpace = false;
            }
            buf.append(chars, word, i - word);
          }
          if (buf.length() > MAX_TEXT) {
            throw new XMLStreamException(
                "an element's text is longer than " + MAX_TEXT + " characters", r.getLocation());
          }
        }
        default -> {}
      }
    }
    return buf.toString();
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }

  /** Skips the element the reader stands on, with everything inside it. */
  static void skip(XMLStreamReader r) throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  /** Empty text as null, so absent and empty elements look the same to the catalog. */
  static String orNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** The parse error as an {@link IOException} naming the source, line and column. */
  static IOException illFormed(Source source, XMLStreamException e) {
    Location at = e.getLocation();
    String where =
        at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
    String detail = e.getMessage();
    // StAX prefixes its message with "ParseError at [row,col]:..." and a newline; keep the rest.
    int nl = detail == null ? -1 : detail.lastIndexOf("Message: ");
    if (nl >= 0) {
      detail = detail.substring(nl + "Message: ".length());
    }
    return new IOException(
        source.name() + " is not well-formed XML (truncated or corrupt)" + where + ": " + detail,
        e);
  }

  static void close(XMLStreamReader r) {
    try {
      r.close();
    } catch (XMLStreamException e) {
      // Nothing useful to do: the caller already has its result or its exception.
    }
  }
}
