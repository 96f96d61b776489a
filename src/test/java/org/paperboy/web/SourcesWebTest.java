package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.Role;

/** What the Hugging Face follower brings, on the pages; the admin Sources page. */
class SourcesWebTest {

  @TempDir Path dir;

  @Test
  void the_paper_page_and_the_cards_show_what_hugging_face_brings() throws Exception {
    try (CommunitySite site = new CommunitySite(dir, List.of());
        InputStream in =
            getClass()
                .getClassLoader()
                .getResourceAsStream("samples/hf_daily_papers/2026-06-30.json")) {
      site.paperboy.importer().importStream(in, "2026-06-30.json");
      CommunitySite.Browser reader = site.browser();

      String page = reader.get(Routes.paper("2606.26740")).body();
      assertThat(page)
          .contains("Submitted by Jack Ma")
          .contains("AI summary")
          .contains("A novel streaming video editing framework")
          .contains("<li>streaming video editing</li>")
          .contains("https://github.com/cp-cp/LiveEdit")
          .contains("★ 12")
          .contains("Project page")
          .contains(
              "Organization: <a class=\"organization\" href=\"https://huggingface.co/Tsinghua\"")
          .contains(">Tsinghua University</a>");

      String api = reader.get("/api/papers/2606.26740").body();
      assertThat(api)
          .contains(
              "\"organization\":{\"name\":\"Tsinghua\",\"fullname\":\"Tsinghua University\"}");
      String list = reader.get("/api/daily_papers?date=2026-06-30").body();
      assertThat(list).contains("\"fullname\":\"Tsinghua University\"");

      String day = reader.get("/papers/date/2026-06-30").body();
      assertThat(day).contains("Submitted by Jack Ma");
    }
  }

  @Test
  void only_admins_see_the_sources_page_with_each_jobs_state() throws Exception {
    try (CommunitySite site = new CommunitySite(dir, List.of())) {
      assertThat(site.browser().get(Routes.ADMIN_SOURCES).statusCode()).isEqualTo(303);

      site.community.accounts().add("reader@example.org", null, Role.READER);
      CommunitySite.Browser reader = site.browser();
      reader.signIn("reader@example.org");
      assertThat(reader.get(Routes.ADMIN_SOURCES).statusCode()).isEqualTo(403);

      site.community.accounts().add("root@example.org", null, Role.ADMIN);
      CommunitySite.Browser admin = site.browser();
      admin.signIn("root@example.org");
      HttpResponse<String> before = admin.get(Routes.ADMIN_SOURCES);
      assertThat(before.statusCode()).isEqualTo(200);
      assertThat(before.headers().firstValue("Cache-Control")).hasValue("private, no-store");
      assertThat(before.body())
          .contains("hf-follow")
          .contains("every 30 min")
          .contains("harvest")
          .contains("daily at 01:30 UTC")
          .contains("housekeeping")
          .contains("No job has run yet.");

      site.paperboy.scheduler().runNow("housekeeping");
      String after = admin.get(Routes.ADMIN_SOURCES).body();
      assertThat(after)
          .contains("succeeded")
          .contains("expired sessions")
          .contains("1 succeeded, 0 failed");
    }
  }
}
