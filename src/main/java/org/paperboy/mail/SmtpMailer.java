package org.paperboy.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.Properties;
import org.paperboy.config.Settings;

/**
 * Sends each message through an SMTP relay. With STARTTLS on, the connection must be upgraded to
 * TLS (server identity checked) before authenticating or sending; a relay that does not offer it is
 * an error, never a silent fall back to clear text.
 */
final class SmtpMailer implements Mailer {

  private static final String TIMEOUT_MS = "30000";

  private final Settings.Smtp smtp;
  private final MimeComposer composer;
  private final Session session;

  SmtpMailer(Settings.Smtp smtp, MimeComposer composer) {
    this.smtp = smtp;
    this.composer = composer;
    Properties props = new Properties();
    props.setProperty("mail.smtp.host", smtp.host());
    props.setProperty("mail.smtp.port", Integer.toString(smtp.port()));
    props.setProperty("mail.smtp.auth", Boolean.toString(smtp.user() != null));
    props.setProperty("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
    props.setProperty("mail.smtp.starttls.required", Boolean.toString(smtp.startTls()));
    props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    props.setProperty("mail.smtp.connectiontimeout", TIMEOUT_MS);
    props.setProperty("mail.smtp.timeout", TIMEOUT_MS);
    props.setProperty("mail.smtp.writetimeout", TIMEOUT_MS);
    this.session = Session.getInstance(props);
  }

  @Override
  public void send(MailMessage message) {
    try {
      var mime = composer.compose(message, session);
      if (smtp.user() != null) {
        Transport.send(mime, smtp.user(), smtp.password());
      } else {
        Transport.send(mime);
      }
    } catch (MessagingException e) {
      throw new MailException(
          "SMTP relay " + smtp.host() + ":" + smtp.port() + " did not take the mail: " + e, e);
    }
  }
}
