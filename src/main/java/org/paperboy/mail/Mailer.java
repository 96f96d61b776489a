package org.paperboy.mail;

import java.time.Clock;
import org.paperboy.config.Settings;

/**
 * Sends mail. Two implementations: an SMTP relay when {@code PAPERBOY_SMTP_HOST} is set, otherwise
 * an outbox folder of {@code .eml} files under the data directory, so a fresh install can sign
 * people in without any mail server (the operator opens the file, or a test reads it). With {@code
 * PAPERBOY_DKIM_KEY} set, both DKIM-sign every message.
 */
public interface Mailer {

  /**
   * Sends one message, or fails with a {@link MailException}; returns only once the relay accepted
   * it or the file is complete on disk.
   */
  void send(MailMessage message);

  /**
   * Opens a batch for sending many messages in a row; the SMTP mailer keeps one connection open
   * across them. This default sends each message on its own, which suits mailers that hold no
   * connection (the outbox folder, a recording mailer in tests).
   */
  default MailBatch batch() {
    return new MailBatch() {
      @Override
      public void send(MailMessage message) {
        Mailer.this.send(message);
      }

      @Override
      public void close() {}
    };
  }

  /**
   * The mailer the settings describe: SMTP when a relay is configured, else the outbox folder.
   * Fails here, at startup, when {@code PAPERBOY_MAIL_FROM} is not an address or the DKIM key
   * cannot be used, rather than on the first mail.
   */
  static Mailer from(Settings settings, Clock clock) {
    MimeComposer composer =
        new MimeComposer(
            settings.mailFrom(), clock, settings.dkim().configured() ? settings.dkim() : null);
    if (settings.smtp().configured()) {
      return new SmtpMailer(settings.smtp(), composer);
    }
    return new OutboxMailer(settings.outboxDir(), composer);
  }
}
