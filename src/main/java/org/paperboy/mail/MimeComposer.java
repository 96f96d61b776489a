package org.paperboy.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.util.CRLFOutputStream;
import org.paperboy.config.Settings;

/**
 * Turns a {@link MailMessage} into an RFC 5322 MIME message: UTF-8 text, or {@code
 * multipart/alternative} with text first and HTML second when there is HTML. The {@code Message-ID}
 * is {@code <id@domain-of-From>}, with the message's own id or a random one, and the message is
 * DKIM-signed when a key is configured.
 *
 * <p>The result is fixed bytes: the message is written out once, signed, and parsed back as a
 * message that never re-encodes itself. Otherwise Jakarta Mail may regenerate headers on the way
 * out ({@code Transport.send} calls {@code saveChanges()}, which picks a new {@code Message-ID}),
 * and any change after signing would break the signature.
 */
final class MimeComposer {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final InternetAddress from;
  private final String fromDomain;
  private final Clock clock;
  private final DkimSigner signer;

  /**
   * Checks the From address and, when {@code dkim} is not null, loads the signing key; both fail
   * with a message naming the setting at fault.
   */
  MimeComposer(String from, Clock clock, Settings.Dkim dkim) {
    if (from == null || from.contains("\r") || from.contains("\n")) {
      throw new IllegalArgumentException("PAPERBOY_MAIL_FROM must be one line");
    }
    try {
      this.from = new InternetAddress(from, true);
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          "PAPERBOY_MAIL_FROM is not a mail address: '" + from + "'", e);
    }
    String address = this.from.getAddress();
    this.fromDomain = address.substring(address.lastIndexOf('@') + 1);
    this.clock = clock;
    this.signer =
        dkim == null
            ? null
            : DkimSigner.load(
                dkim.keyFile(),
                dkim.selector(),
                dkim.domain() == null ? fromDomain : dkim.domain());
  }

  /** Builds the message in the given session (the SMTP session, or a bare one for files). */
  MimeMessage compose(MailMessage m, Session session) throws MessagingException {
    Instant now = clock.instant();
    String id = m.messageId() != null ? m.messageId() : randomId();
    MimeMessage mime = new IdentifiedMessage(session, "<" + id + "@" + fromDomain + ">");
    mime.setFrom(from);
    InternetAddress[] to = InternetAddress.parse(m.to(), true);
    for (InternetAddress a : to) {
      if (a.getPersonal() != null) {
        // Encodes a non-ASCII display name (RFC 2047) instead of writing raw 8-bit bytes.
        try {
          a.setPersonal(a.getPersonal(), StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
          throw new IllegalStateException("UTF-8 is always supported", e);
        }
      }
    }
    mime.setRecipients(MimeMessage.RecipientType.TO, to);
    mime.setSubject(m.subject(), StandardCharsets.UTF_8.name());
    mime.setSentDate(Date.from(now));
    for (Map.Entry<String, String> h : m.headers().entrySet()) {
      mime.addHeader(h.getKey(), h.getValue());
    }
    if (m.html() == null) {
      mime.setText(m.text(), StandardCharsets.UTF_8.name());
    } else {
      MimeBodyPart text = new MimeBodyPart();
      text.setText(m.text(), StandardCharsets.UTF_8.name());
      MimeBodyPart html = new MimeBodyPart();
      html.setText(m.html(), StandardCharsets.UTF_8.name(), "html");
      mime.setContent(new MimeMultipart("alternative", text, html));
    }
    mime.saveChanges();
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      // CRLF line ends throughout, as SMTP will send them: a plain-text body is written with the
      // caller's bare LFs, and a signature over those would not match what arrives.
      mime.writeTo(new CRLFOutputStream(out));
    } catch (IOException e) {
      throw new MessagingException("cannot write the message out: " + e.getMessage(), e);
    }
    byte[] raw = out.toByteArray();
    if (signer != null) {
      raw = signer.sign(raw, now);
    }
    return new FinishedMessage(session, raw);
  }

  /** A session that only builds messages; it never connects anywhere. */
  static Session offlineSession() {
    Properties props = new Properties();
    props.setProperty("mail.host", "localhost");
    return Session.getInstance(props);
  }

  private static String randomId() {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  /** A message whose {@code saveChanges()} writes the given id instead of a random one. */
  private static final class IdentifiedMessage extends MimeMessage {

    private final String messageId;

    IdentifiedMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }

  /** A message parsed from finished bytes, which it writes out unchanged. */
  private static final class FinishedMessage extends MimeMessage {

    FinishedMessage(Session session, byte[] raw) throws MessagingException {
      super(session, new ByteArrayInputStream(raw));
    }

    @Override
    public void saveChanges() {
      // Nothing to update: the bytes are final (and may be signed).
    }
  }
}
