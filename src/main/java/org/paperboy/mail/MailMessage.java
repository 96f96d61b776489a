package org.paperboy.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One mail to one recipient. Construction refuses anything that could add a header or a recipient
 * the caller did not mean: a line break in the address, the subject or any header, a list of
 * addresses, a malformed header name, a header the mailer sets itself, or a message id that is not
 * a plain dot-atom.
 *
 * <p>A message id makes the {@code Message-ID} stable: the mailer writes {@code
 * <localPart@domain-of-From>}, so a retried digest carries the same id as the first attempt and
 * receivers can recognise the duplicate. Without one the mailer picks a random id.
 *
 * @param to the one recipient, e.g. {@code ada@example.org} or {@code Ada <ada@example.org>}
 * @param subject the subject line
 * @param text the plain-text body
 * @param html the HTML body, or null for a plain-text mail
 * @param headers extra headers such as {@code List-Unsubscribe}, in order
 * @param messageId the local part of the {@code Message-ID} (before the {@code @}), or null for a
 *     random one
 */
public record MailMessage(
    String to,
    String subject,
    String text,
    String html,
    Map<String, String> headers,
    String messageId) {

  /** The longest subject accepted; mail clients cut long ones anyway. */
  public static final int MAX_SUBJECT = 500;

  /** The longest message id local part accepted; it keeps the header well inside a line. */
  public static final int MAX_MESSAGE_ID = 200;

  // RFC 5322 field names: printable US-ASCII except the colon.
  private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]{1,76}");

  // RFC 5322 dot-atom: atext runs separated by single dots. Nothing that could end the id early
  // ('>', '@'), quote, or break the line.
  private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
  private static final Pattern DOT_ATOM = Pattern.compile(ATEXT + "(\\." + ATEXT + ")*");
  // Headers the mailer writes itself; letting a caller set them would let it forge or duplicate.
  private static final Set<String> RESERVED =
      Set.of(
          "from",
          "sender",
          "reply-to",
          "to",
          "cc",
          "bcc",
          "subject",
          "date",
          "message-id",
          "mime-version",
          "content-type",
          "content-transfer-encoding",
          "return-path",
          "dkim-signature");

  /** Checks every field; see the type's description for what is refused. */
  public MailMessage {
    requireSingleLine("recipient address", to);
    try {
      InternetAddress[] parsed = InternetAddress.parse(to, true);
      if (parsed.length != 1) {
        throw new IllegalArgumentException(
            "exactly one recipient address is allowed: '" + to + "'");
      }
      parsed[0].validate();
    } catch (AddressException e) {
      throw new IllegalArgumentException("not a mail address: '" + to + "'", e);
    }
    requireSingleLine("subject", subject);
    if (subject.length() > MAX_SUBJECT) {
      throw new IllegalArgumentException("subject longer than " + MAX_SUBJECT + " characters");
    }
    Objects.requireNonNull(text, "text");
    Map<String, String> copy = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach(
          (name, value) -> {
            if (name == null || !FIELD_NAME.matcher(name).matches()) {
              throw new IllegalArgumentException("not a header name: '" + name + "'");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
              throw new IllegalArgumentException(
                  "header " + name + " is set by the mailer and cannot be given");
            }
            requireSingleLine("header " + name, value);
            copy.put(name, value);
          });
    }
    headers = Collections.unmodifiableMap(copy);
    if (messageId != null
        && (messageId.length() > MAX_MESSAGE_ID || !DOT_ATOM.matcher(messageId).matches())) {
      throw new IllegalArgumentException(
          "message id must be the local part only (letters, digits, dots and !#$%&'*+/=?^_`{|}~-,"
              + " at most "
              + MAX_MESSAGE_ID
              + " characters, no '@', brackets, spaces or line breaks); the domain is the From"
              + " address's");
    }
  }

  /** A mail with a random {@code Message-ID}; the form every caller used before ids existed. */
  public MailMessage(
      String to, String subject, String text, String html, Map<String, String> headers) {
    this(to, subject, text, html, headers, null);
  }

  /** A plain-text mail without extra headers. */
  public static MailMessage text(String to, String subject, String text) {
    return new MailMessage(to, subject, text, null, Map.of());
  }

  /**
   * The same mail with a fixed {@code Message-ID} of {@code <localPart@domain-of-From>}, so that
   * sending it again (a retry) carries the same id; for example {@code digest-2026-W12-7f3a9c}.
   *
   * @param localPart a dot-atom such as {@code digest.2026-03-17.ab12}; null for a random id
   */
  public MailMessage withMessageId(String localPart) {
    return new MailMessage(to, subject, text, html, headers, localPart);
  }

  private static void requireSingleLine(String what, String value) {
    if (value == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == '\0') {
        throw new IllegalArgumentException(
            what + " contains a line break or NUL, which could inject headers; refused");
      }
    }
  }
}
