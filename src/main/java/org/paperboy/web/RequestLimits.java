package org.paperboy.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * What one request may take from the server, so that no client can exhaust it: the size of a body,
 * how long a connection may stay silent and how slowly a body may arrive; and the refusal, as a 4xx
 * and one log line at most, of bodies that cannot be read (an unknown charset, a multipart body
 * that no route takes, an upload the client gave up on).
 *
 * <p>Limits: a body of at most {@link #MAX_BODY_BYTES} (the largest form is a 10,000-character
 * comment, which URL-encoding can make nine times longer); a connection idle for {@link
 * #IDLE_TIMEOUT_MILLIS} is closed; a body arriving slower than {@link #MIN_BODY_BYTES_PER_SECOND}
 * is cut off with 408. Without the last two, 300 connections sending a body at one byte a second
 * held every request thread and starved even {@code /health} (issue 17). Jetty's defaults bound the
 * request line and headers (8 KB: 414 and 431 beyond).
 */
final class RequestLimits {

  /** The largest request body read, in bytes. */
  static final long MAX_BODY_BYTES = 256 * 1024;

  /** A connection that sends or receives nothing this long is closed. */
  static final long IDLE_TIMEOUT_MILLIS = 20_000;

  /** A body slower than this (a 2G phone sends ten times more) is cut off. */
  static final long MIN_BODY_BYTES_PER_SECOND = 1024;

  /** The longest request URI (path and query) answered; longer ones get 414. */
  static final int MAX_URI_CHARS = 8 * 1024;

  /** The most header bytes answered; more get 431. */
  static final int MAX_HEADER_BYTES = 8 * 1024;

  /** What Jetty itself parses of the request line and headers, before answering 414 or 431. */
  static final int PARSED_HEAD_BYTES = 64 * 1024;

  private static final Pattern CHARSET =
      Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]*)\"?");

  private RequestLimits() {}

  /** Applies the limits to the server Javalin builds, and refuses unreadable bodies first. */
  static void apply(JavalinConfig config) {
    config.http.maxRequestSize = MAX_BODY_BYTES;
    config.jetty.modifyHttpConfiguration(
        http -> {
          http.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
          http.setMinRequestDataRate(MIN_BODY_BYTES_PER_SECOND);
          // Jetty reads up to this much, so that the limits below are checked where the path is
          // known (an error Jetty raises while parsing has lost it, and would not be a problem
          // document under the API).
          http.setRequestHeaderSize(PARSED_HEAD_BYTES);
        });
    // Javalin adds its connector when it starts, after this configuration ran.
    config.jetty.modifyServer(
        server ->
            server.addEventListener(
                new LifeCycle.Listener() {
                  @Override
                  public void lifeCycleStarting(LifeCycle event) {
                    for (Connector c : server.getConnectors()) {
                      if (c instanceof ServerConnector connector) {
                        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
                      }
                    }
                  }
                }));
    config.routes.before(RequestLimits::checkBody);
  }

  /**
   * The status for a request whose declared body, URI or headers are longer than answered (413, 414
   * or 431), or 0; see {@link CacheFront}.
   */
  static int tooLong(org.eclipse.jetty.server.Request request) {
    if (request.getLength() > MAX_BODY_BYTES) {
      return 413;
    }
    String pathQuery = request.getHttpURI().getPathQuery();
    if (pathQuery != null && pathQuery.length() > MAX_URI_CHARS) {
      return 414;
    }
    long bytes = 0;
    for (org.eclipse.jetty.http.HttpField f : request.getHeaders()) {
      bytes += f.getName().length() + (f.getValue() == null ? 0 : f.getValue().length()) + 4;
    }
    return bytes > MAX_HEADER_BYTES ? 431 : 0;
  }

  /**
   * Refuses a body no handler can read: one in a charset Java does not know (reading a form
   * parameter would fail), or a multipart one (no form here uploads files).
   */
  static void checkBody(Context ctx) {
    String type = ctx.header("Content-Type");
    if (type == null) {
      return;
    }
    if (type.strip().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      throw new HttpProblem(
          415,
          "Unsupported media type",
          "Nothing here takes a multipart body: send forms as application/x-www-form-urlencoded"
              + " and API requests as application/json.");
    }
    Matcher m = CHARSET.matcher(type);
    if (m.find() && !supported(m.group(1))) {
      throw new HttpProblem(
          415,
          "Unsupported charset",
          "The body's charset \"" + m.group(1) + "\" is not one this server reads; send UTF-8.");
    }
  }

  private static boolean supported(String charset) {
    try {
      return Charset.isSupported(charset);
    } catch (IllegalCharsetNameException e) {
      return false;
    }
  }

  /**
   * The refusal for a failure the client caused while the request was handled: a body cut off or
   * too slow, one too large, or one Jetty could not parse; null for any other failure (a fault
   * here, which is logged with its stack).
   */
  static HttpProblem clientFailure(Exception e) {
    if (e instanceof HttpResponseException r && r.getStatus() >= 400 && r.getStatus() < 500) {
      return new HttpProblem(r.getStatus(), title(r.getStatus()), detail(r.getStatus(), r));
    }
    if (e instanceof IllegalArgumentException && thrownBy(e, URLDecoder.class)) {
      // Jetty lets a few escapes through that Javalin cannot decode into a path parameter (one
      // after a ';', "%u0041").
      return new HttpProblem(
          400, title(400), JettyErrorPage.detail(400, "its URI does not decode"));
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
        return new HttpProblem(h.getCode(), title(h.getCode()), detail(h.getCode(), t));
      }
      if (t instanceof EofException || t instanceof IOException && readingBody(t)) {
        return new HttpProblem(
            400, "Incomplete request", "The request body ended early; send it again.");
      }
    }
    return null;
  }

  private static boolean thrownBy(Throwable t, Class<?> type) {
    StackTraceElement[] frames = t.getStackTrace();
    return frames.length > 0 && frames[0].getClassName().equals(type.getName());
  }

  /** Whether an I/O failure happened while reading the request, not while writing the answer. */
  private static boolean readingBody(Throwable t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      String method = frame.getMethodName();
      if (method.equals("read")
          || method.equals("readAllBytes")
          || method.equals("blockForContent")) {
        return true;
      }
    }
    return false;
  }

  private static String title(int status) {
    return org.eclipse.jetty.http.HttpStatus.getMessage(status);
  }

  private static String detail(int status, Throwable t) {
    return status == 413
        ? "The request body is larger than this server accepts (at most "
            + MAX_BODY_BYTES / 1024
            + " KB)."
        : JettyErrorPage.detail(status, t.getMessage());
  }
}
