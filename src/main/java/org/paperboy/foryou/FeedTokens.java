package org.paperboy.foryou;

import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.community.Secrets;
import org.paperboy.community.TokenKey;
import org.paperboy.store.Database;

/**
 * The tokens of readers' private {@code /for-you} feeds: at most one per reader, derived from the
 * instance's {@link TokenKey} and a random nonce kept with the reader ({@code "feed:" + user id +
 * ":" + nonce}), so the reader's page can show the URL again; the database keeps only the token's
 * SHA-256, by which a feed request finds its reader. Rotating draws a new nonce (the old URL stops
 * working at once), revoking deletes the row.
 */
public final class FeedTokens {

  private final Jdbi jdbi;
  private final TokenKey key;
  private final Clock clock;

  /** Keeps the tokens' hashes in this database; tokens are derived with {@code key}. */
  public FeedTokens(Database database, TokenKey key, Clock clock) {
    this.jdbi = database.jdbi();
    this.key = key;
    this.clock = clock;
  }

  /** The reader's current token, if they made one and did not revoke it. */
  public Optional<String> current(String userId) {
    return jdbi.withHandle(
            h ->
                h.createQuery("SELECT nonce FROM feed_tokens WHERE user_id = :u")
                    .bind("u", userId)
                    .mapTo(String.class)
                    .findOne())
        .map(nonce -> derive(userId, nonce));
  }

  /** Makes the reader a new token, which replaces the one they had; returns it. */
  public String rotate(String userId) {
    String nonce = Secrets.id();
    String token = derive(userId, nonce);
    jdbi.useTransaction(
        h -> {
          h.createUpdate("DELETE FROM feed_tokens WHERE user_id = :u").bind("u", userId).execute();
          h.createUpdate(
                  "INSERT INTO feed_tokens (user_id, nonce, token_hash, created_at) VALUES (:u,"
                      + " :n, :h, :now)")
              .bind("u", userId)
              .bind("n", nonce)
              .bind("h", Secrets.hash(token))
              .bind("now", clock.millis())
              .execute();
        });
    return token;
  }

  /** Ends the reader's token: their feed URL answers 404 from now on. */
  public void revoke(String userId) {
    jdbi.useHandle(
        h ->
            h.createUpdate("DELETE FROM feed_tokens WHERE user_id = :u")
                .bind("u", userId)
                .execute());
  }

  /** The reader whose current token this is, if any; banned readers have none. */
  public Optional<String> reader(String token) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
      return Optional.empty();
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT t.user_id FROM feed_tokens t JOIN users u ON u.id = t.user_id WHERE"
                        + " t.token_hash = :h AND NOT u.banned")
                .bind("h", Secrets.hash(token))
                .mapTo(String.class)
                .findOne());
  }

  private String derive(String userId, String nonce) {
    return key.token("feed:" + userId + ":" + nonce);
  }
}
