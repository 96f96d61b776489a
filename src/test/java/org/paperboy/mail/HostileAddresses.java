package org.paperboy.mail;

import java.util.List;

/**
 * Text that {@link EmailAddress#parse} must refuse: comments, display names, quoted local parts,
 * trailing dots, literals, whitespace and line breaks, lists, non-ASCII and overlong addresses.
 * Shared by the tests of the rule and of the services that take addresses (sign-in, subscriptions).
 */
public final class HostileAddresses {

  /** Every hostile variant. */
  public static final List<String> ALL = all();

  private HostileAddresses() {}

  private static List<String> all() {
    String local64 = "a".repeat(64);
    String label63 = "b".repeat(63);
    // 64 + 1 + 63 + 1 + 63 + 1 + 63 + 4 = 260 characters, every part within its own limit
    String tooLong = local64 + "@" + label63 + "." + label63 + "." + label63 + ".org";
    return List.of(
        "ada@example.org(comment)",
        "(comment)ada@example.org",
        "Ada <ada@example.org>",
        "x<ada@example.org>",
        "<ada@example.org>",
        "\"ada\"@example.org",
        "\"a b\"@example.org",
        "ada@example.org.",
        "ada@example..org",
        "ada@.example.org",
        "ada@-example.org",
        "ada@example-.org",
        "ada@[127.0.0.1]",
        "ada@127.0.0.1",
        "ada@localhost",
        "ada.@example.org",
        ".ada@example.org",
        "a..da@example.org",
        "a b@example.org",
        "ada@exa mple.org",
        "\tada@example.org",
        "ada@example.org\t",
        "ada@example.org\r\nBcc: eve@example.org",
        "ada@example.org\nSubject: hi",
        "ada@example.org\r",
        "\nada@example.org",
        "ada@example.org\u0000",
        "ada\u00a0@example.org",
        "ada@example.org, eve@example.org",
        "ada@example.org;eve@example.org",
        "ada@@example.org",
        "ada@eve@example.org",
        "ada",
        "ada@",
        "@example.org",
        "josé@example.org",
        "ada@bücher.de",
        "\u212aate@example.org",
        "a\\da@example.org",
        local64 + "a@example.org",
        tooLong);
  }
}
