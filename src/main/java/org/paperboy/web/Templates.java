package org.paperboy.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * Renders the precompiled jte templates (generated from {@code src/main/jte} into {@code
 * org.paperboy.web.jte} by the build) and writes them as HTML responses.
 *
 * <p>Public only for {@link #tagline()} and {@link #frame()}: what every page's frame shows (a
 * setting of the site, the signed-in reader's name and menu) is not part of any page's model, so
 * the layout reads it here while a page renders.
 */
public final class Templates {

  /** Marks a response whose page is already rendered, so the 404 error page leaves it alone. */
  private static final String RENDERED = "paperboy.rendered";

  /** The tagline of the site whose page this thread is rendering. */
  private static final ThreadLocal<String> TAGLINE = new ThreadLocal<>();

  /** The signed-in reader's frame of the request this thread is answering, if any. */
  private static final ThreadLocal<Frame> FRAME = new ThreadLocal<>();

  private final TemplateEngine engine =
      TemplateEngine.createPrecompiled(
          null, ContentType.Html, Templates.class.getClassLoader(), "org.paperboy.web.jte");

  private final String tagline;

  /** Templates for a site with this tagline under its name ({@code PAPERBOY_TAGLINE}). */
  Templates(String tagline) {
    this.tagline = tagline;
  }

  /** Renders a template with its one model to a string. */
  String render(String template, Object model) {
    StringOutput out = new StringOutput();
    TAGLINE.set(tagline);
    try {
      engine.render(template, model, out);
    } finally {
      TAGLINE.remove();
    }
    return out.toString();
  }

  /** The tagline of the site whose page is being rendered, for {@code layout.jte}. */
  public static String tagline() {
    return TAGLINE.get();
  }

  /**
   * The signed-in reader's name, menu and flash for {@code layout.jte}, or null when the page is
   * for anyone (signed out, or a page the response cache shares).
   */
  public static Frame frame() {
    return FRAME.get();
  }

  /** Starts answering a request on this thread: its pages show this frame (null for none). */
  static void enter(Frame frame) {
    FRAME.set(frame);
  }

  /** Ends the request on this thread; returns the frame its pages showed, or null. */
  static Frame leave() {
    Frame frame = FRAME.get();
    FRAME.remove();
    return frame;
  }

  /** Renders a template and sends it with the given status. */
  void send(Context ctx, int status, String template, Object model) {
    String html = render(template, model);
    markRendered(ctx);
    ctx.status(status).contentType("text/html; charset=utf-8").result(html);
  }

  /** Sends a page meant for one reader only: no cache may keep it. */
  void sendPrivate(Context ctx, int status, String template, Object model) {
    ctx.header("Cache-Control", "private, no-store");
    send(ctx, status, template, model);
  }

  /** Marks the response as sent by a handler, so the 404 error page leaves it alone. */
  static void markRendered(Context ctx) {
    ctx.attribute(RENDERED, Boolean.TRUE);
  }

  /** Whether a handler already sent a page for this request. */
  static boolean rendered(Context ctx) {
    return Boolean.TRUE.equals(ctx.attribute(RENDERED));
  }
}
