package org.paperboy.foryou;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.jdbi.v3.core.Handle;
import org.paperboy.paper.Paper;
import org.paperboy.search.PaperSearch;

/**
 * What a reader likes, as the vectors of the papers they upvoted or saved: the profile both the
 * digest's picks and {@code /for-you} rank by.
 *
 * <p>Vectors are compared from a background: the mean vector of the papers being ranked (the
 * window's new papers, the digest's candidates) is subtracted from every vector before cosines
 * ({@link Vectors#centred}). Sentence vectors of papers share a large common direction; without the
 * background, the cosine of a paper to a taste says as much about how generic the paper is as about
 * the reader.
 *
 * <p>A single mean vector would put a reader of two unrelated fields between them, close to
 * neither, so the liked vectors are grouped by spherical k-means into {@code k = ceil(n / 8)}
 * clusters (at most {@link #MAX_CLUSTERS}; seeded by farthest-point, {@link #ITERATIONS} rounds),
 * and a paper's similarity to the taste is its cosine to the nearest cluster's centre. With fewer
 * than nine liked papers there is one cluster: the normalized mean, as the digest has always used.
 * Cost per paper scored: {@code k} dot products of 384 floats.
 *
 * <p>The clusters also share the top of a list ({@link #shared}): a field with many new papers
 * close to its cluster would otherwise take every place from a field with a handful, so each
 * cluster gets places in proportion to the liked papers in it.
 */
public final class Taste {

  /** Liked papers per cluster, about. */
  static final int PAPERS_PER_CLUSTER = 8;

  /** The most clusters a taste has. */
  static final int MAX_CLUSTERS = 8;

  /** Rounds of k-means; the clusters of a few hundred papers settle in fewer. */
  static final int ITERATIONS = 8;

  private static final Taste NONE =
      new Taste(List.of(), new float[0][], new int[0], null, new float[0][], new int[0]);

  private final List<String> ids;
  private final float[][] liked;
  private final int[] clusterOf;
  private final float[] background;
  private final float[][] centres;
  private final int[] sizes;

  private Taste(
      List<String> ids,
      float[][] liked,
      int[] clusterOf,
      float[] background,
      float[][] centres,
      int[] sizes) {
    this.ids = ids;
    this.liked = liked;
    this.clusterOf = clusterOf;
    this.background = background;
    this.centres = centres;
    this.sizes = sizes;
  }

  /** The taste of no papers: {@link #similarity} is negative infinity. */
  public static Taste none() {
    return NONE;
  }

  /** The taste of these liked papers' vectors (normalized here), without a background. */
  public static Taste of(Map<String, float[]> likedVectors) {
    return of(likedVectors, null);
  }

  /**
   * The taste of these liked papers' vectors (normalized here), in a stable order, seen from this
   * background ({@link Vectors#mean} of the normalized vectors of the papers to rank; null for
   * none).
   */
  public static Taste of(Map<String, float[]> likedVectors, float[] background) {
    if (likedVectors.isEmpty()) {
      return NONE;
    }
    List<String> ids = new ArrayList<>(likedVectors.keySet());
    float[][] raw = new float[ids.size()][];
    float[][] vs = new float[ids.size()][];
    for (int i = 0; i < vs.length; i++) {
      raw[i] = Vectors.normalized(likedVectors.get(ids.get(i)));
      vs[i] = Vectors.centred(raw[i], background);
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
    int[] keptIndex = new int[k];
    for (int c = 0; c < k; c++) {
      if (sizes[c] > 0) {
        keptIndex[c] = kept.size();
        kept.add(centres[c]);
        keptSizes.add(sizes[c]);
      }
    }
    return new Taste(
        List.copyOf(ids),
        raw,
        java.util.Arrays.stream(assigned).map(c -> keptIndex[c]).toArray(),
        background == null ? null : background.clone(),
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

  /** The background this taste compares from (null for none); callers keep it unchanged. */
  public float[] background() {
    return background;
  }

  /** A normalized vector seen from this taste's background: what {@link #similarity} takes. */
  public float[] centred(float[] v) {
    return Vectors.centred(v, background);
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
   * The cosine of a {@link #centred} vector to the nearest cluster centre, or negative infinity for
   * an empty taste.
   */
  public double similarity(float[] centred) {
    double best = Double.NEGATIVE_INFINITY;
    for (float[] c : centres) {
      best = Math.max(best, Vectors.dot(centred, c));
    }
    return best;
  }

  /** The index of the cluster nearest to a {@link #centred} vector, or -1 for an empty taste. */
  public int cluster(float[] centred) {
    return centres.length == 0 ? -1 : nearest(centres, centred);
  }

  /**
   * The items of a list in score order, reordered so that the clusters share the places in
   * proportion to their sizes: each next place goes to the cluster furthest behind its share (of
   * the places taken by clustered items so far) that still has items (on a tie, the one whose best
   * remaining item ranks higher), which places its best remaining one. An item of no cluster
   * ({@code clusterOf} below 0: a paper there for a follow, an alert or the reader's written
   * interests) takes the next place when it is the best left.
   */
  public <T> List<T> shared(List<T> ranked, ToIntFunction<T> clusterOf) {
    if (centres.length < 2) {
      return ranked;
    }
    List<Deque<Integer>> queues = new ArrayList<>();
    for (int c = 0; c < centres.length; c++) {
      queues.add(new ArrayDeque<>());
    }
    int[] cluster = new int[ranked.size()];
    for (int i = 0; i < cluster.length; i++) {
      cluster[i] = clusterOf.applyAsInt(ranked.get(i));
      if (cluster[i] >= centres.length) {
        throw new IllegalArgumentException("no cluster " + cluster[i]);
      }
      if (cluster[i] >= 0) {
        queues.get(cluster[i]).add(i);
      }
    }
    int total = 0;
    for (int size : sizes) {
      total += size;
    }
    boolean[] placed = new boolean[cluster.length];
    int[] got = new int[centres.length];
    int clustered = 0;
    int head = 0;
    List<T> out = new ArrayList<>(ranked.size());
    while (out.size() < ranked.size()) {
      while (placed[head]) {
        head++;
      }
      int next = head;
      if (cluster[head] >= 0) {
        int behind = -1;
        double most = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
          double deficit = (double) sizes[c] / total * (clustered + 1) - got[c];
          if (!queues.get(c).isEmpty()
              && (deficit > most
                  || deficit == most && queues.get(c).peek() < queues.get(behind).peek())) {
            most = deficit;
            behind = c;
          }
        }
        next = queues.get(behind).poll();
        got[behind]++;
        clustered++;
      }
      placed[next] = true;
      out.add(ranked.get(next));
    }
    return out;
  }

  /** The id of the liked paper closest to a normalized vector (the "why" of a pick), or null. */
  public String nearestLiked(float[] v) {
    return nearestLiked(v, -1);
  }

  /**
   * The id of the liked paper of this cluster closest to a normalized vector, or null: a fraction
   * of the liked papers to compare (of all of them for a cluster below 0 or one of no paper).
   */
  public String nearestLiked(float[] v, int cluster) {
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int pass = 0; pass < 2 && best < 0; pass++) {
      for (int i = 0; i < liked.length; i++) {
        if (pass == 0 && cluster >= 0 && clusterOf[i] != cluster) {
          continue;
        }
        double s = Vectors.dot(v, liked[i]);
        if (s > bestScore) {
          bestScore = s;
          best = i;
        }
      }
    }
    return best < 0 ? null : ids.get(best);
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
   * search index, seen from this background (null for none); an account none of whose papers has a
   * vector is left out.
   */
  public static Map<String, Taste> of(
      Map<String, List<String>> liked, PaperSearch search, float[] background) {
    Map<String, Taste> out = new HashMap<>();
    if (search == null || liked.isEmpty()) {
      return out;
    }
    Set<String> all = new HashSet<>();
    liked.values().forEach(all::addAll);
    try {
      return of(liked, search.vectors(all), background);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read paper vectors from the search index", e);
    }
  }

  /**
   * The tastes of these accounts from the papers each liked and those papers' vectors (keyed by
   * paper id), seen from this background (null for none); an account none of whose papers has a
   * vector is left out.
   */
  public static Map<String, Taste> of(
      Map<String, List<String>> liked, Map<String, float[]> vectors, float[] background) {
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
            out.put(user, of(mine, background));
          }
        });
    return out;
  }
}
