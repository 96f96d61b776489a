package org.paperboy.community;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The instance's secret key, from which tokens that must be shown again are derived as {@code
 * base64url(HMAC-SHA256(key, message))}: 256 bits, the same form as a random token. The database
 * keeps only such a token's SHA-256 ({@link Secrets#hash}), so a copy of the database cannot be
 * used in its place; the token can still be shown (in every mail, on the reader's page) because it
 * is derived again from the key.
 *
 * <p>The key is 256 random bits in a file (by default {@code secret.key} in the data directory),
 * made on first start, readable by its owner only. App nodes that share a database must share the
 * file: a node with another key would show tokens the others do not know.
 */
public final class TokenKey {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;

  private TokenKey(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /** The key in the file, which is made (with a new random key) when it does not exist. */
  public static TokenKey load(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
      if (key.length < 32) {
        throw new IllegalStateException(file + " holds fewer than 256 bits of key");
      }
      return new TokenKey(key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or make the key file " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(file + " is not a base64 key", e);
    }
  }

  // Written aside and moved into place, so no process reads a half-written key; of two processes
  // starting at once, the second's move fails and it reads the first's key.
  private static void create(Path file) throws IOException {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "secret", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's permissions protect it
      }
      Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n");
      try {
        Files.move(tmp, file);
      } catch (FileAlreadyExistsException e) {
        // another process made it first: use theirs
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The token this key derives from {@code message} (which names its purpose first). */
  public String token(String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return BASE64URL.encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
