package org.paperboy.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.mail.HostileAddresses;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;
import org.paperboy.store.TestDatabases.Kind;

class SignInTest {

  private static final String BROWSER = Secrets.token();

  @TempDir Path dir;
  private Database db;
  private Writes writes;
  private final MovableClock clock = new MovableClock("2026-03-17T08:00:00Z");
  private final RecordingMailer mailer = new RecordingMailer();
  private Accounts accounts;
  private Sessions sessions;
  private SignIn signIn;

  private void open(Kind kind) {
    db = TestDatabases.open(kind, dir);
    writes = new Writes(db, 10, clock);
    accounts = new Accounts(db, writes, clock);
    sessions = new Sessions(db, clock);
    signIn =
        new SignIn(db, accounts, sessions, mailer, URI.create("https://papers.example/"), clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static CommunityException.Reason reason(Throwable t) {
    return ((CommunityException) t).reason();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_mailed_link_signs_in_once_and_makes_a_reader(Kind kind) {
    open(kind);
    signIn.request("  Ada@Example.org ", "10.0.0.1", BROWSER);

    assertThat(mailer.sent).hasSize(1);
    assertThat(mailer.sent.get(0).to()).isEqualTo("ada@example.org");
    assertThat(mailer.sent.get(0).text())
        .contains("https://papers.example" + SignIn.VERIFY_PATH + "?token=");
    String token = mailer.lastToken();
    String stored =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT token_hash FROM login_tokens").mapTo(String.class).one());
    assertThat(stored).isNotEqualTo(token).isEqualTo(Secrets.hash(token));

    Sessions.NewSession s = signIn.verify(token, BROWSER, false);
    assertThat(s.signedIn().user().email()).isEqualTo("ada@example.org");
    assertThat(s.signedIn().user().role()).isEqualTo(Role.READER);
    assertThat(s.signedIn().user().displayName()).startsWith("reader-");
    assertThat(sessions.lookup(s.token())).contains(s.signedIn());

    assertThatThrownBy(() -> signIn.verify(token, BROWSER, false))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(CommunityException.Reason.INVALID_TOKEN))
        .hasMessageContaining("already used");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void an_expired_or_wrong_token_is_refused_with_its_reason(Kind kind) {
    open(kind);
    signIn.request("ada@example.org", "c", BROWSER);
    String token = mailer.lastToken();
    clock.advance(SignIn.TOKEN_LIFETIME);
    assertThatThrownBy(() -> signIn.verify(token, BROWSER, false)).hasMessageContaining("expired");
    assertThatThrownBy(() -> signIn.verify(Secrets.token(), BROWSER, false))
        .hasMessageContaining("not valid");
    assertThatThrownBy(() -> signIn.verify("short", BROWSER, true))
        .hasMessageContaining("not valid");
    assertThatThrownBy(() -> signIn.verify(null, BROWSER, true)).hasMessageContaining("not valid");
    assertThat(accounts.findByEmail("ada@example.org")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_token_just_before_expiry_still_works(Kind kind) {
    open(kind);
    signIn.request("ada@example.org", "c", BROWSER);
    clock.advance(SignIn.TOKEN_LIFETIME.minusSeconds(1));
    assertThat(signIn.verify(mailer.lastToken(), BROWSER, false).signedIn().user().email())
        .isEqualTo("ada@example.org");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void sign_in_mails_are_limited_per_address_and_client_per_address_and_per_client(Kind kind) {
    open(kind);
    for (int i = 0; i < SignIn.PER_ADDRESS.max(); i++) {
      signIn.request("ada@example.org", "client-" + i, BROWSER);
    }
    assertThatThrownBy(() -> signIn.request("ADA@example.org", "another-client", BROWSER))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(CommunityException.Reason.RATE_LIMITED))
        .hasMessageContaining("this address");
    assertThat(mailer.sent).hasSize(SignIn.PER_ADDRESS.max());

    for (int i = 0; i < SignIn.PER_CLIENT.max(); i++) {
      signIn.request("reader" + i + "@example.org", "flooder", BROWSER);
    }
    clock.advance(Duration.ofMinutes(10));
    assertThatThrownBy(() -> signIn.request("victim@example.org", "flooder", BROWSER))
        .hasMessageContaining("from here")
        .satisfies(
            e ->
                assertThat(((CommunityException) e).retryAfter()).contains(Duration.ofMinutes(50)));

    clock.advance(Duration.ofMinutes(50));
    signIn.request("ada@example.org", "flooder", BROWSER);
    assertThat(mailer.sent).hasSize(SignIn.PER_ADDRESS.max() + SignIn.PER_CLIENT.max() + 1);
    signIn.purgeExpired();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void flooding_an_address_from_one_client_does_not_lock_its_owner_out(Kind kind) {
    open(kind);
    signIn.request("victim@example.org", "victim-laptop", BROWSER);
    String sentBefore = mailer.lastToken();
    for (int i = 0; i < SignIn.PER_ADDRESS_AND_CLIENT.max(); i++) {
      signIn.request("victim@example.org", "flooder", "flooder-browser");
    }
    for (int i = 0; i < 50; i++) {
      assertThatThrownBy(() -> signIn.request("Victim@Example.org", "flooder", "flooder-browser"))
          .satisfies(e -> assertThat(reason(e)).isEqualTo(CommunityException.Reason.RATE_LIMITED));
    }
    assertThat(mailer.sent).hasSize(1 + SignIn.PER_ADDRESS_AND_CLIENT.max());

    // the owner still gets a new link, and the link sent before still works
    signIn.request("victim@example.org", "victim-laptop", BROWSER);
    assertThat(mailer.sent).hasSize(2 + SignIn.PER_ADDRESS_AND_CLIENT.max());
    assertThat(signIn.verify(sentBefore, BROWSER, false).signedIn().user().email())
        .isEqualTo("victim@example.org");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void looking_at_a_link_does_not_spend_it(Kind kind) {
    open(kind);
    signIn.request("ada@example.org", "c", BROWSER);
    String token = mailer.lastToken();
    for (int i = 0; i < 3; i++) {
      assertThat(signIn.inspect(token, null))
          .isEqualTo(new SignIn.Pending("ada@example.org", false));
    }
    assertThat(signIn.inspect(token, BROWSER))
        .isEqualTo(new SignIn.Pending("ada@example.org", true));
    assertThat(accounts.findByEmail("ada@example.org")).isEmpty();
    assertThat(signIn.verify(token, BROWSER, false).signedIn().user().email())
        .isEqualTo("ada@example.org");
    assertThatThrownBy(() -> signIn.inspect(token, BROWSER)).hasMessageContaining("already used");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_link_opened_in_another_browser_signs_in_only_once_confirmed(Kind kind) {
    open(kind);
    signIn.request("attacker@example.org", "c", "attackers-browser");
    String token = mailer.lastToken();
    for (String other : new String[] {BROWSER, null, "attackers-browse"}) {
      assertThatThrownBy(() -> signIn.verify(token, other, false))
          .satisfies(e -> assertThat(reason(e)).isEqualTo(CommunityException.Reason.FORBIDDEN))
          .hasMessageContaining("confirm");
    }
    // refused unconfirmed, the link is still unspent: confirmed, it signs in
    assertThat(signIn.verify(token, BROWSER, true).signedIn().user().email())
        .isEqualTo("attacker@example.org");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void sessions_expire_and_end_on_sign_out(Kind kind) {
    open(kind);
    User ada = accounts.add("ada@example.org", "Ada", Role.READER);
    Sessions.NewSession s = sessions.start(ada);
    assertThat(sessions.lookup(s.token())).isPresent();
    assertThat(s.signedIn().csrfMatches(s.signedIn().csrfToken())).isTrue();
    assertThat(s.signedIn().csrfMatches(null)).isFalse();
    assertThat(s.signedIn().csrfMatches("forged")).isFalse();
    assertThat(sessions.lookup("not-a-session")).isEmpty();

    sessions.end(s.token());
    assertThat(sessions.lookup(s.token())).isEmpty();

    Sessions.NewSession t = sessions.start(ada);
    clock.advance(Sessions.LIFETIME);
    assertThat(sessions.lookup(t.token())).isEmpty();
    assertThat(sessions.purgeExpired()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void bad_addresses_are_refused_before_anything_is_sent(Kind kind) {
    open(kind);
    assertThatThrownBy(() -> signIn.request("", "c", BROWSER))
        .hasMessageContaining("Enter your email");
    assertThatThrownBy(() -> signIn.request("ada@example.org\r\nBcc: x@y.org", "c", BROWSER))
        .hasMessageContaining("does not look like an email address");
    assertThatThrownBy(() -> signIn.request("no-at-sign", "c", BROWSER))
        .hasMessageContaining("does not look like");
    assertThat(mailer.sent).isEmpty();
  }

  @Test
  void hostile_addresses_are_refused_before_anything_is_stored_or_counted() {
    open(Kind.SQLITE);
    for (String address : HostileAddresses.ALL) {
      assertThatThrownBy(() -> signIn.request(address, "client", BROWSER))
          .as(address)
          .satisfies(e -> assertThat(reason(e)).isEqualTo(CommunityException.Reason.BAD_INPUT));
      assertThatThrownBy(() -> accounts.add(address, null, Role.ADMIN))
          .as(address)
          .satisfies(e -> assertThat(reason(e)).isEqualTo(CommunityException.Reason.BAD_INPUT));
    }
    for (String table : new String[] {"login_tokens", "rate_counts", "users"}) {
      int rows =
          db.jdbi()
              .withHandle(
                  h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
      assertThat(rows).as(table).isZero();
    }
    assertThat(mailer.sent).isEmpty();
  }
}
