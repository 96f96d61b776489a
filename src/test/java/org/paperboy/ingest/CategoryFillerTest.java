package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.ingest.LocalArxiv.Answer;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.store.Database;

class CategoryFillerTest {

  private static final String ROBOTICS =
      "samples/arxiv_api_atom/query_cat-cs.RO_AND_neural_2025-10-17_legacy-format_2-entries.xml";

  @TempDir Path dir;

  @Test
  void papers_from_hugging_face_get_their_arxiv_categories_in_one_batched_request()
      throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2025-10-18T08:00:00Z"), ZoneOffset.UTC);
    List<Duration> sleeps = new ArrayList<>();
    try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null);
        LocalArxiv arxiv = new LocalArxiv(r -> Answer.file(ROBOTICS))) {
      Catalog catalog = new Catalog(db, clock);
      LocalDate day = LocalDate.parse("2025-10-17");
      catalog.apply(
          List.of(
              new PaperRecord(
                  Paper.builder("2510.14968", "A paper from a list", "hf-daily").build(),
                  new Listing(day, 0, "Ada", 12, 1)),
              new PaperRecord(
                  Paper.builder("2510.14827", "Another one", "hf-daily").build(),
                  new Listing(day, 1, null, 3, 0))));
      assertThat(catalog.uncategorized(10)).containsExactly("2510.14968", "2510.14827");
      ArxivFetcher fetcher = arxiv.fetcher(catalog, clock, sleeps::add);

      CategoryFiller.Summary s = new CategoryFiller(catalog, fetcher).run();

      assertThat(s).isEqualTo(new CategoryFiller.Summary(2, 2, 0));
      assertThat(arxiv.requests())
          .singleElement()
          .satisfies(r -> assertThat(r.param("id_list")).isEqualTo("2510.14968,2510.14827"));
      assertThat(catalog.find("2510.14968").orElseThrow().categories()).contains("cs.RO");
      assertThat(catalog.dailyList(day)).hasSize(2);
      assertThat(catalog.dailyList(day).get(0).listing().upvotes()).isEqualTo(12);
      assertThat(catalog.uncategorized(10)).isEmpty();
      assertThat(new CategoryFiller(catalog, fetcher).run())
          .isEqualTo(new CategoryFiller.Summary(0, 0, 0));
    }
  }
}
