package org.paperboy.foryou;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.paper.Author;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Paper;
import org.paperboy.search.PaperSearch;
import org.paperboy.store.Database;

/**
 * One reader's personal feed: the papers first published in the last {@link #DAYS} days (up to the
 * newest day the catalog has), ranked for them.
 *
 * <p>Score of a paper {@code p} with normalized vector {@code v}, and {@code c} the same seen from
 * the window's background (the mean of its papers' vectors, {@link Vectors#centred}), as the taste,
 * the interests and the saved searches are:
 *
 * <pre>
 *   base  = max(taste.similarity(c), cos(c, interests), cos(c, saved search) for each saved
 *           search by meaning whose floor p reaches)          // 0 when none applies
 *   score = base + 0.30 (by a followed author) + 0.20 (from a followed organization)
 *                + 0.15 (matches a saved keyword search)   + 0.05 (in a followed category)
 *                - max(0, max cos(v, "not for me" papers) - 0.60)
 * </pre>
 *
 * The bonuses put what a reader asked for by name above what is merely close to their taste; the
 * penalty keeps close relatives of what they refused down, not only the refused papers. Left out:
 * papers marked "not for me", by a muted author, in a muted category, with a muted keyword in the
 * title or abstract, or already upvoted or saved. A paper there for its taste alone belongs to the
 * taste's nearest cluster, and the clusters share the places in proportion to the papers liked in
 * each ({@link Taste#shared}): a reader of a large field and a small one sees both at the top. The
 * floor of a saved search is its own: compared with the raw cosine {@code cos(v, search)}, as
 * search by meaning does. Diversity: taken in score order, a paper whose cosine to one of the
 * {@link #RUN} papers placed before it exceeds {@link #NEAR_DUPLICATE} waits until it does not (or
 * to the end), so no run of near-duplicates forms.
 *
 * <p>The window's papers and their vectors are loaded once per catalog change (and at most every
 * {@link #WINDOW_TTL_MILLIS}); a request then reads the reader's rows and costs one dot product per
 * taste cluster per paper.
 */
public final class ForYou {

  /** Days of new papers a feed looks at. */
  public static final int DAYS = 7;

  /** Papers per page. */
  public static final int PAGE_SIZE = 20;

  /** The most papers one feed ranks (pages beyond are empty). */
  public static final int MAX_ITEMS = 200;

  /** The most papers a window holds (the newest). */
  static final int MAX_WINDOW = 30_000;

  static final double AUTHOR_BONUS = 0.30;
  static final double ORGANIZATION_BONUS = 0.20;
  static final double KEYWORD_SEARCH_BONUS = 0.15;
  static final double CATEGORY_BONUS = 0.05;
  static final double UNWANTED_LIKENESS = 0.60;
  static final double NEAR_DUPLICATE = 0.88;
  static final int RUN = 5;
  static final long WINDOW_TTL_MILLIS = 60_000;

  /** How a paper is explained, one reason a line. */
  public record Card(Paper paper, double score, List<String> why) {}

  /**
   * One page of a reader's feed.
   *
   * @param cards the papers of the page, ranked, each with why it is there
   * @param page the page number, from 1
   * @param pages how many pages the feed has
   * @param total how many papers the feed has
   * @param from the first day of the window
   * @param to the last day of the window
   * @param needsInterests whether the reader has told nothing yet (ask for interests)
   */
  public record Page(
      List<Card> cards,
      int page,
      int pages,
      int total,
      LocalDate from,
      LocalDate to,
      boolean needsInterests) {}

  /**
   * The window's papers with their normalized vectors (null where not embedded yet), the mean of
   * those vectors (the background tastes compare from; null without vectors) and the vectors seen
   * from it ({@link Vectors#centred}).
   */
  private record Window(
      LocalDate from,
      LocalDate to,
      long marker,
      long loadedAt,
      List<Paper> papers,
      float[][] vectors,
      float[] background,
      float[][] centred,
      List<Set<String>> authorKeys) {}

  private final Jdbi jdbi;
  private final Catalog catalog;
  private final Follows follows;
  private final Supplier<PaperSearch> search;
  private final Clock clock;
  private final AtomicReference<Window> window = new AtomicReference<>();

  /** Ranks from this database and catalog, with the vectors of this search index (may be null). */
  public ForYou(
      Database database,
      Catalog catalog,
      Follows follows,
      Supplier<PaperSearch> search,
      Clock clock) {
    this.jdbi = database.jdbi();
    this.catalog = catalog;
    this.follows = follows;
    this.search = search;
    this.clock = clock;
  }

  /** The readers' follows, mutes and interests. */
  public Follows follows() {
    return follows;
  }

  /** Page {@code page} (from 1) of this reader's feed. */
  public Page page(String userId, int page) {
    if (page < 1) {
      throw new IllegalArgumentException("pages start at 1");
    }
    Window w = window();
    Reader r = reader(userId, w.background());
    if (r.steering.empty() && r.taste.isEmpty() && r.liked.isEmpty()) {
      return new Page(List.of(), page, 0, 0, w.from(), w.to(), true);
    }
    List<Integer> ranked = rank(w, r);
    int total = ranked.size();
    int pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
    int start = (page - 1) * PAGE_SIZE;
    List<Integer> shown =
        start >= total ? List.of() : ranked.subList(start, Math.min(total, start + PAGE_SIZE));
    // The liked paper each shown paper is closest to, among those of its cluster.
    Map<Integer, String> nearest = new HashMap<>();
    for (int i : shown) {
      if (w.vectors()[i] != null && !r.taste.isEmpty()) {
        String id = r.taste.nearestLiked(w.vectors()[i], r.taste.cluster(w.centred()[i]));
        if (id != null) {
          nearest.put(i, id);
        }
      }
    }
    Map<String, Paper> likedPapers =
        nearest.isEmpty() ? Map.of() : catalog.findAll(new HashSet<>(nearest.values()));
    List<Card> cards = new ArrayList<>();
    for (int i : shown) {
      cards.add(
          new Card(w.papers().get(i), r.scores[i], why(w, r, i, nearest.get(i), likedPapers)));
    }
    return new Page(cards, page, pages, total, w.from(), w.to(), false);
  }

  /**
   * An author's papers.
   *
   * @param name the name as asked for
   * @param key its folded key, which a follow keeps
   * @param variants every way the catalog writes this name, most used first
   * @param papers their papers, newest first (at most {@link #AUTHOR_PAPERS})
   */
  public record AuthorPapers(String name, String key, List<String> variants, List<Paper> papers) {}

  /** The most papers an author page lists. */
  public static final int AUTHOR_PAPERS = 100;

  /**
   * The papers of the author with this name, its variants folded ({@link Names#fold}): found by the
   * search index's author field (as written and as folded), kept when a name of the paper folds to
   * the same key.
   */
  public AuthorPapers author(String name) {
    String key = Names.fold(name);
    PaperSearch s = search.get();
    if (key.isEmpty() || s == null) {
      return new AuthorPapers(name, key, List.of(), List.of());
    }
    Set<String> ids = new java.util.LinkedHashSet<>();
    for (String asked : new java.util.LinkedHashSet<>(List.of(name.replace("\"", " "), key))) {
      try {
        s.search(
                new org.paperboy.search.SearchRequest(
                    "author:\"" + asked.strip() + "\"",
                    org.paperboy.search.SearchRequest.Mode.KEYWORD,
                    org.paperboy.search.SearchRequest.Sort.NEWEST,
                    null,
                    null,
                    null,
                    0,
                    AUTHOR_PAPERS))
            .hits()
            .forEach(h -> ids.add(h.id()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot search the index", e);
      } catch (RuntimeException e) {
        // a name the query syntax refuses finds nothing by it
      }
    }
    Map<String, Paper> found = catalog.findAll(ids);
    Map<String, Integer> variants = new LinkedHashMap<>();
    List<Paper> papers = new ArrayList<>();
    for (Paper p : found.values()) {
      boolean mine = false;
      for (Author a : p.authors()) {
        if (Names.fold(a.name()).equals(key)) {
          variants.merge(a.name().strip(), 1, Integer::sum);
          mine = true;
        }
      }
      if (mine) {
        papers.add(p);
      }
    }
    papers.sort(
        Comparator.comparing(
                (Paper p) -> p.published() == null ? LocalDate.MIN : p.published(),
                Comparator.reverseOrder())
            .thenComparing(Paper::id, Comparator.reverseOrder()));
    List<String> names =
        variants.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .map(Map.Entry::getKey)
            .toList();
    return new AuthorPapers(name, key, names, List.copyOf(papers));
  }

  /**
   * The window's papers that one of these follows matches, each with the follows it matches (in the
   * order given), in window order: what {@link FollowNews} picks the new ones from.
   */
  List<Map.Entry<Paper, List<Follows.Follow>>> followed(List<Follows.Follow> follows) {
    Window w = window();
    List<Map.Entry<Paper, List<Follows.Follow>>> out = new ArrayList<>();
    for (int i = 0; i < w.papers().size() && !follows.isEmpty(); i++) {
      List<Follows.Follow> by = new ArrayList<>();
      for (Follows.Follow f : follows) {
        if (matches(w, i, f)) {
          by.add(f);
        }
      }
      if (!by.isEmpty()) {
        out.add(Map.entry(w.papers().get(i), List.copyOf(by)));
      }
    }
    return out;
  }

  /**
   * The papers of one follow among the window's, newest first: what its feed lists.
   *
   * @param from the first day of the window
   * @param to the last day of the window
   * @param papers at most the asked number of papers, newest first
   */
  public record News(LocalDate from, LocalDate to, List<Paper> papers) {}

  /**
   * The window's papers that this follow matches (by the rule that says "matches your alert" on
   * {@code /for-you}), newest first, at most {@code limit}.
   */
  public News news(Follows.Follow follow, int limit) {
    Window w = window();
    List<Integer> matched = new ArrayList<>();
    for (int i = 0; i < w.papers().size(); i++) {
      if (matches(w, i, follow)) {
        matched.add(i);
      }
    }
    List<Paper> papers =
        matched.stream()
            .map(w.papers()::get)
            .sorted(
                Comparator.comparing(
                        (Paper p) -> p.published() == null ? LocalDate.MIN : p.published(),
                        Comparator.reverseOrder())
                    .thenComparing(Paper::id, Comparator.reverseOrder()))
            .limit(limit)
            .toList();
    return new News(w.from(), w.to(), papers);
  }

  /** Whether paper {@code i} of the window is one of this follow's. */
  private static boolean matches(Window w, int i, Follows.Follow f) {
    Paper p = w.papers().get(i);
    float[] v = w.vectors()[i];
    return switch (f.kind()) {
      case AUTHOR -> w.authorKeys().get(i).contains(f.target());
      case ORGANIZATION -> p.organization() != null && p.organization().name().equals(f.target());
      case CATEGORY -> in(p.categories(), Set.of(f.target()));
      case SEARCH ->
          f.filters().admits(p)
              && ((!"keyword".equals(f.mode())
                      && f.vector() != null
                      && v != null
                      && Vectors.dot(v, f.vector()) >= f.floor())
                  || (!"semantic".equals(f.mode())
                      && matchesAll(text(p), List.of(Taste.words(f.target())))));
    };
  }

  /** Words too common in titles to say anything about a reader. */
  private static final Set<String> COMMON =
      Set.of(
          "with",
          "from",
          "for",
          "and",
          "the",
          "towards",
          "via",
          "using",
          "based",
          "learning",
          "model",
          "models",
          "through",
          "into",
          "large",
          "what",
          "when",
          "your",
          "their",
          "under",
          "beyond",
          "over",
          "without",
          "than",
          "more",
          "this",
          "that",
          "data",
          "method",
          "methods");

  /**
   * A reader's profile in plain words.
   *
   * @param upvoted how many papers they upvoted
   * @param saved how many they saved to collections (and did not upvote)
   * @param categories their papers' primary categories, the most frequent first, with counts
   * @param words the words most often in those papers' titles
   * @param steering what they wrote, follow and muted
   */
  public record Profile(
      int upvoted,
      int saved,
      List<Map.Entry<String, Integer>> categories,
      List<String> words,
      Follows.Steering steering) {

    /** The profile as a sentence or two: what the reader's papers are mostly about. */
    public String summary() {
      if (upvoted + saved == 0) {
        return "You have not upvoted or saved a paper yet.";
      }
      StringBuilder s = new StringBuilder("From the ");
      s.append(upvoted).append(upvoted == 1 ? " paper" : " papers").append(" you upvoted");
      if (saved > 0) {
        s.append(" and ").append(saved).append(" more you saved");
      }
      s.append(": ");
      if (categories.isEmpty()) {
        s.append("no arXiv categories known.");
      } else {
        s.append("mostly ");
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Integer> e : categories) {
          parts.add(e.getKey() + " (" + e.getValue() + ")");
        }
        s.append(String.join(", ", parts)).append('.');
      }
      if (!words.isEmpty()) {
        s.append(" Often about: ").append(String.join(", ", words)).append('.');
      }
      return s.toString();
    }
  }

  /** What this reader's profile is made of, in words a reader can check. */
  public Profile profile(String userId) {
    Follows.Steering steering = follows.of(userId);
    List<String> liked =
        jdbi.withHandle(h -> Taste.liked(h, List.of(userId)).getOrDefault(userId, List.of()));
    Set<String> upvoted =
        new HashSet<>(
            jdbi.withHandle(
                h ->
                    h.createQuery("SELECT paper_id FROM votes WHERE user_id = :u")
                        .bind("u", userId)
                        .mapTo(String.class)
                        .list()));
    Map<String, Integer> categories = new HashMap<>();
    Map<String, Integer> words = new HashMap<>();
    for (Paper p : catalog.findAll(liked).values()) {
      if (p.primaryCategory() != null) {
        categories.merge(p.primaryCategory(), 1, Integer::sum);
      }
      for (String w : Taste.words(p.title())) {
        if (w.length() >= 4 && !COMMON.contains(w) && w.chars().allMatch(Character::isLetter)) {
          words.merge(w, 1, Integer::sum);
        }
      }
    }
    List<Map.Entry<String, Integer>> topCategories =
        categories.entrySet().stream()
            .sorted(
                Map.Entry.<String, Integer>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(5)
            .map(e -> Map.entry(e.getKey(), e.getValue()))
            .toList();
    List<String> topWords =
        words.entrySet().stream()
            .filter(e -> e.getValue() >= 2)
            .sorted(
                Map.Entry.<String, Integer>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(8)
            .map(Map.Entry::getKey)
            .toList();
    int up = (int) liked.stream().filter(upvoted::contains).count();
    return new Profile(up, liked.size() - up, topCategories, topWords, steering);
  }

  /** What one reader brings to a ranking. */
  private static final class Reader {
    Follows.Steering steering;
    Taste taste = Taste.none();
    Set<String> liked = Set.of();
    Set<String> upvoted = Set.of();
    List<float[]> unwanted = List.of();
    Set<String> unwantedIds = Set.of();
    double[] scores;
  }

  private Reader reader(String userId, float[] background) {
    Reader r = new Reader();
    PaperSearch s = search.get();
    jdbi.useHandle(
        h -> {
          r.steering = follows.of(h, userId);
          List<String> liked = Taste.liked(h, List.of(userId)).getOrDefault(userId, List.of());
          r.liked = new HashSet<>(liked);
          r.upvoted =
              new HashSet<>(
                  h.createQuery("SELECT paper_id FROM votes WHERE user_id = :u")
                      .bind("u", userId)
                      .mapTo(String.class)
                      .list());
          r.unwantedIds =
              new HashSet<>(
                  h.createQuery(
                          "SELECT paper_id FROM unwanted_papers WHERE user_id = :u ORDER BY"
                              + " created_at DESC")
                      .bind("u", userId)
                      .mapTo(String.class)
                      .list());
          if (s != null) {
            r.taste = taste(userId, liked, s, background);
            List<String> recentUnwanted = r.unwantedIds.stream().limit(50).toList();
            try {
              r.unwanted =
                  s.vectors(recentUnwanted).values().stream().map(Vectors::normalized).toList();
            } catch (IOException e) {
              throw new UncheckedIOException("cannot read paper vectors from the search index", e);
            }
          }
        });
    return r;
  }

  /** A reader's taste and the liked papers, model and background it was made from. */
  private record Made(List<String> liked, String model, float[] background, Taste taste) {}

  /** The most tastes kept; beyond, the cache starts again. */
  static final int TASTES_KEPT = 10_000;

  private final Map<String, Made> tastes = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The reader's taste, made again only when what they upvoted and saved (or the model, or the
   * window's background) changed: a request then reads no vectors of the reader's papers and
   * clusters nothing.
   */
  private Taste taste(String userId, List<String> liked, PaperSearch s, float[] background) {
    Made made = tastes.get(userId);
    if (made != null
        && made.liked().equals(liked)
        && made.model().equals(s.model())
        && Arrays.equals(made.background(), background)) {
      return made.taste();
    }
    Taste t = Taste.of(Map.of(userId, liked), s, background).getOrDefault(userId, Taste.none());
    if (tastes.size() >= TASTES_KEPT) {
      tastes.clear();
    }
    tastes.put(userId, new Made(List.copyOf(liked), s.model(), background, t));
    return t;
  }

  /** The indexes of the window's papers in feed order, diversified; fills the reader's scores. */
  private List<Integer> rank(Window w, Reader r) {
    Set<String> authors = new HashSet<>();
    Set<String> organizations = new HashSet<>();
    Set<String> categories = new HashSet<>();
    List<Follows.Follow> meaning = new ArrayList<>();
    List<Set<String>> keywordSearches = new ArrayList<>();
    for (Follows.Follow f : r.steering.follows()) {
      switch (f.kind()) {
        case AUTHOR -> authors.add(f.target());
        case ORGANIZATION -> organizations.add(f.target());
        case CATEGORY -> categories.add(f.target());
        case SEARCH -> {
          if (!"keyword".equals(f.mode()) && f.vector() != null) {
            meaning.add(f);
          }
          if (!"semantic".equals(f.mode())) {
            keywordSearches.add(Taste.words(f.target()));
          }
        }
      }
    }
    Set<String> mutedAuthors = new HashSet<>();
    Set<String> mutedCategories = new HashSet<>();
    Set<String> mutedWords = new HashSet<>();
    for (Follows.Mute m : r.steering.mutes()) {
      switch (m.kind()) {
        case AUTHOR -> mutedAuthors.add(m.target());
        case CATEGORY -> mutedCategories.add(m.target());
        case KEYWORD -> mutedWords.add(m.target());
      }
    }
    float[] interests =
        r.steering.topicVector() == null
            ? null
            : Vectors.centred(Vectors.normalized(r.steering.topicVector()), w.background());
    Set<String> interestWords = interests == null ? Taste.words(r.steering.topics()) : Set.of();
    List<float[]> meaningFrom = new ArrayList<>();
    for (Follows.Follow f : meaning) {
      meaningFrom.add(Vectors.centred(Vectors.normalized(f.vector()), w.background()));
    }
    int n = w.papers().size();
    double[] scores = new double[n];
    int[] clusters = new int[n];
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Paper p = w.papers().get(i);
      if (r.unwantedIds.contains(p.id())
          || r.liked.contains(p.id())
          || in(p.categories(), mutedCategories)
          || intersects(w.authorKeys().get(i), mutedAuthors)
          || (!mutedWords.isEmpty() && containsAny(text(p), mutedWords))) {
        continue;
      }
      float[] v = w.vectors()[i];
      float[] centred = w.centred()[i];
      double base = Double.NEGATIVE_INFINITY;
      double bonus = 0;
      clusters[i] = -1;
      if (v != null) {
        base = r.taste.similarity(centred);
        if (base > Double.NEGATIVE_INFINITY) {
          clusters[i] = r.taste.cluster(centred);
        }
        if (interests != null && Vectors.dot(centred, interests) > base) {
          base = Vectors.dot(centred, interests);
          clusters[i] = -1;
        }
        for (int m = 0; m < meaning.size(); m++) {
          Follows.Follow f = meaning.get(m);
          double sim = Vectors.dot(centred, meaningFrom.get(m));
          if (Vectors.dot(v, f.vector()) >= f.floor() && sim > base) {
            base = sim;
            clusters[i] = -1;
          }
        }
        for (float[] u : r.unwanted) {
          bonus -= Math.max(0, Vectors.dot(v, u) - UNWANTED_LIKENESS);
        }
      } else if (!interestWords.isEmpty()) {
        base = Taste.share(p, interestWords);
      }
      if (intersects(w.authorKeys().get(i), authors)) {
        bonus += AUTHOR_BONUS;
      }
      if (p.organization() != null && organizations.contains(p.organization().name())) {
        bonus += ORGANIZATION_BONUS;
      }
      if (!keywordSearches.isEmpty() && matchesAll(text(p), keywordSearches)) {
        bonus += KEYWORD_SEARCH_BONUS;
      }
      if (in(p.categories(), categories)) {
        bonus += CATEGORY_BONUS;
      }
      if (bonus > 0) {
        clusters[i] = -1;
      }
      double score = (base == Double.NEGATIVE_INFINITY ? 0 : base) + bonus;
      if (score > 0 || v != null && base > Double.NEGATIVE_INFINITY) {
        scores[i] = score;
        kept.add(i);
      }
    }
    r.scores = scores;
    kept.sort(
        Comparator.<Integer>comparingDouble(i -> -scores[i])
            .thenComparing(i -> w.papers().get(i).id(), Comparator.reverseOrder()));
    List<Integer> top =
        r.taste.shared(kept.subList(0, Math.min(kept.size(), MAX_ITEMS * 2)), i -> clusters[i]);
    return diversified(w, top);
  }

  /** Score order, except that a near-duplicate of one of the last {@link #RUN} papers waits. */
  private static List<Integer> diversified(Window w, List<Integer> ranked) {
    List<Integer> out = new ArrayList<>();
    Deque<Integer> waiting = new ArrayDeque<>();
    for (int i : ranked) {
      if (out.size() >= MAX_ITEMS) {
        break;
      }
      if (nearDuplicate(w, out, i)) {
        waiting.add(i);
      } else {
        out.add(i);
      }
      for (var it = waiting.iterator(); it.hasNext() && out.size() < MAX_ITEMS; ) {
        int j = it.next();
        if (!nearDuplicate(w, out, j)) {
          out.add(j);
          it.remove();
        }
      }
    }
    while (!waiting.isEmpty() && out.size() < MAX_ITEMS) {
      out.add(waiting.poll());
    }
    return out;
  }

  private static boolean nearDuplicate(Window w, List<Integer> placed, int i) {
    float[] v = w.vectors()[i];
    if (v == null) {
      return false;
    }
    for (int k = Math.max(0, placed.size() - RUN); k < placed.size(); k++) {
      float[] u = w.vectors()[placed.get(k)];
      if (u != null && Vectors.dot(u, v) > NEAR_DUPLICATE) {
        return true;
      }
    }
    return false;
  }

  /** Why paper {@code i} is in the reader's feed, in words, the strongest reason first. */
  private List<String> why(
      Window w, Reader r, int i, String nearest, Map<String, Paper> likedPapers) {
    Paper p = w.papers().get(i);
    float[] v = w.vectors()[i];
    List<String> out = new ArrayList<>();
    Set<String> keys = w.authorKeys().get(i);
    for (Follows.Follow f : r.steering.follows()) {
      switch (f.kind()) {
        case AUTHOR -> {
          if (keys.contains(f.target())) {
            out.add("by " + f.label() + ", whom you follow");
          }
        }
        case ORGANIZATION -> {
          if (p.organization() != null && p.organization().name().equals(f.target())) {
            out.add("from " + p.organization().fullName() + ", which you follow");
          }
        }
        case SEARCH -> {
          if (matches(w, i, f)) {
            out.add("matches your alert '" + f.label() + "'");
          }
        }
        case CATEGORY -> {}
      }
    }
    if (v != null && nearest != null) {
      String id = nearest;
      Paper liked = likedPapers.get(id);
      if (liked != null && Vectors.dot(v, r.taste.vectorOf(id)) > 0.3) {
        out.add(
            "close to '"
                + liked.title()
                + "' that you "
                + (r.upvoted.contains(id) ? "upvoted" : "saved"));
      }
    }
    if (!r.steering.topics().isBlank()
        && (v != null && r.steering.topicVector() != null
            ? Vectors.dot(v, r.steering.topicVector()) > 0.3
            : Taste.share(p, Taste.words(r.steering.topics())) > 0)) {
      out.add("matches your interests '" + shortened(r.steering.topics(), 60) + "'");
    }
    for (Follows.Follow f : r.steering.follows()) {
      if (f.kind() == Follows.Kind.CATEGORY && in(p.categories(), Set.of(f.target()))) {
        out.add("new in " + f.target() + ", which you follow");
      }
    }
    if (out.isEmpty()) {
      out.add("near the papers you upvoted and saved");
    }
    return out;
  }

  /** The current window, loaded again when the catalog changed or it is older than a minute. */
  private Window window() {
    long marker = catalog.changeMarker();
    long now = clock.millis();
    Window w = window.get();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (w != null
        && w.marker() == marker
        && now - w.loadedAt() < WINDOW_TTL_MILLIS
        && !w.to().isAfter(today)) {
      return w;
    }
    synchronized (window) {
      w = window.get();
      if (w != null && w.marker() == marker && now - w.loadedAt() < WINDOW_TTL_MILLIS) {
        return w;
      }
      LocalDate to =
          jdbi.withHandle(
                  h ->
                      h.createQuery("SELECT MAX(published) FROM papers WHERE published <= :today")
                          .bind("today", today.toString())
                          .mapTo(String.class)
                          .findOne())
              .map(LocalDate::parse)
              .orElse(today);
      LocalDate from = to.minusDays(DAYS - 1);
      List<Paper> papers = catalog.publishedBetween(from, to, MAX_WINDOW);
      float[][] vectors = new float[papers.size()][];
      PaperSearch s = search.get();
      if (s != null) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < papers.size(); i++) {
          index.put(papers.get(i).id(), i);
        }
        try {
          s.vectors(index.keySet())
              .forEach((id, v) -> vectors[index.get(id)] = Vectors.normalized(v));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read paper vectors from the search index", e);
        }
      }
      List<Set<String>> keys = new ArrayList<>(papers.size());
      for (Paper p : papers) {
        Set<String> k = new HashSet<>();
        for (Author a : p.authors()) {
          k.add(Names.fold(a.name()));
        }
        keys.add(k);
      }
      float[] background = Vectors.mean(Arrays.asList(vectors));
      float[][] centred = new float[vectors.length][];
      for (int i = 0; i < vectors.length; i++) {
        centred[i] = vectors[i] == null ? null : Vectors.centred(vectors[i], background);
      }
      w = new Window(from, to, marker, now, papers, vectors, background, centred, keys);
      window.set(w);
      return w;
    }
  }

  static boolean in(List<String> paperCategories, Set<String> categories) {
    if (categories.isEmpty()) {
      return false;
    }
    for (String pc : paperCategories) {
      if (categories.contains(pc)) {
        return true;
      }
      int dot = pc.indexOf('.');
      if (dot > 0 && categories.contains(pc.substring(0, dot))) {
        return true;
      }
    }
    return false;
  }

  private static boolean intersects(Set<String> a, Set<String> b) {
    if (b.isEmpty()) {
      return false;
    }
    for (String x : a) {
      if (b.contains(x)) {
        return true;
      }
    }
    return false;
  }

  private static String text(Paper p) {
    return (p.title() + " " + p.abstractText()).toLowerCase(Locale.ROOT);
  }

  static boolean containsAny(String text, Set<String> words) {
    for (String w : text.split("[^\\p{L}\\p{N}-]+")) {
      if (words.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAll(String text, List<Set<String>> searches) {
    for (Set<String> words : searches) {
      if (!words.isEmpty() && words.stream().allMatch(text::contains)) {
        return true;
      }
    }
    return false;
  }

  private static String shortened(String s, int max) {
    String t = s.strip().replaceAll("\\s+", " ");
    return t.length() <= max ? t : t.substring(0, max - 1) + "…";
  }
}
