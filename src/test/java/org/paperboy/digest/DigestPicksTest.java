package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperboy.foryou.TasteTest.near;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.paperboy.foryou.Taste;
import org.paperboy.foryou.Vectors;
import org.paperboy.paper.Paper;

/** A digest's picks for a reader of two fields, one with many candidates and one with few. */
class DigestPicksTest {

  static final LocalDate DAY = LocalDate.parse("2026-06-29");

  @Test
  void picks_are_shared_among_the_fields_of_the_readers_taste() {
    Random rnd = new Random(7);
    // Candidates: twelve papers of the big field, very close to what the reader liked there, and
    // three of the small field, less close to theirs.
    List<Paper> candidates = new ArrayList<>();
    Map<String, float[]> raw = new LinkedHashMap<>();
    for (int i = 0; i < 15; i++) {
      boolean big = i < 12;
      String id = (big ? "2606.1000" : "2606.2000") + i;
      candidates.add(Paper.builder(id, "Paper " + i, "test").version(1).published(DAY).build());
      raw.put(id, big ? near(0, 0.01, rnd) : near(1, 0.4, rnd));
    }
    float[] background = Vectors.mean(raw.values());
    Map<String, float[]> vectors = new HashMap<>();
    raw.forEach((id, v) -> vectors.put(id, Vectors.centred(v, background)));
    Map<String, float[]> liked = new LinkedHashMap<>();
    for (int i = 0; i < 12; i++) {
      liked.put("big" + i, near(0, 0.01, rnd));
    }
    for (int i = 0; i < 4; i++) {
      liked.put("small" + i, near(1, 0.05, rnd));
    }
    Taste taste = Taste.of(liked, background);
    DigestComposer.Context ctx =
        new DigestComposer.Context(
            DigestPeriod.daily(DAY),
            List.of(),
            candidates,
            vectors,
            background,
            Map.of(),
            "m",
            null,
            null);
    Subscription s =
        new Subscription(
            "s1",
            "reader@example.org",
            "u1",
            Frequency.DAILY,
            "",
            List.of(),
            SubscriptionState.CONFIRMED,
            "t",
            0);
    // Ranked by closeness alone, the five picks would all be of the big field.
    List<String> byScore =
        candidates.stream()
            .sorted(
                (a, b) ->
                    Double.compare(
                        taste.similarity(vectors.get(b.id())),
                        taste.similarity(vectors.get(a.id()))))
            .map(Paper::id)
            .limit(DigestComposer.PICKS)
            .toList();
    assertThat(byScore).allMatch(id -> id.startsWith("2606.1"));

    DigestComposer.Choice c =
        DigestComposer.choose(ctx, new DigestComposer.Profile(s, null, taste, Set.of(), Set.of()));

    assertThat(c.picks()).hasSize(DigestComposer.PICKS);
    assertThat(c.picks()).anyMatch(id -> id.startsWith("2606.2"));
    assertThat(c.picks()).filteredOn(id -> id.startsWith("2606.1")).hasSizeGreaterThan(2);
  }
}
