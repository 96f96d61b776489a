package org.paperboy.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.paperboy.paper.Catalog;

/**
 * A real HTTP server on a loopback port that plays arXiv: it answers each request with what the
 * test's function returns (usually a sample file) and records every request it saw.
 */
public final class LocalArxiv implements AutoCloseable {

  /** A request as the server received it. */
  public record Request(String path, Map<String, String> params, String userAgent) {
    public String param(String name) {
      return params.get(name);
    }
  }

  /** What to answer. */
  public record Answer(int status, Map<String, String> headers, byte[] body) {

    public static Answer ok(byte[] body) {
      return new Answer(200, Map.of("Content-Type", "text/xml; charset=utf-8"), body);
    }

    public static Answer file(String resource) {
      return ok(bytes(resource));
    }

    public static Answer status(int status, String... headerNamesAndValues) {
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 0; i + 1 < headerNamesAndValues.length; i += 2) {
        headers.put(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
      }
      return new Answer(status, headers, ("HTTP " + status).getBytes(StandardCharsets.UTF_8));
    }
  }

  private final HttpServer server;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private volatile Function<Request, Answer> handler;

  public LocalArxiv(Function<Request, Answer> handler) throws IOException {
    this.handler = handler;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Replaces how the server answers from now on. */
  public void answer(Function<Request, Answer> newHandler) {
    this.handler = newHandler;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** A fetcher asking this server's {@code /api/query}, 3 s apart, waiting through the sleeper. */
  public ArxivFetcher fetcher(Catalog catalog, Clock clock, Sleeper sleeper) {
    return new ArxivFetcher(
        catalog,
        uri("/api/query"),
        Duration.ofSeconds(3),
        HttpClient.newHttpClient(),
        "Paperboy/test",
        clock,
        sleeper);
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The bytes of a test resource, e.g. {@code samples/arxiv_oai_pmh/…xml}. */
  public static byte[] bytes(String resource) {
    try (InputStream in = LocalArxiv.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> params = new LinkedHashMap<>();
      String query = exchange.getRequestURI().getRawQuery();
      if (query != null) {
        for (String pair : query.split("&")) {
          int eq = pair.indexOf('=');
          String k = eq < 0 ? pair : pair.substring(0, eq);
          String v = eq < 0 ? "" : pair.substring(eq + 1);
          params.put(
              URLDecoder.decode(k, StandardCharsets.UTF_8),
              URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
      }
      Request request =
          new Request(
              exchange.getRequestURI().getPath(),
              params,
              exchange.getRequestHeaders().getFirst("User-Agent"));
      requests.add(request);
      Answer answer = handler.apply(request);
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(answer.status(), answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
