package org.paperboy.web;

/**
 * A request the app refuses, with what to tell the client: pages show it as an error page, the API
 * as {@code application/problem+json} (RFC 9457).
 */
final class HttpProblem extends RuntimeException {

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
}
