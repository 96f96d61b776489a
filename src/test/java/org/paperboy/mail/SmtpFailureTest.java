package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paperboy.config.Settings;

/** How the SMTP mailer reports and survives failures, against a server with scripted replies. */
class SmtpFailureTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-17T08:00:00Z"), ZoneOffset.UTC);

  private ScriptedSmtpServer server;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedSmtpServer();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static Mailer mailer(int port) {
    return Mailer.from(
        Settings.from(
            Map.of(
                "PAPERBOY_SMTP_HOST", "127.0.0.1",
                "PAPERBOY_SMTP_PORT", Integer.toString(port),
                "PAPERBOY_SMTP_STARTTLS", "false",
                "PAPERBOY_MAIL_FROM", "Paperboy <news@paperboy.example>")),
        CLOCK);
  }

  private static MailMessage to(String address) {
    return MailMessage.text(address, "Trending papers", "body");
  }

  private long count(String command) {
    return server.commands.stream().filter(c -> c.startsWith(command)).count();
  }

  @Test
  void a_550_for_the_recipient_is_permanent_and_the_batch_goes_on_on_the_same_connection() {
    server.reply("RCPT TO:<gone@", "550 5.1.1 <gone@example.org>: Recipient address rejected");
    try (MailBatch batch = mailer(server.port()).batch()) {
      batch.send(to("ada@example.org"));
      MailException e =
          catchThrowableOfType(MailException.class, () -> batch.send(to("gone@example.org")));
      assertThat(e.permanent()).isTrue();
      assertThat(e.smtpCode()).isEqualTo(550);
      assertThat(e)
          .hasMessageContaining("refused the recipient gone@example.org, a permanent failure")
          .hasMessageContaining("550 5.1.1 <gone@example.org>: Recipient address rejected");
      batch.send(to("grace@example.org"));
    }
    assertThat(server.messages).hasSize(2);
    assertThat(server.connections).hasValue(1);
    assertThat(count("EHLO")).isEqualTo(1);
  }

  @Test
  void a_451_for_the_recipient_is_temporary() {
    server.reply("RCPT TO:<later@", "451 4.7.1 Greylisted, try again in 5 minutes");
    try (MailBatch batch = mailer(server.port()).batch()) {
      MailException e =
          catchThrowableOfType(MailException.class, () -> batch.send(to("later@example.org")));
      assertThat(e.permanent()).isFalse();
      assertThat(e.smtpCode()).isEqualTo(451);
      assertThat(e)
          .hasMessageContaining("a temporary failure")
          .hasMessageContaining("451 4.7.1 Greylisted");
      batch.send(to("ada@example.org"));
    }
    assertThat(server.messages).hasSize(1);
    assertThat(server.connections).hasValue(1);
  }

  @Test
  void a_5xx_after_the_data_is_a_permanent_refusal_of_the_message() {
    server.reply(".", "554 5.7.1 Message rejected as spam");
    MailException e =
        catchThrowableOfType(
            MailException.class, () -> mailer(server.port()).send(to("ada@example.org")));
    assertThat(e.permanent()).isTrue();
    assertThat(e.smtpCode()).isEqualTo(554);
    assertThat(e)
        .hasMessageContaining("refused the message to ada@example.org, a permanent failure")
        .hasMessageContaining("554 5.7.1 Message rejected as spam");
  }

  @Test
  void a_5xx_for_the_sender_is_not_the_recipients_fault_so_it_is_temporary() {
    server.reply("MAIL FROM", "550 5.7.1 Sender not allowed to relay");
    MailException e =
        catchThrowableOfType(
            MailException.class, () -> mailer(server.port()).send(to("ada@example.org")));
    assertThat(e.permanent()).isFalse();
    assertThat(e.smtpCode()).isEqualTo(550);
    assertThat(e)
        .hasMessageContaining("refused the sender")
        .hasMessageContaining("PAPERBOY_MAIL_FROM")
        .hasMessageContaining("550 5.7.1 Sender not allowed");
  }

  @Test
  void a_connection_dropped_between_messages_is_reopened_once_transparently() {
    server.dropAfterEachMessage();
    try (MailBatch batch = mailer(server.port()).batch()) {
      for (int i = 0; i < 3; i++) {
        batch.send(to("reader" + i + "@example.org"));
      }
    }
    assertThat(server.messages).hasSize(3);
    assertThat(server.connections).hasValue(3);
  }

  @Test
  void a_connection_dropped_during_a_message_is_a_temporary_failure_without_a_code() {
    server.reply("RCPT TO:<ada@", ScriptedSmtpServer.DROP);
    MailException e =
        catchThrowableOfType(
            MailException.class, () -> mailer(server.port()).send(to("ada@example.org")));
    assertThat(e.permanent()).isFalse();
    assertThat(e.smtpCode()).isEqualTo(-1);
    assertThat(e).hasMessageContaining("closed the connection").hasMessageContaining("temporary");
  }

  @Test
  void a_message_the_relay_may_have_taken_is_not_sent_twice() {
    try (MailBatch batch = mailer(server.port()).batch()) {
      batch.send(to("ada@example.org"));
      // The relay drops the connection after the whole second message, without a reply: it may
      // have queued it, so resending would risk a duplicate; the caller retries later instead.
      server.reply(".", ScriptedSmtpServer.DROP);
      MailException e =
          catchThrowableOfType(MailException.class, () -> batch.send(to("grace@example.org")));
      assertThat(e.permanent()).isFalse();
      assertThat(count(".")).isEqualTo(2);
      // The batch still works: the next message goes out on a new connection.
      server.reply(".", "250 OK");
      batch.send(to("alan@example.org"));
    }
    assertThat(server.connections).hasValue(2);
    assertThat(server.messages).hasSize(2);
  }

  @Test
  void a_refused_connection_is_temporary() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    assertThatThrownBy(() -> mailer(closed).send(to("ada@example.org")))
        .isInstanceOfSatisfying(
            MailException.class,
            e -> {
              assertThat(e.permanent()).isFalse();
              assertThat(e.smtpCode()).isEqualTo(-1);
            })
        .hasMessageContaining("SMTP relay 127.0.0.1:" + closed + " could not be reached")
        .hasMessageContaining("a temporary failure")
        .hasMessageContaining("Connection refused");
  }
}
