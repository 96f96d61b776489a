package org.paperboy.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.paperboy.community.Role;
import org.paperboy.community.Sessions;
import org.paperboy.community.User;

/**
 * Sessions, CSRF and cookies at the HTTP edge. Every cookie the app sets goes through {@link
 * #cookie}: HttpOnly, SameSite=Lax, Path=/, and Secure when the site's base URL is https. Every
 * state-changing request must carry a CSRF token: a signed-in session's own token (a hidden form
 * field, or the {@value #CSRF_HEADER} header for API calls); the sign-in form, which comes before
 * any session, uses a double-submit cookie instead. A request without a session that needs one is
 * refused with 401, which pages turn into a redirect to the sign-in page.
 */
final class Guard {

  /** The hidden form field that carries the CSRF token. */
  static final String CSRF_FIELD = "csrf";

  /** The header API calls carry the CSRF token in. */
  static final String CSRF_HEADER = "X-CSRF-Token";

  /** The double-submit cookie of the sign-in form. */
  static final String SIGNIN_COOKIE = "paperboy_signin";

  private static final String ATTRIBUTE = "paperboy.session";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern COOKIE_NAME = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern COOKIE_VALUE = Pattern.compile("[A-Za-z0-9_-]*");

  private final Sessions sessions;
  private final boolean secure;

  Guard(Sessions sessions, boolean secure) {
    this.sessions = sessions;
    this.secure = secure;
  }

  /**
   * Looks the request's session up, once, before the handlers run. Its account acts from the
   * request's client address (a trusted proxy's {@code X-Forwarded-For}, see {@link
   * TrustedProxies}), which the per-client write limits count.
   */
  void load(Context ctx) {
    String token = ctx.cookie(Sessions.COOKIE);
    if (token != null) {
      sessions.lookup(token).ifPresent(s -> ctx.attribute(ATTRIBUTE, s.from(ctx.ip())));
    }
  }

  /** The request's session, if it has a valid one. */
  static Optional<Sessions.SignedIn> session(Context ctx) {
    return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
  }

  /** The signed-in account, or null. */
  static User viewer(Context ctx) {
    return session(ctx).map(Sessions.SignedIn::user).orElse(null);
  }

  /** The session of a page or call that needs one; 401 without. */
  static Sessions.SignedIn signedIn(Context ctx) {
    return session(ctx)
        .orElseThrow(
            () -> new HttpProblem(401, "Sign in required", "Sign in to do this; it takes a link."));
  }

  /** The session of a state-changing request: 401 without one, 403 without its CSRF token. */
  static Sessions.SignedIn change(Context ctx) {
    Sessions.SignedIn s = signedIn(ctx);
    if (!s.csrfMatches(submittedToken(ctx))) {
      throw badToken();
    }
    return s;
  }

  /**
   * The frame the request's pages show: the signed-in reader's name and menu, and on a GET the
   * flash their last form left, and how many new papers their follows brought ({@code followNews},
   * counted only if the page shows it); null when signed out.
   */
  Frame frame(Context ctx, java.util.function.ToIntFunction<String> followNews) {
    Sessions.SignedIn s = session(ctx).orElse(null);
    if (s == null) {
      return null;
    }
    Flash flash =
        "GET".equals(ctx.method().name())
            ? Flash.decode(ctx.cookie(Flash.COOKIE), s.csrfToken())
            : null;
    return new Frame(
        s.user().displayName(),
        s.csrfToken(),
        s.user().may(Role.CURATOR),
        flash,
        () -> followNews.applyAsInt(s.user().id()));
  }

  /**
   * Leaves a message for the next page this reader opens. A form sent in place by the page's script
   * gets its message in the answer instead, and a request without a session leaves none.
   */
  void flash(Context ctx, Flash flash) {
    Sessions.SignedIn s = session(ctx).orElse(null);
    if (s != null && !CommunityPages.inPlace(ctx)) {
      cookie(ctx, Flash.COOKIE, flash.encode(s.csrfToken()), Flash.MAX_AGE_SECONDS);
    }
  }

  /** Clears the flash cookie once a page showed its message. */
  void flashShown(Context ctx, Frame frame) {
    if (frame != null && frame.flashShown()) {
      cookie(ctx, Flash.COOKIE, "", 0);
    }
  }

  /** Starts the session cookie. */
  void setSession(Context ctx, String token) {
    cookie(ctx, Sessions.COOKIE, token, Sessions.LIFETIME.toSeconds());
  }

  /** Ends the session cookie. */
  void clearSession(Context ctx) {
    cookie(ctx, Sessions.COOKIE, "", 0);
  }

  /** The sign-in form's token, set as a cookie when the browser has none yet. */
  String signInToken(Context ctx) {
    String token = ctx.cookie(SIGNIN_COOKIE);
    if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      cookie(ctx, SIGNIN_COOKIE, token, 3600);
    }
    return token;
  }

  /**
   * The sign-in form's token as the form is submitted, its cookie set again for the lifetime of the
   * link the form asks for: the link is bound to this value, so the cookie must outlast the link.
   */
  String renewSignInToken(Context ctx) {
    String token = ctx.cookie(SIGNIN_COOKIE);
    cookie(ctx, SIGNIN_COOKIE, token, 3600);
    return token;
  }

  /** Checks the sign-in form's token against its cookie; 403 when they differ or are absent. */
  static void checkSignInToken(Context ctx) {
    String cookie = ctx.cookie(SIGNIN_COOKIE);
    String field = submittedToken(ctx);
    if (cookie == null || field == null || !same(cookie, field)) {
      throw badToken();
    }
  }

  private static String submittedToken(Context ctx) {
    String header = ctx.header(CSRF_HEADER);
    if (header != null) {
      return header;
    }
    String type = ctx.contentType();
    // Only form bodies are read for the field: a JSON body is not a form.
    if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
      return ctx.formParam(CSRF_FIELD);
    }
    return null;
  }

  private static HttpProblem badToken() {
    return new HttpProblem(
        403,
        "Missing or wrong CSRF token",
        "This request did not carry this session's form token. Reload the page and try again.");
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sets a cookie, the only way the app does: HttpOnly (no script reads it), SameSite=Lax (no
   * cross-site POST carries it), Path=/, and Secure on an https site or request (https as a trusted
   * proxy reports it, see {@link TrustedProxies}). A max age of 0 deletes it. Names and values are
   * tokens or base64url, so they need no quoting; anything else is refused.
   */
  void cookie(Context ctx, String name, String value, long maxAgeSeconds) {
    if (!COOKIE_NAME.matcher(name).matches() || !COOKIE_VALUE.matcher(value).matches()) {
      throw new IllegalArgumentException("not a plain cookie name and value: " + name);
    }
    ctx.res()
        .addHeader(
            "Set-Cookie",
            name
                + "="
                + value
                + "; Path=/; Max-Age="
                + maxAgeSeconds
                + "; HttpOnly; SameSite=Lax"
                + (secure || "https".equals(ctx.scheme()) ? "; Secure" : ""));
  }

  /**
   * A local path to go back to after a form: only {@code /…} paths on this site (never {@code
   * //host} or a scheme), else the fallback.
   */
  static String localPath(String next, String fallback) {
    if (next == null
        || next.length() > 2000
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.startsWith("/\\")
        || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return fallback;
    }
    return next;
  }
}
