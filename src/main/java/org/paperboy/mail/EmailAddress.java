package org.paperboy.mail;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for an address a reader types, to sign in or to subscribe: a plain RFC 5322 {@code
 * addr-spec} and nothing more. The local part is a dot-atom (no quoted strings, no comments); the
 * domain is a host name of at least two labels of letters, digits and inner hyphens, without a
 * trailing dot or an address literal. Display names ({@code Ada <ada@example.org>}), comments
 * ({@code ada@example.org(x)}), lists, whitespace, line breaks and non-ASCII characters are
 * refused, as is anything longer than {@value #MAX_LENGTH} characters (RFC 5321's limit for a path)
 * or a local part longer than 64. Only spaces around the address, as a form leaves them, are
 * trimmed.
 *
 * <p>The canonical form is all lower case. Lower casing the local part is not strictly RFC 5321,
 * but no real provider distinguishes, and one person must not get two accounts, two subscriptions
 * and two rate limits by varying case.
 */
public final class EmailAddress {

  /** The longest address accepted. */
  public static final int MAX_LENGTH = 254;

  private static final int MAX_LOCAL = 64;

  // Checked before lower casing, which maps some non-ASCII letters (the Kelvin sign) to ASCII.
  private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  // The last label (the top-level domain) is never all digits, so 1.2.3.4 is not a host name.
  private static final Pattern ADDR_SPEC =
      Pattern.compile(
          ATEXT + "(?:\\." + ATEXT + ")*@(?:" + LABEL + "\\.)+(?=[A-Za-z0-9-]*[A-Za-z])" + LABEL);

  private EmailAddress() {}

  /**
   * The canonical form of a typed address; refused with an {@link IllegalArgumentException} whose
   * message can be shown to the reader.
   */
  public static String parse(String typed) {
    String v = trimSpaces(typed == null ? "" : typed);
    if (v.isEmpty()) {
      throw new IllegalArgumentException("Enter your email address");
    }
    if (v.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "An email address has at most " + MAX_LENGTH + " characters");
    }
    if (!ADDR_SPEC.matcher(v).matches() || v.indexOf('@') > MAX_LOCAL) {
      throw new IllegalArgumentException("'" + v + "' does not look like an email address");
    }
    return v.toLowerCase(Locale.ROOT);
  }

  private static String trimSpaces(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == ' ') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == ' ') {
      to--;
    }
    return s.substring(from, to);
  }
}
