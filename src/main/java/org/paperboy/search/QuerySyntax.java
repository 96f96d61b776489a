package org.paperboy.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user typed, as text for the classic query parser: its operators where they are
 * well-formed, everything else as words, so that no text is a syntax error.
 *
 * <p>{@link #readings} gives three readings, to be tried in order until one parses:
 *
 * <ol>
 *   <li>As typed, with the characters that are punctuation in titles and sentences taken literally
 *       (backslash, slash, braces, brackets, {@code !}, {@code ?}, a {@code +} or {@code -}
 *       standing alone), and parentheses dropped when no operator uses them: a remark in
 *       parentheses copied from a sentence groups nothing, since words are OR-ed anyway, and
 *       without them the query is ranked as plain words.
 *   <li>Repaired: quotation marks in pairs make phrases and an unpaired one is dropped ("an
 *       unclosed quote" searches its words); {@code +word}, {@code -word}, {@code title:} and
 *       {@code abstract:} stay; {@code AND}, {@code OR} and {@code NOT} stay between two clauses; a
 *       trailing {@code *} stays a prefix; every other syntax character is a literal.
 *   <li>Words: every syntax character a literal, {@code AND}, {@code OR} and {@code NOT} in lower
 *       case (stop words). This one always parses.
 * </ol>
 */
final class QuerySyntax {

  /** Query-parser syntax characters that are punctuation in titles and sentences. */
  private static final Pattern LITERAL = Pattern.compile("([\\\\/{}\\[\\]!?])");

  /** A sign with nothing to apply to, as in "LLMs - a survey". */
  private static final Pattern LONE_SIGN = Pattern.compile("(^|\\s)([+-])(?=[\\s+-]|$)");

  /** Operators that parentheses could group for. */
  private static final Pattern OPERATOR =
      Pattern.compile(
          "\\b(AND|OR|NOT)\\b|&&|\\|\\||(^|[\\s(])[+-](?=[^\\s+-])|(?i:\\b(title|abstract):)");

  /** Syntax that makes a reading more than a list of words. */
  private static final Pattern SYNTAX =
      Pattern.compile(
          "[\"*~()^]|(^|[\\s(])[+-]|\\b(AND|OR|NOT)\\b|&&|\\|\\||(?i:\\b(title|abstract):)");

  private static final Pattern PARENTHESES = Pattern.compile("[()]");
  private static final Pattern ESCAPED = Pattern.compile("\\\\(.)");
  private static final Pattern FIELD = Pattern.compile("(?i)^(title|abstract):");
  private static final Pattern SLOP = Pattern.compile("~\\d{1,2}(?![\\w.])");
  private static final String SPECIAL = "\\+-!():^[]\"{}~*?|&/";

  private QuerySyntax() {}

  /** The readings of the typed text, to try in order; the last always parses. */
  static List<String> readings(String typed) {
    return List.of(asTyped(typed), rewritten(typed, true), rewritten(typed, false));
  }

  /** Whether a reading is only words (no phrase, operator, field, wildcard or group). */
  static boolean plain(String reading) {
    return !SYNTAX.matcher(ESCAPED.matcher(reading).replaceAll(" ")).find();
  }

  /** A reading without its escapes: the words as typed. */
  static String unescaped(String reading) {
    return ESCAPED.matcher(reading).replaceAll("$1");
  }

  static String asTyped(String typed) {
    String s = LITERAL.matcher(typed).replaceAll("\\\\$1");
    s = LONE_SIGN.matcher(s).replaceAll("$1\\\\$2");
    return OPERATOR.matcher(s).find() ? s : PARENTHESES.matcher(s).replaceAll(" ");
  }

  /** A piece of the typed text: a phrase in quotation marks or a run of other characters. */
  private record Piece(String text, boolean phrase, boolean spaceBefore) {}

  /**
   * The typed text rebuilt from its pieces: with {@code operators}, the second reading of the class
   * comment, else the third.
   */
  static String rewritten(String typed, boolean operators) {
    List<Piece> pieces = pieces(typed);
    StringBuilder out = new StringBuilder();
    boolean clauseBefore = false;
    for (int i = 0; i < pieces.size(); i++) {
      Piece p = pieces.get(i);
      boolean attachedPhrase =
          i + 1 < pieces.size() && pieces.get(i + 1).phrase() && !pieces.get(i + 1).spaceBefore();
      if (p.spaceBefore() && out.length() > 0) {
        out.append(' ');
      }
      String text = p.text();
      if (p.phrase()) {
        int close = text.lastIndexOf('"');
        if (operators) {
          boolean prefixed = out.length() > 0 && "+-:".indexOf(out.charAt(out.length() - 1)) >= 0;
          if (!p.spaceBefore() && !prefixed && out.length() > 0) {
            out.append(' ');
          }
          // A backslash in a phrase is a literal, so it cannot escape the closing mark.
          out.append('"')
              .append(text.substring(1, close).replace("\\", "\\\\"))
              .append(text.substring(close));
        } else {
          out.append(' ').append(literal(text.substring(1, close), false));
        }
        clauseBefore = true;
        continue;
      }
      if (text.equals("AND") || text.equals("OR") || text.equals("NOT")) {
        boolean clauseAfter =
            i + 1 < pieces.size()
                && !List.of("AND", "OR", "NOT").contains(pieces.get(i + 1).text());
        boolean keep = operators && clauseBefore && clauseAfter;
        out.append(keep ? text : text.toLowerCase(Locale.ROOT));
        clauseBefore = !keep;
        continue;
      }
      if (operators) {
        if ((text.startsWith("+") || text.startsWith("-"))
            && (text.length() > 1 && SPECIAL.indexOf(text.charAt(1)) < 0 || attachedPhrase)) {
          out.append(text.charAt(0));
          text = text.substring(1);
        }
        Matcher field = FIELD.matcher(text);
        if (field.lookingAt() && (field.end() < text.length() || attachedPhrase)) {
          out.append(field.group(1).toLowerCase(Locale.ROOT)).append(':');
          text = text.substring(field.end());
        }
      }
      out.append(literal(text, operators));
      clauseBefore = true;
    }
    return out.toString();
  }

  /** The typed text cut into phrases (paired quotation marks) and runs of other characters. */
  private static List<Piece> pieces(String typed) {
    List<Piece> pieces = new ArrayList<>();
    int n = typed.length();
    int i = 0;
    boolean space = false;
    while (i < n) {
      char c = typed.charAt(i);
      if (Character.isWhitespace(c)) {
        space = true;
        i++;
        continue;
      }
      int end;
      boolean phrase = false;
      if (c == '"') {
        int close = typed.indexOf('"', i + 1);
        if (close < 0) {
          // An unpaired quotation mark: its words are searched as words.
          space = true;
          i++;
          continue;
        }
        end = close + 1;
        Matcher slop = SLOP.matcher(typed).region(end, n);
        if (slop.lookingAt()) {
          end = slop.end();
        }
        phrase = true;
      } else {
        end = i;
        while (end < n && !Character.isWhitespace(typed.charAt(end)) && typed.charAt(end) != '"') {
          end++;
        }
      }
      pieces.add(new Piece(typed.substring(i, end), phrase, space || pieces.isEmpty()));
      space = false;
      i = end;
    }
    return pieces;
  }

  /** Text with every syntax character escaped; with {@code prefix}, a trailing * kept. */
  private static String literal(String text, boolean prefix) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean trailingStar =
          prefix
              && c == '*'
              && i == text.length() - 1
              && i > 0
              && Character.isLetterOrDigit(text.charAt(i - 1));
      if (SPECIAL.indexOf(c) >= 0 && !trailingStar) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
