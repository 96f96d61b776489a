package org.paperboy.web;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.paperboy.Paperboy;
import org.paperboy.config.Settings;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.PaperRecord;
import org.paperboy.search.PaperSearch;
import org.paperboy.store.Database;

/**
 * The app as {@code serve} builds it, on a real SQLite file and a real port, with the base URL
 * {@code https://papers.example.org}, and an HTTP client for it.
 */
final class TestSite implements AutoCloseable {

  static final String BASE_URL = "https://papers.example.org";

  final Paperboy paperboy;
  final Database db;
  final Catalog catalog;
  final PaperSearch search;
  final Javalin app;
  private final HttpClient http = HttpClient.newHttpClient();

  TestSite(Path dir, Clock clock, List<PaperRecord> records) {
    paperboy = paperboy(dir, clock, "PAPERBOY_BASE_URL", BASE_URL);
    db = paperboy.database();
    catalog = paperboy.catalog();
    catalog.apply(records);
    app = paperboy.serve(0);
    search = paperboy.search().orElseThrow();
  }

  /**
   * Paperboy as {@code serve} builds it on a data directory, with the clock given, settings from
   * name, value pairs, and no background jobs (tests drive them).
   */
  static Paperboy paperboy(Path dir, Clock clock, String... settings) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("PAPERBOY_DATA", dir.toString());
    env.put("PAPERBOY_DEMO_DATA", "false");
    for (int i = 0; i < settings.length; i += 2) {
      env.put(settings[i], settings[i + 1]);
    }
    return Paperboy.builder(Settings.from(env)).clock(clock).jobs(false).build();
  }

  HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Sends a request as is over a new connection (for requests java.net.http refuses to build) and
   * returns the whole answer, head and body.
   */
  String raw(String requestLine, String headers, String body) throws IOException {
    try (Socket socket = new Socket("localhost", app.port())) {
      String request =
          requestLine + "\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n" + body;
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + app.port() + path);
  }

  @Override
  public void close() {
    paperboy.close();
  }
}
