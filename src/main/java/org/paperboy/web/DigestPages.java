package org.paperboy.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.paperboy.community.CommunityException;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.digest.Digests;
import org.paperboy.digest.OutboxStatus;
import org.paperboy.digest.Preferences;
import org.paperboy.digest.Subscription;
import org.paperboy.digest.SubscriptionState;
import org.paperboy.digest.Subscriptions;
import org.paperboy.paper.Json;

/**
 * The digest's pages and forms: subscribe (the box on every page and the full form), confirm,
 * preferences, unsubscribe (a page with a button, and RFC 8058 one-click POST), the subscribe API,
 * and the mail admin page.
 *
 * <p>Subscribing needs no account, so the forms carry no session token; a cross-site POST is
 * refused by the browser's {@code Sec-Fetch-Site} / {@code Origin} headers instead. The links in
 * mails carry their own secret and never change anything on GET (mail scanners open links): they
 * lead to a page whose button POSTs. One-click unsubscribe works with a bare POST, no cookie.
 */
final class DigestPages {

  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final int MAX_DIGESTS = 200;

  private final Digests digests;
  private final Templates templates;
  private final boolean smtp;

  DigestPages(Digests digests, Templates templates, boolean smtp) {
    this.digests = digests;
    this.templates = templates;
    this.smtp = smtp;
  }

  void form(Context ctx) {
    User viewer = Guard.viewer(ctx);
    String email = ctx.queryParam("email");
    if (email == null && viewer != null) {
      email = viewer.email();
    }
    templates.sendPrivate(
        ctx,
        200,
        "subscribe.jte",
        new SubscribePage(
            email == null ? "" : email.strip(), "daily", "", "", null, viewer != null));
  }

  void subscribe(Context ctx) {
    requireSameSite(ctx);
    User viewer = Guard.viewer(ctx);
    String email = ctx.formParam("email");
    String frequency = ctx.formParam("frequency");
    String topics = value(ctx.formParam("topics"));
    String categories = ctx.formParam("categories");
    Subscriptions.Outcome outcome;
    try {
      Preferences prefs =
          categories == null
              ? Preferences.parseMixed(frequency, topics)
              : Preferences.parse(frequency, topics, categories);
      outcome = digests.subscriptions().subscribe(email, prefs, viewer, ctx.ip());
    } catch (IllegalArgumentException | CommunityException e) {
      if (e instanceof CommunityException ce
          && ce.reason() != CommunityException.Reason.BAD_INPUT) {
        throw ce;
      }
      templates.sendPrivate(
          ctx,
          400,
          "subscribe.jte",
          new SubscribePage(
              value(email).strip(),
              "weekly".equalsIgnoreCase(frequency) ? "weekly" : "daily",
              topics,
              value(categories),
              e.getMessage(),
              viewer != null));
      return;
    }
    templates.sendPrivate(ctx, 200, "message.jte", outcomePage(outcome));
  }

  void confirmForm(Context ctx) {
    templates.sendPrivate(
        ctx,
        200,
        "confirm.jte",
        new ConfirmPage(
            "Confirm your subscription",
            "One click and the digest starts.",
            Routes.SUBSCRIBE_CONFIRM,
            value(ctx.queryParam("token")),
            "Confirm"));
  }

  void confirm(Context ctx) {
    Subscription s = digests.subscriptions().confirm(ctx.formParam("token"));
    ctx.redirect(
        Subscriptions.MANAGE_PATH + s.manageToken() + "?notice=confirmed", HttpStatus.SEE_OTHER);
  }

  void preferences(Context ctx) {
    Subscription s = byToken(ctx);
    String notice =
        switch (value(ctx.queryParam("notice"))) {
          case "confirmed" -> "Confirmed: the digest is on its way from the next issue.";
          case "saved" -> "Saved.";
          default -> null;
        };
    templates.sendPrivate(ctx, 200, "subscription.jte", model(s, notice, null));
  }

  void update(Context ctx) {
    requireSameSite(ctx);
    String token = ctx.pathParam("token");
    Subscription s = byToken(ctx);
    try {
      Preferences prefs =
          Preferences.parse(
              ctx.formParam("frequency"), ctx.formParam("topics"), ctx.formParam("categories"));
      digests.subscriptions().update(token, prefs);
    } catch (IllegalArgumentException e) {
      templates.sendPrivate(ctx, 400, "subscription.jte", model(s, null, e.getMessage()));
      return;
    }
    ctx.redirect(Subscriptions.MANAGE_PATH + token + "?notice=saved", HttpStatus.SEE_OTHER);
  }

  void unsubscribeForm(Context ctx) {
    Subscription s = byToken(ctx);
    templates.sendPrivate(
        ctx,
        200,
        "confirm.jte",
        new ConfirmPage(
            "Unsubscribe",
            "Stop the Paperboy digest to " + s.email() + "?",
            Subscriptions.UNSUBSCRIBE_PATH + s.manageToken(),
            null,
            "Unsubscribe"));
  }

  /**
   * Unsubscribes: the page's button, and RFC 8058 one-click, which mail providers send as a POST
   * with the body {@code List-Unsubscribe=One-Click}, no cookies and no other origin headers.
   */
  void unsubscribe(Context ctx) {
    String how =
        "One-Click".equals(ctx.formParam("List-Unsubscribe"))
            ? "unsubscribed by one-click (RFC 8058)"
            : "unsubscribed by link";
    Subscription s = digests.subscriptions().unsubscribe(ctx.pathParam("token"), how);
    templates.sendPrivate(
        ctx,
        200,
        "message.jte",
        new MessagePage(
            "Unsubscribed",
            "You are unsubscribed",
            "No more digests go to "
                + s.email()
                + ". Changed your mind? The link in your last digest lets you subscribe again."));
  }

  /**
   * {@code POST /api/subscriptions} with {@code {"email", "frequency", "topics", "categories"}}.
   */
  void apiSubscribe(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.startsWith("application/json")) {
      throw new HttpProblem(415, "JSON expected", "Send the subscription as application/json.");
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(ctx.bodyAsBytes());
    } catch (IOException e) {
      throw new HttpProblem(400, "Not JSON", "The body is not a JSON object.");
    }
    if (body == null || !body.isObject()) {
      throw new HttpProblem(400, "Not JSON", "The body is not a JSON object.");
    }
    Preferences prefs;
    try {
      JsonNode cats = body.path("categories");
      String categories =
          cats.isArray()
              ? String.join(" ", Json.MAPPER.convertValue(cats, String[].class))
              : cats.asText("");
      prefs = Preferences.parse(text(body, "frequency"), text(body, "topics"), categories);
    } catch (IllegalArgumentException e) {
      throw new HttpProblem(400, "Not accepted", e.getMessage());
    }
    // A signed-in caller's own address is linked only with the session's CSRF header.
    User viewer = null;
    var session = Guard.session(ctx);
    if (session.isPresent() && session.get().csrfMatches(ctx.header(Guard.CSRF_HEADER))) {
      viewer = session.get().user();
    }
    Subscriptions.Outcome outcome =
        digests.subscriptions().subscribe(text(body, "email"), prefs, viewer, ctx.ip());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "status",
        switch (outcome) {
          case CONFIRMED -> "confirmed";
          default -> "confirmation_sent";
        });
    out.put("frequency", prefs.frequency().label());
    out.put("topics", prefs.topics());
    out.put("categories", prefs.categories());
    ctx.status(outcome == Subscriptions.Outcome.CONFIRMED ? 201 : 202)
        .header("Cache-Control", "no-store")
        .contentType(Api.JSON)
        .result(ApiJson.bytes(out));
  }

  void admin(Context ctx) {
    String csrf = requireAdmin(ctx).csrfToken();
    List<AdminMailPage.Count> subs = new ArrayList<>();
    digests
        .subscriptions()
        .counts()
        .forEach((state, n) -> subs.add(new AdminMailPage.Count(label(state.name()), n)));
    List<AdminMailPage.Count> outbox = new ArrayList<>();
    Map<OutboxStatus, Integer> counts = digests.outboxCounts(null);
    for (OutboxStatus s : OutboxStatus.values()) {
      outbox.add(new AdminMailPage.Count(label(s.name()), counts.getOrDefault(s, 0)));
    }
    List<AdminMailPage.AttemptRow> attempts =
        digests.recentAttempts(50).stream()
            .map(
                a ->
                    new AdminMailPage.AttemptRow(
                        AT.format(a.at()),
                        a.email(),
                        a.period(),
                        a.attempt(),
                        label(a.outcome())
                            + (a.smtpCode() == null ? "" : " (" + a.smtpCode() + ")"),
                        a.detail() == null ? "" : a.detail()))
            .toList();
    templates.sendPrivate(
        ctx,
        200,
        "adminmail.jte",
        new AdminMailPage(
            subs, outbox, attempts, recentDigests(), smtp, csrf, notice(ctx.queryParam("done"))));
  }

  /** Ends or suppresses an address's subscription by hand (a mailto request, a complaint). */
  void adminEnd(Context ctx) {
    var session = Guard.change(ctx);
    if (!session.user().may(Role.ADMIN)) {
      throw new HttpProblem(403, "Not allowed", "Only administrators manage subscriptions.");
    }
    boolean suppress = "suppress".equals(ctx.formParam("action"));
    digests
        .subscriptions()
        .endByOperator(
            ctx.formParam("email"),
            suppress,
            suppress
                ? "suppressed by " + session.user().email() + " (complaint)"
                : "unsubscribed by " + session.user().email() + " (request by mail)");
    ctx.redirect(
        Routes.ADMIN_MAIL + "?done=" + (suppress ? "suppressed" : "unsubscribed"),
        HttpStatus.SEE_OTHER);
  }

  private static String notice(String done) {
    if ("suppressed".equals(done)) {
      return "The address is suppressed: it gets no more mail.";
    }
    if ("unsubscribed".equals(done)) {
      return "The address is unsubscribed.";
    }
    return null;
  }

  private List<AdminMailPage.DigestRow> recentDigests() {
    return digests.recentDigests(MAX_DIGESTS).stream()
        .map(
            d ->
                new AdminMailPage.DigestRow(
                    AT.format(d.at()),
                    d.email(),
                    d.subject(),
                    label(d.status().name()),
                    d.papers(),
                    d.attempts()))
        .toList();
  }

  private Subscription byToken(Context ctx) {
    return digests
        .subscriptions()
        .byManageToken(ctx.pathParam("token"))
        .orElseThrow(
            () ->
                new HttpProblem(
                    404,
                    "Link not valid",
                    "This subscription link is not valid. Subscribe again from any list page."));
  }

  private static SubscriptionPage model(Subscription s, String notice, String error) {
    String state =
        switch (s.state()) {
          case CONFIRMED -> "Subscribed: you get the " + s.frequency().label() + " digest.";
          case UNCONFIRMED -> "Not confirmed yet: saving below confirms it.";
          case UNSUBSCRIBED -> "Unsubscribed: saving below subscribes you again.";
          case SUPPRESSED ->
              "Mail to this address bounced or was reported as spam, so it gets no digests.";
        };
    return new SubscriptionPage(
        Subscriptions.MANAGE_PATH + s.manageToken(),
        Subscriptions.UNSUBSCRIBE_PATH + s.manageToken(),
        s.email(),
        state,
        s.state() == SubscriptionState.CONFIRMED,
        s.state() == SubscriptionState.SUPPRESSED,
        s.frequency().label(),
        s.topics(),
        String.join(" ", s.categories()),
        notice,
        error);
  }

  private static MessagePage outcomePage(Subscriptions.Outcome outcome) {
    if (outcome == Subscriptions.Outcome.CONFIRMED) {
      return new MessagePage(
          "Subscribed",
          "You are subscribed",
          "Your account's address is verified, so the digest starts with the next issue. Every"
              + " digest links to a page where you can change it or unsubscribe.");
    }
    // The same words whatever happened: the page must not tell who is subscribed.
    return new MessagePage(
        "Check your inbox",
        "Check your inbox",
        "If the address is right, a mail is on its way: open its link to confirm the"
            + " subscription. Nothing is sent until you do.");
  }

  /**
   * Refuses a form POST that a browser says came from another site. Browsers send {@code
   * Sec-Fetch-Site} (and {@code Origin}) on every POST; other clients send neither and are let
   * through, as they could not ride a reader's browser anyway.
   */
  static void requireSameSite(Context ctx) {
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw crossSite();
    }
    String origin = ctx.header("Origin");
    if (site == null && origin != null) {
      String host = ctx.header("Host");
      java.net.URI o;
      try {
        o = java.net.URI.create(origin);
      } catch (IllegalArgumentException e) {
        throw crossSite();
      }
      String originHost = o.getHost() + (o.getPort() < 0 ? "" : ":" + o.getPort());
      if (host == null || !host.equalsIgnoreCase(originHost)) {
        throw crossSite();
      }
    }
  }

  private static HttpProblem crossSite() {
    return new HttpProblem(
        403, "Cross-site form refused", "This form can only be sent from this site's own pages.");
  }

  private static org.paperboy.community.Sessions.SignedIn requireAdmin(Context ctx) {
    var session = Guard.signedIn(ctx);
    if (!session.user().may(Role.ADMIN)) {
      throw new HttpProblem(403, "Not allowed", "Only administrators see the mail page.");
    }
    return session;
  }

  private static String label(String name) {
    String s = name.toLowerCase(Locale.ROOT);
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static String value(String s) {
    return s == null ? "" : s;
  }
}
