package org.paperboy.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error page, for requests Jetty refuses before Javalin sees them (a URI that does not
 * decode, a URI, headers or body too long, a body too slow): our security headers, no stacks or
 * causes, and under {@code /api} a problem document like every other API error, elsewhere the
 * site's message page. A request line Jetty could not read at all has no path ({@link
 * UndecodableUris} keeps it for URIs that do not decode); it gets the page.
 */
final class JettyErrorPage extends ErrorHandler {

  private final Templates templates;

  JettyErrorPage(Templates templates) {
    this.templates = templates;
    setShowStacks(false);
    setShowCauses(false);
    setShowOrigin(false);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    WebApp.SECURITY_HEADERS.forEach((name, value) -> response.getHeaders().put(name, value));
    return super.handle(request, response, callback);
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback)
      throws java.io.IOException {
    String title = HttpStatus.getMessage(code);
    byte[] body;
    if (underApi(request.getHttpURI())) {
      String path = request.getHttpURI().getPath();
      body =
          new HttpProblem(code, title, detail(code, message))
              .document(path == null ? Routes.API_PREFIX : path);
      WebApp.CORS_HEADERS.forEach((name, value) -> response.getHeaders().put(name, value));
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, HttpProblem.PROBLEM_JSON);
    } else {
      // Jetty's own error page names nobody: a frame a request left on this thread is dropped.
      Templates.leave();
      body =
          templates
              .render("message.jte", new MessagePage(title, title, detail(code, message)))
              .getBytes(StandardCharsets.UTF_8);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    // A refused HEAD (one whose URI did not decode, say) gets the headers alone, as any HEAD.
    boolean head = HttpMethod.HEAD.is(request.getMethod());
    response.write(true, head ? null : ByteBuffer.wrap(body), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    WebApp.SECURITY_HEADERS.forEach(fields::put);
    return super.badMessageError(status, reason, fields);
  }

  /** Whether the URI is under the API, read from the raw path when it does not decode. */
  private static boolean underApi(HttpURI uri) {
    if (uri == null) {
      return false;
    }
    String path = uri.getPath();
    if (path == null) {
      path = uri.getCanonicalPath();
    }
    if (path == null) {
      String whole = uri.asString();
      return whole != null && whole.contains(Routes.API_PREFIX);
    }
    return path.startsWith(Routes.API_PREFIX);
  }

  /** What the client should know about an error Jetty raised, in a sentence. */
  static String detail(int code, String message) {
    return switch (code) {
      case 400 ->
          "The request could not be read"
              + (message == null || message.equals(HttpStatus.getMessage(code))
                  ? "."
                  : ": " + message + ".");
      case 408 -> "The request took too long to arrive; send it again.";
      case 413 -> "The request body is larger than this server accepts.";
      case 414 -> "The URI is longer than this server accepts.";
      case 431 -> "The request headers are larger than this server accepts.";
      default -> message == null ? HttpStatus.getMessage(code) : message;
    };
  }
}
