package org.paperboy.foryou;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.paperboy.paper.Paper;
import org.paperboy.search.PaperSearch;

/**
 * What a reader likes, as the vectors of the papers they upvoted or saved: the profile both the
 * digest's picks and {@code /for-you} rank by.
 *
 * <p>A single mean vector would put a reader of two unrelated fields between them, close to
 * neither, so the liked vectors are grouped by spherical k-means into {@code k = ceil(n / 8)}
 * clusters (at most {@link #MAX_CLUSTERS}; seeded by farthest-point, {@link #ITERATIONS} rounds),
 * and a paper's similarity to the taste is its cosine to the nearest cluster's centre. With fewer
 * than nine liked papers there is one cluster: the normalized mean, as the digest has always used.
 * Cost per paper scored: {@code k} dot products of 384 floats.
 */
public final class Taste {

  /** Liked papers per cluster, about. */
  static final int PAPERS_PER_CLUSTER = 8;

  /** The most clusters a taste has. */
  static final int MAX_CLUSTERS = 8;

  /** Rounds of k-means; the clusters of a few hundred papers settle in fewer. */
  static final int ITERATIONS = 8;

  private static final Taste NONE =
      new Taste(List.of(), new float[0][], new float[0][], new int[0]);

  private final List<String> ids;
  private final float[][] liked;
  private final float[][] centres;
  private final int[] sizes;

  private Taste(List<String> ids, float[][] liked, float[][] centres, int[] sizes) {
    this.ids = ids;
    this.liked = liked;
    this.centres = centres;
    this.sizes = sizes;
  }

  /** The taste of no papers: {@link #similarity} is negative infinity. */
  public static Taste none() {
    return NONE;
  }

  /** The taste of these liked papers' vectors (normalized here), in a stable order. */
  public static Taste of(Map<String, float[]> likedVectors) {
    if (likedVectors.isEmpty()) {
      return NONE;
    }
    List<String> ids = new ArrayList<>(likedVectors.keySet());
    float[][] vs = new float[ids.size()][];
    for (int i = 0; i < vs.length; i++) {
      vs[i] = Vectors.normalized(likedVectors.get(ids.get(i)));
    }
    int k = Math.min(MAX_CLUSTERS, (vs.length + PAPERS_PER_CLUSTER - 1) / PAPERS_PER_CLUSTER);
    if (vs.length <= PAPERS_PER_CLUSTER) {
      k = 1;
    }
    float[][] centres = seeds(vs, k);
    int[] assigned = new int[vs.length];
    int[] sizes = new int[k];
    for (int round = 0; round < ITERATIONS; round++) {
      boolean moved = round == 0;
      for (int i = 0; i < vs.length; i++) {
        int best = nearest(centres, vs[i]);
        if (best != assigned[i]) {
          assigned[i] = best;
          moved = true;
        }
      }
      if (!moved) {
        break;
      }
      float[][] sums = new float[k][vs[0].length];
      sizes = new int[k];
      for (int i = 0; i < vs.length; i++) {
        sizes[assigned[i]]++;
        float[] s = sums[assigned[i]];
        for (int d = 0; d < s.length; d++) {
          s[d] += vs[i][d];
        }
      }
      for (int c = 0; c < k; c++) {
        if (sizes[c] > 0) {
          centres[c] = Vectors.normalized(sums[c]);
        }
      }
    }
    List<float[]> kept = new ArrayList<>();
    List<Integer> keptSizes = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      if (sizes[c] > 0) {
        kept.add(centres[c]);
        keptSizes.add(sizes[c]);
      }
    }
    return new Taste(
        List.copyOf(ids),
        vs,
        kept.toArray(new float[0][]),
        keptSizes.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The first seed is the paper nearest the mean; each next one the paper farthest from all. */
  private static float[][] seeds(float[][] vs, int k) {
    float[] sum = new float[vs[0].length];
    for (float[] v : vs) {
      for (int d = 0; d < sum.length; d++) {
        sum[d] += v[d];
      }
    }
    float[] mean = Vectors.normalized(sum);
    float[][] centres = new float[k][];
    if (k == 1) {
      centres[0] = mean;
      return centres;
    }
    int first = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < vs.length; i++) {
      double s = Vectors.dot(vs[i], mean);
      if (s > best) {
        best = s;
        first = i;
      }
    }
    centres[0] = vs[first];
    double[] closest = new double[vs.length];
    for (int i = 0; i < vs.length; i++) {
      closest[i] = Vectors.dot(vs[i], centres[0]);
    }
    for (int c = 1; c < k; c++) {
      int far = 0;
      for (int i = 1; i < vs.length; i++) {
        if (closest[i] < closest[far]) {
          far = i;
        }
      }
      centres[c] = vs[far];
      for (int i = 0; i < vs.length; i++) {
        closest[i] = Math.max(closest[i], Vectors.dot(vs[i], centres[c]));
      }
    }
    return centres;
  }

  /** The index of the vector of {@code among} closest to {@code v}. */
  private static int nearest(float[][] among, float[] v) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < among.length; c++) {
      double s = Vectors.dot(v, among[c]);
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    return best;
  }

  /** Whether no liked paper has a vector. */
  public boolean isEmpty() {
    return centres.length == 0;
  }

  /** How many clusters the liked papers fell into. */
  public int clusters() {
    return centres.length;
  }

  /** The sizes of the clusters, in the order of their centres. */
  int[] sizes() {
    return sizes.clone();
  }

  /**
   * The cosine of a normalized vector to the nearest cluster centre, or negative infinity for an
   * empty taste.
   */
  public double similarity(float[] v) {
    double best = Double.NEGATIVE_INFINITY;
    for (float[] c : centres) {
      best = Math.max(best, Vectors.dot(v, c));
    }
    return best;
  }

  /** The id of the liked paper closest to a normalized vector (the "why" of a pick), or null. */
  public String nearestLiked(float[] v) {
    return liked.length == 0 ? null : ids.get(nearest(liked, v));
  }

  /** The normalized vector of a liked paper, or null. */
  float[] vectorOf(String id) {
    int i = ids.indexOf(id);
    return i < 0 ? null : liked[i];
  }

  /**
   * The words of a reader's topics (three letters or more, lower case): without vectors, a paper's
   * closeness to the topics is the {@link #share} of them in its title and abstract.
   */
  public static Set<String> words(String topics) {
    Set<String> out = new HashSet<>();
    for (String w : topics.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() >= 3) {
        out.add(w);
      }
    }
    return out;
  }

  /** The share of the words found in a paper's title and abstract. */
  public static double share(Paper p, Set<String> words) {
    if (words.isEmpty()) {
      return 0;
    }
    String text = (p.title() + " " + p.abstractText()).toLowerCase(Locale.ROOT);
    int found = 0;
    for (String w : words) {
      if (text.contains(w)) {
        found++;
      }
    }
    return (double) found / words.size();
  }

  /**
   * The papers each of these accounts upvoted or saved to a collection, upvotes first, each paper
   * once: what a taste is made of.
   */
  public static Map<String, List<String>> liked(Handle h, Collection<String> userIds) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    List<String> all = List.copyOf(userIds);
    for (int i = 0; i < all.size(); i += 500) {
      List<String> chunk = all.subList(i, Math.min(all.size(), i + 500));
      for (String sql :
          List.of(
              "SELECT user_id, paper_id FROM votes WHERE user_id IN (<ids>) ORDER BY created_at,"
                  + " paper_id",
              "SELECT c.user_id, cp.paper_id FROM collection_papers cp JOIN collections c ON c.id"
                  + " = cp.collection_id WHERE c.user_id IN (<ids>) ORDER BY cp.added_at,"
                  + " cp.paper_id")) {
        h.createQuery(sql)
            .bindList("ids", chunk)
            .map((rs, c) -> Map.entry(rs.getString(1), rs.getString(2)))
            .forEach(
                e ->
                    out.computeIfAbsent(e.getKey(), k -> new java.util.LinkedHashSet<>())
                        .add(e.getValue()));
      }
    }
    Map<String, List<String>> lists = new LinkedHashMap<>();
    out.forEach((u, papers) -> lists.put(u, List.copyOf(papers)));
    return lists;
  }

  /**
   * The tastes of these accounts from the papers each liked, reading the vectors once from the
   * search index; an account none of whose papers has a vector is left out.
   */
  public static Map<String, Taste> of(Map<String, List<String>> liked, PaperSearch search) {
    Map<String, Taste> out = new HashMap<>();
    if (search == null || liked.isEmpty()) {
      return out;
    }
    Set<String> all = new HashSet<>();
    liked.values().forEach(all::addAll);
    try {
      return of(liked, search.vectors(all));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read paper vectors from the search index", e);
    }
  }

  /**
   * The tastes of these accounts from the papers each liked and those papers' vectors (keyed by
   * paper id); an account none of whose papers has a vector is left out.
   */
  public static Map<String, Taste> of(
      Map<String, List<String>> liked, Map<String, float[]> vectors) {
    Map<String, Taste> out = new HashMap<>();
    liked.forEach(
        (user, papers) -> {
          Map<String, float[]> mine = new LinkedHashMap<>();
          for (String id : papers) {
            float[] v = vectors.get(id);
            if (v != null) {
              mine.put(id, v);
            }
          }
          if (!mine.isEmpty()) {
            out.put(user, of(mine));
          }
        });
    return out;
  }
}
