package org.paperboy.ingest;

import java.text.Normalizer;
import java.util.Map;

/**
 * Text as arXiv metadata writes it: LaTeX accent commands in plain text and lines hard-wrapped at
 * about 80 columns.
 *
 * <p>{@link #decodeAccents} turns the accent commands authors type for names and words ({@code
 * Bal\'azs}, {@code {\"o}}, {@code \c{c}}, {@code \v s}, {@code {\o}}, {@code \ss}, {@code \~n})
 * into Unicode, and leaves everything else alone: math ({@code $…$}, {@code $$…$$}, {@code \(…\)},
 * {@code \[…\]}) is copied untouched because KaTeX renders it later, escaped characters such as
 * {@code \$} and {@code \&} stay escaped (so {@code \$} never becomes a math delimiter), and
 * unknown commands stay as written. Two rules come from reading every changed field of 120k real
 * abstracts: {@code \b}, {@code \d} and {@code \r} count as accents only with braces ({@code
 * \d{o}}; with a space they were regex escapes), and {@code \'} before a word-final s or t is an
 * apostrophe ({@code today\'s}, {@code don\'t}). The whitespace methods undo the hard wrapping;
 * arXiv marks a new paragraph of an abstract by indenting its first line, which {@link
 * #normalizeParagraphs} keeps as a line break.
 */
final class LatexText {

  /** Accents written as a one-letter command ({@code \c{c}}, {@code \v s}). */
  private static final Map<String, Character> LETTER_ACCENTS =
      Map.of(
          "c", '\u0327',
          "v", '\u030C',
          "u", '\u0306',
          "H", '\u030B',
          "k", '\u0328',
          "r", '\u030A',
          "d", '\u0323',
          "b", '\u0331');

  /** Letters that are commands of their own. */
  private static final Map<String, String> LETTERS =
      Map.ofEntries(
          Map.entry("o", "ø"),
          Map.entry("O", "Ø"),
          Map.entry("ss", "ß"),
          Map.entry("ae", "æ"),
          Map.entry("AE", "Æ"),
          Map.entry("oe", "œ"),
          Map.entry("OE", "Œ"),
          Map.entry("aa", "å"),
          Map.entry("AA", "Å"),
          Map.entry("l", "ł"),
          Map.entry("L", "Ł"),
          Map.entry("i", "ı"),
          Map.entry("j", "ȷ"));

  private LatexText() {}

  /** A decoded command: its text and the index just after it in the input. */
  private record Decoded(String text, int end) {}

  /**
   * Replaces LaTeX accent and letter commands outside math with the Unicode characters they stand
   * for; returns null for null.
   */
  static String decodeAccents(String text) {
    if (text == null || text.indexOf('\\') < 0) {
      return text;
    }
    int n = text.length();
    StringBuilder out = new StringBuilder(n);
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '$') {
        int end = mathEnd(text, i);
        out.append(text, i, end);
        i = end;
      } else if (c == '\\' && i + 1 < n) {
        char next = text.charAt(i + 1);
        int close = -1;
        if (next == '(' || next == '[') {
          close = text.indexOf(next == '(' ? "\\)" : "\\]", i + 2);
        }
        Decoded d = close >= 0 ? null : decodeCommand(text, i);
        if (close >= 0) {
          out.append(text, i, close + 2);
          i = close + 2;
        } else if (d != null) {
          out.append(d.text());
          i = d.end();
        } else {
          // Copy an unknown command's backslash together with the next character, so "\$" and
          // "\\" are never read again as a math delimiter or a new command.
          out.append(c).append(next);
          i += 2;
        }
      } else if (c == '{' && i + 1 < n && text.charAt(i + 1) == '\\') {
        // {\"o} and {\o}: braces that only hold one accented letter go with it.
        Decoded d = decodeCommand(text, i + 1);
        if (d != null && d.end() < n && text.charAt(d.end()) == '}') {
          out.append(d.text());
          i = d.end() + 1;
        } else {
          out.append(c);
          i++;
        }
      } else {
        int run = i + 1;
        while (run < n && !isSpecial(text.charAt(run))) {
          run++;
        }
        out.append(text, i, run);
        i = run;
      }
    }
    return out.toString();
  }

  private static boolean isSpecial(char c) {
    return c == '$' || c == '\\' || c == '{';
  }

  /** The index after the math that starts with the dollar at {@code start}. */
  private static int mathEnd(String text, int start) {
    boolean display = text.startsWith("$$", start);
    int from = start + (display ? 2 : 1);
    int close = from;
    while (true) {
      close = text.indexOf(display ? "$$" : "$", close);
      if (close < 0) {
        // An unpaired dollar is just a character; go on decoding after it.
        return start + 1;
      }
      if (text.charAt(close - 1) != '\\') {
        return close + (display ? 2 : 1);
      }
      close++;
    }
  }

  /**
   * Whether the {@code \'} at {@code start} is an apostrophe escaped by habit ("today\'s",
   * "don\'t") rather than an acute accent: it follows a letter or digit and is followed by an s or
   * t that ends the word. An acute s or t at the end of a word is rare outside Polish surnames.
   */
  private static boolean isEscapedApostrophe(String text, int start) {
    int after = start + 2;
    return start > 0
        && Character.isLetterOrDigit(text.charAt(start - 1))
        && after < text.length()
        && (text.charAt(after) == 's' || text.charAt(after) == 't')
        && (after + 1 >= text.length() || !Character.isLetter(text.charAt(after + 1)));
  }

  /** The combining mark of an accent written as a symbol after the backslash, or 0. */
  private static char symbolAccent(char c) {
    return switch (c) {
      case '\'' -> '\u0301';
      case '`' -> '\u0300';
      case '^' -> '\u0302';
      case '"' -> '\u0308';
      case '~' -> '\u0303';
      case '=' -> '\u0304';
      case '.' -> '\u0307';
      default -> 0;
    };
  }

  /** Decodes the command whose backslash is at {@code start}, or returns null. */
  private static Decoded decodeCommand(String text, int start) {
    int n = text.length();
    if (start + 1 >= n) {
      return null;
    }
    char c = text.charAt(start + 1);
    if (c == '\'' && isEscapedApostrophe(text, start)) {
      return new Decoded("'", start + 2);
    }
    char symbolMark = symbolAccent(c);
    if (symbolMark != 0) {
      return accent(text, start + 2, symbolMark, false, c);
    }
    int end = start + 1;
    while (end < n && isAsciiLetter(text.charAt(end))) {
      end++;
    }
    if (end == start + 1) {
      return null;
    }
    String name = text.substring(start + 1, end);
    Character letterMark = LETTER_ACCENTS.get(name);
    if (letterMark != null) {
      // "\c c" and "\v s" are common in names; "\b", "\d" and "\r" with a space are far more
      // often regex escapes in abstracts than accents, so those need braces.
      boolean spaced =
          name.equals("c")
              || name.equals("v")
              || name.equals("u")
              || name.equals("H")
              || name.equals("k");
      return accent(text, end, letterMark, spaced, '\0');
    }
    String letter = LETTERS.get(name);
    if (letter == null) {
      return null;
    }
    // TeX swallows the space after a command word ("Bj\o rn"), and "{}" only ends it.
    if (text.startsWith("{}", end)) {
      end += 2;
    } else if (end < n && text.charAt(end) == ' ') {
      end++;
    }
    return new Decoded(letter, end);
  }

  /**
   * Applies an accent to the argument at {@code at}: a letter, {@code {letter}}, {@code \i} or
   * {@code {\i}}; with {@code skipSpaces} (a letter command) the argument must be braced or follow
   * spaces.
   */
  private static Decoded accent(
      String text, int at, char mark, boolean skipSpaces, char spacingForm) {
    int n = text.length();
    int p = at;
    if (skipSpaces) {
      while (p < n && text.charAt(p) == ' ') {
        p++;
      }
      if (p == at && p < n && text.charAt(p) != '{') {
        return null;
      }
    }
    if (p >= n) {
      return null;
    }
    boolean braced = text.charAt(p) == '{';
    int q = braced ? p + 1 : p;
    if (braced && text.startsWith("}", q)) {
      // \~{} and \^{} are how authors write a plain tilde or caret.
      return spacingForm == '~' || spacingForm == '^'
          ? new Decoded(String.valueOf(spacingForm), q + 1)
          : null;
    }
    String base;
    int end;
    if (q < n && Character.isLetter(text.charAt(q))) {
      base = String.valueOf(text.charAt(q));
      end = q + 1;
    } else if (q + 1 < n
        && text.charAt(q) == '\\'
        && (text.charAt(q + 1) == 'i' || text.charAt(q + 1) == 'j')
        && (q + 2 >= n || !isAsciiLetter(text.charAt(q + 2)))) {
      // A dotless i or j under an accent is the ordinary letter with the accent: \'\i is í.
      base = String.valueOf(text.charAt(q + 1));
      end = q + 2;
      if (!braced && end < n && text.charAt(end) == ' ') {
        end++; // the space that ends the command word \i
      }
    } else {
      return null;
    }
    if (braced) {
      if (end >= n || text.charAt(end) != '}') {
        return null;
      }
      end++;
    }
    return new Decoded(Normalizer.normalize(base + mark, Normalizer.Form.NFC), end);
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * Joins hard-wrapped lines: every run of whitespace becomes one space, and the ends are trimmed.
   */
  static String normalizeSpace(String text) {
    if (text == null) {
      return null;
    }
    // Plain char arrays: this runs on every field of multi-million-line dumps.
    char[] in = text.toCharArray();
    int n = in.length;
    char[] out = new char[n];
    int len = 0;
    boolean space = false;
    boolean plainSpaces = true;
    for (int i = 0; i < n; i++) {
      char c = in[i];
      if (isSpace(c)) {
        space = len > 0;
        plainSpaces &= c == ' ';
      } else {
        if (space) {
          out[len++] = ' ';
          space = false;
        }
        out[len++] = c;
      }
    }
    return len == n && plainSpaces ? text : new String(out, 0, len);
  }

  private static boolean isSpace(char c) {
    if (c > ' ' && c < 0x7F) {
      return false; // printable ASCII, the common case
    }
    return c == ' ' || c == '\u00A0' || Character.isWhitespace(c);
  }

  /**
   * Joins hard-wrapped lines like {@link #normalizeSpace} but keeps paragraphs: a line that starts
   * with whitespace, or follows a blank line, begins a new paragraph, and paragraphs are separated
   * by one {@code \n}.
   */
  static String normalizeParagraphs(String text) {
    if (text == null) {
      return null;
    }
    char[] in = text.toCharArray();
    int n = in.length;
    char[] out = new char[n];
    int len = 0;
    boolean lineStart = false;
    boolean space = false;
    boolean paragraph = false;
    int newlines = 0;
    for (int i = 0; i < n; i++) {
      char c = in[i];
      if (c == '\n' || c == '\r') {
        if (!(c == '\n' && i > 0 && in[i - 1] == '\r')) {
          newlines++;
        }
        lineStart = true;
        space = true;
      } else if (isSpace(c)) {
        paragraph |= lineStart; // an indented line
        space = true;
      } else {
        if (len > 0 && (space || paragraph)) {
          out[len++] = paragraph || newlines > 1 ? '\n' : ' ';
        }
        out[len++] = c;
        lineStart = false;
        space = false;
        paragraph = false;
        newlines = 0;
      }
    }
    return new String(out, 0, len);
  }
}
