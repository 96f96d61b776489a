package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class EmailAddressTest {

  @ParameterizedTest
  @FieldSource("org.paperboy.mail.HostileAddresses#ALL")
  void anything_but_a_plain_addr_spec_is_refused(String address) {
    assertThatThrownBy(() -> EmailAddress.parse(address))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_canonical_form_is_trimmed_of_spaces_and_lower_case() {
    assertThat(EmailAddress.parse("  Ada@Example.ORG ")).isEqualTo("ada@example.org");
    assertThat(EmailAddress.parse("ada.lovelace+digest@mail.example.co.uk"))
        .isEqualTo("ada.lovelace+digest@mail.example.co.uk");
    assertThat(EmailAddress.parse("o'brien@xn--bcher-kva.de"))
        .isEqualTo("o'brien@xn--bcher-kva.de");
    assertThat(EmailAddress.parse("x@a-b.example.org")).isEqualTo("x@a-b.example.org");
  }

  @Test
  void an_address_of_the_longest_length_is_accepted_and_one_more_is_not() {
    String start = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + ".";
    String longest = start + "d".repeat(EmailAddress.MAX_LENGTH - start.length() - 4) + ".org";
    assertThat(longest).hasSize(EmailAddress.MAX_LENGTH);
    assertThat(EmailAddress.parse(longest)).isEqualTo(longest);
    assertThatThrownBy(() -> EmailAddress.parse("e" + longest.substring(1) + "g"))
        .hasMessageContaining("at most 254");
  }

  @Test
  void an_empty_address_asks_for_one() {
    assertThatThrownBy(() -> EmailAddress.parse(null)).hasMessage("Enter your email address");
    assertThatThrownBy(() -> EmailAddress.parse("   ")).hasMessage("Enter your email address");
    assertThatThrownBy(() -> EmailAddress.parse("no-at-sign"))
        .hasMessage("'no-at-sign' does not look like an email address");
  }
}
