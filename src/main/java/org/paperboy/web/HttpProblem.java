package org.paperboy.web;

import io.javalin.http.Context;

/**
 * A request the app refuses, with what to tell the client: pages show it as an error page, the API
 * as {@code application/problem+json} (RFC 9457), which {@link #problem} alone writes.
 */
final class HttpProblem extends RuntimeException {

  /** The media type of a problem document. */
  static final String PROBLEM_JSON = "application/problem+json";

  /** An RFC 9457 problem document. */
  record Document(String type, String title, int status, String detail, String instance) {}

  private final int status;
  private final String title;

  HttpProblem(int status, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
  }

  /** A 400 for a query or path parameter that is not what the route takes. */
  static HttpProblem badParameter(String detail) {
    return new HttpProblem(400, "Bad parameter", detail);
  }

  /** A 404 for a resource that does not exist. */
  static HttpProblem notFound(String detail) {
    return new HttpProblem(404, "Not found", detail);
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }

  String detail() {
    return getMessage();
  }

  /**
   * Answers with the problem as an RFC 9457 document, its {@code instance} the request's path, and
   * marks the answer rendered so that the error pages leave it alone.
   */
  static void problem(Context ctx, HttpProblem p) {
    Templates.markRendered(ctx);
    ctx.status(p.status()).contentType(PROBLEM_JSON).result(p.document(ctx.path()));
  }

  /** The problem as an RFC 9457 document about the resource at {@code instance}. */
  byte[] document(String instance) {
    return ApiJson.bytes(new Document("about:blank", title, status, detail(), instance));
  }
}
