package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
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
}
