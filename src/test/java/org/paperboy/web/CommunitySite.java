package org.paperboy.web;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.paperboy.Paperboy;
import org.paperboy.community.MovableClock;
import org.paperboy.community.PaperLookup;
import org.paperboy.community.Role;
import org.paperboy.config.Settings;
import org.paperboy.mail.MailMessage;
import org.paperboy.mail.Mailer;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.search.PaperSearch;
import org.paperboy.store.Database;

/**
 * The app with its community, as {@code serve} builds it, on a real SQLite file and port, with a
 * movable clock, a recording mailer and a paper lookup the test fills; and browsers (HTTP clients
 * with their own cookies) that sign in through the mailed link.
 */
final class CommunitySite implements AutoCloseable {

  final MovableClock clock = new MovableClock("2026-07-01T08:00:00Z");
  final List<MailMessage> mails = new CopyOnWriteArrayList<>();
  final Map<String, Paper> arxiv = new java.util.concurrent.ConcurrentHashMap<>();
  final Paperboy paperboy;
  final Database db;
  final Catalog catalog;
  final Community community;
  final PaperSearch search;
  final Javalin app;

  CommunitySite(Path dir, List<PaperRecord> records) {
    this(dir, records, "http://localhost");
  }

  /**
   * The site with another public base URL, e.g. an https one, and more settings as name, value
   * pairs.
   */
  CommunitySite(Path dir, List<PaperRecord> records, String baseUrl, String... more) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("PAPERBOY_DATA", dir.toString());
    env.put("PAPERBOY_BASE_URL", baseUrl);
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    Settings settings = Settings.from(env);
    Mailer mailer = mails::add;
    PaperLookup lookup = id -> Optional.ofNullable(arxiv.get(id.id()));
    paperboy =
        Paperboy.builder(settings).clock(clock).mailer(mailer).lookup(lookup).jobs(false).build();
    db = paperboy.database();
    catalog = paperboy.catalog();
    catalog.apply(records);
    community = paperboy.community();
    app = paperboy.serve(0);
    search = paperboy.search().orElseThrow();
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + app.port() + path);
  }

  /** A new browser without cookies. */
  Browser browser() {
    return new Browser();
  }

  /** A browser signed in as the address, with the role given (made by {@code user add}). */
  Browser signedIn(String email, Role role) throws Exception {
    community.accounts().add(email, null, role);
    Browser b = new Browser();
    b.signIn(email);
    return b;
  }

  /** The token in the last sign-in mail. */
  String lastToken() {
    String text = mails.get(mails.size() - 1).text();
    Matcher m = Pattern.compile("token=([A-Za-z0-9_-]{43})").matcher(text);
    if (!m.find()) {
      throw new AssertionError("no link in " + text);
    }
    return m.group(1);
  }

  @Override
  public void close() {
    paperboy.close();
  }

  /** An HTTP client with its own cookie jar, that does not follow redirects. */
  final class Browser {
    final CookieManager cookies = new CookieManager();
    final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return http.send(
          HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form; values come in name, value pairs. */
    HttpResponse<String> post(String path, String... pairs)
        throws IOException, InterruptedException {
      return postForm(path, "text/html", pairs);
    }

    /** Posts a form as the page's script does to act in place: asking for JSON. */
    HttpResponse<String> postInPlace(String path, String... pairs)
        throws IOException, InterruptedException {
      return postForm(path, "application/json", pairs);
    }

    private HttpResponse<String> postForm(String path, String accept, String... pairs)
        throws IOException, InterruptedException {
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < pairs.length; i += 2) {
        if (body.length() > 0) {
          body.append('&');
        }
        body.append(pairs[i])
            .append('=')
            .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
      }
      return http.send(
          HttpRequest.newBuilder(uri(path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Accept", accept)
              .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** Posts JSON to the API, with the CSRF header when a token is given. */
    HttpResponse<String> postJson(String path, String json, String csrf)
        throws IOException, InterruptedException {
      HttpRequest.Builder r =
          HttpRequest.newBuilder(uri(path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json));
      if (csrf != null) {
        r.header("X-CSRF-Token", csrf);
      }
      return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the first hidden csrf field on a page. */
    String csrf(String path) throws IOException, InterruptedException {
      return field(get(path).body(), "csrf");
    }

    /**
     * Asks for a link, opens it and presses its button; returns the answer to the button (a
     * redirect when signed in).
     */
    HttpResponse<String> signIn(String email) throws IOException, InterruptedException {
      String token = csrf(Routes.SIGN_IN);
      HttpResponse<String> asked = post(Routes.SIGN_IN, "csrf", token, "email", email);
      if (asked.statusCode() != 200) {
        throw new AssertionError(asked.statusCode() + " " + asked.body());
      }
      return openLink(lastToken());
    }

    /** Opens a sign-in link and presses the button of the page it shows. */
    HttpResponse<String> openLink(String token) throws IOException, InterruptedException {
      HttpResponse<String> page = get(Routes.VERIFY + "?token=" + token);
      if (page.statusCode() != 200) {
        return page;
      }
      String body = page.body();
      return body.contains("name=\"confirm\"")
          ? post(Routes.VERIFY, "csrf", field(body, "csrf"), "token", token, "confirm", "yes")
          : post(Routes.VERIFY, "csrf", field(body, "csrf"), "token", token);
    }

    String cookieNames() {
      return cookies.getCookieStore().getCookies().stream()
          .map(c -> c.getName())
          .collect(Collectors.joining(","));
    }
  }

  /**
   * The value of a form field named {@code name} in the HTML: of the page's own forms (in {@code
   * <main>}) first, then of the header's (the sign-out form's token).
   */
  static String field(String html, String name) {
    int main = html.indexOf("<main");
    if (main > 0 && html.indexOf("name=\"" + name + "\"", main) > 0) {
      return field(html.substring(main), name);
    }
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no field " + name);
    }
    return m.group(1);
  }
}
