package org.paperboy.foryou;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.community.CommunityException;
import org.paperboy.community.User;
import org.paperboy.search.PaperSearch;
import org.paperboy.store.Database;

/**
 * What a reader told Paperboy about themselves: interests in their own words, the authors,
 * organizations, categories and saved searches they follow, and the authors, categories and
 * keywords they muted. Every change takes effect on the reader's next {@code /for-you}: nothing is
 * derived from these rows ahead of time except the vector of a written text (made once, kept with
 * the model's name).
 */
public final class Follows {

  /** What a follow names. */
  public enum Kind {
    /** An author, by folded name ({@link Names#fold}). */
    AUTHOR,
    /** A Hugging Face organization, by account name. */
    ORGANIZATION,
    /** An arXiv category (cs.CL) or archive (cs). */
    CATEGORY,
    /** A saved search: a query with its mode and, for meaning, a similarity floor. */
    SEARCH
  }

  /** What a mute names. */
  public enum MuteKind {
    /** An author, by folded name. */
    AUTHOR,
    /** An arXiv category or archive. */
    CATEGORY,
    /** A word in the title or abstract. */
    KEYWORD
  }

  /**
   * One follow.
   *
   * @param kind what it names
   * @param target the key: a folded name, an account name, a category or the query
   * @param label what the reader saw: the name as written, the organization's full name
   * @param mode for a saved search: keyword, semantic or hybrid; else null
   * @param floor for a saved search by meaning: the least cosine a paper needs; else null
   * @param vector for a saved search: the query's normalized vector, or null
   * @param since when "new papers" of this follow start counting
   * @param filters for a saved search: the category and dates it was saved with; else {@link
   *     SearchFilters#NONE}
   */
  public record Follow(
      Kind kind,
      String target,
      String label,
      String mode,
      Double floor,
      float[] vector,
      Instant since,
      SearchFilters filters) {}

  /** One mute: what it names, its key and its label. */
  public record Mute(MuteKind kind, String target, String label) {}

  /**
   * Everything a reader steers by.
   *
   * @param topics their interests as written, possibly empty
   * @param topicVector the interests' normalized vector, or null
   * @param follows what they follow, oldest first
   * @param mutes what they muted, oldest first
   */
  public record Steering(
      String topics, float[] topicVector, List<Follow> follows, List<Mute> mutes) {
    /** Whether the reader told nothing. */
    public boolean empty() {
      return topics.isBlank() && follows.isEmpty();
    }
  }

  /** The most follows and the most mutes one reader keeps. */
  public static final int MAX_ITEMS = 200;

  /** The longest interests text and saved search query. */
  public static final int MAX_TEXT = 1000;

  /**
   * The similarity floor of a saved search by meaning when the reader names none: the search's own
   * relevance floor for semantic results.
   */
  public static final double DEFAULT_FLOOR = 0.40;

  /** An arXiv category ({@code cs.CL}, {@code hep-th}, {@code math.GT}) or archive ({@code cs}). */
  static final Pattern CATEGORY = Pattern.compile("[a-z][a-z-]{0,15}(\\.[A-Za-z][A-Za-z-]{0,15})?");

  /** A Hugging Face account name. */
  static final Pattern ORGANIZATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}");

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}-]{1,49}");

  private final Jdbi jdbi;
  private final Supplier<PaperSearch> search;
  private final Clock clock;

  /** Keeps readers' steering in this database; texts are embedded with the search's model. */
  public Follows(Database database, Supplier<PaperSearch> search, Clock clock) {
    this.jdbi = database.jdbi();
    this.search = search;
    this.clock = clock;
  }

  /** Everything this account steers by. */
  public Steering of(String userId) {
    return jdbi.withHandle(h -> of(h, userId));
  }

  Steering of(Handle h, String userId) {
    String model = model();
    var interests =
        h.createQuery(
                "SELECT topics, topic_vector, topic_model FROM reader_interests WHERE user_id = :u")
            .bind("u", userId)
            .map((rs, c) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
            .findOne();
    String topics = interests.map(r -> r[0]).orElse("");
    float[] topicVector =
        interests
            .filter(r -> r[1] != null && r[2] != null && r[2].equals(model))
            .map(r -> Vectors.decode(r[1]))
            .orElse(null);
    if (topicVector == null && !topics.isBlank() && model != null) {
      topicVector = embed(topics);
      if (topicVector != null) {
        h.createUpdate(
                "UPDATE reader_interests SET topic_vector = :v, topic_model = :m WHERE user_id ="
                    + " :u")
            .bind("v", Vectors.encode(topicVector))
            .bind("m", model)
            .bind("u", userId)
            .execute();
      }
    }
    List<Follow> follows =
        h.createQuery(
                "SELECT kind, target, label, mode, floor, query_vector, query_model, seen_at,"
                    + " category, published_from, published_to FROM follows WHERE user_id = :u ORDER BY created_at, kind, target")
            .bind("u", userId)
            .map(
                (rs, c) -> {
                  String v = rs.getString(6);
                  boolean current = v != null && model != null && model.equals(rs.getString(7));
                  double floor = rs.getDouble(5);
                  return new Follow(
                      Kind.valueOf(rs.getString(1)),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.wasNull() ? null : floor,
                      current ? Vectors.decode(v) : null,
                      Instant.ofEpochMilli(rs.getLong(8)),
                      new SearchFilters(
                          rs.getString(9), day(rs.getString(10)), day(rs.getString(11))));
                })
            .list();
    List<Follow> fixed = new ArrayList<>();
    for (Follow f : follows) {
      if (f.kind() == Kind.SEARCH && f.vector() == null && model != null) {
        float[] v = embed(f.target());
        if (v != null) {
          h.createUpdate(
                  "UPDATE follows SET query_vector = :v, query_model = :m WHERE user_id = :u AND"
                      + " kind = 'SEARCH' AND target = :t")
              .bind("v", Vectors.encode(v))
              .bind("m", model)
              .bind("u", userId)
              .bind("t", f.target())
              .execute();
          f =
              new Follow(
                  f.kind(), f.target(), f.label(), f.mode(), f.floor(), v, f.since(), f.filters());
        }
      }
      fixed.add(f);
    }
    List<Mute> mutes =
        h.createQuery(
                "SELECT kind, target, label FROM mutes WHERE user_id = :u ORDER BY created_at,"
                    + " kind, target")
            .bind("u", userId)
            .map(
                (rs, c) ->
                    new Mute(MuteKind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3)))
            .list();
    return new Steering(topics, topicVector, List.copyOf(fixed), mutes);
  }

  /** Replaces the account's written interests (blank removes them). */
  public void setInterests(User reader, String topics) {
    String t = topics == null ? "" : topics.strip();
    if (t.length() > MAX_TEXT) {
      throw bad("Interests are at most " + MAX_TEXT + " characters.");
    }
    float[] v = t.isEmpty() ? null : embed(t);
    String model = v == null ? null : model();
    jdbi.useHandle(
        h -> {
          h.createUpdate("DELETE FROM reader_interests WHERE user_id = :u")
              .bind("u", reader.id())
              .execute();
          if (!t.isEmpty()) {
            h.createUpdate(
                    "INSERT INTO reader_interests (user_id, topics, topic_vector, topic_model,"
                        + " updated_at) VALUES (:u, :t, :v, :m, :now)")
                .bind("u", reader.id())
                .bind("t", t)
                .bind("v", v == null ? null : Vectors.encode(v))
                .bind("m", model)
                .bind("now", clock.millis())
                .execute();
          }
        });
  }

  /** Follows an author by the name as written; returns the folded key. */
  public String followAuthor(User reader, String name) {
    String key = Names.fold(name);
    if (key.isEmpty() || name.length() > 200) {
      throw bad("Name an author (at most 200 characters).");
    }
    insertFollow(reader, Kind.AUTHOR, key, name.strip(), null, null, SearchFilters.NONE);
    return key;
  }

  /** Follows a Hugging Face organization by account name, shown as {@code label}. */
  public void followOrganization(User reader, String name, String label) {
    String n = name == null ? "" : name.strip();
    if (!ORGANIZATION.matcher(n).matches()) {
      throw bad("An organization is named by its Hugging Face account name.");
    }
    insertFollow(
        reader,
        Kind.ORGANIZATION,
        n,
        label == null || label.isBlank() ? n : label,
        null,
        null,
        SearchFilters.NONE);
  }

  /** Follows an arXiv category such as cs.CL, or a whole archive such as cs. */
  public void followCategory(User reader, String category) {
    String c = category(category);
    insertFollow(reader, Kind.CATEGORY, c, c, null, null, SearchFilters.NONE);
  }

  /**
   * Saves a search to follow: its query and mode ({@code keyword}, {@code semantic} or {@code
   * hybrid}); a paper matches when its similarity to the query reaches {@code floor} (null for
   * {@link #DEFAULT_FLOOR}), or, for keyword searches, when it has every word of the query.
   */
  public void followSearch(User reader, String query, String mode, Double floor) {
    followSearch(reader, query, mode, floor, SearchFilters.NONE);
  }

  /**
   * Saves a search with the filters it was made with (a paper they leave out never matches it); a
   * category given is checked as a followed category is.
   */
  public void followSearch(
      User reader, String query, String mode, Double floor, SearchFilters filters) {
    Follow f = checkedSearch(query, mode, floor);
    SearchFilters checked = checked(filters);
    insertFollow(reader, Kind.SEARCH, f.target(), f.target(), f.mode(), f.floor(), checked);
  }

  private static SearchFilters checked(SearchFilters filters) {
    if (filters == null) {
      return SearchFilters.NONE;
    }
    if (filters.from() != null && filters.to() != null && filters.from().isAfter(filters.to())) {
      throw bad("The first day of a saved search's dates comes before its last.");
    }
    return new SearchFilters(
        filters.category() == null ? null : category(filters.category()),
        filters.from(),
        filters.to());
  }

  private static java.time.LocalDate day(String text) {
    return text == null ? null : java.time.LocalDate.parse(text);
  }

  /**
   * A saved search that nobody keeps, as its feed asks for it: checked as {@link #followSearch}
   * checks it, with the query's vector when it matches by meaning (and a model is there).
   */
  public Follow search(String query, String mode, Double floor, SearchFilters filters) {
    Follow f = checkedSearch(query, mode, floor);
    filters = checked(filters);
    float[] v = "keyword".equals(f.mode()) ? null : embed(f.target());
    return new Follow(
        Kind.SEARCH, f.target(), f.label(), f.mode(), f.floor(), v, f.since(), filters);
  }

  private static Follow checkedSearch(String query, String mode, Double floor) {
    String q = query == null ? "" : query.strip();
    if (q.isEmpty() || q.length() > MAX_TEXT) {
      throw bad("A saved search needs a query of at most " + MAX_TEXT + " characters.");
    }
    String m = mode == null || mode.isBlank() ? "hybrid" : mode.strip().toLowerCase(Locale.ROOT);
    if (!List.of("keyword", "semantic", "hybrid").contains(m)) {
      throw bad("The mode of a saved search is keyword, semantic or hybrid.");
    }
    double f = floor == null ? DEFAULT_FLOOR : floor;
    if (!(f >= 0 && f <= 1)) {
      throw bad("The similarity floor is a number from 0 to 1.");
    }
    return new Follow(Kind.SEARCH, q, q, m, f, null, Instant.EPOCH, SearchFilters.NONE);
  }

  /** A category or archive that nobody keeps, as its feed asks for it, checked as a follow's. */
  public static Follow categoryFollow(String category) {
    String c = category(category);
    return new Follow(Kind.CATEGORY, c, c, null, null, null, Instant.EPOCH, SearchFilters.NONE);
  }

  private void insertFollow(
      User reader,
      Kind kind,
      String target,
      String label,
      String mode,
      Double floor,
      SearchFilters filters) {
    jdbi.useTransaction(
        h -> {
          room(
              h,
              "follows",
              reader,
              "You follow " + MAX_ITEMS + " things already; remove some first.");
          h.createUpdate(
                  "INSERT INTO follows (user_id, kind, target, label, mode, floor, created_at,"
                      + " seen_at, category, published_from, published_to) VALUES (:u, :k, :t,"
                      + " :l, :m, :f, :now, :now, :c, :from, :to) ON CONFLICT (user_id, kind,"
                      + " target) DO UPDATE SET label = excluded.label, mode = excluded.mode, floor"
                      + " = excluded.floor, category = excluded.category, published_from ="
                      + " excluded.published_from, published_to = excluded.published_to")
              .bind("u", reader.id())
              .bind("k", kind.name())
              .bind("t", target)
              .bind("l", label)
              .bind("m", mode)
              .bind("f", floor)
              .bind("c", filters.category())
              .bind("from", filters.from() == null ? null : filters.from().toString())
              .bind("to", filters.to() == null ? null : filters.to().toString())
              .bind("now", clock.millis())
              .execute();
        });
  }

  /** Stops following; unknown follows are no error (the page may be stale). */
  public void unfollow(User reader, Kind kind, String target) {
    delete("follows", reader, kind.name(), target);
  }

  private void delete(String table, User reader, String kind, String target) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "DELETE FROM " + table + " WHERE user_id = :u AND kind = :k AND target = :t")
                .bind("u", reader.id())
                .bind("k", kind)
                .bind("t", target == null ? "" : target)
                .execute());
  }

  /** Mutes an author (by name as written), a category or a keyword. */
  public void mute(User reader, MuteKind kind, String value) {
    String v = value == null ? "" : value.strip();
    String key =
        switch (kind) {
          case AUTHOR -> {
            if (v.length() > 200) {
              throw bad("An author's name is at most 200 characters.");
            }
            yield Names.fold(v);
          }
          case CATEGORY -> category(v);
          case KEYWORD -> {
            if (!WORD.matcher(v).matches()) {
              throw bad("A muted keyword is one word of 2 to 50 letters or digits.");
            }
            yield v.toLowerCase(Locale.ROOT);
          }
        };
    if (key.isEmpty()) {
      throw bad("Name what to mute.");
    }
    jdbi.useTransaction(
        h -> {
          room(
              h, "mutes", reader, "You muted " + MAX_ITEMS + " things already; unmute some first.");
          h.createUpdate(
                  "INSERT INTO mutes (user_id, kind, target, label, created_at) VALUES (:u, :k,"
                      + " :t, :l, :now) ON CONFLICT (user_id, kind, target) DO NOTHING")
              .bind("u", reader.id())
              .bind("k", kind.name())
              .bind("t", key)
              .bind("l", v)
              .bind("now", clock.millis())
              .execute();
        });
  }

  /** Takes a mute back. */
  public void unmute(User reader, MuteKind kind, String target) {
    delete("mutes", reader, kind.name(), target);
  }

  /** Whether the reader asked the lists to leave out their muted papers (off until they do). */
  public boolean hidesMuted(String userId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT hide_muted FROM reader_settings WHERE user_id = :u")
                .bind("u", userId)
                .mapTo(Boolean.class)
                .findOne()
                .orElse(false));
  }

  /** Turns the lists' hiding of the reader's muted papers on or off. */
  public void hideMuted(User reader, boolean hide) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO reader_settings (user_id, hide_muted, updated_at) VALUES (:u, :h,"
                        + " :now) ON CONFLICT (user_id) DO UPDATE SET hide_muted = excluded.hide_muted,"
                        + " updated_at = excluded.updated_at")
                .bind("u", reader.id())
                .bind("h", hide)
                .bind("now", clock.millis())
                .execute());
  }

  /**
   * What the lists (day, week, month, trending, search) leave out for this reader: their mutes,
   * when they asked for it ({@link #hideMuted}) and muted something; else empty, and the lists show
   * everything. One query.
   */
  public java.util.Optional<Muting> listMuting(String userId) {
    List<Mute> mutes =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT m.kind, m.target, m.label FROM mutes m JOIN reader_settings s ON"
                            + " s.user_id = m.user_id WHERE m.user_id = :u AND s.hide_muted")
                    .bind("u", userId)
                    .map(
                        (rs, c) ->
                            new Mute(
                                MuteKind.valueOf(rs.getString(1)),
                                rs.getString(2),
                                rs.getString(3)))
                    .list());
    return mutes.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Muting.of(mutes));
  }

  /** Refuses a new row when the reader has {@link #MAX_ITEMS} in the table already. */
  private static void room(Handle h, String table, User reader, String refusal) {
    int count =
        h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE user_id = :u")
            .bind("u", reader.id())
            .mapTo(Integer.class)
            .one();
    if (count >= MAX_ITEMS) {
      throw bad(refusal);
    }
  }

  private static String category(String value) {
    String c = value == null ? "" : value.strip();
    if (!CATEGORY.matcher(c).matches()) {
      throw bad("A category looks like cs.CL, hep-th or cs.");
    }
    return c;
  }

  private String model() {
    PaperSearch s = search.get();
    return s == null ? null : s.model();
  }

  private float[] embed(String text) {
    PaperSearch s = search.get();
    return s == null ? null : Vectors.normalized(s.embedQuery(text));
  }

  private static CommunityException bad(String message) {
    return new CommunityException(CommunityException.Reason.BAD_INPUT, message);
  }
}
