package org.paperboy.foryou;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 *                + 0.15 (matches a saved keyword search)   + 0.15 (in a followed category)
 *                + 0.15 * max over p's categories of (liked papers with it / liked papers with any)
 *                - max(0, max cos(v, "not for me" papers) - 0.60)
 * </pre>
 *
 * The categories' two terms (0.15 each, issue 15's third pass) are the arXiv metadata beside the
 * embeddings: the share term is at most 0.15 (every liked paper in the category), about a tenth of
 * the spread of taste cosines, so it orders papers of similar closeness rather than overriding it.
 *
 * <p>The bonuses put what a reader asked for by name above what is merely close to their taste; the
 * penalty keeps close relatives of what they refused down, not only the refused papers. Left out:
 * papers marked "not for me", by a muted author, in a muted category, with a muted keyword in the
 * title or abstract, or already upvoted or saved. A paper there for its taste alone belongs to the
 * taste's nearest cluster, and the clusters share the places in proportion to the papers liked in
 * each ({@link Taste#shared}). Then each interest (a cluster of {@link #INTEREST_PAPERS} liked
 * papers or more, or a category {@link #REAL_SHARE} of them have), the largest first, holds {@link
 * #PLACES} of the first page's places until half of the page is held so ({@link #placed}), and the
 * spreading keeps held papers on that page: a reader of a large field and a small one sees both at
 * the top. The floor of a saved search is its own: compared with the raw cosine {@code cos(v,
 * search)}, as search by meaning does. Diversity: taken in score order, a paper whose cosine to one
 * of the {@link #RUN} papers placed before it exceeds {@link #NEAR_DUPLICATE} waits until it does
 * not (or to the end), so no run of near-duplicates forms.
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
  static final double CATEGORY_BONUS = 0.15;

  /**
   * Times the share of the liked papers in a paper's category (its largest, over its categories).
   */
  static final double LIKED_CATEGORY_BONUS = 0.15;

  /** The share of the liked papers a category needs to be an interest of its own. */
  static final double REAL_SHARE = 0.20;

  /** The fewest liked papers that make an interest (a category or a taste cluster). */
  static final int INTEREST_PAPERS = 3;

  /** Places of the first page guaranteed to each interest (never more than half by guarantee). */
  static final int PLACES = 2;

  /**
   * Which rules of the ranking are on: both, always, on the site and in the digest; the benchmark
   * turns one off at a time to measure the other.
   *
   * @param categories the categories' bonus (liked and followed; off: followed ones +0.05 as
   *     before)
   * @param places the places each interest is guaranteed on the first page
   */
  public record Rules(boolean categories, boolean places) {
    /** Every rule on. */
    public static final Rules ALL = new Rules(true, true);
  }

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
      List<Set<String>> authorKeys) {

    Candidates candidates() {
      return new Candidates(papers, vectors, background, centred, authorKeys);
    }
  }

  /**
   * Papers to rank and what the ranking reads of each: its normalized vector (null where not
   * embedded yet), the mean of those vectors (the background; null without vectors), the vectors
   * seen from it ({@link Vectors#centred}) and the paper's author names folded ({@link
   * Names#fold}). {@code /for-you} ranks its window, the digest its period's candidates.
   */
  public record Candidates(
      List<Paper> papers,
      float[][] vectors,
      float[] background,
      float[][] centred,
      List<Set<String>> authorKeys) {

    /** These papers with their vectors as stored (by paper id; a missing one is not embedded). */
    public static Candidates of(List<Paper> papers, Map<String, float[]> raw) {
      float[][] vectors = new float[papers.size()][];
      List<Set<String>> keys = new ArrayList<>(papers.size());
      for (int i = 0; i < vectors.length; i++) {
        Paper p = papers.get(i);
        float[] v = raw.get(p.id());
        vectors[i] = v == null ? null : Vectors.normalized(v);
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
      return new Candidates(List.copyOf(papers), vectors, background, centred, keys);
    }

    /** The index of the paper with this id, or -1. */
    public int indexOf(String id) {
      for (int i = 0; i < papers.size(); i++) {
        if (papers.get(i).id().equals(id)) {
          return i;
        }
      }
      return -1;
    }
  }

  private final Jdbi jdbi;
  private final Catalog catalog;
  private final Follows follows;
  private final Supplier<PaperSearch> search;
  private final Clock clock;
  private final Rules rules;
  private final AtomicReference<Window> window = new AtomicReference<>();

  /** Ranks from this database and catalog, with the vectors of this search index (may be null). */
  public ForYou(
      Database database,
      Catalog catalog,
      Follows follows,
      Supplier<PaperSearch> search,
      Clock clock) {
    this(database.jdbi(), catalog, follows, search, clock, Rules.ALL);
  }

  private ForYou(
      Jdbi jdbi,
      Catalog catalog,
      Follows follows,
      Supplier<PaperSearch> search,
      Clock clock,
      Rules rules) {
    this.jdbi = jdbi;
    this.catalog = catalog;
    this.follows = follows;
    this.search = search;
    this.clock = clock;
    this.rules = rules;
  }

  /** The same feeds ranked by these rules (for the benchmark's ablation). */
  public ForYou withRules(Rules rules) {
    return new ForYou(jdbi, catalog, follows, search, clock, rules);
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
    Candidates c = w.candidates();
    List<Integer> ranked = rank(c, r, i -> true, PAGE_SIZE);
    int total = ranked.size();
    int pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
    int start = (page - 1) * PAGE_SIZE;
    List<Integer> shown =
        start >= total ? List.of() : ranked.subList(start, Math.min(total, start + PAGE_SIZE));
    List<Card> cards = cards(c, r, shown);
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
    return matches(w.candidates(), i, f);
  }

  /** Whether candidate {@code i} is one of this follow's. */
  private static boolean matches(Candidates w, int i, Follows.Follow f) {
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

  /**
   * What one reader brings to a ranking: what they steer by, their taste, what they liked (and the
   * categories of those papers), what they refused.
   */
  public static final class Reader {
    Follows.Steering steering;
    Taste taste = Taste.none();
    Set<String> liked = Set.of();
    Set<String> upvoted = Set.of();
    List<float[]> unwanted = List.of();
    Set<String> unwantedIds = Set.of();
    Liked categories = Liked.NONE;

    /** The scores of the last ranking for this reader, by candidate index. */
    double[] scores;

    /** A digest subscription's own topics beside the account's (blank for none). */
    String extraTopics = "";

    /** Their normalized vector, or null. */
    float[] extraTopicVector;

    /** The papers they upvoted or saved. */
    public Set<String> liked() {
      return Set.copyOf(liked);
    }

    /** Whether the reader has nothing to rank by: no taste, nothing liked, nothing steered by. */
    public boolean empty() {
      return steering.empty()
          && taste.isEmpty()
          && liked.isEmpty()
          && extraTopics.isBlank()
          && extraTopicVector == null;
    }

    /**
     * This reader with a digest subscription's topics (and their vector, or null) as one more
     * interest.
     */
    public Reader withTopics(String topics, float[] vector) {
      Reader r = new Reader();
      r.steering = steering;
      r.taste = taste;
      r.liked = liked;
      r.upvoted = upvoted;
      r.unwanted = unwanted;
      r.unwantedIds = unwantedIds;
      r.categories = categories;
      r.extraTopics = topics == null ? "" : topics;
      r.extraTopicVector = vector == null ? null : Vectors.normalized(vector);
      return r;
    }
  }

  /**
   * The arXiv categories of the liked papers: per category, how many liked papers have it, and how
   * many of those the reader upvoted; {@code known} is how many liked papers have any category.
   */
  record Liked(Map<String, int[]> counts, int known) {
    static final Liked NONE = new Liked(Map.of(), 0);

    static Liked of(java.util.Collection<Paper> papers, Set<String> upvoted) {
      Map<String, int[]> counts = new HashMap<>();
      int known = 0;
      for (Paper p : papers) {
        boolean any = false;
        for (String c : new HashSet<>(p.categories())) {
          if (CATEGORY_NAME.matcher(c).matches()) {
            int[] n = counts.computeIfAbsent(c, k -> new int[2]);
            n[0]++;
            n[1] += upvoted.contains(p.id()) ? 1 : 0;
            any = true;
          }
        }
        known += any ? 1 : 0;
      }
      return new Liked(Map.copyOf(counts), known);
    }

    double share(String category) {
      int[] n = counts.get(category);
      return n == null || known == 0 ? 0 : (double) n[0] / known;
    }

    /** The paper's category that most liked papers have (ties: the first listed), or null. */
    String best(Paper p) {
      String best = null;
      int most = 0;
      for (String c : p.categories()) {
        int[] n = counts.get(c);
        if (n != null && n[0] > most) {
          most = n[0];
          best = c;
        }
      }
      return best;
    }
  }

  /** An arXiv category (the catalog also holds ACM and MSC class strings). */
  private static final java.util.regex.Pattern CATEGORY_NAME =
      java.util.regex.Pattern.compile("[a-z-]+(\\.[A-Za-z-]+)?");

  private Reader reader(String userId, float[] background) {
    Reader r = new Reader();
    PaperSearch s = search.get();
    jdbi.useHandle(
        h -> {
          List<String> liked = read(h, userId, r);
          if (s != null) {
            Made made = made(userId, liked, s, background, r.upvoted);
            r.taste = made.taste();
            r.categories = made.categories();
            r.unwanted = unwantedVectors(s, r);
          } else {
            r.categories = Liked.of(catalog.findAll(liked).values(), r.upvoted);
          }
        });
    return r;
  }

  /**
   * The reader behind a digest subscription's account, with a taste the digest made (from the
   * vectors it has: the index's or the database's): the same reader {@code /for-you} ranks for.
   */
  public Reader reader(String userId, Taste taste) {
    Reader r = new Reader();
    PaperSearch s = search.get();
    jdbi.useHandle(
        h -> {
          List<String> liked = read(h, userId, r);
          r.taste = taste;
          r.categories = Liked.of(catalog.findAll(liked).values(), r.upvoted);
          if (s != null) {
            r.unwanted = unwantedVectors(s, r);
          }
        });
    return r;
  }

  /** Reads the reader's steering, liked, upvoted and refused papers; returns the liked ones. */
  private List<String> read(org.jdbi.v3.core.Handle h, String userId, Reader r) {
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
        new java.util.LinkedHashSet<>(
            h.createQuery(
                    "SELECT paper_id FROM unwanted_papers WHERE user_id = :u ORDER BY"
                        + " created_at DESC")
                .bind("u", userId)
                .mapTo(String.class)
                .list());
    return liked;
  }

  private static List<float[]> unwantedVectors(PaperSearch s, Reader r) {
    List<String> recentUnwanted = r.unwantedIds.stream().limit(50).toList();
    try {
      return s.vectors(recentUnwanted).values().stream().map(Vectors::normalized).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read paper vectors from the search index", e);
    }
  }

  /**
   * A reader's taste and the categories of their liked papers, and the liked papers (and which were
   * upvoted), model and background they were made from.
   */
  private record Made(
      List<String> liked,
      Set<String> upvoted,
      String model,
      float[] background,
      Taste taste,
      Liked categories) {}

  /** The most tastes kept; beyond, the cache starts again. */
  static final int TASTES_KEPT = 10_000;

  private final Map<String, Made> tastes = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The reader's taste and liked categories, made again only when what they upvoted and saved (or
   * the model, or the window's background) changed: a request then reads no vectors or rows of the
   * reader's papers and clusters nothing.
   */
  private Made made(
      String userId, List<String> liked, PaperSearch s, float[] background, Set<String> upvoted) {
    Made made = tastes.get(userId);
    if (made != null
        && made.liked().equals(liked)
        && made.upvoted().equals(upvoted)
        && made.model().equals(s.model())
        && Arrays.equals(made.background(), background)) {
      return made;
    }
    Taste t = Taste.of(Map.of(userId, liked), s, background).getOrDefault(userId, Taste.none());
    Liked categories = Liked.of(catalog.findAll(liked).values(), upvoted);
    if (tastes.size() >= TASTES_KEPT) {
      tastes.clear();
    }
    made = new Made(List.copyOf(liked), Set.copyOf(upvoted), s.model(), background, t, categories);
    tastes.put(userId, made);
    return made;
  }

  /**
   * The digest's picks for one reader among these candidates, each with why: first up to {@code
   * followed} papers that a follow of theirs brought (by an author or from an organization they
   * follow, or matching a saved search of theirs), then up to {@code picks} more ranked as {@code
   * /for-you} ranks (same scores, bonuses, places and spreading; the places counted within the
   * picks). Only papers {@code allowed} passes are picked, and for the second part only those
   * {@code inScope} also passes.
   */
  public List<Card> picks(
      Candidates c,
      Reader r,
      java.util.function.IntPredicate allowed,
      java.util.function.IntPredicate inScope,
      int followed,
      int picks) {
    Steered st = steered(r);
    List<Integer> fromFollows =
        rank(c, r, i -> allowed.test(i) && st.followed(c, i), followed).stream()
            .limit(followed)
            .toList();
    List<Card> out = new ArrayList<>(cards(c, r, fromFollows));
    Set<Integer> taken = new HashSet<>(fromFollows);
    List<Integer> more =
        rank(c, r, i -> allowed.test(i) && inScope.test(i) && !taken.contains(i), picks).stream()
            .limit(picks)
            .toList();
    out.addAll(cards(c, r, more));
    return out;
  }

  /** The cards of these ranked papers, each with why it is there. */
  private List<Card> cards(Candidates c, Reader r, List<Integer> shown) {
    // The liked paper each shown paper is closest to, among those of its cluster.
    Map<Integer, String> nearest = new HashMap<>();
    for (int i : shown) {
      if (c.vectors()[i] != null && !r.taste.isEmpty()) {
        String id = r.taste.nearestLiked(c.vectors()[i], r.taste.cluster(c.centred()[i]));
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
          new Card(c.papers().get(i), r.scores[i], why(c, r, i, nearest.get(i), likedPapers)));
    }
    return cards;
  }

  /** A reader's follows and mutes sorted by kind, and their interests' vectors and words. */
  private record Steered(
      Set<String> authors,
      Set<String> organizations,
      Set<String> categories,
      List<Follows.Follow> meaning,
      List<KeywordAlert> keywordSearches,
      Set<String> mutedAuthors,
      Set<String> mutedCategories,
      Set<String> mutedWords) {

    /** Whether a follow brought paper {@code i}: a followed author or organization, an alert. */
    boolean followed(Candidates c, int i) {
      Paper p = c.papers().get(i);
      if (intersects(c.authorKeys().get(i), authors)
          || p.organization() != null && organizations.contains(p.organization().name())
          || !keywordSearches.isEmpty() && KeywordAlert.any(p, keywordSearches)) {
        return true;
      }
      float[] v = c.vectors()[i];
      if (v != null) {
        for (Follows.Follow f : meaning) {
          if (f.filters().admits(p) && Vectors.dot(v, f.vector()) >= f.floor()) {
            return true;
          }
        }
      }
      return false;
    }
  }

  private static Steered steered(Reader r) {
    Set<String> authors = new HashSet<>();
    Set<String> organizations = new HashSet<>();
    Set<String> categories = new HashSet<>();
    List<Follows.Follow> meaning = new ArrayList<>();
    List<KeywordAlert> keywordSearches = new ArrayList<>();
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
            keywordSearches.add(new KeywordAlert(Taste.words(f.target()), f.filters()));
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
    return new Steered(
        authors,
        organizations,
        categories,
        meaning,
        keywordSearches,
        mutedAuthors,
        mutedCategories,
        mutedWords);
  }

  /**
   * The indexes of the candidates {@code keep} passes in feed order: scored, shared among the
   * taste's clusters, each interest given its places among the first {@code placesIn}, then spread;
   * fills the reader's scores.
   */
  private List<Integer> rank(
      Candidates w, Reader r, java.util.function.IntPredicate keep, int placesIn) {
    Steered st = steered(r);
    List<float[]> interestVectors = new ArrayList<>();
    Set<String> interestWords = new HashSet<>();
    if (r.steering.topicVector() != null) {
      interestVectors.add(
          Vectors.centred(Vectors.normalized(r.steering.topicVector()), w.background()));
    } else {
      interestWords.addAll(Taste.words(r.steering.topics()));
    }
    if (r.extraTopicVector != null) {
      interestVectors.add(Vectors.centred(r.extraTopicVector, w.background()));
    } else {
      interestWords.addAll(Taste.words(r.extraTopics));
    }
    List<float[]> meaningFrom = new ArrayList<>();
    for (Follows.Follow f : st.meaning()) {
      meaningFrom.add(Vectors.centred(Vectors.normalized(f.vector()), w.background()));
    }
    boolean byCategory = rules.categories() && r.categories.known() > 0;
    double followedCategory = rules.categories() ? CATEGORY_BONUS : 0.05;
    int n = w.papers().size();
    double[] scores = new double[n];
    int[] clusters = new int[n];
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Paper p = w.papers().get(i);
      if (!keep.test(i)
          || r.unwantedIds.contains(p.id())
          || r.liked.contains(p.id())
          || in(p.categories(), st.mutedCategories())
          || intersects(w.authorKeys().get(i), st.mutedAuthors())
          || (!st.mutedWords().isEmpty() && containsAny(text(p), st.mutedWords()))) {
        continue;
      }
      float[] v = w.vectors()[i];
      float[] centred = w.centred()[i];
      double base = Double.NEGATIVE_INFINITY;
      double bonus = 0;
      double followBonus = 0;
      clusters[i] = -1;
      if (v != null) {
        base = r.taste.similarity(centred);
        if (base > Double.NEGATIVE_INFINITY) {
          clusters[i] = r.taste.cluster(centred);
        }
        for (float[] interests : interestVectors) {
          if (Vectors.dot(centred, interests) > base) {
            base = Vectors.dot(centred, interests);
            clusters[i] = -1;
          }
        }
        for (int m = 0; m < st.meaning().size(); m++) {
          Follows.Follow f = st.meaning().get(m);
          double sim = Vectors.dot(centred, meaningFrom.get(m));
          if (f.filters().admits(p) && Vectors.dot(v, f.vector()) >= f.floor() && sim > base) {
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
      if (intersects(w.authorKeys().get(i), st.authors())) {
        followBonus += AUTHOR_BONUS;
      }
      if (p.organization() != null && st.organizations().contains(p.organization().name())) {
        followBonus += ORGANIZATION_BONUS;
      }
      if (!st.keywordSearches().isEmpty() && KeywordAlert.any(p, st.keywordSearches())) {
        followBonus += KEYWORD_SEARCH_BONUS;
      }
      if (in(p.categories(), st.categories())) {
        followBonus += followedCategory;
      }
      if (followBonus > 0) {
        clusters[i] = -1;
      }
      if (byCategory) {
        double share = 0;
        for (String c : p.categories()) {
          share = Math.max(share, r.categories.share(c));
        }
        bonus += LIKED_CATEGORY_BONUS * share;
      }
      double score = (base == Double.NEGATIVE_INFINITY ? 0 : base) + bonus + followBonus;
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
    Set<Integer> guaranteed = Set.of();
    if (rules.places()) {
      top = new ArrayList<>(top);
      guaranteed = placed(w, r, top, clusters, placesIn);
    }
    return diversified(w, top, guaranteed, placesIn);
  }

  /**
   * One interest of a reader: a taste cluster of at least {@link #INTEREST_PAPERS} liked papers, or
   * a category at least {@link #REAL_SHARE} of the liked papers (and {@link #INTEREST_PAPERS})
   * have; {@code weight} is its share of the liked papers.
   */
  private record Interest(int cluster, String category, double weight) {
    boolean has(Candidates w, int i, int[] clusters) {
      return category == null
          ? clusters[i] == cluster
          : w.papers().get(i).categories().contains(category);
    }
  }

  /** The reader's interests, the largest first. */
  private List<Interest> interests(Reader r) {
    List<Interest> out = new ArrayList<>();
    int[] sizes = r.taste.sizes();
    int liked = Arrays.stream(sizes).sum();
    if (sizes.length > 1) {
      for (int c = 0; c < sizes.length; c++) {
        if (sizes[c] >= INTEREST_PAPERS) {
          out.add(new Interest(c, null, (double) sizes[c] / liked));
        }
      }
    }
    if (rules.categories()) {
      r.categories.counts().entrySet().stream()
          .filter(e -> e.getValue()[0] >= INTEREST_PAPERS)
          .filter(e -> r.categories.share(e.getKey()) >= REAL_SHARE)
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> out.add(new Interest(-1, e.getKey(), r.categories.share(e.getKey()))));
    }
    out.sort(Comparator.comparingDouble(Interest::weight).reversed());
    return out;
  }

  /**
   * Gives each interest its places among the first {@code placesIn} of {@code ranked} (changed in
   * place): {@link #PLACES} each on a page ({@code placesIn} of {@link #PAGE_SIZE} or more; 1 each
   * among fewer, as the digest's five picks), the largest interests first while half of them is not
   * taken, so at most five interests hold places on a page. An interest short of its places takes
   * its best papers from further down, each in the place of the lowest-ranked paper above that
   * holds no place. Returns every paper that holds a place (those already high enough too), which
   * the spreading keeps among the first {@code placesIn}.
   */
  private Set<Integer> placed(
      Candidates w, Reader r, List<Integer> ranked, int[] clusters, int placesIn) {
    List<Interest> interests = interests(r);
    int region = Math.min(placesIn, ranked.size());
    int budget = placesIn / 2;
    if (interests.isEmpty() || region == 0 || budget == 0) {
      return Set.of();
    }
    int each = placesIn >= PAGE_SIZE ? PLACES : 1;
    Set<Integer> held = new HashSet<>();
    for (Interest in : interests) {
      if (budget < each) {
        break;
      }
      int got = 0;
      for (int k = 0; k < region && got < each; k++) {
        int i = ranked.get(k);
        if (in.has(w, i, clusters)) {
          held.add(i);
          got++;
        }
      }
      for (int k = region; k < ranked.size() && got < each; k++) {
        int i = ranked.get(k);
        if (!in.has(w, i, clusters)) {
          continue;
        }
        int out = region - 1;
        while (out >= 0 && held.contains(ranked.get(out))) {
          out--;
        }
        if (out < 0) {
          break;
        }
        int displaced = ranked.remove(out);
        ranked.remove(k - 1);
        ranked.add(region - 1, i);
        ranked.add(region, displaced);
        held.add(i);
        got++;
      }
      budget -= each;
    }
    return held;
  }

  /**
   * Score order, except that a near-duplicate of one of the last {@link #RUN} papers waits: the
   * next place goes to the first paper left that is not one (or, if none is, to the first left).
   * Papers in {@code held} keep a place among the first {@code within}: once the places left there
   * are no more than {@code RUN + 1} per held paper not yet placed, a held paper that is no
   * near-duplicate goes first; once they are no more than the held papers left, only held papers
   * take them (a near-duplicate then only when every held one is).
   */
  private static List<Integer> diversified(
      Candidates w, List<Integer> ranked, Set<Integer> held, int within) {
    List<Integer> out = new ArrayList<>();
    List<Integer> left = new ArrayList<>(ranked);
    int heldLeft = held.size();
    while (out.size() < MAX_ITEMS && !left.isEmpty()) {
      int placesLeft = within - out.size();
      boolean urgent = heldLeft > 0 && placesLeft > 0 && placesLeft <= heldLeft * (RUN + 1);
      boolean forced = heldLeft > 0 && placesLeft > 0 && placesLeft <= heldLeft;
      int pick = -1;
      int first = -1;
      int heldPick = -1;
      int firstHeld = -1;
      for (int k = 0; k < left.size(); k++) {
        int i = left.get(k);
        boolean isHeld = held.contains(i);
        first = first < 0 ? k : first;
        if (isHeld && firstHeld < 0) {
          firstHeld = k;
        }
        boolean needHeld = isHeld && urgent && heldPick < 0;
        boolean needAny = pick < 0 && !forced;
        if ((needHeld || needAny) && !nearDuplicate(w, out, i)) {
          if (needHeld) {
            heldPick = k;
          }
          if (needAny) {
            pick = k;
          }
        }
        if ((pick >= 0 || forced) && (heldPick >= 0 || !urgent)) {
          break;
        }
      }
      int k;
      if (forced) {
        k = heldPick >= 0 ? heldPick : firstHeld;
      } else if (urgent && heldPick >= 0) {
        k = heldPick;
      } else {
        k = pick >= 0 ? pick : first;
      }
      int i = left.remove(k);
      if (held.contains(i)) {
        heldLeft--;
      }
      out.add(i);
    }
    return out;
  }

  private static boolean nearDuplicate(Candidates w, List<Integer> placed, int i) {
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
      Candidates w, Reader r, int i, String nearest, Map<String, Paper> likedPapers) {
    Paper p = w.papers().get(i);
    float[] v = w.vectors()[i];
    List<String> out = new ArrayList<>();
    for (Follows.Follow f : r.steering.follows()) {
      // A followed category is said after the taste's reasons, below.
      if (f.kind() != Follows.Kind.CATEGORY && matches(w, i, f)) {
        out.add(FollowNews.reason(p, f));
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
    if (rules.categories()) {
      String c = r.categories.best(p);
      int[] count = c == null ? null : r.categories.counts().get(c);
      if (count != null && count[0] >= 2) {
        String how =
            count[1] == count[0] ? "upvoted" : count[1] == 0 ? "saved" : "upvoted or saved";
        out.add("in " + c + ", like " + count[0] + " papers you " + how);
      }
    }
    if (!r.steering.topics().isBlank()
        && (v != null && r.steering.topicVector() != null
            ? Vectors.dot(v, r.steering.topicVector()) > 0.3
            : Taste.share(p, Taste.words(r.steering.topics())) > 0)) {
      out.add("matches your interests '" + shortened(r.steering.topics(), 60) + "'");
    }
    if (!r.extraTopics.isBlank()
        && (v != null && r.extraTopicVector != null
            ? Vectors.dot(v, r.extraTopicVector) > 0.3
            : Taste.share(p, Taste.words(r.extraTopics)) > 0)) {
      out.add("matches your digest topics '" + shortened(r.extraTopics, 60) + "'");
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
      Map<String, float[]> raw = Map.of();
      PaperSearch s = search.get();
      if (s != null) {
        try {
          raw = s.vectors(papers.stream().map(Paper::id).toList());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read paper vectors from the search index", e);
        }
      }
      Candidates c = Candidates.of(papers, raw);
      w =
          new Window(
              from,
              to,
              marker,
              now,
              c.papers(),
              c.vectors(),
              c.background(),
              c.centred(),
              c.authorKeys());
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

  /** A saved search's words that must all be in a paper's text, and the filters it must pass. */
  private record KeywordAlert(Set<String> words, SearchFilters filters) {

    /** Whether one of the alerts matches the paper: its filters admit it and it has every word. */
    static boolean any(Paper p, List<KeywordAlert> alerts) {
      String text = null;
      for (KeywordAlert a : alerts) {
        if (a.words.isEmpty() || !a.filters.admits(p)) {
          continue;
        }
        if (text == null) {
          text = text(p);
        }
        if (a.words.stream().allMatch(text::contains)) {
          return true;
        }
      }
      return false;
    }
  }

  private static String shortened(String s, int max) {
    String t = s.strip().replaceAll("\\s+", " ");
    return t.length() <= max ? t : t.substring(0, max - 1) + "…";
  }
}
