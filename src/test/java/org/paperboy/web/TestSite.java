package org.paperboy.web;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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

  final Database db;
  final Catalog catalog;
  final PaperSearch search;
  final Javalin app;
  private final HttpClient http = HttpClient.newHttpClient();

  TestSite(Path dir, Clock clock, List<PaperRecord> records) {
    db = Database.open("jdbc:sqlite:" + dir.resolve("site.db"), null, null);
    catalog = new Catalog(db, clock);
    catalog.apply(records);
    try {
      search = PaperSearch.open(dir.resolve("index"), catalog);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    app =
        WebApp.create(catalog, search, clock, Settings.from(Map.of("PAPERBOY_BASE_URL", BASE_URL)))
            .start(0);
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

  URI uri(String path) {
    return URI.create("http://localhost:" + app.port() + path);
  }

  @Override
  public void close() {
    app.stop();
    try {
      search.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    db.close();
  }
}
