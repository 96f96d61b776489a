package org.paperboy.digest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.community.Accounts;
import org.paperboy.community.CommunityException;
import org.paperboy.community.CommunityException.Reason;
import org.paperboy.community.RateLimiter;
import org.paperboy.community.Secrets;
import org.paperboy.community.User;
import org.paperboy.mail.EmailAddress;
import org.paperboy.mail.Html;
import org.paperboy.mail.MailException;
import org.paperboy.mail.MailMessage;
import org.paperboy.mail.Mailer;

/**
 * Subscriptions to the digest, with double opt-in: {@link #subscribe} stores the request and mails
 * a confirmation link (a 256-bit token stored only as its SHA-256, working once, for {@link
 * #CONFIRM_LIFETIME}); {@link #confirm} consumes it. Every subscription also has a long-lived
 * manage token, carried by the preferences and unsubscribe links of every mail: derived from the
 * subscription's id by {@link ManageTokens} and stored only as its SHA-256 ({@code manage_hash}).
 * Subscriptions made before V16 keep the SHA-256 of their old random token in {@code manage_token}
 * (V16 hashed it in place), so the links in mails sent before still work.
 *
 * <p>State changes all go through {@link #move}, which refuses moves {@link SubscriptionState} does
 * not allow and records each change with its reason in {@code subscription_events}.
 *
 * <p>The form is rate limited per address ({@link #PER_ADDRESS}) and per client ({@link
 * #PER_CLIENT}) in the database, so it cannot be used to flood someone's inbox with confirmation
 * mails, even across app nodes.
 */
public final class Subscriptions {

  /** The confirmation link's path; the web layer serves it and calls {@link #confirm}. */
  public static final String CONFIRM_PATH = "/subscribe/confirm";

  /** The preferences page's path, followed by the manage token. */
  public static final String MANAGE_PATH = "/subscription/";

  /** The unsubscribe path (page on GET, RFC 8058 one-click on POST), followed by the token. */
  public static final String UNSUBSCRIBE_PATH = "/unsubscribe/";

  /** How long a confirmation link works. */
  public static final Duration CONFIRM_LIFETIME = Duration.ofDays(7);

  static final RateLimiter.Limit PER_ADDRESS =
      new RateLimiter.Limit("subscribe-address", 3, Duration.ofDays(1));
  static final RateLimiter.Limit PER_CLIENT =
      new RateLimiter.Limit("subscribe-client", 20, Duration.ofHours(1));

  static final String COLUMNS =
      "id, email, user_id, frequency, topics, categories, state, created_at";

  /** What {@link #subscribe} did; the page says "check your inbox" in every case. */
  public enum Outcome {
    /** A confirmation link was mailed. */
    CONFIRMATION_SENT,
    /** The address was already confirmed; a mail with its preferences link was sent instead. */
    ALREADY_SUBSCRIBED,
    /** The signed-in reader's own, already verified address: confirmed at once. */
    CONFIRMED,
    /** The address is suppressed (bounced or complained); nothing was sent. */
    SUPPRESSED
  }

  private final Jdbi jdbi;
  private final Mailer mailer;
  private final RateLimiter limiter;
  private final String baseUrl;
  private final Clock clock;
  private final ManageTokens tokens;

  /**
   * Subscriptions in the database; mails go through {@code mailer}, links to {@code baseUrl} carry
   * tokens derived by {@code tokens}, the form's limits are counted by {@code limiter}.
   */
  Subscriptions(
      Jdbi jdbi,
      RateLimiter limiter,
      Mailer mailer,
      URI baseUrl,
      ManageTokens tokens,
      Clock clock) {
    this.jdbi = jdbi;
    this.mailer = mailer;
    this.limiter = limiter;
    String base = baseUrl.toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.tokens = tokens;
    this.clock = clock;
    hashDerivedTokens();
  }

  /**
   * Stores the hash of the derived token of every subscription that has none yet: those made before
   * V16, whose rows the migration could not derive a token for (it has no key).
   */
  private void hashDerivedTokens() {
    jdbi.useHandle(
        h -> {
          List<String> ids =
              h.createQuery("SELECT id FROM subscriptions WHERE manage_hash IS NULL")
                  .mapTo(String.class)
                  .list();
          for (String id : ids) {
            h.createUpdate("UPDATE subscriptions SET manage_hash = :m WHERE id = :id")
                .bind("m", Secrets.hash(tokens.token(id)))
                .bind("id", id)
                .execute();
          }
        });
  }

  /**
   * Subscribes an address, or updates an unconfirmed subscription, and mails a confirmation link. A
   * confirmed address gets a mail with its preferences link instead (its settings change only
   * through that link, never from a form anyone can fill in). A signed-in reader subscribing the
   * address of their account, which sign-in has proven, is confirmed at once and linked to the
   * account. Refused with {@code BAD_INPUT} for an invalid address and {@code RATE_LIMITED} when
   * the address or client asked too often; {@code UNAVAILABLE} when the mail could not be sent.
   *
   * @param user the signed-in reader, or null
   * @param clientKey what identifies the client for the per-client limit, e.g. its IP address
   */
  public Outcome subscribe(String email, Preferences prefs, User user, String clientKey) {
    String address = Accounts.normalizeEmail(email);
    if (!limiter.tryAcquire(PER_CLIENT, clientKey == null ? "" : clientKey)) {
      throw CommunityException.rateLimited(
          "Too many subscriptions from here; try again in an hour", limiter.retryAfter(PER_CLIENT));
    }
    if (!limiter.tryAcquire(PER_ADDRESS, address)) {
      throw CommunityException.rateLimited(
          "Several confirmation mails went to this address today already; check the inbox (and"
              + " the spam folder) or try again tomorrow",
          limiter.retryAfter(PER_ADDRESS));
    }
    boolean verified = user != null && !user.banned() && user.email().equals(address);
    String confirmToken = Secrets.token();
    long now = clock.millis();
    Subscription sub =
        jdbi.inTransaction(
            h -> {
              Optional<Subscription> existing = byEmail(h, address);
              if (existing.isEmpty()) {
                String id = Secrets.id();
                h.createUpdate(
                        "INSERT INTO subscriptions (id, email, user_id, frequency, topics,"
                            + " categories, state, manage_token, manage_hash, confirm_hash,"
                            + " confirm_expires, created_at, state_changed_at) VALUES (:id, :e,"
                            + " :u, :f, :t, :c, :s, :m, :m, :ch, :cx, :now, :now)")
                    .bind("id", id)
                    .bind("e", address)
                    .bind("u", verified ? user.id() : null)
                    .bind("f", prefs.frequency().name())
                    .bind("t", prefs.topics())
                    .bind("c", prefs.categoriesText())
                    .bind("s", SubscriptionState.UNCONFIRMED.name())
                    .bind("m", Secrets.hash(tokens.token(id)))
                    .bind("ch", Secrets.hash(confirmToken))
                    .bind("cx", now + CONFIRM_LIFETIME.toMillis())
                    .bind("now", now)
                    .execute();
                event(h, id, null, SubscriptionState.UNCONFIRMED, "subscribed", now);
                return byId(h, id).orElseThrow();
              }
              Subscription s = existing.get();
              switch (s.state()) {
                case SUPPRESSED, CONFIRMED -> {
                  return s;
                }
                case UNSUBSCRIBED ->
                    move(h, s, SubscriptionState.UNCONFIRMED, "subscribed again", now);
                case UNCONFIRMED -> {
                  // a new link replaces the old one
                }
              }
              h.createUpdate(
                      "UPDATE subscriptions SET frequency = :f, topics = :t, categories = :c,"
                          + " confirm_hash = :ch, confirm_expires = :cx,"
                          + " user_id = COALESCE(:u, user_id) WHERE id = :id")
                  .bind("f", prefs.frequency().name())
                  .bind("t", prefs.topics())
                  .bind("c", prefs.categoriesText())
                  .bind("ch", Secrets.hash(confirmToken))
                  .bind("cx", now + CONFIRM_LIFETIME.toMillis())
                  .bind("u", verified ? user.id() : null)
                  .bind("id", s.id())
                  .execute();
              return byId(h, s.id()).orElseThrow();
            });
    return switch (sub.state()) {
      case SUPPRESSED -> Outcome.SUPPRESSED;
      case CONFIRMED -> {
        send(alreadySubscribedMail(sub));
        yield Outcome.ALREADY_SUBSCRIBED;
      }
      default -> {
        if (verified) {
          jdbi.useTransaction(h -> confirmWithoutLink(h, sub, "address verified by sign-in", now));
          yield Outcome.CONFIRMED;
        }
        send(confirmationMail(sub, confirmToken));
        yield Outcome.CONFIRMATION_SENT;
      }
    };
  }

  /**
   * Confirms the subscription a confirmation link was sent for. The token works once: it is cleared
   * in the same conditional update that confirms. Refused with {@code INVALID_TOKEN} and a message
   * saying why (unknown or already used, expired).
   */
  public Subscription confirm(String token) {
    if (!wellFormed(token)) {
      throw invalid("This confirmation link is not valid; subscribe again to get a new one");
    }
    String hash = Secrets.hash(token);
    long now = clock.millis();
    return jdbi.inTransaction(
        h -> {
          Optional<String> id =
              h.createQuery(
                      "SELECT id FROM subscriptions WHERE confirm_hash = :h AND confirm_expires >"
                          + " :now")
                  .bind("h", hash)
                  .bind("now", now)
                  .mapTo(String.class)
                  .findOne();
          if (id.isEmpty()) {
            boolean expired =
                h.createQuery("SELECT COUNT(*) FROM subscriptions WHERE confirm_hash = :h")
                        .bind("h", hash)
                        .mapTo(Integer.class)
                        .one()
                    > 0;
            throw invalid(
                expired
                    ? "This confirmation link has expired; subscribe again to get a new one"
                    : "This confirmation link is not valid or was already used; if you"
                        + " confirmed already, you are subscribed");
          }
          Subscription s = byId(h, id.get()).orElseThrow();
          int cleared =
              h.createUpdate(
                      "UPDATE subscriptions SET confirm_hash = NULL, confirmed_at = :now WHERE id"
                          + " = :id AND confirm_hash = :h")
                  .bind("now", now)
                  .bind("id", s.id())
                  .bind("h", hash)
                  .execute();
          if (cleared != 1) {
            throw invalid("This confirmation link was already used");
          }
          if (s.state() == SubscriptionState.UNCONFIRMED) {
            move(h, s, SubscriptionState.CONFIRMED, "confirmed by link", now);
          } else if (s.state() != SubscriptionState.CONFIRMED) {
            throw invalid("This subscription was ended; subscribe again to get a new link");
          }
          return byId(h, s.id()).orElseThrow();
        });
  }

  /** The subscription a manage token belongs to. */
  public Optional<Subscription> byManageToken(String token) {
    if (!wellFormed(token)) {
      return Optional.empty();
    }
    // Only hashes are compared: the database lookup cannot leak the token by its timing.
    String hash = Secrets.hash(token);
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM subscriptions WHERE manage_hash = :h OR manage_token = :h")
                .bind("h", hash)
                .map((rs, ctx) -> read(rs, tokens))
                .findOne());
  }

  /** The subscription of an address, if any; none for text that is not an address. */
  public Optional<Subscription> byEmail(String email) {
    String address;
    try {
      address = EmailAddress.parse(email);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> byEmail(h, address));
  }

  /**
   * Changes frequency and topics through the manage token. A subscription that was unsubscribed is
   * subscribed again (the token proves the mailbox, so no new confirmation is needed). Refused with
   * {@code NOT_FOUND} for an unknown token and {@code FORBIDDEN} for a suppressed address.
   */
  public Subscription update(String token, Preferences prefs) {
    Subscription s = requireByToken(token);
    long now = clock.millis();
    return jdbi.inTransaction(
        h -> {
          Subscription current = byId(h, s.id()).orElseThrow();
          if (current.state() == SubscriptionState.SUPPRESSED) {
            throw new CommunityException(
                Reason.FORBIDDEN,
                "Mail to this address bounced or was reported as spam, so it gets no digests;"
                    + " ask the site's operator to lift that");
          }
          if (current.state() == SubscriptionState.UNSUBSCRIBED) {
            current = move(h, current, SubscriptionState.UNCONFIRMED, "resubscribed by link", now);
          }
          if (current.state() == SubscriptionState.UNCONFIRMED) {
            confirmWithoutLink(h, current, "confirmed by manage link", now);
          }
          h.createUpdate(
                  "UPDATE subscriptions SET frequency = :f, topics = :t, categories = :c WHERE id"
                      + " = :id")
              .bind("f", prefs.frequency().name())
              .bind("t", prefs.topics())
              .bind("c", prefs.categoriesText())
              .bind("id", s.id())
              .execute();
          return byId(h, s.id()).orElseThrow();
        });
  }

  /**
   * Unsubscribes through the manage token, for the visible link and RFC 8058 one-click POSTs.
   * Idempotent: an ended subscription stays as it is. Digests planned but not yet sent are
   * cancelled. Refused with {@code NOT_FOUND} for an unknown token.
   */
  public Subscription unsubscribe(String token, String how) {
    Subscription s = requireByToken(token);
    long now = clock.millis();
    return jdbi.inTransaction(
        h -> {
          Subscription current = byId(h, s.id()).orElseThrow();
          if (current.state().canMoveTo(SubscriptionState.UNSUBSCRIBED)) {
            current = move(h, current, SubscriptionState.UNSUBSCRIBED, how, now);
            Outbox.cancelUnsent(h, s.id(), now);
          }
          return current;
        });
  }

  /**
   * Suppresses an address after a hard bounce or a complaint: no more mail of any kind. Unsent
   * digests are cancelled. Does nothing for an address that is suppressed already.
   */
  public void suppress(String subscriptionId, String reason) {
    long now = clock.millis();
    jdbi.useTransaction(h -> suppress(h, subscriptionId, reason, now));
  }

  /**
   * What an operator does for an address, by hand: ends its subscription (a request that came to
   * the List-Unsubscribe mailto) or suppresses it (a complaint, a bounce reported out of band).
   * Refused with {@code NOT_FOUND} when the address has no subscription.
   */
  public Subscription endByOperator(String email, boolean suppress, String reason) {
    String address = Accounts.normalizeEmail(email);
    long now = clock.millis();
    return jdbi.inTransaction(
        h -> {
          Subscription s =
              byEmail(h, address)
                  .orElseThrow(
                      () ->
                          new CommunityException(
                              Reason.NOT_FOUND, "No subscription for " + address));
          if (suppress) {
            suppress(h, s.id(), reason, now);
          } else if (s.state().canMoveTo(SubscriptionState.UNSUBSCRIBED)) {
            move(h, s, SubscriptionState.UNSUBSCRIBED, reason, now);
            Outbox.cancelUnsent(h, s.id(), now);
          }
          return byId(h, s.id()).orElseThrow();
        });
  }

  static void suppress(Handle h, String subscriptionId, String reason, long now) {
    Optional<Subscription> s = byId(h, subscriptionId, null);
    if (s.isPresent() && s.get().state() != SubscriptionState.SUPPRESSED) {
      move(h, s.get(), SubscriptionState.SUPPRESSED, reason, now);
      Outbox.cancelUnsent(h, subscriptionId, now);
    }
  }

  /**
   * Confirms an unconfirmed subscription whose mailbox was proven another way (sign-in, the manage
   * link); a pending confirmation link stops working.
   */
  private static void confirmWithoutLink(Handle h, Subscription s, String reason, long now) {
    move(h, s, SubscriptionState.CONFIRMED, reason, now);
    h.createUpdate(
            "UPDATE subscriptions SET confirm_hash = NULL, confirmed_at = :now WHERE id = :id")
        .bind("now", now)
        .bind("id", s.id())
        .execute();
  }

  /**
   * Moves a subscription to another state: the only place a state changes. Refuses a move the state
   * machine does not allow ({@link IllegalStateException}), and one where the stored state is no
   * longer {@code s.state()} because another request changed it first (the update is conditional on
   * it). Records the change with its reason.
   */
  static Subscription move(
      Handle h, Subscription s, SubscriptionState to, String reason, long now) {
    if (!s.state().canMoveTo(to)) {
      throw new IllegalStateException(
          "a subscription cannot move from " + s.state() + " to " + to + " (" + reason + ")");
    }
    int n =
        h.createUpdate(
                "UPDATE subscriptions SET state = :to, state_changed_at = :now WHERE id = :id AND"
                    + " state = :from")
            .bind("to", to.name())
            .bind("now", now)
            .bind("id", s.id())
            .bind("from", s.state().name())
            .execute();
    if (n != 1) {
      throw new IllegalStateException(
          "subscription " + s.id() + " changed state meanwhile; not moved to " + to);
    }
    event(h, s.id(), s.state(), to, reason, now);
    return new Subscription(
        s.id(),
        s.email(),
        s.userId(),
        s.frequency(),
        s.topics(),
        s.categories(),
        to,
        s.manageToken(),
        s.createdAt());
  }

  /** The history of a subscription's states, oldest first: {@code from → to: reason}. */
  public List<String> history(String subscriptionId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT from_state, to_state, reason FROM subscription_events WHERE"
                        + " subscription_id = :id ORDER BY seq")
                .bind("id", subscriptionId)
                .map(
                    (rs, ctx) -> rs.getString(1) + " → " + rs.getString(2) + ": " + rs.getString(3))
                .list());
  }

  /** Counts of subscriptions by state, for the admin page. */
  public Map<SubscriptionState, Integer> counts() {
    Map<SubscriptionState, Integer> out = new java.util.EnumMap<>(SubscriptionState.class);
    for (SubscriptionState s : SubscriptionState.values()) {
      out.put(s, 0);
    }
    jdbi.useHandle(
        h ->
            h.createQuery("SELECT state, COUNT(*) FROM subscriptions GROUP BY state")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> out.put(SubscriptionState.valueOf(e.getKey()), e.getValue())));
    return out;
  }

  /** The preferences link of a subscription. */
  public String manageLink(Subscription s) {
    return baseUrl + MANAGE_PATH + s.manageToken();
  }

  /** The unsubscribe link of a subscription (a page on GET, one-click on POST). */
  public String unsubscribeLink(Subscription s) {
    return baseUrl + UNSUBSCRIBE_PATH + s.manageToken();
  }

  private Subscription requireByToken(String token) {
    return byManageToken(token)
        .orElseThrow(
            () ->
                new CommunityException(
                    Reason.NOT_FOUND,
                    "This subscription link is not valid; the mail it came in may be from an"
                        + " address that was removed"));
  }

  private void send(MailMessage m) {
    try {
      mailer.send(m);
    } catch (MailException e) {
      throw new CommunityException(
          Reason.UNAVAILABLE, "The confirmation mail could not be sent; try again later", e);
    }
  }

  private MailMessage confirmationMail(Subscription s, String token) {
    String link = baseUrl + CONFIRM_PATH + "?token=" + token;
    String notMe = unsubscribeLink(s);
    String text =
        "Someone, hopefully you, asked for Paperboy's "
            + s.frequency().label()
            + " digest of trending papers at this address.\n\nConfirm it here:\n"
            + link
            + "\n\nThe link works for 7 days. If it was not you, ignore this mail (nothing will be"
            + " sent) or say so here:\n"
            + notMe
            + "\n";
    String html =
        "<p>Someone, hopefully you, asked for Paperboy's "
            + s.frequency().label()
            + " digest of trending papers at this address.</p>\n<p><a href=\""
            + Html.escape(link)
            + "\">Confirm the subscription</a></p>\n<p>The link works for 7 days. If it was not"
            + " you, ignore this mail (nothing will be sent) or <a href=\""
            + Html.escape(notMe)
            + "\">say so</a>.</p>\n";
    return new MailMessage(
        s.email(),
        "Confirm your Paperboy digest",
        text,
        html,
        Map.of("Auto-Submitted", "auto-generated"));
  }

  private MailMessage alreadySubscribedMail(Subscription s) {
    String manage = manageLink(s);
    String text =
        "This address already gets Paperboy's "
            + s.frequency().label()
            + " digest. Change what it brings, or unsubscribe, here:\n"
            + manage
            + "\n";
    String html =
        "<p>This address already gets Paperboy's "
            + s.frequency().label()
            + " digest.</p>\n<p><a href=\""
            + Html.escape(manage)
            + "\">Change what it brings, or unsubscribe</a></p>\n";
    return new MailMessage(
        s.email(),
        "Your Paperboy digest subscription",
        text,
        html,
        Map.of("Auto-Submitted", "auto-generated"));
  }

  private static void event(
      Handle h, String id, SubscriptionState from, SubscriptionState to, String reason, long now) {
    h.createUpdate(
            "INSERT INTO subscription_events (subscription_id, seq, at, from_state, to_state,"
                + " reason) VALUES (:id, (SELECT COUNT(*) + 1 FROM subscription_events WHERE"
                + " subscription_id = :id), :at, :f, :t, :r)")
        .bind("id", id)
        .bind("at", now)
        .bind("f", from == null ? null : from.name())
        .bind("t", to.name())
        .bind("r", reason)
        .execute();
  }

  private Optional<Subscription> byId(Handle h, String id) {
    return byId(h, id, tokens);
  }

  private static Optional<Subscription> byId(Handle h, String id, ManageTokens tokens) {
    return h.createQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> read(rs, tokens))
        .findOne();
  }

  private Optional<Subscription> byEmail(Handle h, String address) {
    return h.createQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE email = :e")
        .bind("e", address)
        .map((rs, ctx) -> read(rs, tokens))
        .findOne();
  }

  /**
   * A row of {@link #COLUMNS}, with its manage token derived by {@code tokens} (null: without a
   * token, for code that only changes its state).
   */
  static Subscription read(java.sql.ResultSet rs, ManageTokens tokens)
      throws java.sql.SQLException {
    String cats = rs.getString(6);
    return new Subscription(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        Frequency.valueOf(rs.getString(4)),
        rs.getString(5),
        cats.isBlank() ? List.of() : Arrays.asList(cats.split(" ")),
        SubscriptionState.valueOf(rs.getString(7)),
        tokens == null ? null : tokens.token(rs.getString(1)),
        rs.getLong(8));
  }

  private static boolean wellFormed(String token) {
    return token != null && token.matches("[A-Za-z0-9_-]{43}");
  }

  private static CommunityException invalid(String message) {
    return new CommunityException(Reason.INVALID_TOKEN, message);
  }

  /**
   * Forgets confirmation tokens that expired a day ago (their links then read "not valid" instead
   * of "expired"); returns how many.
   */
  public int purgeExpiredConfirmations() {
    long cutoff = clock.millis() - java.time.Duration.ofDays(1).toMillis();
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE subscriptions SET confirm_hash = NULL, confirm_expires = NULL WHERE"
                        + " confirm_hash IS NOT NULL AND confirm_expires < :c")
                .bind("c", cutoff)
                .execute());
  }
}
