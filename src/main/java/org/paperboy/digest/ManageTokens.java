package org.paperboy.digest;

import java.nio.file.Path;
import org.paperboy.community.TokenKey;

/**
 * The manage token of a subscription (the secret in its preferences and unsubscribe links), derived
 * from the instance's {@link TokenKey} as {@code base64url(HMAC-SHA256(key, "manage:" +
 * subscription id))}. The database keeps only the token's SHA-256, so a copy of the database cannot
 * be used to change or end anyone's subscription; the token can still be put in every mail without
 * being stored, because it is derived again from the key.
 */
final class ManageTokens {

  private final TokenKey key;

  private ManageTokens(TokenKey key) {
    this.key = key;
  }

  /** The key in the file, which is made (with a new random key) when it does not exist. */
  static ManageTokens load(Path file) {
    return new ManageTokens(TokenKey.load(file));
  }

  /** The manage token of the subscription with this id. */
  String token(String subscriptionId) {
    return key.token("manage:" + subscriptionId);
  }
}
