package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.config.Settings;

class OutboxMailerTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-17T08:00:00Z"), ZoneOffset.UTC);

  @Test
  void without_smtp_mail_becomes_an_eml_file_in_the_outbox(@TempDir Path dir) throws Exception {
    Settings settings = Settings.from(Map.of()).withDataDir(dir);
    Mailer mailer = Mailer.from(settings, CLOCK);
    mailer.send(
        new MailMessage(
            "ada@example.org",
            "Trending papers — Mar 17",
            "Plain text ✓",
            "<p>HTML ✓</p>",
            Map.of("List-Unsubscribe", "<https://paperboy.example/u/abc>")));

    List<Path> files;
    try (Stream<Path> s = Files.list(settings.outboxDir())) {
      files = s.toList();
    }
    assertThat(files).hasSize(1);
    assertThat(files.get(0).getFileName().toString()).endsWith(".eml").doesNotStartWith(".");
    MimeMessage read;
    try (InputStream in = Files.newInputStream(files.get(0))) {
      read = new MimeMessage(MimeComposer.offlineSession(), in);
    }
    assertThat(read.getFrom()[0].toString()).isEqualTo("Paperboy <paperboy@localhost>");
    assertThat(read.getAllRecipients()[0].toString()).isEqualTo("ada@example.org");
    assertThat(read.getSubject()).isEqualTo("Trending papers — Mar 17");
    assertThat(read.getSentDate().toInstant()).isEqualTo(CLOCK.instant());
    assertThat(read.getHeader("List-Unsubscribe"))
        .containsExactly("<https://paperboy.example/u/abc>");
    assertThat(read.getMessageID()).isNotBlank();
    Multipart parts = (Multipart) read.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Plain text ✓");
    assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>HTML ✓</p>");
  }

  @Test
  void each_message_gets_its_own_file(@TempDir Path dir) throws Exception {
    Mailer mailer = Mailer.from(Settings.from(Map.of()).withDataDir(dir), CLOCK);
    for (int i = 0; i < 5; i++) {
      mailer.send(MailMessage.text("ada@example.org", "n" + i, "body"));
    }
    try (Stream<Path> s = Files.list(dir.resolve("outbox"))) {
      assertThat(s.filter(p -> p.toString().endsWith(".eml")).count()).isEqualTo(5);
    }
  }

  @Test
  void a_message_id_gives_the_same_message_id_header_on_every_attempt(@TempDir Path dir)
      throws Exception {
    Mailer mailer = Mailer.from(Settings.from(Map.of()).withDataDir(dir), CLOCK);
    MailMessage digest =
        MailMessage.text("Ada Lovelacé <ada@example.org>", "Digest", "body")
            .withMessageId("digest.2026-W12.ada");
    try (MailBatch batch = mailer.batch()) {
      batch.send(digest);
      batch.send(digest);
    }
    mailer.send(MailMessage.text("ada@example.org", "Sign in", "body"));

    List<MimeMessage> read = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir.resolve("outbox"))) {
      for (Path p : s.toList()) {
        try (InputStream in = Files.newInputStream(p)) {
          read.add(new MimeMessage(MimeComposer.offlineSession(), in));
        }
      }
    }
    assertThat(read).hasSize(3);
    List<String> ids = new ArrayList<>();
    for (MimeMessage m : read) {
      ids.add(m.getMessageID());
    }
    assertThat(ids).filteredOn("<digest.2026-W12.ada@localhost>"::equals).hasSize(2);
    assertThat(ids).filteredOn(id -> id.matches("<[0-9a-f]{32}@localhost>")).hasSize(1);
    MimeMessage digestMail =
        read.stream().filter(m -> uncheckedSubject(m).equals("Digest")).findFirst().orElseThrow();
    // A non-ASCII display name is RFC 2047-encoded, so the file holds only ASCII headers.
    assertThat(digestMail.getHeader("To")[0]).startsWith("=?UTF-8?").endsWith("<ada@example.org>");
    assertThat(((InternetAddress) digestMail.getAllRecipients()[0]).getPersonal())
        .isEqualTo("Ada Lovelacé");
  }

  private static String uncheckedSubject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
