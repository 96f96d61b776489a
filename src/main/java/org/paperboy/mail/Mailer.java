package org.paperboy.mail;

import java.time.Clock;
import org.paperboy.config.Settings;

/**
 * Sends mail. Two implementations: an SMTP relay when {@code PAPERBOY_SMTP_HOST} is set, otherwise
 * an outbox folder of {@code .eml} files under the data directory, so a fresh install can sign
 * people in without any mail server (the operator opens the file, or a test reads it).
 */
public interface Mailer {

  /**
   * Sends one message, or fails with a {@link MailException}; returns only once the relay accepted
   * it or the file is complete on disk.
   */
  void send(MailMessage message);

  /** The mailer the settings describe: SMTP when a relay is configured, else the outbox folder. */
  static Mailer from(Settings settings, Clock clock) {
    MimeComposer composer = new MimeComposer(settings.mailFrom(), clock);
    if (settings.smtp().configured()) {
      return new SmtpMailer(settings.smtp(), composer);
    }
    return new OutboxMailer(settings.outboxDir(), composer);
  }
}
