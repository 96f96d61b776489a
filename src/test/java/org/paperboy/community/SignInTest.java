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

  @TempDir Path dir;
  private Database db;
  private final MovableClock clock = new MovableClock("2026-03-17T08:00:00Z");
  private final RecordingMailer mailer = new RecordingMailer();
  private Accounts accounts;
  private Sessions sessions;
  private SignIn signIn;

  private void open(Kind kind) {
    db = TestDatabases.open(kind, dir);
    accounts = new Accounts(db, clock);
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
    signIn.request("  Ada@Example.org ", "10.0.0.1");

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

    Sessions.NewSession s = signIn.verify(token);
    assertThat(s.signedIn().user().email()).isEqualTo("ada@example.org");
    assertThat(s.signedIn().user().role()).isEqualTo(Role.READER);
    assertThat(s.signedIn().user().displayName()).startsWith("reader-");
    assertThat(sessions.lookup(s.token())).contains(s.signedIn());

    assertThatThrownBy(() -> signIn.verify(token))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(CommunityException.Reason.INVALID_TOKEN))
        .hasMessageContaining("already used");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void an_expired_or_wrong_token_is_refused_with_its_reason(Kind kind) {
    open(kind);
    signIn.request("ada@example.org", "c");
    String token = mailer.lastToken();
    clock.advance(SignIn.TOKEN_LIFETIME);
    assertThatThrownBy(() -> signIn.verify(token)).hasMessageContaining("expired");
    assertThatThrownBy(() -> signIn.verify(Secrets.token())).hasMessageContaining("not valid");
    assertThatThrownBy(() -> signIn.verify("short")).hasMessageContaining("not valid");
    assertThatThrownBy(() -> signIn.verify(null)).hasMessageContaining("not valid");
    assertThat(accounts.findByEmail("ada@example.org")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_token_just_before_expiry_still_works(Kind kind) {
    open(kind);
    signIn.request("ada@example.org", "c");
    clock.advance(SignIn.TOKEN_LIFETIME.minusSeconds(1));
    assertThat(signIn.verify(mailer.lastToken()).signedIn().user().email())
        .isEqualTo("ada@example.org");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void sign_in_mails_are_limited_per_address_and_per_client(Kind kind) {
    open(kind);
    for (int i = 0; i < SignIn.PER_ADDRESS.max(); i++) {
      signIn.request("ada@example.org", "client-" + i);
    }
    assertThatThrownBy(() -> signIn.request("ADA@example.org", "another-client"))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(CommunityException.Reason.RATE_LIMITED))
        .hasMessageContaining("this address");
    assertThat(mailer.sent).hasSize(SignIn.PER_ADDRESS.max());

    for (int i = 0; i < SignIn.PER_CLIENT.max(); i++) {
      signIn.request("reader" + i + "@example.org", "flooder");
    }
    assertThatThrownBy(() -> signIn.request("victim@example.org", "flooder"))
        .hasMessageContaining("from here");

    clock.advance(Duration.ofHours(1));
    signIn.request("ada@example.org", "flooder");
    assertThat(mailer.sent).hasSize(SignIn.PER_ADDRESS.max() + SignIn.PER_CLIENT.max() + 1);
    signIn.purgeExpired();
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
    assertThatThrownBy(() -> signIn.request("", "c")).hasMessageContaining("Enter your email");
    assertThatThrownBy(() -> signIn.request("ada@example.org\r\nBcc: x@y.org", "c"))
        .hasMessageContaining("does not look like an email address");
    assertThatThrownBy(() -> signIn.request("no-at-sign", "c"))
        .hasMessageContaining("does not look like");
    assertThat(mailer.sent).isEmpty();
  }

  @Test
  void hostile_addresses_are_refused_before_anything_is_stored_or_counted() {
    open(Kind.SQLITE);
    for (String address : HostileAddresses.ALL) {
      assertThatThrownBy(() -> signIn.request(address, "client"))
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
