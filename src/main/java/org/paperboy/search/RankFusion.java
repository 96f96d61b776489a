package org.paperboy.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, "Reciprocal Rank Fusion outperforms
 * Condorcet and individual Rank Learning Methods", SIGIR 2009): a document's fused score is
 *
 * <pre>  score(d) = Σ over rankings r containing d of w_r / (K + rank_r(d)),   rank from 1</pre>
 *
 * with K = 60, the constant of the paper (it damps the weight of the very first ranks, so one
 * ranking cannot decide alone). It needs only ranks, never scores, which is why it can fuse BM25
 * (unbounded) with cosine similarity (bounded) without calibrating either. The weights w_r are 1 in
 * the paper; a weighted variant lets a weaker ranking count for less (see {@code
 * PaperSearch.SEMANTIC_WEIGHT} for the measured choice).
 */
final class RankFusion {

  /** The paper's constant. */
  static final int K = 60;

  /**
   * A fused result.
   *
   * @param id the document
   * @param score its fused score
   */
  record Fused<T>(T id, double score) {}

  private RankFusion() {}

  /** Fuses rankings (each best first, no duplicates within one) into one, best first. */
  static <T extends Comparable<T>> List<Fused<T>> fuse(List<List<T>> rankings) {
    double[] ones = new double[rankings.size()];
    Arrays.fill(ones, 1.0);
    return fuse(rankings, ones);
  }

  /** Fuses rankings, ranking r's terms multiplied by {@code weights[r]}. */
  static <T extends Comparable<T>> List<Fused<T>> fuse(List<List<T>> rankings, double[] weights) {
    Map<T, Double> scores = new LinkedHashMap<>();
    Map<T, Integer> best = new HashMap<>();
    for (int r = 0; r < rankings.size(); r++) {
      List<T> ranking = rankings.get(r);
      for (int i = 0; i < ranking.size(); i++) {
        T id = ranking.get(i);
        scores.merge(id, weights[r] / (K + i + 1), Double::sum);
        best.merge(id, i, Math::min);
      }
    }
    List<Fused<T>> fused = new ArrayList<>(scores.size());
    scores.forEach((id, score) -> fused.add(new Fused<>(id, score)));
    // Ties (the same ranks in swapped rankings) go to the better single rank, then to the id,
    // so the order never depends on hash order.
    fused.sort(
        (a, b) -> {
          int c = Double.compare(b.score(), a.score());
          if (c != 0) {
            return c;
          }
          c = Integer.compare(best.get(a.id()), best.get(b.id()));
          return c != 0 ? c : a.id().compareTo(b.id());
        });
    return fused;
  }
}
