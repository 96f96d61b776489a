package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.mail.ScriptedSmtpServer;
import org.paperboy.store.TestDatabases;

/** A permanent 5xx from the relay is a bounce: that digest stops and the address is suppressed. */
class BounceTest {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  @Test
  void a_550_suppresses_the_address_and_the_others_are_sent() throws Exception {
    try (DigestWorld world = new DigestWorld(TestDatabases.Kind.SQLITE, dir);
        ScriptedSmtpServer relay = new ScriptedSmtpServer()) {
      Digests viaGreenMail = world.digests(world.settings(SMTP.getSmtp().getPort()));
      for (String who : new String[] {"ada", "bob", "cy"}) {
        DigestWorld.confirmed(
            viaGreenMail, who + "@example.org", "", e -> DigestDeliveryTest.lastToken(SMTP, e));
      }
      relay.reply("RCPT TO:<bob@", "550 5.1.1 <bob@example.org>: mailbox unavailable");
      Digests d = world.digests(world.settings(relay.port()));

      Digests.Report r = d.run(d.period("daily:2026-06-29"));

      assertThat(r.sent()).isEqualTo(2);
      assertThat(r.bounced()).isEqualTo(1);
      assertThat(relay.messages()).hasSize(2);
      Subscription bob = d.subscriptions().byEmail("bob@example.org").orElseThrow();
      assertThat(bob.state()).isEqualTo(SubscriptionState.SUPPRESSED);
      assertThat(d.subscriptions().history(bob.id()))
          .last()
          .asString()
          .startsWith("CONFIRMED → SUPPRESSED: bounced:")
          .contains("550");
      assertThat(d.recentAttempts(10))
          .filteredOn(a -> a.email().equals("bob@example.org"))
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.outcome()).isEqualTo("BOUNCED");
                assertThat(a.smtpCode()).isEqualTo(550);
              });

      // No later digest, and the public form cannot bring the address back.
      Digests.Report next = d.run(d.period("daily:2026-06-30"));
      assertThat(next.planned()).isEqualTo(2);
      int mails = SMTP.getReceivedMessages().length;
      assertThat(
              viaGreenMail
                  .subscriptions()
                  .subscribe("bob@example.org", Preferences.parse("daily", "", ""), null, "x"))
          .isEqualTo(Subscriptions.Outcome.SUPPRESSED);
      assertThat(SMTP.getReceivedMessages()).hasSize(mails);
    }
  }
}
