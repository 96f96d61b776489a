package org.paperboy.foryou;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The taste's clusters, the background it compares from, and how its clusters share a list. */
public class TasteTest {

  /** Dimensions of the test vectors. */
  public static final int DIMENSIONS = 16;

  /** A unit vector near axis {@code axis}, with noise of this size in the other dimensions. */
  public static float[] near(int axis, double noise, Random rnd) {
    float[] v = new float[DIMENSIONS];
    v[axis] = 1;
    for (int d = 0; d < DIMENSIONS; d++) {
      if (d != axis) {
        v[d] += (float) (noise * rnd.nextGaussian());
      }
    }
    return Vectors.normalized(v);
  }

  /** 12 papers liked near axis 0, 4 near axis 1. */
  static Map<String, float[]> likedOfTwoFields(Random rnd) {
    Map<String, float[]> liked = new LinkedHashMap<>();
    for (int i = 0; i < 12; i++) {
      liked.put("big" + i, near(0, 0.1, rnd));
    }
    for (int i = 0; i < 4; i++) {
      liked.put("small" + i, near(1, 0.1, rnd));
    }
    return liked;
  }

  @Test
  void a_reader_of_two_fields_has_a_cluster_for_each() {
    Taste t = Taste.of(likedOfTwoFields(new Random(1)));
    assertThat(t.clusters()).isEqualTo(2);
    assertThat(t.sizes()).containsExactlyInAnyOrder(12, 4);
    float[] big = near(0, 0.05, new Random(2));
    float[] small = near(1, 0.05, new Random(3));
    assertThat(t.cluster(big)).isNotEqualTo(t.cluster(small));
    assertThat(t.similarity(big)).isGreaterThan(0.9);
    assertThat(t.nearestLiked(small)).startsWith("small");
  }

  @Test
  void the_clusters_share_the_places_in_proportion_to_their_sizes() {
    Taste t = Taste.of(likedOfTwoFields(new Random(1)));
    int big = t.cluster(near(0, 0, new Random(4)));
    int small = t.cluster(near(1, 0, new Random(4)));
    // In score order: ten of the big field first, then three of the small one, then a followed
    // author's paper (no cluster) and two more of the big field.
    List<String> ranked = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ranked.add("big" + i);
    }
    ranked.addAll(List.of("small0", "small1", "small2", "followed", "big10", "big11"));
    List<String> shared =
        t.shared(ranked, id -> id.startsWith("big") ? big : id.startsWith("small") ? small : -1);
    assertThat(shared).hasSameElementsAs(ranked);
    // The small field has 4 of 16 liked papers: one place in four, from the first ones (on a tie,
    // the better ranked item goes first).
    assertThat(shared.subList(0, 5)).containsExactly("big0", "big1", "small0", "big2", "big3");
    assertThat(shared.subList(0, 8)).containsSubsequence("small0", "small1");
    // Within a cluster, score order is kept; the followed paper comes once it is the best left.
    assertThat(shared.stream().filter(id -> id.startsWith("big")).toList())
        .isEqualTo(ranked.stream().filter(id -> id.startsWith("big")).toList());
    assertThat(shared.indexOf("followed")).isGreaterThan(shared.indexOf("small2"));
    assertThat(shared.indexOf("followed")).isLessThan(shared.indexOf("big10"));
  }

  @Test
  void a_taste_of_one_cluster_keeps_the_order() {
    Map<String, float[]> liked = new LinkedHashMap<>();
    Random rnd = new Random(5);
    for (int i = 0; i < 5; i++) {
      liked.put("p" + i, near(0, 0.1, rnd));
    }
    Taste t = Taste.of(liked);
    assertThat(t.clusters()).isEqualTo(1);
    List<String> ranked = List.of("a", "b", "c");
    assertThat(t.shared(ranked, id -> 0)).isEqualTo(ranked);
    assertThat(Taste.none().cluster(near(0, 0, rnd))).isEqualTo(-1);
  }

  @Test
  void seen_from_the_background_what_all_papers_share_counts_for_nothing() {
    // Every paper leans on axis 2 (the direction all papers of a field share); they differ on 0/1.
    Random rnd = new Random(6);
    List<float[]> papers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      float[] v = near(2, 0.02, rnd);
      v[i % 2] += 0.3f;
      papers.add(Vectors.normalized(v));
    }
    float[] background = Vectors.mean(papers);
    float[] a = papers.get(0);
    float[] b = papers.get(1);
    // Raw, any two papers look alike; from the background, the two kinds point apart.
    assertThat(Vectors.dot(a, b)).isGreaterThan(0.8);
    assertThat(Vectors.dot(Vectors.centred(a, background), Vectors.centred(b, background)))
        .isLessThan(0);
    Taste t = Taste.of(Map.of("a", a), background);
    assertThat(t.similarity(t.centred(papers.get(2)))).isGreaterThan(0.5);
    assertThat(t.similarity(t.centred(papers.get(3)))).isLessThan(0);
    assertThat(Vectors.centred(a, null)).isSameAs(a);
  }
}
