package org.paperboy.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

/**
 * Turns a {@link MailMessage} into an RFC 5322 MIME message: UTF-8 text, or {@code
 * multipart/alternative} with text first and HTML second when there is HTML.
 */
final class MimeComposer {

  private final InternetAddress from;
  private final Clock clock;

  MimeComposer(String from, Clock clock) {
    if (from == null || from.contains("\r") || from.contains("\n")) {
      throw new IllegalArgumentException("PAPERBOY_MAIL_FROM must be one line");
    }
    try {
      this.from = new InternetAddress(from, true);
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          "PAPERBOY_MAIL_FROM is not a mail address: '" + from + "'", e);
    }
    this.clock = clock;
  }

  /** Builds the message in the given session (the SMTP session, or a bare one for files). */
  MimeMessage compose(MailMessage m, Session session) throws MessagingException {
    MimeMessage mime = new MimeMessage(session);
    mime.setFrom(from);
    mime.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(m.to(), true));
    mime.setSubject(m.subject(), StandardCharsets.UTF_8.name());
    mime.setSentDate(Date.from(clock.instant()));
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
    return mime;
  }

  /** A session that only builds messages; it never connects anywhere. */
  static Session offlineSession() {
    Properties props = new Properties();
    props.setProperty("mail.host", "localhost");
    return Session.getInstance(props);
  }
}
