package org.paperboy.mail;

/**
 * Several messages sent one after another over one connection, so a digest run to thousands of
 * subscribers does not pay a TCP and SMTP handshake (and a login) per mail. Each {@link #send}
 * stands alone: it returns once the relay accepted that message or throws a {@link MailException}
 * for that message only, and the batch stays usable for the next one. Not for use by several
 * threads at once; open one batch per thread.
 *
 * <pre>{@code
 * try (MailBatch batch = mailer.batch()) {
 *   for (MailMessage m : digests) {
 *     try {
 *       batch.send(m);
 *     } catch (MailException e) {
 *       // e.permanent(): give up on this one; else retry it later
 *     }
 *   }
 * }
 * }</pre>
 */
public interface MailBatch extends AutoCloseable {

  /**
   * Sends one message, or fails with a {@link MailException} that says whether the failure is
   * permanent; returns only once the relay accepted it or the file is complete on disk.
   */
  void send(MailMessage message);

  /** Ends the batch and closes its connection; never fails, since every message already has. */
  @Override
  void close();
}
