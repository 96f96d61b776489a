package org.paperboy.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.paperboy.paper.Json;

/**
 * A message shown once, on the next page, after a form did something ("Saved to Reading.", "Removed
 * … from the list. Undo"): the answer to a form is a redirect, so the page it leads to says what
 * happened. It travels in a short-lived cookie ({@value #COOKIE}, {@value #MAX_AGE_SECONDS} s),
 * HttpOnly like every cookie here, signed with the session's CSRF token (HMAC-SHA256) so that only
 * this site's own answers to this session can put words on its pages; the page that shows it clears
 * it. Forms sent in place by the page's script get their message in the answer instead.
 *
 * <p>Public only for {@code layout.jte}, which shows it.
 *
 * @param message what happened (escaped when shown)
 * @param undo a button that takes it back, or null
 */
public record Flash(String message, Undo undo) {

  /** The cookie that carries it. */
  static final String COOKIE = "paperboy_flash";

  /** Long enough for the redirect it rides on, short enough not to turn up much later. */
  static final long MAX_AGE_SECONDS = 60;

  /** Base64url characters of the signature in front of the message. */
  private static final int MAC_CHARS = 43;

  /**
   * A form that takes the action back: it posts {@code action} and {@code paper} to {@code href},
   * and comes back to {@code next}.
   *
   * @param label the button's text
   * @param href where it posts
   * @param action the {@code action} field
   * @param paper the {@code paper} field
   * @param next the page to come back to
   */
  public record Undo(String label, String href, String action, String paper, String next) {}

  /** A message without an undo. */
  static Flash of(String message) {
    return new Flash(message, null);
  }

  /** The cookie's value: the signature, then the message as base64url JSON. */
  String encode(String key) {
    try {
      String body =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(Json.MAPPER.writeValueAsBytes(this));
      return mac(key, body) + body;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The flash in a cookie's value, or null when it is absent, damaged or not signed with key. */
  static Flash decode(String value, String key) {
    if (value == null || value.length() <= MAC_CHARS || key == null) {
      return null;
    }
    String body = value.substring(MAC_CHARS);
    byte[] expected = mac(key, body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = value.substring(0, MAC_CHARS).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      return null;
    }
    try {
      return Json.MAPPER.readValue(Base64.getUrlDecoder().decode(body), Flash.class);
    } catch (java.io.IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static String mac(String key, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
