package org.paperboy.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The first bytes of an input, read without consuming them, so that a reader given a file of the
 * wrong kind (XML to a JSON reader, a still-compressed file, an HTML error page) can refuse it with
 * a message that says what it got instead of failing on the first missing field.
 */
final class InputStart {

  private static final int PEEK = 256;

  private final byte[] head;
  private final int first;

  private InputStart(byte[] head) {
    this.head = head;
    int i = 0;
    if (head.length >= 3
        && (head[0] & 0xFF) == 0xEF
        && (head[1] & 0xFF) == 0xBB
        && (head[2] & 0xFF) == 0xBF) {
      i = 3; // UTF-8 byte order mark
    }
    while (i < head.length && isSpace(head[i])) {
      i++;
    }
    this.first = i;
  }

  /** Wraps {@code in} so that it can be peeked at; read the returned stream, not {@code in}. */
  static BufferedInputStream buffered(InputStream in) {
    return in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 1 << 16);
  }

  /** Reads the first bytes of {@code in} and puts them back. */
  static InputStart peek(BufferedInputStream in) throws IOException {
    in.mark(PEEK);
    byte[] buffer = new byte[PEEK];
    int n = 0;
    while (n < PEEK) {
      int r = in.read(buffer, n, PEEK - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    in.reset();
    byte[] head = new byte[n];
    System.arraycopy(buffer, 0, head, 0, n);
    return new InputStart(head);
  }

  /** Whether the input holds nothing but whitespace (as far as was peeked). */
  boolean isBlank() {
    return first >= head.length;
  }

  /** The first character that is not whitespace, or {@code 0} when there is none. */
  char firstChar() {
    return isBlank() ? 0 : (char) (head[first] & 0xFF);
  }

  /**
   * Whether the input starts like binary data (a control character, as in gzip's 1f 8b) rather than
   * text; a stray control character later on is left to the record it is in.
   */
  boolean isBinary() {
    if (isBlank()) {
      return false;
    }
    int b = head[first] & 0xFF;
    return b < 0x20 || b == 0x7F;
  }

  /** Says what the input starts with, for an error message. */
  String describe() {
    if (isBlank()) {
      return "an empty input";
    }
    if (isBinary()) {
      StringBuilder hex = new StringBuilder();
      for (int i = first; i < Math.min(head.length, first + 4); i++) {
        hex.append(String.format(" %02x", head[i] & 0xFF));
      }
      boolean gzip =
          head.length >= first + 2
              && (head[first] & 0xFF) == 0x1F
              && (head[first + 1] & 0xFF) == 0x8B;
      return "binary data (bytes"
          + hex
          + (gzip ? "; a gzip file that was not decompressed?)" : ")");
    }
    String text =
        new String(head, first, Math.min(head.length - first, 40), StandardCharsets.UTF_8);
    String quoted =
        "\"" + text.replaceAll("\\s+", " ").replaceAll("[\\p{Cntrl}\uFFFD]", "?") + "…\"";
    String guess =
        switch (firstChar()) {
          case '<' -> " (XML or HTML?)";
          case '{' -> " (a JSON object)";
          case '[' -> " (a JSON array)";
          default -> "";
        };
    return quoted + guess;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }
}
