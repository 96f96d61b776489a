package org.paperboy.community;

/** Checks user-written text against the limits every form shares. */
final class Texts {

  private Texts() {}

  /**
   * Trims the text and checks it is present and at most {@code max} characters; a control character
   * other than line breaks and tabs is refused too (it has no business in a form).
   */
  static String require(String what, String value, int max) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty()) {
      throw CommunityException.badInput(what + " is empty");
    }
    return check(what, v, max);
  }

  /** Like {@link #require}, but an empty text is allowed and becomes "". */
  static String optional(String what, String value, int max) {
    String v = value == null ? "" : value.strip();
    return v.isEmpty() ? "" : check(what, v, max);
  }

  /** Like {@link #require}, and the text must be one line. */
  static String line(String what, String value, int max) {
    String v = require(what, value, max);
    if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      throw CommunityException.badInput(what + " must be one line");
    }
    return v;
  }

  private static String check(String what, String v, int max) {
    if (v.codePointCount(0, v.length()) > max) {
      throw CommunityException.badInput(what + " is longer than " + max + " characters");
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
        throw CommunityException.badInput(what + " contains a control character");
      }
    }
    return v;
  }
}
