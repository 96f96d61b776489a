package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.Listing;
import org.paperboy.paper.PaperRecord;

/**
 * Author names on cards, search results and paper pages link to the author's page, which folds the
 * variants of the name: following the link of "MULLER, Jose" lists the papers of "José Müller" too.
 */
class AuthorLinksWebTest {

  @TempDir Path dir;
  CommunitySite site;

  @BeforeEach
  void start() throws Exception {
    PaperRecord grasping =
        ForYouWebTest.paper("2606.00006", "Grasping with tactile sensors", "cs.RO", "José Müller");
    PaperRecord ice =
        ForYouWebTest.paper("2606.00007", "Legged locomotion on ice", "cs.RO", "MULLER, Jose");
    site =
        new CommunitySite(
            dir,
            List.of(
                new PaperRecord(grasping.paper(), new Listing(ForYouWebTest.TODAY, 0, null, 3, 0)),
                new PaperRecord(ice.paper(), new Listing(ForYouWebTest.TODAY, 1, null, 2, 0))));
    site.search.sync();
  }

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  void names_link_to_the_author_page_which_folds_their_variants() throws Exception {
    var b = site.browser();
    String day = b.get(Routes.day(ForYouWebTest.TODAY)).body();
    assertThat(authorLinks(day))
        .containsExactly(Routes.author("José Müller"), Routes.author("MULLER, Jose"));
    assertThat(day).contains(">José Müller</a>");

    String paper = b.get(Routes.paper("2606.00007")).body();
    assertThat(authorLinks(paper)).containsExactly("/authors/MULLER%2C%20Jose");
    assertThat(authorLinks(b.get(Routes.SEARCH + "?q=locomotion&mode=keyword").body()))
        .containsExactly(Routes.author("MULLER, Jose"));

    HttpResponse<String> author = b.get(authorLinks(paper).get(0));
    assertThat(author.statusCode()).isEqualTo(200);
    assertThat(ForYouWebTest.ids(author.body()))
        .containsExactlyInAnyOrder("2606.00006", "2606.00007");
    assertThat(authorLinks(author.body())).isNotEmpty();
  }

  static List<String> authorLinks(String html) {
    Matcher m = Pattern.compile("<a class=\"author\" href=\"([^\"]+)\"").matcher(html);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
