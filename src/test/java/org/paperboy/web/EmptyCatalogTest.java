package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Paperboy;

/** A fresh instance, before anything is imported. */
final class EmptyCatalogTest {

  @TempDir Path dir;

  @Test
  void home_saysThereAreNoPapersYet() throws Exception {
    try (Paperboy paperboy = TestSite.paperboy(dir, WebAppTest.CLOCK)) {
      Javalin app = paperboy.serve(0);
      HttpResponse<String> home = get(app, "/");
      HttpResponse<String> day = get(app, "/papers/date/2025-03-17");

      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(home.body()).contains("No papers yet");
      assertThat(day.statusCode()).isEqualTo(404);
      assertThat(day.body()).contains("No papers listed on this day", "No earlier list");
    }
  }

  @Test
  void the_tagline_is_the_sites_own_setting_shown_as_text_on_every_page() throws Exception {
    try (Paperboy paperboy =
        TestSite.paperboy(
            dir, WebAppTest.CLOCK, "PAPERBOY_TAGLINE", "Papers <b>our lab</b> reads")) {
      Javalin app = paperboy.serve(0);
      for (String path : List.of("/", Routes.ABOUT_TRENDING, Routes.SIGN_IN, "/no/such/page")) {
        assertThat(get(app, path).body())
            .contains("<p class=\"tagline\">Papers &lt;b&gt;our lab&lt;/b&gt; reads</p>");
      }
    }
  }

  private static HttpResponse<String> get(Javalin app, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
