package org.paperboy.mail;

/**
 * The one HTML escaper for HTML that is not written by a jte template (which escapes by itself):
 * the bodies of sign-in, confirmation and digest mails, and the highlighted snippets of the search
 * API. It lives here because every package that writes such HTML may import {@code mail}.
 */
public final class Html {

  private Html() {}

  /**
   * The text with {@code & < > " '} replaced by character references, so it is safe as element
   * content and as a quoted attribute value (single or double quotes).
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
