package org.paperboy.trending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.paperboy.paper.ListEntry;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;

/** The trending score's formula and the ranker's order, with a fixed clock. */
class TrendingTest {

  static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");
  static final LocalDate TODAY = LocalDate.parse("2026-06-30");

  static ListEntry entry(String id, LocalDate day, int upvotes, int comments, Integer stars) {
    Paper p =
        Paper.builder(id, "Paper " + id, "test")
            .codeUrl(stars == null ? null : "https://github.com/a/" + id)
            .codeStars(stars)
            .build();
    return new ListEntry(p, new Listing(day, 0, null, upvotes, comments), NOW);
  }

  @Test
  void score_isTheDocumentedFormula() {
    TrendingScore s = TrendingScore.of(10, 3, 1023, 22);

    assertThat(s.points()).isCloseTo(10 + 2 * 3 + 10, within(1e-9));
    assertThat(s.score()).isCloseTo(26 / Math.pow(24, 1.8), within(1e-12));
    assertThat(s.explanation())
        .contains("10 upvotes", "3 comments", "1023 stars", "22 h", "^1.8", "26.0 points");
  }

  @Test
  void score_growsWithEachSignalAndFallsWithAge() {
    TrendingScore base = TrendingScore.of(10, 1, 100, 24);

    assertThat(TrendingScore.of(11, 1, 100, 24).score()).isGreaterThan(base.score());
    assertThat(TrendingScore.of(10, 2, 100, 24).score()).isGreaterThan(base.score());
    assertThat(TrendingScore.of(10, 1, 200, 24).score()).isGreaterThan(base.score());
    assertThat(TrendingScore.of(10, 1, 100, 25).score()).isLessThan(base.score());
  }

  /** Properties over 10,000 seeded random inputs: more of any signal never lowers the score. */
  @Test
  void score_risesWithVotesAndFallsWithAge_forAnyInputs() {
    Random random = new Random(20261128);
    for (int i = 0; i < 10_000; i++) {
      int upvotes = random.nextInt(1_000);
      int comments = random.nextInt(200);
      int stars = random.nextInt(100_000);
      int hours = random.nextInt(24 * 30);
      double score = TrendingScore.of(upvotes, comments, stars, hours).score();
      String at = upvotes + "/" + comments + "/" + stars + "/" + hours;

      assertThat(TrendingScore.of(upvotes + 1, comments, stars, hours).score())
          .as(at)
          .isGreaterThan(score);
      assertThat(TrendingScore.of(upvotes, comments + 1, stars, hours).score())
          .as(at)
          .isGreaterThan(score);
      assertThat(TrendingScore.of(upvotes, comments, stars + 1, hours).score())
          .as(at)
          .isGreaterThanOrEqualTo(score);
      if (score > 0) {
        assertThat(TrendingScore.of(upvotes, comments, stars, hours + 1).score())
            .as(at)
            .isLessThan(score);
      }
    }
  }

  @Test
  void score_treatsMissingOrNegativeInputsAsZero() {
    assertThat(TrendingScore.of(-5, -1, null, -10)).isEqualTo(TrendingScore.of(0, 0, 0, 0));
    assertThat(TrendingScore.of(0, 0, null, 0).score()).isZero();
  }

  @Test
  void ranker_prefersFreshOverSlightlyMorePopularOld() {
    ListEntry old = entry("old", TODAY.minusDays(6), 60, 0, null);
    ListEntry fresh = entry("fresh", TODAY, 20, 0, null);

    assertThat(TrendingRanker.rank(List.of(old, fresh), NOW))
        .extracting(r -> r.entry().paper().id())
        .containsExactly("fresh", "old");
  }

  @Test
  void ranker_breaksTiesDeterministicallyWhateverTheInputOrder() {
    // Same score (no signals at all), so only the tie-breaks decide.
    List<ListEntry> entries =
        new ArrayList<>(
            List.of(
                entry("b", TODAY, 0, 0, null),
                entry("a", TODAY, 0, 0, null),
                entry("c", TODAY.minusDays(1), 0, 0, null)));
    Random random = new Random(42);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(entries, random);

      assertThat(TrendingRanker.rank(entries, NOW))
          .extracting(r -> r.entry().paper().id())
          .containsExactly("a", "b", "c");
    }
  }

  @Test
  void ranker_takesAgeFromTheClockAndTheFirstListDay() {
    ListEntry e = entry("x", TODAY, 10, 0, null);

    assertThat(TrendingRanker.score(e, NOW).ageHours()).isEqualTo(12.0);
    assertThat(TrendingRanker.score(e, NOW.minusSeconds(86_400)).ageHours()).isZero();
  }
}
