package org.paperboy.foryou;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Author names folded to one key, so that the variants sources write of one name meet: case,
 * accents ({@code Müller}, {@code Muller}), punctuation and hyphens ({@code Jean-Pierre}, {@code
 * Jean Pierre}, {@code J.-P.}), spacing, and the catalogue order {@code Lovelace, Ada}. Initials
 * are not expanded: {@code A. Lovelace} and {@code Ada Lovelace} may be two people.
 */
public final class Names {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}\\p{N}]+");

  private Names() {}

  /** The folded key of a name: lower-case letters and digits, single spaces, given names first. */
  public static String fold(String name) {
    if (name == null) {
      return "";
    }
    String n = name.strip();
    int comma = n.indexOf(',');
    if (comma > 0 && comma == n.lastIndexOf(',')) {
      n = n.substring(comma + 1) + " " + n.substring(0, comma);
    }
    n = Normalizer.normalize(n, Normalizer.Form.NFKD);
    n = MARKS.matcher(n).replaceAll("");
    n =
        n.replace("ß", "ss")
            .replace("ø", "o")
            .replace("Ø", "o")
            .replace("ł", "l")
            .replace("Ł", "l");
    return NOT_LETTERS.matcher(n.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }
}
