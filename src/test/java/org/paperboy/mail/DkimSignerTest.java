package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.config.Settings;

/**
 * DKIM signatures, checked by a small verifier written here from RFC 6376 (not the signer's code):
 * it recomputes the body hash and verifies the RSA signature over the signed headers.
 */
class DkimSignerTest {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-17T08:00:00Z"), ZoneOffset.UTC);

  private static KeyPair keys;

  @TempDir static Path keyDir;

  private static Path keyFile;

  @BeforeAll
  static void generateKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    keys = g.generateKeyPair();
    keyFile = keyDir.resolve("dkim.pem");
    Files.writeString(keyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static Map<String, String> env(Path data, Path key) {
    Map<String, String> env = new HashMap<>();
    env.put("PAPERBOY_DATA", data.toString());
    env.put("PAPERBOY_MAIL_FROM", "Paperboy <news@paperboy.example>");
    env.put("PAPERBOY_DKIM_KEY", key.toString());
    return env;
  }

  private static MailMessage digest() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        "List-Unsubscribe", "<https://paperboy.example/u/abc>, <mailto:u@paperboy.example>");
    headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    return new MailMessage(
            "Ada Lovelace <ada@example.org>",
            "Trending papers — week 12",
            "Plain text ✓\nline two   \n\n",
            "<p>HTML ✓</p>",
            headers)
        .withMessageId("digest.2026-W12.ada");
  }

  private static byte[] onlyEml(Path outbox) throws Exception {
    try (Stream<Path> s = Files.list(outbox)) {
      List<Path> files = s.toList();
      assertThat(files).hasSize(1);
      return Files.readAllBytes(files.get(0));
    }
  }

  @Test
  void an_outbox_mail_is_signed_over_its_body_and_the_headers_that_matter(@TempDir Path data)
      throws Exception {
    Settings settings = Settings.from(env(data, keyFile));
    Mailer.from(settings, CLOCK).send(digest());
    String eml = new String(onlyEml(settings.outboxDir()), StandardCharsets.ISO_8859_1);

    Verdict v = verify(eml, keys.getPublic());
    assertThat(v.bodyHashMatches()).isTrue();
    assertThat(v.signatureValid()).isTrue();
    assertThat(v.tags())
        .containsEntry("v", "1")
        .containsEntry("a", "rsa-sha256")
        .containsEntry("c", "relaxed/relaxed")
        .containsEntry("d", "paperboy.example")
        .containsEntry("s", "paperboy")
        .containsEntry("t", Long.toString(CLOCK.instant().getEpochSecond()));
    assertThat(v.tags().get("h").toLowerCase(Locale.ROOT).split(":"))
        .contains(
            "from",
            "to",
            "subject",
            "date",
            "message-id",
            "mime-version",
            "content-type",
            "list-unsubscribe",
            "list-unsubscribe-post");
  }

  @Test
  void altering_the_body_or_a_signed_header_breaks_the_signature(@TempDir Path data)
      throws Exception {
    Settings settings = Settings.from(env(data, keyFile));
    Mailer.from(settings, CLOCK).send(digest());
    String eml = new String(onlyEml(settings.outboxDir()), StandardCharsets.ISO_8859_1);
    int bodyStart = eml.indexOf("\r\n\r\n") + 4;

    String body = eml.substring(0, bodyStart) + eml.substring(bodyStart).replace("HTML", "HTm1");
    assertThat(verify(body, keys.getPublic()).bodyHashMatches()).isFalse();

    String subject = eml.replace("Message-ID: <digest.2026-W12.ada@", "Message-ID: <other@");
    assertThat(verify(subject, keys.getPublic()).bodyHashMatches()).isTrue();
    assertThat(verify(subject, keys.getPublic()).signatureValid()).isFalse();

    String unsubscribe = eml.replace("One-Click", "One-Clack");
    assertThat(verify(unsubscribe, keys.getPublic()).signatureValid()).isFalse();

    KeyPair other = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    assertThat(verify(eml, other.getPublic()).signatureValid()).isFalse();
  }

  @Test
  void changes_that_relaxed_canonicalization_allows_still_verify(@TempDir Path data)
      throws Exception {
    Settings settings = Settings.from(env(data, keyFile));
    Mailer.from(settings, CLOCK).send(digest());
    String eml = new String(onlyEml(settings.outboxDir()), StandardCharsets.ISO_8859_1);
    // A relay may refold a header, change its name's case, pad lines with spaces and add blank
    // lines at the end; none of that changes the relaxed forms.
    String touched =
        eml.replaceFirst("\r\nSubject: ", "\r\nSUBJECT:\r\n\t ").replace("\r\n\r\n", "  \r\n\r\n")
            + "\r\n\r\n";
    Verdict v = verify(touched, keys.getPublic());
    assertThat(v.bodyHashMatches()).isTrue();
    assertThat(v.signatureValid()).isTrue();
  }

  @Test
  void mail_through_smtp_arrives_signed_with_the_configured_domain(@TempDir Path data)
      throws Exception {
    Map<String, String> env = env(data, keyFile);
    env.put("PAPERBOY_SMTP_HOST", "127.0.0.1");
    env.put("PAPERBOY_SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort()));
    env.put("PAPERBOY_SMTP_STARTTLS", "false");
    env.put("PAPERBOY_DKIM_DOMAIN", "mail.paperboy.example");
    env.put("PAPERBOY_DKIM_SELECTOR", "2026q1");
    try (MailBatch batch = Mailer.from(Settings.from(env), CLOCK).batch()) {
      batch.send(digest());
      // ASCII text goes out 7bit with the caller's bare LFs, which SMTP turns into CRLF.
      batch.send(
          MailMessage.text(
              "Grace Hopper <grace@example.org>",
              "Sign in to Paperboy",
              "Open the link  \nhttps://paperboy.example/auth?t=abc\n\n\n"));
    }

    assertThat(SMTP.getReceivedMessages()).hasSize(2);
    for (var received : SMTP.getReceivedMessages()) {
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      received.writeTo(raw);
      Verdict v = verify(raw.toString(StandardCharsets.ISO_8859_1), keys.getPublic());
      assertThat(v.bodyHashMatches()).isTrue();
      assertThat(v.signatureValid()).isTrue();
      assertThat(v.tags()).containsEntry("d", "mail.paperboy.example").containsEntry("s", "2026q1");
    }
  }

  @Test
  void a_key_that_cannot_sign_fails_at_startup_naming_the_setting(@TempDir Path data)
      throws Exception {
    Path missing = data.resolve("missing.pem");
    assertThatThrownBy(() -> Mailer.from(Settings.from(env(data, missing)), CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PAPERBOY_DKIM_KEY " + missing)
        .hasMessageContaining("no such file");

    Path pkcs1 = Files.writeString(data.resolve("pkcs1.pem"), pem("RSA PRIVATE KEY", new byte[64]));
    assertThatThrownBy(() -> Mailer.from(Settings.from(env(data, pkcs1)), CLOCK))
        .hasMessageContaining("PAPERBOY_DKIM_KEY")
        .hasMessageContaining("PKCS#1")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");

    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    Path ecKey =
        Files.writeString(
            data.resolve("ec.pem"),
            pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded()));
    assertThatThrownBy(() -> Mailer.from(Settings.from(env(data, ecKey)), CLOCK))
        .hasMessageContaining("PAPERBOY_DKIM_KEY")
        .hasMessageContaining("not a PKCS#8 RSA private key");

    Path garbage = Files.writeString(data.resolve("garbage.pem"), "not a key\n");
    assertThatThrownBy(() -> Mailer.from(Settings.from(env(data, garbage)), CLOCK))
        .hasMessageContaining("PAPERBOY_DKIM_KEY")
        .hasMessageContaining("holds no PKCS#8 private key");

    KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
    small.initialize(512);
    Path weak =
        Files.writeString(
            data.resolve("weak.pem"),
            pem("PRIVATE KEY", small.generateKeyPair().getPrivate().getEncoded()));
    assertThatThrownBy(() -> Mailer.from(Settings.from(env(data, weak)), CLOCK))
        .hasMessageContaining("PAPERBOY_DKIM_KEY")
        .hasMessageContaining("512-bit");
  }

  // ---- an independent verifier (RFC 6376 §3.4.2, §3.4.4, §3.7, §6.1.3) ----

  record Verdict(Map<String, String> tags, boolean bodyHashMatches, boolean signatureValid) {}

  static Verdict verify(String message, PublicKey key) throws Exception {
    int split = message.indexOf("\r\n\r\n");
    String body = message.substring(split + 4);
    List<String> fields = new ArrayList<>();
    for (String line : message.substring(0, split).split("\r\n")) {
      if (line.startsWith(" ") || line.startsWith("\t")) {
        fields.set(fields.size() - 1, fields.get(fields.size() - 1) + "\r\n" + line);
      } else {
        fields.add(line);
      }
    }
    String signatureField =
        fields.stream()
            .filter(f -> f.toLowerCase(Locale.ROOT).startsWith("dkim-signature:"))
            .findFirst()
            .orElseThrow();
    Map<String, String> tags = new LinkedHashMap<>();
    for (String tag : signatureField.substring(signatureField.indexOf(':') + 1).split(";")) {
      String t = tag.replaceAll("[ \t\r\n]", "");
      if (!t.isEmpty()) {
        tags.put(t.substring(0, t.indexOf('=')), t.substring(t.indexOf('=') + 1));
      }
    }

    String canonicalBody = body.replaceAll("[ \t]+", " ").replace(" \r\n", "\r\n");
    canonicalBody = canonicalBody.replaceAll("(\r\n)+$", "").replaceAll(" $", "");
    if (!canonicalBody.isEmpty()) {
      canonicalBody += "\r\n";
    }
    String bh =
        Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(canonicalBody.getBytes(StandardCharsets.ISO_8859_1)));

    StringBuilder signed = new StringBuilder();
    List<String> unused = new ArrayList<>(fields);
    for (String name : tags.get("h").split(":")) {
      for (int i = unused.size() - 1; i >= 0; i--) {
        String f = unused.get(i);
        if (f.substring(0, f.indexOf(':')).trim().equalsIgnoreCase(name)) {
          signed.append(relaxed(f)).append("\r\n");
          unused.remove(i);
          break;
        }
      }
    }
    StringBuilder withoutB = new StringBuilder();
    for (String tag : signatureField.split(";", -1)) {
      if (withoutB.length() > 0) {
        withoutB.append(';');
      }
      String t = tag.replaceAll("[ \t\r\n]", "");
      withoutB.append(t.startsWith("b=") ? tag.substring(0, tag.indexOf('=') + 1) : tag);
    }
    signed.append(relaxed(withoutB.toString()));

    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(key);
    rsa.update(signed.toString().getBytes(StandardCharsets.ISO_8859_1));
    boolean valid = rsa.verify(Base64.getDecoder().decode(tags.get("b")));
    return new Verdict(tags, bh.equals(tags.get("bh")), valid);
  }

  private static String relaxed(String field) {
    int colon = field.indexOf(':');
    return field.substring(0, colon).trim().toLowerCase(Locale.ROOT)
        + ":"
        + field.substring(colon + 1).replace("\r\n", "").replaceAll("[ \t]+", " ").trim();
  }
}
