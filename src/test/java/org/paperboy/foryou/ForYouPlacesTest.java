package org.paperboy.foryou;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.MovableClock;
import org.paperboy.paper.Author;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;

/**
 * The categories' bonus and the places each interest is guaranteed, on vectors made by hand (so the
 * order without them is known; no background): a reader who upvoted 4 papers of cs.CV and 4 of
 * cs.RO, and a window of 40 cs.CV papers close to their taste, 2 cs.RO papers (near-duplicates of
 * each other) far from it, and 20 papers of neither.
 */
class ForYouPlacesTest {

  static final int DIM = 384;
  static final LocalDate OLD = LocalDate.parse("2026-06-01");
  static final LocalDate NEW = LocalDate.parse("2026-06-29");

  @TempDir static Path dir;
  static MovableClock clock = new MovableClock("2026-07-01T08:00:00Z");
  static Database db;
  static ForYou forYou;
  static ForYou.Candidates window;
  static Map<String, float[]> likedVectors = new LinkedHashMap<>();
  static List<Paper> likedPapers = new ArrayList<>();

  static float[] vector(int main, double noise, int noiseDim, double second, int secondDim) {
    float[] v = new float[DIM];
    v[main] = 1;
    v[noiseDim] += (float) noise;
    v[secondDim] += (float) second;
    return v;
  }

  static Paper paper(String id, String category, LocalDate published) {
    return Paper.builder(id, "Paper " + id + " in " + category, "test")
        .version(1)
        .abstractText("About " + category + ".")
        .authors(List.of(new Author("Author " + id, null)))
        .categories(List.of(category))
        .published(published)
        .build();
  }

  @BeforeAll
  static void world() throws Exception {
    db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
    Catalog catalog = new Catalog(db, clock);
    List<Paper> papers = new ArrayList<>();
    Map<String, float[]> vectors = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      Paper p = paper("2606.1" + String.format("%04d", i), "cs.CV", NEW);
      papers.add(p);
      vectors.put(p.id(), vector(0, 0.6, 100 + i, 0, 0));
    }
    for (int i = 0; i < 2; i++) {
      Paper p = paper("2606.2000" + i, "cs.RO", NEW);
      papers.add(p);
      vectors.put(p.id(), vector(2, 0.2, 200 + i, 0.2, 1));
    }
    for (int i = 0; i < 20; i++) {
      Paper p = paper("2606.3" + String.format("%04d", i), "math.GT", NEW);
      papers.add(p);
      vectors.put(p.id(), vector(3, 0.6, 300 + i, 0, 0));
    }
    // Twins: the same closeness to the taste, one in a category the reader likes.
    Paper twinCv = paper("2606.40000", "cs.CV", NEW);
    Paper twinGt = paper("2606.40001", "math.GT", NEW);
    papers.add(twinCv);
    papers.add(twinGt);
    vectors.put(twinCv.id(), vector(0, 1.5, 380, 0, 0));
    vectors.put(twinGt.id(), vector(0, 1.5, 381, 0, 0));
    for (int i = 0; i < 4; i++) {
      Paper cv = paper("2605.1000" + i, "cs.CV", OLD);
      Paper ro = paper("2605.2000" + i, "cs.RO", OLD);
      likedPapers.add(cv);
      likedPapers.add(ro);
      likedVectors.put(cv.id(), vector(0, 0.6, 150 + i, 0, 0));
      likedVectors.put(ro.id(), vector(1, 0.6, 250 + i, 0, 0));
    }
    List<PaperRecord> records = new ArrayList<>();
    papers.forEach(p -> records.add(new PaperRecord(p, null)));
    likedPapers.forEach(p -> records.add(new PaperRecord(p, null)));
    catalog.apply(records);
    // Seen from no background, so that the cosines are the ones made here.
    ForYou.Candidates c = ForYou.Candidates.of(papers, vectors);
    window = new ForYou.Candidates(c.papers(), c.vectors(), null, c.vectors(), c.authorKeys());
    forYou = new ForYou(db, catalog, new Follows(db, () -> null, clock), () -> null, clock);
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  static ForYou.Reader reader(List<Follows.Follow> follows) {
    ForYou.Reader r = new ForYou.Reader();
    r.steering = new Follows.Steering("", null, follows, List.of());
    r.taste = Taste.of(likedVectors, window.background());
    r.liked = new HashSet<>(likedVectors.keySet());
    r.upvoted = r.liked;
    r.categories = ForYou.Liked.of(likedPapers, r.upvoted);
    return r;
  }

  static List<String> top(ForYou f, ForYou.Reader r) {
    return cards(f, r).stream().map(c -> c.paper().id()).toList();
  }

  static List<ForYou.Card> cards(ForYou f, ForYou.Reader r) {
    return f.picks(window, r, i -> true, i -> true, 0, ForYou.PAGE_SIZE);
  }

  @Test
  void a_small_interest_gets_its_places_on_the_first_page_only_with_the_places_rule() {
    List<String> without = top(forYou.withRules(new ForYou.Rules(true, false)), reader(List.of()));
    assertThat(without).hasSize(20).noneMatch(id -> id.startsWith("2606.2"));

    List<ForYou.Card> with = cards(forYou, reader(List.of()));
    assertThat(with).hasSize(20);
    List<ForYou.Card> robotics =
        with.stream().filter(c -> c.paper().id().startsWith("2606.2")).toList();
    assertThat(robotics).hasSize(2);
    assertThat(robotics)
        .allSatisfy(c -> assertThat(c.why()).contains("in cs.RO, like 4 papers you upvoted"));
  }

  @Test
  void the_spreading_does_not_push_a_guaranteed_place_off_the_page() {
    // The two cs.RO papers are near-duplicates of each other: placed at 19 and 20 they would
    // follow each other, and spreading them apart the old way would push the second past 20.
    assertThat(Vectors.dot(window.vectors()[40], window.vectors()[41]))
        .isGreaterThan(ForYou.NEAR_DUPLICATE);
    List<String> top = top(forYou, reader(List.of()));
    int a = top.indexOf("2606.20000");
    int b = top.indexOf("2606.20001");
    assertThat(a).isBetween(0, 19);
    assertThat(b).isBetween(0, 19);
    assertThat(Math.abs(a - b)).isGreaterThan(ForYou.RUN);
  }

  @Test
  void a_liked_category_adds_its_share_and_a_followed_one_adds_its_bonus() {
    ForYou.Reader r = reader(List.of());
    Map<String, Double> score = new HashMap<>();
    forYou.picks(window, r, i -> true, i -> true, 0, 200).stream()
        .forEach(c -> score.put(c.paper().id(), c.score()));
    // cs.CV holds half of the liked papers: +0.15 x 0.5.
    assertThat(score.get("2606.40000") - score.get("2606.40001")).isCloseTo(0.075, within(1e-6));

    ForYou.Reader follower = reader(List.of(Follows.categoryFollow("math.GT")));
    Map<String, ForYou.Card> cards = new HashMap<>();
    forYou.picks(window, follower, i -> true, i -> true, 0, 200).stream()
        .forEach(c -> cards.put(c.paper().id(), c));
    assertThat(cards.get("2606.40001").score() - cards.get("2606.40000").score())
        .isCloseTo(0.15 - 0.075, within(1e-6));
    assertThat(cards.get("2606.40001").why()).contains("new in math.GT, which you follow");

    Set<String> off = new HashSet<>();
    forYou
        .withRules(new ForYou.Rules(false, true))
        .picks(window, r, i -> true, i -> true, 0, 200)
        .stream()
        .filter(c -> c.why().stream().anyMatch(w -> w.startsWith("in cs.")))
        .forEach(c -> off.add(c.paper().id()));
    assertThat(off).isEmpty();
  }
}
