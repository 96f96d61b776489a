package org.paperboy.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes each message as an RFC 5322 {@code .eml} file in the outbox folder. A file is written
 * under a temporary name and renamed when complete, so anything watching the folder never sees half
 * a message.
 */
final class OutboxMailer implements Mailer {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final MimeComposer composer;
  private final Session session = MimeComposer.offlineSession();

  OutboxMailer(Path dir, MimeComposer composer) {
    this.dir = dir;
    this.composer = composer;
  }

  @Override
  public void send(MailMessage message) {
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      var mime = composer.compose(message, session);
      byte[] id = new byte[8];
      RANDOM.nextBytes(id);
      String name =
          mime.getSentDate().toInstant().toEpochMilli() + "-" + HexFormat.of().formatHex(id);
      tmp = dir.resolve("." + name + ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        mime.writeTo(out);
      }
      Files.move(tmp, dir.resolve(name + ".eml"), StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
    } catch (IOException | MessagingException e) {
      throw new MailException("cannot write mail to the outbox " + dir + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the write already failed; that failure is the one to report
        }
      }
    }
  }
}
