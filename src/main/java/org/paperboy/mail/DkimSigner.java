package org.paperboy.mail;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Signs a finished message with DKIM (RFC 6376): {@code a=rsa-sha256}, {@code c=relaxed/relaxed},
 * by adding a {@code DKIM-Signature} header on top of the exact bytes that are then sent or
 * written.
 *
 * <pre>
 * body  = each line with runs of SP/HTAB made one SP and trailing SP/HTAB removed; empty lines at
 *         the end removed; CRLF after the last line (an empty body stays empty)      (§3.4.4)
 * bh    = base64(SHA-256(body))
 * field = lower-case name ":" value unfolded, runs of SP/HTAB made one SP, trimmed, CRLF (§3.4.2)
 * data  = field of each header named in h= (the bottom-most instance), in h= order, then the
 *         DKIM-Signature field itself with an empty b= and no CRLF                   (§3.7)
 * b     = base64(RSASSA-PKCS1-v1_5 with SHA-256 over data)
 * h=    = those of {@link #SIGNED} the message has; the RFC 8058 one-click unsubscribe requires
 *         List-Unsubscribe and List-Unsubscribe-Post to be among them.
 * </pre>
 *
 * <p>Written here on {@code java.security} rather than taken from {@code
 * org.simplejavamail:utils-mail-dkim}: that library brings BouncyCastle (three signed jars, about 9
 * MB, whose signature files the shaded jar must strip) and a second angus-mail version to exclude,
 * for what is one hash, one signature and two canonicalizations; and signing the bytes that go on
 * the wire, as here, leaves no chance that Jakarta Mail re-encodes the message after signing.
 */
final class DkimSigner {

  /** The headers signed when present, in the order they are listed in {@code h=}. */
  static final List<String> SIGNED =
      List.of(
          "From",
          "Sender",
          "Reply-To",
          "To",
          "Cc",
          "Subject",
          "Date",
          "Message-ID",
          "In-Reply-To",
          "References",
          "MIME-Version",
          "Content-Type",
          "Content-Transfer-Encoding",
          "List-Id",
          "List-Unsubscribe",
          "List-Unsubscribe-Post");

  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  // DNS names; the selector may also hold underscores.
  private static final Pattern DOMAIN =
      Pattern.compile(
          "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
  private static final Pattern SELECTOR =
      Pattern.compile(
          "[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*");

  private final RSAPrivateKey key;
  private final String selector;
  private final String domain;

  private DkimSigner(RSAPrivateKey key, String selector, String domain) {
    this.key = key;
    this.selector = selector;
    this.domain = domain;
  }

  /**
   * Reads an unencrypted PKCS#8 PEM RSA key ({@code -----BEGIN PRIVATE KEY-----}) and checks it
   * signs; anything else fails with a message naming {@code PAPERBOY_DKIM_KEY} and what to do.
   */
  static DkimSigner load(Path keyFile, String selector, String domain) {
    if (selector == null || !SELECTOR.matcher(selector).matches()) {
      throw new IllegalArgumentException(
          "PAPERBOY_DKIM_SELECTOR is not a DNS label such as 'paperboy': '" + selector + "'");
    }
    if (domain == null || !DOMAIN.matcher(domain).matches()) {
      throw new IllegalArgumentException(
          "the DKIM domain (PAPERBOY_DKIM_DOMAIN, else the domain of PAPERBOY_MAIL_FROM) is not a"
              + " domain name: '"
              + domain
              + "'");
    }
    String where = "PAPERBOY_DKIM_KEY " + keyFile;
    String pem;
    try {
      pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(where + ": no such file", e);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          where + " is not a PEM text file; it must hold '" + BEGIN + "'", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(where + " cannot be read: " + e, e);
    }
    if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
      throw new IllegalArgumentException(
          where
              + " holds a PKCS#1 key; convert it to PKCS#8 with"
              + " 'openssl pkcs8 -topk8 -nocrypt -in old.pem -out new.pem'");
    }
    if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw new IllegalArgumentException(
          where
              + " is encrypted; it must be unencrypted PKCS#8 (openssl pkcs8 -topk8 -nocrypt),"
              + " readable only by the account Paperboy runs as");
    }
    int begin = pem.indexOf(BEGIN);
    int end = pem.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          where + " holds no PKCS#8 private key ('" + BEGIN + "' … '" + END + "')");
    }
    RSAPrivateKey key;
    try {
      byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
      key =
          (RSAPrivateKey)
              KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          where + " is not a PKCS#8 RSA private key (DKIM is signed rsa-sha256): " + e, e);
    }
    if (key.getModulus().bitLength() < 1024) {
      throw new IllegalArgumentException(
          where
              + " is a "
              + key.getModulus().bitLength()
              + "-bit RSA key; DKIM needs at least 1024 bits (RFC 8301), 2048 is usual");
    }
    DkimSigner signer = new DkimSigner(key, selector, domain);
    try {
      signer.rsaSha256("check".getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(where + " cannot sign: " + e, e);
    }
    return signer;
  }

  /**
   * Returns the message with a {@code DKIM-Signature} header added on top.
   *
   * @param message a complete message with CRLF line ends, as {@code MimeMessage.writeTo} writes
   * @param now the signing time ({@code t=})
   */
  byte[] sign(byte[] message, Instant now) {
    // ISO-8859-1 maps each byte to one char and back, so nothing is lost in the round trip.
    String m = new String(message, StandardCharsets.ISO_8859_1);
    int split = m.indexOf("\r\n\r\n");
    if (split < 0) {
      throw new IllegalStateException("message has no blank line after its headers");
    }
    List<String> fields = fields(m.substring(0, split + 2));
    String body = m.substring(split + 4);

    StringBuilder data = new StringBuilder();
    List<String> names = new ArrayList<>();
    for (String name : SIGNED) {
      String field = bottomMost(fields, name);
      if (field != null) {
        names.add(name);
        data.append(relaxedHeader(field)).append("\r\n");
      }
    }
    String bh;
    try {
      bh =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-256")
                      .digest(relaxedBody(body).getBytes(StandardCharsets.ISO_8859_1)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    String header =
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d="
            + domain
            + "; s="
            + selector
            + "; t="
            + now.getEpochSecond()
            + ";\r\n\th="
            + String.join(":", names)
            + ";\r\n\tbh="
            + bh
            + ";\r\n\tb=";
    data.append(relaxedHeader(header));
    String b;
    try {
      b =
          Base64.getEncoder()
              .encodeToString(rsaSha256(data.toString().getBytes(StandardCharsets.ISO_8859_1)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot DKIM-sign: " + e, e);
    }
    StringBuilder signed = new StringBuilder(header.length() + b.length() + 16 + m.length());
    signed.append(header);
    for (int i = 0; i < b.length(); i += 72) {
      if (i > 0) {
        signed.append("\r\n\t ");
      }
      signed.append(b, i, Math.min(b.length(), i + 72));
    }
    signed.append("\r\n").append(m);
    return signed.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private byte[] rsaSha256(byte[] data) throws GeneralSecurityException {
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(key);
    rsa.update(data);
    return rsa.sign();
  }

  /** Splits a header block (ending in CRLF) into fields, each with its folds kept. */
  private static List<String> fields(String head) {
    List<String> fields = new ArrayList<>();
    for (String line : head.split("\r\n")) {
      if (!fields.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
        int last = fields.size() - 1;
        fields.set(last, fields.get(last) + "\r\n" + line);
      } else if (!line.isEmpty()) {
        fields.add(line);
      }
    }
    return fields;
  }

  private static String bottomMost(List<String> fields, String name) {
    for (int i = fields.size() - 1; i >= 0; i--) {
      String f = fields.get(i);
      int colon = f.indexOf(':');
      if (colon > 0 && trim(collapse(f.substring(0, colon))).equalsIgnoreCase(name)) {
        return f;
      }
    }
    return null;
  }

  /** The relaxed form of one header field, without the CRLF (RFC 6376 §3.4.2). */
  private static String relaxedHeader(String field) {
    int colon = field.indexOf(':');
    String name = trim(collapse(field.substring(0, colon))).toLowerCase(Locale.ROOT);
    String value = trim(collapse(field.substring(colon + 1).replace("\r\n", "")));
    return name + ":" + value;
  }

  /** The relaxed form of a body (RFC 6376 §3.4.4). */
  private static String relaxedBody(String body) {
    StringBuilder out = new StringBuilder(body.length());
    int blank = 0;
    int i = 0;
    while (i < body.length()) {
      int eol = body.indexOf("\r\n", i);
      int end = eol < 0 ? body.length() : eol;
      String line = collapse(body.substring(i, end));
      if (line.endsWith(" ")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty()) {
        blank++;
      } else {
        out.append("\r\n".repeat(blank)).append(line).append("\r\n");
        blank = 0;
      }
      i = eol < 0 ? body.length() : eol + 2;
    }
    return out.toString();
  }

  // Runs of SP and HTAB become one SP.
  private static String collapse(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean inSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t') {
        if (!inSpace) {
          out.append(' ');
        }
        inSpace = true;
      } else {
        out.append(c);
        inSpace = false;
      }
    }
    return out.toString();
  }

  // Removes SP at both ends (after collapse() there is at most one at each end).
  private static String trim(String s) {
    int begin = s.startsWith(" ") ? 1 : 0;
    int end = s.endsWith(" ") && s.length() > begin ? s.length() - 1 : s.length();
    return s.substring(begin, end);
  }
}
