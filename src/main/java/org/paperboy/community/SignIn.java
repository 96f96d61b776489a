package org.paperboy.community;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.mail.Html;
import org.paperboy.mail.MailException;
import org.paperboy.mail.MailMessage;
import org.paperboy.mail.Mailer;
import org.paperboy.store.Database;

/**
 * Passwordless sign-in by magic link. {@link #request} mails a link carrying a random 256-bit
 * token, of which only the SHA-256 is stored, together with the SHA-256 of a key of the browser
 * that asked (the web layer passes a random value it keeps in a cookie). Opening the link only
 * looks ({@link #inspect}): mail scanners fetch links, so a GET must not spend it. {@link #verify}
 * spends the token in one conditional update (so two submissions cannot both succeed), makes the
 * account on first sign-in, and starts a session. A link works once, for {@link #TOKEN_LIFETIME}.
 *
 * <p>A link opened in another browser than the one that asked signs in only once the reader
 * confirmed the account it signs into: otherwise anyone could mail themselves a link and make a
 * victim's browser sign in as them (login CSRF).
 *
 * <p>Sign-in mails are rate limited per address and client together ({@link
 * #PER_ADDRESS_AND_CLIENT}), per address ({@link #PER_ADDRESS}, larger, so the site cannot be used
 * to flood an inbox) and per client ({@link #PER_CLIENT}, keyed by whatever the web layer passes,
 * e.g. the remote IP). Someone asking for links to another's address from one client uses up their
 * own allowance, not the owner's; a refused request sends nothing and leaves the links already sent
 * working, and the refusal says nothing about whether an account exists.
 */
public final class SignIn {

  /** The path of the link in the mail; the web layer serves it and calls {@link #verify}. */
  public static final String VERIFY_PATH = "/auth/verify";

  /** How long a link works. */
  public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

  static final RateLimiter.Limit PER_ADDRESS_AND_CLIENT =
      new RateLimiter.Limit("signin-address-client", 5, Duration.ofHours(1));
  static final RateLimiter.Limit PER_ADDRESS =
      new RateLimiter.Limit("signin-address", 20, Duration.ofHours(1));
  static final RateLimiter.Limit PER_CLIENT =
      new RateLimiter.Limit("signin-client", 20, Duration.ofHours(1));

  private final Jdbi jdbi;
  private final Accounts accounts;
  private final Sessions sessions;
  private final Mailer mailer;
  private final RateLimiter limiter;
  private final URI baseUrl;
  private final Clock clock;

  /**
   * Sign-in on the given database, sending links through the mailer; links point at {@code baseUrl}
   * (the public URL of the site).
   */
  public SignIn(
      Database database,
      Accounts accounts,
      Sessions sessions,
      Mailer mailer,
      URI baseUrl,
      Clock clock) {
    this.jdbi = database.jdbi();
    this.accounts = accounts;
    this.sessions = sessions;
    this.mailer = mailer;
    this.limiter = new RateLimiter(database, clock);
    String base = baseUrl.toString();
    this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.clock = clock;
  }

  /**
   * A link as opened, before it is spent.
   *
   * @param email the address (and so the account) it signs into
   * @param sameBrowser whether it is opened in the browser that asked for it
   */
  public record Pending(String email, boolean sameBrowser) {}

  /**
   * Mails a sign-in link to the address. Says nothing about whether an account exists (the page
   * after it should say "check your inbox" either way). Refused with {@code BAD_INPUT} for an
   * invalid address, {@code RATE_LIMITED} when the client, or the address, asked too often, and
   * {@code UNAVAILABLE} when the mail could not be sent.
   *
   * @param clientKey what identifies the client for the per-client limits, e.g. its IP address
   * @param browserKey a secret the asking browser keeps (a cookie); the link is bound to it
   */
  public void request(String email, String clientKey, String browserKey) {
    String address = Accounts.normalizeEmail(email);
    String client = clientKey == null ? "" : clientKey;
    if (!limiter.tryAcquire(PER_CLIENT, client)) {
      throw CommunityException.rateLimited(
          "Too many sign-in requests from here; try again in an hour",
          limiter.retryAfter(PER_CLIENT));
    }
    // the pair first: a client over its allowance for this address does not count against the
    // address, so flooding it from one place cannot use up the owner's own requests
    if (!limiter.tryAcquire(PER_ADDRESS_AND_CLIENT, address + "\n" + client)
        || !limiter.tryAcquire(PER_ADDRESS, address)) {
      throw CommunityException.rateLimited(
          "Too many sign-in links were asked for this address; links already sent still work,"
              + " or try again in an hour",
          limiter.retryAfter(PER_ADDRESS));
    }
    String token = Secrets.token();
    long now = clock.millis();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO login_tokens (token_hash, email, created_at, expires_at,"
                        + " browser_hash) VALUES (:h, :e, :now, :exp, :b)")
                .bind("h", Secrets.hash(token))
                .bind("e", address)
                .bind("now", now)
                .bind("exp", now + TOKEN_LIFETIME.toMillis())
                .bind("b", browserKey == null ? null : Secrets.hash(browserKey))
                .execute());
    String link = link(token);
    try {
      mailer.send(
          new MailMessage(
              address,
              "Sign in to Paperboy",
              "Open this link to sign in to Paperboy:\n\n"
                  + link
                  + "\n\nIt works once, within 15 minutes. If you did not ask to sign in, ignore"
                  + " this mail: nothing happens without the link.\n",
              "<p>Open this link to sign in to Paperboy:</p>\n<p><a href=\""
                  + Html.escape(link)
                  + "\">Sign in</a></p>\n<p>It works once, within 15 minutes. If you did not ask"
                  + " to sign in, ignore this mail: nothing happens without the link.</p>\n",
              Map.of("Auto-Submitted", "auto-generated")));
    } catch (MailException e) {
      throw new CommunityException(
          CommunityException.Reason.UNAVAILABLE,
          "The sign-in mail could not be sent; try again later",
          e);
    }
  }

  /**
   * What a link would do, without spending it: the account it signs into and whether it is opened
   * in the browser that asked for it. Refused with {@code INVALID_TOKEN} like {@link #verify}.
   */
  public Pending inspect(String token, String browserKey) {
    String hash = tokenHash(token);
    return jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT email, browser_hash FROM login_tokens WHERE token_hash = :h AND"
                            + " used_at IS NULL AND expires_at > :now")
                    .bind("h", hash)
                    .bind("now", clock.millis())
                    .map(
                        (rs, ctx) ->
                            new Pending(rs.getString(1), sameBrowser(rs.getString(2), browserKey)))
                    .findOne())
        .orElseThrow(() -> invalid(whyUnusable(hash)));
  }

  /**
   * Spends a link's token and starts a session, making a reader account on first sign-in. In
   * another browser than the one that asked for the link it works only when {@code confirmed} (the
   * reader saw {@link #inspect}'s address and said yes); unconfirmed it is refused with {@code
   * FORBIDDEN} and stays unspent. Refused with {@code INVALID_TOKEN} (and a message saying which)
   * when the token is unknown, already used, or expired.
   */
  public Sessions.NewSession verify(String token, String browserKey, boolean confirmed) {
    String hash = tokenHash(token);
    if (!confirmed && !inspect(token, browserKey).sameBrowser()) {
      throw CommunityException.forbidden(
          "This link was asked for in another browser; confirm the account it signs into");
    }
    long now = clock.millis();
    Optional<String> email =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "UPDATE login_tokens SET used_at = :now WHERE token_hash = :h AND used_at"
                            + " IS NULL AND expires_at > :now RETURNING email")
                    .bind("h", hash)
                    .bind("now", now)
                    .mapTo(String.class)
                    .findOne());
    if (email.isEmpty()) {
      throw invalid(whyUnusable(hash));
    }
    User user = accounts.findOrCreate(email.get());
    return sessions.start(user);
  }

  private static String tokenHash(String token) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
      throw invalid("This sign-in link is not valid; ask for a new one");
    }
    return Secrets.hash(token);
  }

  private static boolean sameBrowser(String storedHash, String browserKey) {
    return storedHash != null
        && browserKey != null
        && Secrets.same(storedHash, Secrets.hash(browserKey));
  }

  /** The link a token is mailed in. */
  String link(String token) {
    return baseUrl + VERIFY_PATH + "?token=" + token;
  }

  /**
   * Deletes tokens that expired a day ago and rate-limit windows older than a day; returns how many
   * rows went.
   */
  public int purgeExpired() {
    long cutoff = clock.millis() - Duration.ofDays(1).toMillis();
    int tokens =
        jdbi.withHandle(
            h ->
                h.createUpdate("DELETE FROM login_tokens WHERE expires_at < :c")
                    .bind("c", cutoff)
                    .execute());
    return tokens + limiter.purge(Duration.ofDays(1));
  }

  private String whyUnusable(String hash) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT used_at FROM login_tokens WHERE token_hash = :h")
                .bind("h", hash)
                .map((rs, ctx) -> rs.getObject(1) != null)
                .findOne()
                .map(
                    used ->
                        used
                            ? "This sign-in link was already used; ask for a new one"
                            : "This sign-in link has expired; ask for a new one")
                .orElse("This sign-in link is not valid; ask for a new one"));
  }

  private static CommunityException invalid(String message) {
    return new CommunityException(CommunityException.Reason.INVALID_TOKEN, message);
  }
}
