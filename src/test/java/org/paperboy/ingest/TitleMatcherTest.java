package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.MovableClock;
import org.paperboy.ingest.LocalArxiv.Answer;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.store.Database;

class TitleMatcherTest {

  private static final String ROBOTICS =
      "samples/arxiv_api_atom/query_cat-cs.RO_AND_neural_2025-10-17_legacy-format_2-entries.xml";

  @TempDir Path dir;

  @Test
  void a_paper_known_by_its_title_is_merged_into_its_arxiv_paper_and_unknown_titles_rest()
      throws Exception {
    MovableClock clock = new MovableClock("2025-10-18T08:00:00Z");
    List<Duration> sleeps = new ArrayList<>();
    try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null);
        LocalArxiv arxiv =
            new LocalArxiv(
                r ->
                    r.param("search_query").contains("neural implicit flow")
                        ? Answer.file(ROBOTICS)
                        : Answer.ok(LocalArxiv.bytes(EMPTY_FEED)))) {
      Catalog catalog = new Catalog(db, clock);
      LocalDate day = LocalDate.parse("2025-10-17");
      // As the seed page writes it: other case, punctuation and spacing than arXiv's.
      String seen = "Neural implicit flow-fields for spatio temporal  motion mapping";
      String unknown = "A paper arXiv never heard of";
      catalog.apply(
          List.of(
              new PaperRecord(
                  Paper.builder(Paper.localId(seen), seen, "seed-page").build(),
                  new Listing(day, 0, "ak", 7, 1)),
              PaperRecord.of(Paper.builder(Paper.localId(unknown), unknown, "seed-page").build())));
      ArxivFetcher fetcher = arxiv.fetcher(catalog, clock, sleeps::add);
      TitleMatcher matcher = new TitleMatcher(catalog, fetcher, clock);

      assertThat(matcher.run()).isEqualTo(new TitleMatcher.Summary(2, 1));

      assertThat(arxiv.requests())
          .extracting(r -> r.param("search_query"))
          .containsExactlyInAnyOrder(
              "ti:\"neural implicit flow fields for spatio temporal motion mapping\"",
              "ti:\"a paper arxiv never heard of\"");
      assertThat(catalog.find(Paper.localId(seen))).isEmpty();
      Paper merged = catalog.find("2510.14827").orElseThrow();
      assertThat(merged.categories()).isNotEmpty();
      assertThat(catalog.dailyList(day))
          .singleElement()
          .satisfies(
              l -> {
                assertThat(l.paper().id()).isEqualTo("2510.14827");
                assertThat(l.listing().upvotes()).isEqualTo(7);
              });

      // The unknown title rests for a week before it is asked again.
      assertThat(matcher.run()).isEqualTo(new TitleMatcher.Summary(0, 0));
      clock.advance(TitleMatcher.ASK_AGAIN_AFTER.plusMinutes(1));
      assertThat(matcher.run()).isEqualTo(new TitleMatcher.Summary(1, 0));
      assertThat(arxiv.requests()).hasSize(3);
    }
  }

  private static final String EMPTY_FEED = "handmade/arxiv_api_atom/query_empty_HANDMADE.xml";
}
