package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.Socket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paperboy.config.Settings;

class SmtpMailerTest {

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("paperboy", "secret"));

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-17T08:00:00Z"), ZoneOffset.UTC);

  private static Mailer mailer(String user, String password, boolean startTls) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "PAPERBOY_SMTP_HOST",
                "127.0.0.1",
                "PAPERBOY_SMTP_PORT",
                Integer.toString(SMTP.getSmtp().getPort()),
                "PAPERBOY_SMTP_STARTTLS",
                Boolean.toString(startTls),
                "PAPERBOY_MAIL_FROM",
                "Paperboy <news@paperboy.example>"));
    if (user != null) {
      env.put("PAPERBOY_SMTP_USER", user);
      env.put("PAPERBOY_SMTP_PASSWORD", password);
    }
    return Mailer.from(Settings.from(env), CLOCK);
  }

  @Test
  void a_message_is_delivered_through_the_relay_with_authentication() throws Exception {
    mailer("paperboy", "secret", false)
        .send(
            new MailMessage(
                "ada@example.org",
                "Sign in to Paperboy",
                "Open https://paperboy.example/auth/verify?token=abc",
                null,
                Map.of("X-Paperboy-Kind", "sign-in")));

    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage m = received[0];
    assertThat(m.getSubject()).isEqualTo("Sign in to Paperboy");
    assertThat(m.getFrom()[0].toString()).isEqualTo("Paperboy <news@paperboy.example>");
    assertThat(m.getAllRecipients()[0].toString()).isEqualTo("ada@example.org");
    assertThat(m.getHeader("X-Paperboy-Kind")).containsExactly("sign-in");
    assertThat(((String) m.getContent()).trim())
        .isEqualTo("Open https://paperboy.example/auth/verify?token=abc");
  }

  @Test
  void a_wrong_password_is_an_error_naming_the_relay() {
    assertThatThrownBy(
            () ->
                mailer("paperboy", "wrong", false)
                    .send(MailMessage.text("a@example.org", "s", "t")))
        .isInstanceOf(MailException.class)
        .hasMessageContaining("SMTP relay 127.0.0.1:");
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void required_starttls_never_falls_back_to_clear_text() {
    // GreenMail's plain SMTP server does not offer STARTTLS, so nothing may be sent.
    assertThatThrownBy(
            () ->
                mailer("paperboy", "secret", true)
                    .send(MailMessage.text("a@example.org", "s", "t")))
        .isInstanceOf(MailException.class);
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void a_batch_delivers_every_message_and_a_retry_keeps_the_message_id() throws Exception {
    try (MailBatch batch = mailer("paperboy", "secret", false).batch()) {
      for (int i = 0; i < 50; i++) {
        batch.send(
            MailMessage.text("reader" + i + "@example.org", "Digest " + i, "body " + i)
                .withMessageId("digest.2026-W12.r" + i));
      }
      // A retry of the first digest, as after a temporary failure: same Message-ID.
      batch.send(
          MailMessage.text("reader0@example.org", "Digest 0", "body 0")
              .withMessageId("digest.2026-W12.r0"));
    }

    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(51);
    List<String> recipients = new ArrayList<>();
    List<String> firstReadersIds = new ArrayList<>();
    for (MimeMessage m : received) {
      String to = m.getAllRecipients()[0].toString();
      recipients.add(to);
      if (to.equals("reader0@example.org")) {
        firstReadersIds.add(m.getMessageID());
      }
    }
    assertThat(recipients).contains("reader0@example.org", "reader49@example.org");
    assertThat(firstReadersIds)
        .containsExactly(
            "<digest.2026-W12.r0@paperboy.example>", "<digest.2026-W12.r0@paperboy.example>");
  }

  @Test
  void sockets_have_nagle_off_so_a_batch_does_not_wait_for_delayed_acks() throws Exception {
    // With Nagle on, each message in a batch waited ~40 ms for the relay's delayed ACK.
    try (Socket s = new SmtpMailer.NoDelaySocketFactory().createSocket()) {
      assertThat(s.getTcpNoDelay()).isTrue();
    }
  }
}
