package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.Accounts;
import org.paperboy.community.CommunityException;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.config.Settings;
import org.paperboy.mail.HostileAddresses;
import org.paperboy.mail.MailMessage;
import org.paperboy.store.TestDatabases;

/** Double opt-in, the state machine, tokens, preferences and rate limits. */
class SubscriptionsTest {

  @TempDir Path dir;
  DigestWorld world;
  List<MailMessage> mails = new CopyOnWriteArrayList<>();
  Digests digests;
  Subscriptions subs;

  @BeforeEach
  void open() {
    world = new DigestWorld(TestDatabases.Kind.SQLITE, dir);
    Settings settings = world.settings(25);
    digests = world.digests(settings, mails::add, null);
    subs = digests.subscriptions();
  }

  @AfterEach
  void close() {
    world.close();
  }

  String lastToken() {
    Matcher m =
        Pattern.compile("token=([A-Za-z0-9_-]{43})").matcher(mails.get(mails.size() - 1).text());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  static Preferences daily() {
    return Preferences.parse("daily", "", "");
  }

  @Test
  void nothing_is_sent_before_the_link_is_opened_and_the_link_works_once() {
    assertThat(subs.subscribe("Ada@Example.org ", daily(), null, "c"))
        .isEqualTo(Subscriptions.Outcome.CONFIRMATION_SENT);
    Subscription s = subs.byEmail("ada@example.org").orElseThrow();
    assertThat(s.state()).isEqualTo(SubscriptionState.UNCONFIRMED);
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).text()).contains("https://papers.example.org/subscribe/confirm?token=");
    assertThat(digests.run(digests.period("daily:2026-06-29")).planned()).isZero();

    String token = lastToken();
    assertThat(subs.confirm(token).state()).isEqualTo(SubscriptionState.CONFIRMED);
    assertThatThrownBy(() -> subs.confirm(token))
        .isInstanceOf(CommunityException.class)
        .hasMessageContaining("already used");
    assertThatThrownBy(() -> subs.confirm("x".repeat(43))).hasMessageContaining("not valid");
  }

  @Test
  void an_expired_link_says_so() {
    subs.subscribe("ada@example.org", daily(), null, "c");
    world.clock.advance(Subscriptions.CONFIRM_LIFETIME.plusMinutes(1));
    assertThatThrownBy(() -> subs.confirm(lastToken())).hasMessageContaining("expired");
  }

  @Test
  void every_move_goes_through_one_method_that_refuses_illegal_ones() {
    for (SubscriptionState from : SubscriptionState.values()) {
      for (SubscriptionState to : SubscriptionState.values()) {
        boolean legal =
            switch (from) {
              case UNCONFIRMED -> to != SubscriptionState.UNCONFIRMED;
              case CONFIRMED ->
                  to == SubscriptionState.UNSUBSCRIBED || to == SubscriptionState.SUPPRESSED;
              case UNSUBSCRIBED ->
                  to == SubscriptionState.UNCONFIRMED || to == SubscriptionState.SUPPRESSED;
              case SUPPRESSED -> false;
            };
        assertThat(from.canMoveTo(to)).as(from + " → " + to).isEqualTo(legal);
      }
    }
    subs.subscribe("ada@example.org", daily(), null, "c");
    Subscription s = subs.confirm(lastToken());
    assertThatThrownBy(
            () ->
                world
                    .db
                    .jdbi()
                    .useHandle(
                        h ->
                            Subscriptions.move(
                                h, s, SubscriptionState.UNCONFIRMED, "test", world.clock.millis())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CONFIRMED to UNCONFIRMED");
    // A stale view (another request moved it first) is refused too.
    subs.unsubscribe(s.manageToken(), "test");
    assertThatThrownBy(
            () ->
                world
                    .db
                    .jdbi()
                    .useHandle(
                        h ->
                            Subscriptions.move(
                                h, s, SubscriptionState.SUPPRESSED, "test", world.clock.millis())))
        .hasMessageContaining("changed state meanwhile");
  }

  @Test
  void unsubscribing_is_idempotent_and_resubscribing_works() {
    subs.subscribe("ada@example.org", daily(), null, "c");
    Subscription s = subs.confirm(lastToken());
    assertThat(subs.unsubscribe(s.manageToken(), "link").state())
        .isEqualTo(SubscriptionState.UNSUBSCRIBED);
    assertThat(subs.unsubscribe(s.manageToken(), "link").state())
        .isEqualTo(SubscriptionState.UNSUBSCRIBED);

    assertThat(
            subs.subscribe("ada@example.org", Preferences.parse("weekly", "graphs", ""), null, "c"))
        .isEqualTo(Subscriptions.Outcome.CONFIRMATION_SENT);
    Subscription again = subs.confirm(lastToken());
    assertThat(again.state()).isEqualTo(SubscriptionState.CONFIRMED);
    assertThat(again.frequency()).isEqualTo(Frequency.WEEKLY);
    assertThat(again.manageToken()).isEqualTo(s.manageToken());
    assertThat(subs.history(s.id()))
        .containsExactly(
            "null → UNCONFIRMED: subscribed",
            "UNCONFIRMED → CONFIRMED: confirmed by link",
            "CONFIRMED → UNSUBSCRIBED: link",
            "UNSUBSCRIBED → UNCONFIRMED: subscribed again",
            "UNCONFIRMED → CONFIRMED: confirmed by link");
  }

  @Test
  void a_confirmed_address_is_not_changed_from_the_form_but_reminded_of_its_link() {
    subs.subscribe("ada@example.org", daily(), null, "c");
    Subscription s = subs.confirm(lastToken());
    assertThat(
            subs.subscribe("ada@example.org", Preferences.parse("weekly", "spam", ""), null, "c"))
        .isEqualTo(Subscriptions.Outcome.ALREADY_SUBSCRIBED);
    assertThat(mails.get(mails.size() - 1).text()).contains("/subscription/" + s.manageToken());
    Subscription now = subs.byEmail("ada@example.org").orElseThrow();
    assertThat(now.frequency()).isEqualTo(Frequency.DAILY);
    assertThat(now.topics()).isEmpty();

    Subscription changed =
        subs.update(
            s.manageToken(), Preferences.parse("weekly", "graph networks", "cs.LG stat.ML"));
    assertThat(changed.frequency()).isEqualTo(Frequency.WEEKLY);
    assertThat(changed.categories()).containsExactly("cs.LG", "stat.ML");
    assertThatThrownBy(() -> subs.update("y".repeat(43), daily()))
        .isInstanceOf(CommunityException.class);
  }

  @Test
  void a_signed_in_reader_subscribing_their_own_address_is_confirmed_and_linked() {
    User ada =
        new Accounts(world.db, world.writes, world.clock).add("ada@example.org", null, Role.READER);
    assertThat(subs.subscribe("ada@example.org", daily(), ada, "c"))
        .isEqualTo(Subscriptions.Outcome.CONFIRMED);
    Subscription s = subs.byEmail("ada@example.org").orElseThrow();
    assertThat(s.state()).isEqualTo(SubscriptionState.CONFIRMED);
    assertThat(s.userId()).isEqualTo(ada.id());
    assertThat(mails).isEmpty();
    // Another address from the same session still needs its own confirmation.
    assertThat(subs.subscribe("other@example.org", daily(), ada, "c"))
        .isEqualTo(Subscriptions.Outcome.CONFIRMATION_SENT);
    assertThat(subs.byEmail("other@example.org").orElseThrow().userId()).isNull();
  }

  @Test
  void the_form_cannot_flood_an_address_or_be_used_from_one_client_for_many() {
    for (int i = 0; i < 3; i++) {
      subs.subscribe("ada@example.org", daily(), null, "client-" + i);
    }
    assertThatThrownBy(() -> subs.subscribe("ada@example.org", daily(), null, "client-9"))
        .isInstanceOf(CommunityException.class)
        .extracting(e -> ((CommunityException) e).reason())
        .isEqualTo(CommunityException.Reason.RATE_LIMITED);
    assertThat(mails).hasSize(3);
    for (int i = 0; i < 20; i++) {
      subs.subscribe("r" + i + "@example.org", daily(), null, "one-client");
    }
    assertThatThrownBy(() -> subs.subscribe("r99@example.org", daily(), null, "one-client"))
        .hasMessageContaining("Too many");
  }

  @Test
  void the_box_field_splits_categories_from_topics() {
    Preferences p = Preferences.parseMixed("weekly", "video diffusion, cs.CV stat.ML hep-th");
    assertThat(p.frequency()).isEqualTo(Frequency.WEEKLY);
    assertThat(p.topics()).isEqualTo("video diffusion hep-th");
    assertThat(p.categories()).containsExactly("cs.CV", "stat.ML");
    assertThatThrownBy(() -> Preferences.parse("daily", "x".repeat(301), ""))
        .hasMessageContaining("300");
  }

  @Test
  void hostile_addresses_are_refused_before_anything_is_stored_or_counted() {
    for (String address : HostileAddresses.ALL) {
      assertThatThrownBy(() -> subs.subscribe(address, daily(), null, "client"))
          .as(address)
          .isInstanceOf(CommunityException.class)
          .extracting(e -> ((CommunityException) e).reason())
          .isEqualTo(CommunityException.Reason.BAD_INPUT);
      assertThat(subs.byEmail(address)).as(address).isEmpty();
    }
    for (String table : new String[] {"subscriptions", "subscription_events", "rate_counts"}) {
      int rows =
          world
              .db
              .jdbi()
              .withHandle(
                  h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
      assertThat(rows).as(table).isZero();
    }
    assertThat(mails).isEmpty();
  }
}
