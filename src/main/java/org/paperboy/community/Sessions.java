package org.paperboy.community;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.store.Database;

/**
 * Signed-in sessions. The cookie carries a random 256-bit token; the database keeps only its
 * SHA-256, so a copy of the database cannot be used to sign in. Each session has its own CSRF token
 * for the forms it submits.
 */
public final class Sessions {

  /** How long a session lasts after sign-in. */
  public static final Duration LIFETIME = Duration.ofDays(30);

  /** The cookie name the web layer should use for the session token. */
  public static final String COOKIE = "paperboy_session";

  /**
   * A signed-in account as a request sees it.
   *
   * @param user the account, as it is now (role and ban changes apply at once)
   * @param csrfToken the token every state-changing form of this session must carry
   * @param expiresAt when the session ends
   */
  public record SignedIn(User user, String csrfToken, Instant expiresAt) {

    /** This session with its account acting from the given client ({@link User#from}). */
    public SignedIn from(String client) {
      return new SignedIn(user.from(client), csrfToken, expiresAt);
    }

    /** Whether a submitted CSRF token is this session's (compared in constant time). */
    public boolean csrfMatches(String submitted) {
      return Secrets.same(csrfToken, submitted);
    }
  }

  /**
   * A session just started.
   *
   * @param token the value for the session cookie; only its hash is stored
   * @param signedIn the session
   */
  public record NewSession(String token, SignedIn signedIn) {}

  private final Jdbi jdbi;
  private final Clock clock;

  /** Sessions in the given database, timed by the clock. */
  public Sessions(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /** Starts a session for the account. */
  public NewSession start(User user) {
    String token = Secrets.token();
    String csrf = Secrets.token();
    Instant now = clock.instant();
    Instant expires = now.plus(LIFETIME);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at)"
                        + " VALUES (:h, :u, :c, :now, :exp)")
                .bind("h", Secrets.hash(token))
                .bind("u", user.id())
                .bind("c", csrf)
                .bind("now", now.toEpochMilli())
                .bind("exp", expires.toEpochMilli())
                .execute());
    return new NewSession(token, new SignedIn(user, csrf, expires));
  }

  /** The session a cookie value names, unless it is unknown, ended or expired. */
  public Optional<SignedIn> lookup(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Optional.empty();
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT u.id, u.email, u.display_name, u.role, u.banned, u.created_at,"
                        + " s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.id ="
                        + " s.user_id WHERE s.id_hash = :h AND s.expires_at > :now")
                .bind("h", Secrets.hash(token))
                .bind("now", clock.millis())
                .map(
                    (rs, ctx) ->
                        new SignedIn(
                            Accounts.read(rs),
                            rs.getString(7),
                            Instant.ofEpochMilli(rs.getLong(8))))
                .findOne());
  }

  /** Ends the session a cookie value names (signing out); unknown values are ignored. */
  public void end(String token) {
    if (token == null || token.isEmpty()) {
      return;
    }
    jdbi.useHandle(
        h ->
            h.createUpdate("DELETE FROM sessions WHERE id_hash = :h")
                .bind("h", Secrets.hash(token))
                .execute());
  }

  /** Ends every session of an account (after a ban, or "sign out everywhere"). */
  public int endAll(String userId) {
    return jdbi.withHandle(
        h -> h.createUpdate("DELETE FROM sessions WHERE user_id = :u").bind("u", userId).execute());
  }

  /** Deletes expired sessions; returns how many. */
  public int purgeExpired() {
    return jdbi.withHandle(
        h ->
            h.createUpdate("DELETE FROM sessions WHERE expires_at <= :now")
                .bind("now", clock.millis())
                .execute());
  }
}
