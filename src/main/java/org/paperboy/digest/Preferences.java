package org.paperboy.digest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a subscriber wants: how often, and optionally what about. Built from form or API input by
 * {@link #parse}, which refuses what it cannot use with a message for the person who typed it.
 * Topics are folded to one line of plain words: whatever the input, no line break survives into a
 * mail.
 *
 * @param frequency daily or weekly
 * @param topics free words, at most {@link #MAX_TOPICS} characters, possibly empty
 * @param categories arXiv categories such as {@code cs.CL}, at most {@link #MAX_CATEGORIES}
 */
public record Preferences(Frequency frequency, String topics, List<String> categories) {

  /** The longest topics text accepted. */
  public static final int MAX_TOPICS = 300;

  /** The most categories accepted. */
  public static final int MAX_CATEGORIES = 10;

  // arXiv category names: an archive (cs, hep-th, q-bio) and optionally a subject class (cs.CL).
  private static final Pattern CATEGORY =
      Pattern.compile("[a-z][a-z-]{0,15}(\\.[A-Za-z][A-Za-z-]{0,15})?");

  public Preferences {
    categories = List.copyOf(categories);
  }

  /**
   * Parses form or API input; {@code categories} may be separated by spaces or commas. Throws
   * {@link IllegalArgumentException} with a message meant for the user.
   */
  public static Preferences parse(String frequency, String topics, String categories) {
    Frequency f =
        frequency == null || frequency.isBlank() ? Frequency.DAILY : Frequency.parse(frequency);
    String words = oneLine(topics);
    if (words.length() > MAX_TOPICS) {
      throw new IllegalArgumentException(
          "Topics are limited to " + MAX_TOPICS + " characters; keep the few that matter most");
    }
    Set<String> cats = new LinkedHashSet<>();
    for (String c : oneLine(categories).split("[\\s,;]+")) {
      if (c.isEmpty()) {
        continue;
      }
      if (!CATEGORY.matcher(c).matches()) {
        throw new IllegalArgumentException(
            "'" + c + "' is not an arXiv category; write them like cs.CL or stat.ML");
      }
      cats.add(c);
    }
    if (cats.size() > MAX_CATEGORIES) {
      throw new IllegalArgumentException("At most " + MAX_CATEGORIES + " categories");
    }
    return new Preferences(f, words, new ArrayList<>(cats));
  }

  /**
   * Parses one field holding both topics and categories, as the small box on every page has: words
   * shaped like an arXiv category with a subject class ({@code cs.CV}, {@code stat.ML}) are
   * categories, everything else is topics.
   */
  public static Preferences parseMixed(String frequency, String topicsAndCategories) {
    StringBuilder words = new StringBuilder();
    StringBuilder cats = new StringBuilder();
    for (String w : oneLine(topicsAndCategories).split(" ")) {
      if (MIXED_CATEGORY.matcher(w).matches()) {
        cats.append(w).append(' ');
      } else if (!w.isEmpty()) {
        words.append(w.endsWith(",") ? w.substring(0, w.length() - 1) : w).append(' ');
      }
    }
    return parse(frequency, words.toString(), cats.toString());
  }

  // Only names with a subject class count as categories in a mixed field: "hep-th" alone could
  // well be a word.
  private static final Pattern MIXED_CATEGORY =
      Pattern.compile("[a-z][a-z-]{0,15}\\.[A-Z][A-Za-z-]{0,15},?");

  /** The categories as stored: space separated. */
  String categoriesText() {
    return String.join(" ", categories);
  }

  /** Collapses every run of whitespace and control characters to one space. */
  static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)
          || Character.isISOControl(c)
          || c == '\u2028'
          || c == '\u2029') {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }
}
