package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
}
