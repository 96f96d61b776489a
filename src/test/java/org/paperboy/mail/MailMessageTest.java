package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MailMessageTest {

  @Test
  void a_line_break_in_any_header_is_refused() {
    assertThatThrownBy(() -> MailMessage.text("ada@example.org\r\nBcc: eve@example.org", "s", "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recipient address contains a line break");
    assertThatThrownBy(() -> MailMessage.text("ada@example.org", "Hi\nBcc: eve@example.org", "t"))
        .hasMessageContaining("subject contains a line break");
    assertThatThrownBy(
            () ->
                new MailMessage(
                    "ada@example.org",
                    "s",
                    "t",
                    null,
                    Map.of("List-Unsubscribe", "<https://x>\r\nBcc: eve@example.org")))
        .hasMessageContaining("header List-Unsubscribe contains a line break");
  }

  @Test
  void more_than_one_recipient_or_a_bad_address_is_refused() {
    assertThatThrownBy(() -> MailMessage.text("ada@example.org, eve@example.org", "s", "t"))
        .hasMessageContaining("exactly one recipient");
    assertThatThrownBy(() -> MailMessage.text("not an address", "s", "t"))
        .hasMessageContaining("not a mail address");
  }

  @Test
  void headers_the_mailer_sets_and_bad_header_names_are_refused() {
    assertThatThrownBy(
            () -> new MailMessage("ada@example.org", "s", "t", null, Map.of("Bcc", "e@x.org")))
        .hasMessageContaining("header Bcc is set by the mailer");
    assertThatThrownBy(
            () -> new MailMessage("ada@example.org", "s", "t", null, Map.of("X Evil:", "1")))
        .hasMessageContaining("not a header name");
  }

  @Test
  void a_good_message_keeps_its_headers_in_order() {
    MailMessage m =
        new MailMessage(
            "Ada Lovelace <ada@example.org>",
            "Sign in to Paperboy",
            "text",
            "<p>html</p>",
            Map.of("List-Unsubscribe", "<https://x/u>"));
    assertThat(m.headers()).containsEntry("List-Unsubscribe", "<https://x/u>");
  }

  @Test
  void the_unsubscribe_headers_of_a_digest_are_allowed_but_a_dkim_signature_is_not() {
    MailMessage m =
        new MailMessage(
            "ada@example.org",
            "s",
            "t",
            null,
            Map.of(
                "List-Unsubscribe", "<https://paperboy.example/u/abc>",
                "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    assertThat(m.headers())
        .containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
        .hasSize(2);
    assertThatThrownBy(
            () ->
                new MailMessage(
                    "ada@example.org", "s", "t", null, Map.of("DKIM-Signature", "v=1; b=forged")))
        .hasMessageContaining("header DKIM-Signature is set by the mailer");
  }

  @Test
  void a_message_id_is_a_dot_atom_local_part_and_nothing_else() {
    MailMessage m = MailMessage.text("ada@example.org", "s", "t");
    assertThat(m.messageId()).isNull();
    assertThat(m.withMessageId("digest.2026-W12.7f3a9c").messageId())
        .isEqualTo("digest.2026-W12.7f3a9c");
    assertThat(m.withMessageId("a+b=c_d~e").messageId()).isEqualTo("a+b=c_d~e");
    assertThat(m.withMessageId("x").withMessageId(null).messageId()).isNull();
    for (String bad :
        new String[] {
          "",
          "a b",
          "id@paperboy.example",
          "<id>",
          "id>\r\nBcc: eve@example.org",
          "id\nX: y",
          ".id",
          "id.",
          "a..b",
          "caf\u00e9",
          "x".repeat(MailMessage.MAX_MESSAGE_ID + 1)
        }) {
      assertThatThrownBy(() -> m.withMessageId(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("message id must be the local part only");
    }
  }
}
