package org.paperboy.digest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.foryou.ForYou;
import org.paperboy.foryou.Taste;
import org.paperboy.foryou.Vectors;
import org.paperboy.lists.Lists;
import org.paperboy.lists.Period;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.ListEntry;
import org.paperboy.paper.Paper;
import org.paperboy.search.PaperSearch;
import org.paperboy.search.StoredVectors;
import org.paperboy.trending.TrendingRanker;

/**
 * Chooses each subscriber's digest for a period: first the period's top {@link #TRENDING} trending
 * papers (the period's lists as readers see them, ranked by {@link Lists#trending} at the time the
 * digest is due: the order of {@code ?sort=trending} for those days), then up to {@link #PICKS}
 * "picked for you" among the papers listed or first published in the period (never one a curator
 * hid on the period's lists), ranked by how close their embedding is to the subscriber's topics or,
 * for a reader with an account, to the papers they upvoted or saved (their {@link Taste}, the
 * profile {@code /for-you} ranks by too; whichever is closer; cosines are taken from the mean of
 * the candidates, see {@link Taste}), the picks shared among the fields of that taste in proportion
 * to the papers liked in each ({@link Taste#shared}). Left out: papers the reader marked "not for
 * me", papers any earlier digest already brought this subscriber, and, for picks, papers outside
 * the subscriber's categories when they named some.
 *
 * <p>Fast for many subscribers: the period's candidates and their vectors are loaded once per run;
 * each subscriber then costs one dot product per candidate. Topic vectors are embedded once and
 * kept in the subscription (re-made when the model changes). The vectors come from the search index
 * or, when this process cannot open it (a {@code digest send} beside a running server holds it),
 * from the database, where every node stores them ({@link StoredVectors}): the same vectors, so the
 * same picks. For papers not embedded yet, and with neither, picks fall back to the share of topic
 * words found in title and abstract.
 */
final class DigestComposer {

  /** Trending papers per digest. */
  static final int TRENDING = 5;

  /** "Picked for you" papers per digest. */
  static final int PICKS = 5;

  /** The most candidate papers for picks in one period (the newest). */
  static final int MAX_CANDIDATES = 20_000;

  /** How far back "already sent" is looked up; older papers are not in a period's candidates. */
  static final Duration SENT_MEMORY = Duration.ofDays(90);

  /** Papers a subscriber's follows brought, at most, before the "picked for you" ones. */
  static final int FOLLOWED = 5;

  /** A subscriber's choice, and why each pick is there (empty for a subscriber without account). */
  record Choice(List<String> trending, List<String> picks, Map<String, List<String>> reasons) {
    Choice(List<String> trending, List<String> picks) {
      this(trending, picks, Map.of());
    }

    boolean empty() {
      return trending.isEmpty() && picks.isEmpty();
    }
  }

  /**
   * What every digest of a period chooses from, loaded once: the candidates' vectors are normalized
   * and seen from their mean, the background ({@link Vectors#centred}; null without vectors).
   */
  record Context(
      DigestPeriod period,
      List<String> trending,
      List<Paper> candidates,
      Map<String, float[]> vectors,
      float[] background,
      Map<String, Integer> upvotes,
      String model,
      ForYou.Candidates ranked,
      ForYou forYou) {}

  /**
   * What one subscriber wants and has seen; the topic vector and the taste are seen from the
   * context's background, as its vectors are.
   */
  record Profile(
      Subscription subscription,
      float[] topicVector,
      Taste taste,
      Set<String> topicWords,
      Set<String> excluded,
      ForYou.Reader reader) {

    Profile(
        Subscription subscription,
        float[] topicVector,
        Taste taste,
        Set<String> topicWords,
        Set<String> excluded) {
      this(subscription, topicVector, taste, topicWords, excluded, null);
    }
  }

  private final Jdbi jdbi;
  private final Catalog catalog;
  private final Lists lists;
  private final Supplier<PaperSearch> searchIndex;
  private final StoredVectors stored;
  private final ZoneId zone;
  private final java.time.LocalTime time;
  private final Clock clock;
  private final ForYou forYou;

  DigestComposer(
      Jdbi jdbi,
      Catalog catalog,
      Lists lists,
      Supplier<PaperSearch> searchIndex,
      StoredVectors stored,
      java.time.LocalTime time,
      ZoneId zone,
      Clock clock,
      ForYou forYou) {
    this.forYou = forYou;
    this.jdbi = jdbi;
    this.catalog = catalog;
    this.lists = lists;
    this.searchIndex = searchIndex;
    this.stored = stored;
    this.time = time;
    this.zone = zone;
    this.clock = clock;
  }

  /** The embedding model's name, or an empty string without vectors. */
  String model() {
    PaperSearch search = searchIndex.get();
    return search != null ? search.model() : stored != null ? stored.model() : "";
  }

  /** Loads what the period's digests choose from. */
  Context context(DigestPeriod period) {
    Period days = period.days();
    Instant due = period.dueAt(time, zone).toInstant();
    List<TrendingRanker.Ranked> ranked = lists.trending(days, null, due);
    List<String> trending = new ArrayList<>(ranked.size());
    Map<String, Integer> upvotes = new HashMap<>();
    Map<String, Paper> candidates = new LinkedHashMap<>();
    for (TrendingRanker.Ranked r : ranked) {
      ListEntry e = r.entry();
      trending.add(e.paper().id());
      upvotes.put(e.paper().id(), e.listing().upvotes());
      candidates.put(e.paper().id(), e.paper());
    }
    Set<String> hidden = lists.hidden(days);
    for (Paper p : catalog.publishedBetween(period.from(), period.to(), MAX_CANDIDATES)) {
      if (!hidden.contains(p.id())) {
        candidates.putIfAbsent(p.id(), p);
      }
    }
    Map<String, float[]> vectors = new HashMap<>();
    String model = null;
    PaperSearch search = searchIndex.get();
    if (search != null) {
      try {
        vectors = new HashMap<>(search.vectors(candidates.keySet()));
        model = search.model();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read paper vectors from the search index", e);
      }
    } else if (stored != null) {
      vectors = new HashMap<>(stored.of(candidates.values()));
      model = stored.model();
    }
    // The same candidates as /for-you ranks them: normalized, seen from their mean.
    ForYou.Candidates all = ForYou.Candidates.of(List.copyOf(candidates.values()), vectors);
    Map<String, float[]> centred = new HashMap<>();
    for (int i = 0; i < all.papers().size(); i++) {
      if (all.centred()[i] != null) {
        centred.put(all.papers().get(i).id(), all.centred()[i]);
      }
    }
    return new Context(
        period, trending, all.papers(), centred, all.background(), upvotes, model, all, forYou);
  }

  /** Loads the profiles of these subscriptions: topic vectors, account taste, exclusions. */
  Map<String, Profile> profiles(Context ctx, List<Subscription> subs) {
    if (subs.isEmpty()) {
      return Map.of();
    }
    List<String> ids = subs.stream().map(Subscription::id).toList();
    Map<String, float[]> topicVectors = topicVectors(ctx.model(), subs);
    Map<String, Set<String>> excluded = new HashMap<>();
    long since = clock.millis() - SENT_MEMORY.toMillis();
    Map<String, String> userOf = new HashMap<>();
    for (Subscription s : subs) {
      if (s.userId() != null) {
        userOf.put(s.userId(), s.id());
      }
    }
    Map<String, List<String>> liked = new HashMap<>();
    jdbi.useHandle(
        h -> {
          for (List<String> chunk : chunks(ids)) {
            h.createQuery(
                    "SELECT subscription_id, paper_id FROM digest_papers WHERE subscription_id IN"
                        + " (<ids>) AND created_at >= :since")
                .bindList("ids", chunk)
                .bind("since", since)
                .map((rs, c) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(
                    e ->
                        excluded
                            .computeIfAbsent(e.getKey(), k -> new HashSet<>())
                            .add(e.getValue()));
          }
          // A subscription made without signing in belongs to the account of the same address:
          // confirming it proved the address, as signing in to that account does.
          Map<String, String> byEmail = new HashMap<>();
          for (Subscription s : subs) {
            if (s.userId() == null) {
              byEmail.put(s.email(), s.id());
            }
          }
          for (List<String> chunk : chunks(List.copyOf(byEmail.keySet()))) {
            h.createQuery("SELECT id, email FROM users WHERE email IN (<emails>)")
                .bindList("emails", chunk)
                .map((rs, c) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> userOf.putIfAbsent(e.getKey(), byEmail.get(e.getValue())));
          }
          if (!userOf.isEmpty()) {
            for (List<String> chunk : chunks(List.copyOf(userOf.keySet()))) {
              h.createQuery(
                      "SELECT user_id, paper_id FROM unwanted_papers WHERE user_id IN (<ids>)")
                  .bindList("ids", chunk)
                  .map((rs, c) -> Map.entry(rs.getString(1), rs.getString(2)))
                  .forEach(
                      e ->
                          excluded
                              .computeIfAbsent(userOf.get(e.getKey()), k -> new HashSet<>())
                              .add(e.getValue()));
            }
            Taste.liked(h, userOf.keySet())
                .forEach((user, papers) -> liked.put(userOf.get(user), papers));
          }
        });
    Map<String, Taste> tastes = tastes(liked, ctx.background());
    Map<String, String> accountOf = new HashMap<>();
    userOf.forEach((user, sub) -> accountOf.put(sub, user));
    Map<String, Profile> out = new HashMap<>();
    for (Subscription s : subs) {
      Taste taste = tastes.getOrDefault(s.id(), Taste.none());
      String account = accountOf.get(s.id());
      // A subscriber with an account is ranked as /for-you ranks them, with the subscription's
      // topics as one more interest.
      ForYou.Reader reader =
          forYou == null || account == null
              ? null
              : forYou.reader(account, taste).withTopics(s.topics(), topicVectors.get(s.id()));
      out.put(
          s.id(),
          new Profile(
              s,
              topicVectors.containsKey(s.id())
                  ? Vectors.centred(Vectors.normalized(topicVectors.get(s.id())), ctx.background())
                  : null,
              taste,
              Taste.words(s.topics()),
              excluded.getOrDefault(s.id(), Set.of()),
              reader));
    }
    return out;
  }

  /**
   * The tastes of accounts from the papers they liked, with the vectors of the index or database.
   */
  private Map<String, Taste> tastes(Map<String, List<String>> liked, float[] background) {
    PaperSearch search = searchIndex.get();
    if (search != null || stored == null || liked.isEmpty()) {
      return Taste.of(liked, search, background);
    }
    Set<String> all = new HashSet<>();
    liked.values().forEach(all::addAll);
    return Taste.of(liked, stored.of(catalog.findAll(all).values()), background);
  }

  /** Chooses one subscriber's digest: pure, so a dry run shows exactly what a real run would. */
  static Choice choose(Context ctx, Profile profile) {
    Set<String> excluded = profile.excluded();
    List<String> trending = new ArrayList<>(TRENDING);
    for (String id : ctx.trending()) {
      if (trending.size() == TRENDING) {
        break;
      }
      if (!excluded.contains(id)) {
        trending.add(id);
      }
    }
    if (profile.reader() != null && ctx.forYou() != null && !profile.reader().empty()) {
      return ranked(ctx, profile, trending);
    }
    return new Choice(trending, byCloseness(ctx, profile, trending, Set.of(), PICKS));
  }

  /**
   * Up to {@code n} picks by closeness to the topics and the taste (by upvotes when the subscriber
   * named only categories), none of {@code taken}.
   */
  private static List<String> byCloseness(
      Context ctx, Profile profile, List<String> trending, Set<String> taken, int n) {
    Set<String> excluded = profile.excluded();
    Subscription s = profile.subscription();
    boolean personal =
        profile.topicVector() != null
            || !profile.taste().isEmpty()
            || !profile.topicWords().isEmpty()
            || !s.categories().isEmpty();
    if (!personal) {
      return List.of();
    }
    record Scored(String id, double score, int cluster) {}
    List<Scored> scored = new ArrayList<>();
    for (Paper p : ctx.candidates()) {
      if (excluded.contains(p.id())
          || trending.contains(p.id())
          || taken.contains(p.id())
          || !inCategories(
              p, s, profile.topicVector() != null || !profile.topicWords().isEmpty())) {
        continue;
      }
      double score = score(ctx, profile, p);
      float[] v = ctx.vectors().get(p.id());
      boolean compared = v != null && (profile.topicVector() != null || !profile.taste().isEmpty());
      if (score > 0 || compared || profile.topicWords().isEmpty() && profile.taste().isEmpty()) {
        // The taste's cluster when the taste is what brought the paper, so that the picks are
        // shared among the reader's fields; -1 when the topics did.
        int cluster =
            v != null && !profile.taste().isEmpty() && profile.taste().similarity(v) >= score
                ? profile.taste().cluster(v)
                : -1;
        scored.add(new Scored(p.id(), score, cluster));
      }
    }
    scored.sort(
        Comparator.comparingDouble(Scored::score)
            .reversed()
            .thenComparing(x -> -ctx.upvotes().getOrDefault(x.id(), 0))
            .thenComparing(Scored::id, Comparator.reverseOrder()));
    return profile.taste().shared(scored, Scored::cluster).stream()
        .limit(n)
        .map(Scored::id)
        .toList();
  }

  /**
   * The picks of a subscriber with an account, by {@code /for-you}'s ranking ({@link
   * ForYou#picks}): first what their follows brought (a followed author or organization, a saved
   * search), then the rest within the subscription's categories, each with its reasons.
   */
  private static Choice ranked(Context ctx, Profile profile, List<String> trending) {
    Set<String> excluded = profile.excluded();
    Subscription s = profile.subscription();
    boolean hasTopics = profile.topicVector() != null || !profile.topicWords().isEmpty();
    ForYou.Candidates c = ctx.ranked();
    List<ForYou.Card> cards =
        ctx.forYou()
            .picks(
                c,
                profile.reader(),
                i -> {
                  String id = c.papers().get(i).id();
                  return !excluded.contains(id) && !trending.contains(id);
                },
                i -> inCategories(c.papers().get(i), s, hasTopics),
                FOLLOWED,
                PICKS);
    List<String> picks = new ArrayList<>();
    Map<String, List<String>> reasons = new LinkedHashMap<>();
    for (ForYou.Card card : cards) {
      picks.add(card.paper().id());
      reasons.put(card.paper().id(), card.why());
    }
    // The ranking keeps only papers it has a reason for; a subscriber who named categories (or
    // topics the ranking could not compare) still gets their picks, as without an account.
    if (picks.size() < PICKS) {
      Set<String> taken = new HashSet<>(picks);
      taken.addAll(profile.reader().liked());
      picks.addAll(byCloseness(ctx, profile, trending, taken, PICKS - picks.size()));
    }
    return new Choice(trending, picks, reasons);
  }

  private static double score(Context ctx, Profile profile, Paper p) {
    float[] v = ctx.vectors().get(p.id());
    double best = Double.NEGATIVE_INFINITY;
    if (v != null && profile.topicVector() != null) {
      best = Math.max(best, Vectors.dot(v, profile.topicVector()));
    }
    if (v != null) {
      best = Math.max(best, profile.taste().similarity(v));
    }
    if (best == Double.NEGATIVE_INFINITY && !profile.topicWords().isEmpty()) {
      // No vectors to compare: the share of topic words in the title and abstract.
      best = Taste.share(p, profile.topicWords());
    }
    if (best == Double.NEGATIVE_INFINITY) {
      // Categories only: rank by upvotes (the sort's tie-breaker), newest id last.
      best = 0;
    }
    return best;
  }

  /**
   * Whether a paper is in one of the subscriber's categories. A paper whose categories are not
   * known (Hugging Face lists give none until arXiv's metadata is fetched) is let through when the
   * subscriber also has topics, which then decide.
   */
  private static boolean inCategories(Paper p, Subscription s, boolean hasTopics) {
    if (s.categories().isEmpty()) {
      return true;
    }
    if (p.categories().isEmpty()) {
      return hasTopics;
    }
    for (String c : s.categories()) {
      for (String pc : p.categories()) {
        // "cs" names the archive: it takes cs.CL, cs.LG, ...
        if (pc.equals(c) || pc.startsWith(c + ".")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Embeds the topics of those subscriptions that have no vector from the current model yet and
   * stores them; returns how many were embedded. Without a search index, does nothing.
   */
  int embedTopics(List<Subscription> subs) {
    int[] embedded = {0};
    topicVectors(model(), subs, embedded);
    return embedded[0];
  }

  private Map<String, float[]> topicVectors(String model, List<Subscription> subs) {
    return topicVectors(model, subs, new int[1]);
  }

  /** Topic vectors of the subscriptions, embedding (and storing) those not made by this model. */
  private Map<String, float[]> topicVectors(String model, List<Subscription> subs, int[] embedded) {
    Map<String, float[]> out = new HashMap<>();
    PaperSearch search = searchIndex.get();
    Function<String, float[]> embed =
        search != null ? search::embedQuery : stored != null ? stored::embedQuery : null;
    if (embed == null || model == null) {
      return out;
    }
    List<String> ids =
        subs.stream().filter(s -> !s.topics().isBlank()).map(Subscription::id).toList();
    Map<String, String> stored = new HashMap<>();
    jdbi.useHandle(
        h -> {
          for (List<String> chunk : chunks(ids)) {
            h.createQuery(
                    "SELECT id, topic_vector FROM subscriptions WHERE id IN (<ids>) AND"
                        + " topic_model = :m AND topic_vector IS NOT NULL")
                .bindList("ids", chunk)
                .bind("m", model)
                .map((rs, c) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> stored.put(e.getKey(), e.getValue()));
          }
        });
    Map<String, float[]> byText = new HashMap<>();
    Map<String, float[]> fresh = new HashMap<>();
    for (Subscription s : subs) {
      if (s.topics().isBlank()) {
        continue;
      }
      String saved = stored.get(s.id());
      if (saved != null) {
        out.put(s.id(), Vectors.decode(saved));
        continue;
      }
      float[] v = byText.computeIfAbsent(s.topics(), t -> Vectors.normalized(embed.apply(t)));
      out.put(s.id(), v);
      fresh.put(s.id(), v);
    }
    embedded[0] += fresh.size();
    if (!fresh.isEmpty()) {
      jdbi.useTransaction(
          h -> {
            var batch =
                h.prepareBatch(
                    "UPDATE subscriptions SET topic_vector = :v, topic_model = :m WHERE id = :id");
            fresh.forEach(
                (id, v) ->
                    batch.bind("v", Vectors.encode(v)).bind("m", model).bind("id", id).add());
            batch.execute();
          });
    }
    return out;
  }

  static <T> List<List<T>> chunks(List<T> all) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 500) {
      out.add(all.subList(i, Math.min(all.size(), i + 500)));
    }
    return out;
  }

  /** Loads subscriptions by id. */
  static List<Subscription> subscriptions(Jdbi jdbi, ManageTokens tokens, Collection<String> ids) {
    List<Subscription> out = new ArrayList<>();
    jdbi.useHandle(
        h -> {
          for (List<String> chunk : chunks(List.copyOf(ids))) {
            out.addAll(
                h.createQuery(
                        "SELECT "
                            + Subscriptions.COLUMNS
                            + " FROM subscriptions WHERE id IN (<ids>)")
                    .bindList("ids", chunk)
                    .map((rs, c) -> Subscriptions.read(rs, tokens))
                    .list());
          }
        });
    return out;
  }
}
