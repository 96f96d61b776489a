package org.paperboy.paper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.paperboy.store.ChangeCounters;
import org.paperboy.store.Database;

/**
 * The catalog of papers and daily lists, stored in the database. Writes go through {@link #apply},
 * which applies a batch of records in one transaction following {@link UpsertRule}.
 */
public final class Catalog {

  /** What applying one record did. */
  public enum Outcome {
    NEW,
    UPDATED,
    UNCHANGED
  }

  /**
   * A change to the catalog, numbered in the order the changes were committed: a paper inserted or
   * updated (its metadata or its list entries), or a paper removed.
   *
   * @param seq the change number; later changes have larger numbers
   * @param id the paper's id
   * @param paper the paper as it stands now, or null when it was removed
   * @param upvotes the most upvotes the paper had on any imported daily list, 0 when none
   */
  public record Change(long seq, String id, Paper paper, int upvotes) {

    /** Whether the paper is gone from the catalog. */
    public boolean removed() {
      return paper == null;
    }
  }

  /** Counts that describe the catalog. */
  public record Stats(
      long papers,
      long localPapers,
      long listDays,
      long listEntries,
      LocalDate firstListDate,
      LocalDate lastListDate) {}

  private static final TypeReference<List<Author>> AUTHORS = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  static final String COLUMNS =
      "id, version, title, abstract, authors, categories, published, updated, doi, journal_ref,"
          + " comments, license, code_url, code_stars, project_page, ai_summary, ai_keywords,"
          + " source, org_name, org_fullname";

  /** The first column after {@link #COLUMNS} in a query that selects more. */
  static final int AFTER_COLUMNS = COLUMNS.split(",").length + 1;

  /**
   * Moves what another part of the product keeps about a paper (votes, comments, saved papers,
   * papers sent in digests) when the catalog merges a local paper into the arXiv paper of the same
   * title. It runs inside the catalog's transaction, after the arXiv paper is written and before
   * the local one is deleted (which deletes whatever still refers to it).
   */
  @FunctionalInterface
  public interface Absorber {
    void move(Handle h, String fromId, String toId);
  }

  private final Jdbi jdbi;
  private final Clock clock;
  private final List<Absorber> absorbers = new CopyOnWriteArrayList<>();
  private final ChangeCounters counters;

  /** A catalog on the given database, taking time from the clock. */
  public Catalog(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.counters = database.changeCounters();
  }

  Jdbi jdbi() {
    return jdbi;
  }

  /**
   * Applies records in one transaction and returns what happened to each, in order. A record with a
   * local id is matched to a stored paper of the same title; a record with an arXiv id absorbs a
   * stored local paper of the same title (its list entries move to the arXiv id).
   */
  public List<Outcome> apply(List<PaperRecord> records) {
    if (records.isEmpty()) {
      return List.of();
    }
    List<Outcome> outcomes = jdbi.inTransaction(h -> applyIn(h, records));
    counters.changedHere();
    return outcomes;
  }

  /** Adds what moves its rows when a local paper is merged into its arXiv paper. */
  public void onAbsorb(Absorber absorber) {
    absorbers.add(absorber);
  }

  /**
   * A number that changes whenever the catalog does, for caches of pages and API answers: the last
   * change number handed out (the counter every write advances in its own transaction, which the
   * search index follows too), so writes of other processes (an import from the command line,
   * another node) count as well. It is cheap: read with the community's counter, at most every few
   * hundred milliseconds, or at once after a write through this process ({@link ChangeCounters}).
   */
  public long changeMarker() {
    return counters.read().papers();
  }

  private List<Outcome> applyIn(Handle h, List<PaperRecord> records) {
    String now = clock.instant().toString();
    // Resolve local ids to stored papers of the same title, and find local papers that an
    // arXiv record of the same title replaces.
    // Each title's key once (a Unicode normalization): looked up here and written with the paper.
    Map<String, String> titleKeys = new HashMap<>();
    for (PaperRecord r : records) {
      titleKeys.computeIfAbsent(r.paper().title(), Paper::titleKey);
    }
    Set<String> keys = new HashSet<>(titleKeys.values());
    Map<String, List<String>> idsByKey = new HashMap<>();
    h.createQuery("SELECT title_key, id FROM papers WHERE title_key IN (<keys>)")
        .bindList("keys", new ArrayList<>(keys))
        .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
        .forEach(row -> idsByKey.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]));

    List<Paper> incoming = new ArrayList<>(records.size());
    Map<String, String> absorbs = new LinkedHashMap<>(); // arXiv id -> local id it replaces
    for (PaperRecord r : records) {
      Paper p = r.paper();
      List<String> sameTitle = idsByKey.getOrDefault(titleKeys.get(p.title()), List.of());
      if (!p.hasArxivId()) {
        String arxiv =
            sameTitle.stream()
                .filter(id -> !id.startsWith(Paper.LOCAL_PREFIX))
                .findFirst()
                .orElse(null);
        if (arxiv != null) {
          p = p.withId(arxiv);
        }
      } else {
        for (String id : sameTitle) {
          if (id.startsWith(Paper.LOCAL_PREFIX)) {
            absorbs.putIfAbsent(p.id(), id);
            break;
          }
        }
      }
      incoming.add(p);
    }

    Set<String> ids = new HashSet<>();
    incoming.forEach(p -> ids.add(p.id()));
    ids.addAll(absorbs.values());
    Map<String, Paper> stored = new HashMap<>();
    h.createQuery("SELECT " + COLUMNS + " FROM papers WHERE id IN (<ids>)")
        .bindList("ids", new ArrayList<>(ids))
        .map((rs, ctx) -> readPaper(rs))
        .forEach(p -> stored.put(p.id(), p));
    Map<String, Listing> storedListings = new HashMap<>();
    h.createQuery(
            "SELECT paper_id, list_date, position, submitter, upvotes, num_comments"
                + " FROM daily_entries WHERE paper_id IN (<ids>)")
        .bindList("ids", new ArrayList<>(ids))
        .map((rs, ctx) -> Map.entry(rs.getString(1) + "@" + rs.getString(2), readListing(rs, 2)))
        .forEach(e -> storedListings.put(e.getKey(), e.getValue()));
    // Entries a curator removed stay off their day's list whatever a later import says.
    Set<String> removed = new HashSet<>();
    h.createQuery("SELECT paper_id, list_date FROM removed_entries WHERE paper_id IN (<ids>)")
        .bindList("ids", new ArrayList<>(ids))
        .map((rs, ctx) -> rs.getString(1) + "@" + rs.getString(2))
        .forEach(removed::add);

    List<Outcome> outcomes = new ArrayList<>(records.size());
    Map<String, Paper> toWrite = new LinkedHashMap<>();
    Map<String, ListingRow> listingsToWrite = new LinkedHashMap<>();
    Map<String, String> absorbed = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      Paper p = incoming.get(i);
      Paper before = stored.get(p.id());
      Outcome outcome;
      Paper after;
      String local = absorbs.get(p.id());
      Paper localPaper = local == null || absorbed.containsKey(p.id()) ? null : stored.get(local);
      if (before == null) {
        after = localPaper == null ? p : UpsertRule.merge(localPaper.withId(p.id()), p);
        outcome = Outcome.NEW;
      } else {
        after = UpsertRule.merge(before, p);
        outcome = after.equals(before) ? Outcome.UNCHANGED : Outcome.UPDATED;
      }
      if (localPaper != null) {
        absorbed.put(p.id(), local);
        if (outcome == Outcome.UNCHANGED) {
          outcome = Outcome.UPDATED; // its listings and readers' votes and comments move to it
        }
      }
      if (outcome != Outcome.UNCHANGED) {
        stored.put(after.id(), after);
        toWrite.put(after.id(), after);
      }
      Listing listing = records.get(i).listing();
      if (listing != null) {
        String key = p.id() + "@" + listing.date();
        if (!removed.contains(key) && !listing.equals(storedListings.get(key))) {
          storedListings.put(key, listing);
          listingsToWrite.put(key, new ListingRow(p.id(), listing, p.source()));
          if (outcome == Outcome.UNCHANGED) {
            outcome = Outcome.UPDATED;
          }
        }
      }
      outcomes.add(outcome);
    }

    // Every paper the batch touches, and every paper it removes, gets the next change number.
    Set<String> touched = new LinkedHashSet<>(toWrite.keySet());
    listingsToWrite.values().forEach(row -> touched.add(row.paperId()));
    long seq = reserveChanges(h, touched.size() + absorbed.size());
    Map<String, Long> seqs = new HashMap<>();
    for (String id : touched) {
      seqs.put(id, seq++);
    }
    writePapers(h, toWrite.values(), seqs, titleKeys, now);
    for (Map.Entry<String, String> e : absorbed.entrySet()) {
      absorb(h, e.getValue(), e.getKey());
      h.createUpdate("INSERT INTO paper_removals (change_seq, id) VALUES (:seq, :id)")
          .bind("seq", seq++)
          .bind("id", e.getValue())
          .execute();
    }
    writeListings(h, listingsToWrite.values());
    touched.removeAll(toWrite.keySet());
    if (!touched.isEmpty()) {
      PreparedBatch batch = h.prepareBatch("UPDATE papers SET change_seq = :seq WHERE id = :id");
      touched.forEach(id -> batch.bind("seq", seqs.get(id)).bind("id", id).add());
      batch.execute();
    }
    return outcomes;
  }

  /**
   * Takes {@code n} numbers from the change counter and returns the first. The counter row stays
   * locked until the transaction commits, so a later number never becomes visible before an earlier
   * one: a reader that has seen number k has seen everything below it.
   */
  private static long reserveChanges(Handle h, int n) {
    if (n == 0) {
      return 0;
    }
    long last =
        h.createQuery(
                "UPDATE change_counter SET value = value + :n WHERE name = 'papers' RETURNING value")
            .bind("n", n)
            .mapTo(Long.class)
            .one();
    return last - n + 1;
  }

  private void writePapers(
      Handle h,
      Iterable<Paper> papers,
      Map<String, Long> seqs,
      Map<String, String> titleKeys,
      String now) {
    PreparedBatch batch =
        h.prepareBatch(
            "INSERT INTO papers (id, version, title, title_key, abstract, authors,"
                + " primary_category, categories, published, updated, doi, journal_ref, comments,"
                + " license, code_url, code_stars, project_page, ai_summary, ai_keywords, source,"
                + " org_name, org_fullname, first_seen, modified, change_seq) VALUES (:id,"
                + " :version, :title, :titleKey, :abstract, :authors, :primary, :categories,"
                + " :published, :updated, :doi, :journalRef, :comments, :license, :codeUrl,"
                + " :codeStars, :projectPage, :aiSummary, :aiKeywords, :source, :orgName,"
                + " :orgFullName, :now, :now, :seq) ON CONFLICT (id) DO UPDATE SET"
                + " version = excluded.version, title = excluded.title, title_key ="
                + " excluded.title_key, abstract = excluded.abstract, authors = excluded.authors,"
                + " primary_category = excluded.primary_category, categories ="
                + " excluded.categories, published = excluded.published, updated ="
                + " excluded.updated, doi = excluded.doi, journal_ref = excluded.journal_ref,"
                + " comments = excluded.comments, license = excluded.license, code_url ="
                + " excluded.code_url, code_stars = excluded.code_stars, project_page ="
                + " excluded.project_page, ai_summary = excluded.ai_summary, ai_keywords ="
                + " excluded.ai_keywords, source = excluded.source, org_name = excluded.org_name,"
                + " org_fullname = excluded.org_fullname, modified = excluded.modified,"
                + " change_seq = excluded.change_seq");
    int n = 0;
    for (Paper p : papers) {
      batch
          .bind("id", p.id())
          .bind("version", p.version())
          .bind("title", p.title())
          .bind("titleKey", titleKeys.computeIfAbsent(p.title(), Paper::titleKey))
          .bind("abstract", p.abstractText())
          .bind("authors", toJson(p.authors()))
          .bind("primary", p.primaryCategory())
          .bind("categories", String.join(" ", p.categories()))
          .bind("published", text(p.published()))
          .bind("updated", text(p.updated()))
          .bind("doi", p.doi())
          .bind("journalRef", p.journalRef())
          .bind("comments", p.comments())
          .bind("license", p.license())
          .bind("codeUrl", p.codeUrl())
          .bind("codeStars", p.codeStars())
          .bind("projectPage", p.projectPage())
          .bind("aiSummary", p.aiSummary())
          .bind("aiKeywords", p.aiKeywords().isEmpty() ? null : toJson(p.aiKeywords()))
          .bind("source", p.source())
          .bind("orgName", p.organization() == null ? null : p.organization().name())
          .bind("orgFullName", p.organization() == null ? null : p.organization().fullName())
          .bind("now", now)
          .bind("seq", seqs.get(p.id()))
          .add();
      n++;
    }
    if (n > 0) {
      batch.execute();
    }
  }

  /**
   * Moves everything that refers to a local paper to its arXiv paper, then deletes the local one.
   * Where the arXiv paper already has the same (an entry on the same day, a vote by the same
   * reader), the arXiv paper's stays.
   */
  private void absorb(Handle h, String fromId, String toId) {
    moveRows(h, "daily_entries", "list_date", fromId, toId);
    moveRows(h, "removed_entries", "list_date", fromId, toId);
    for (Absorber absorber : absorbers) {
      absorber.move(h, fromId, toId);
    }
    for (String table : List.of("removed_entries", "title_lookups")) {
      h.createUpdate("DELETE FROM " + table + " WHERE paper_id = :from")
          .bind("from", fromId)
          .execute();
    }
    h.createUpdate("DELETE FROM papers WHERE id = :from").bind("from", fromId).execute();
  }

  /**
   * Gives the rows of {@code table} that refer to paper {@code fromId} to {@code toId}, except
   * those whose {@code key} the other paper already has a row for (the table's primary key is
   * {@code (key, paper_id)} or {@code (paper_id, key)}). Rows left behind stay with {@code fromId}.
   */
  public static void moveRows(Handle h, String table, String key, String fromId, String toId) {
    h.createUpdate(
            "UPDATE "
                + table
                + " SET paper_id = :to WHERE paper_id = :from AND "
                + key
                + " NOT IN (SELECT "
                + key
                + " FROM "
                + table
                + " WHERE paper_id = :to)")
        .bind("from", fromId)
        .bind("to", toId)
        .execute();
  }

  private record ListingRow(String paperId, Listing listing, String source) {}

  private void writeListings(Handle h, Iterable<ListingRow> listings) {
    PreparedBatch batch =
        h.prepareBatch(
            "INSERT INTO daily_entries (list_date, paper_id, position, submitter, upvotes,"
                + " num_comments, source) VALUES (:date, :paper, :position, :submitter, :upvotes,"
                + " :comments, :source) ON CONFLICT (list_date, paper_id) DO UPDATE SET position"
                + " = excluded.position, submitter = excluded.submitter, upvotes ="
                + " excluded.upvotes, num_comments = excluded.num_comments, source ="
                + " excluded.source");
    int n = 0;
    for (ListingRow row : listings) {
      Listing l = row.listing();
      batch
          .bind("date", l.date().toString())
          .bind("paper", row.paperId())
          .bind("position", l.position())
          .bind("submitter", l.submitter())
          .bind("upvotes", l.upvotes())
          .bind("comments", l.comments())
          .bind("source", row.source())
          .add();
      n++;
    }
    if (n > 0) {
      batch.execute();
    }
  }

  /** The paper with this id (an arXiv id with or without version, or a local id). */
  public Optional<Paper> find(String id) {
    String key = ArxivId.parse(id).map(ArxivId::id).orElse(id);
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM papers WHERE id = :id")
                .bind("id", key)
                .map((rs, ctx) -> readPaper(rs))
                .findOne());
  }

  /** The papers with these ids (without versions) that the catalog holds, keyed by id. */
  public Map<String, Paper> findAll(Collection<String> ids) {
    Map<String, Paper> out = new HashMap<>();
    List<String> all = List.copyOf(new LinkedHashSet<>(ids));
    // In chunks: SQLite allows a limited number of bound parameters per statement.
    for (int i = 0; i < all.size(); i += 500) {
      List<String> chunk = all.subList(i, Math.min(all.size(), i + 500));
      jdbi.useHandle(
          h ->
              h.createQuery("SELECT " + COLUMNS + " FROM papers WHERE id IN (<ids>)")
                  .bindList("ids", chunk)
                  .map((rs, ctx) -> readPaper(rs))
                  .forEach(p -> out.put(p.id(), p)));
    }
    return out;
  }

  /**
   * Up to {@code limit} papers first published (version 1) from {@code from} to {@code to}, both
   * included, newest first.
   */
  public List<Paper> publishedBetween(LocalDate from, LocalDate to, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM papers WHERE published >= :from AND published <= :to"
                        + " ORDER BY published DESC, id LIMIT :limit")
                .bind("from", from.toString())
                .bind("to", to.toString())
                .bind("limit", limit)
                .map((rs, ctx) -> readPaper(rs))
                .list());
  }

  /**
   * Up to {@code limit} papers in the order of their ids, starting after {@code afterId} (null for
   * the first page): keyset paging, so a page costs the same wherever it is and stays stable while
   * papers are added.
   */
  public List<Paper> papersAfter(String afterId, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT " + COLUMNS + " FROM papers WHERE id > :after ORDER BY id LIMIT :limit")
                .bind("after", afterId == null ? "" : afterId)
                .bind("limit", limit)
                .map((rs, ctx) -> readPaper(rs))
                .list());
  }

  /** Escapes LIKE's wildcards with {@code !}, which both engines accept as an ESCAPE character. */
  static String likeEscaped(String s) {
    return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  /**
   * Up to {@code limit} ids of arXiv papers that have no category (Hugging Face lists carry none),
   * newest ids first.
   */
  public List<String> uncategorized(int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id FROM papers WHERE categories = '' AND id NOT LIKE 'local-%'"
                        + " ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .mapTo(String.class)
                .list());
  }

  /**
   * Up to {@code limit} papers known only by their title (local ids) that were never looked up by
   * title, or last before {@code askedBefore}, as id to title, the least recently asked first.
   */
  public Map<String, String> unmatched(int limit, Instant askedBefore) {
    Map<String, String> out = new LinkedHashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT p.id, p.title FROM papers p LEFT JOIN title_lookups t ON t.paper_id ="
                        + " p.id WHERE p.id LIKE 'local-%' AND (t.asked_at IS NULL OR t.asked_at <"
                        + " :before) ORDER BY COALESCE(t.asked_at, 0), p.id LIMIT :limit")
                .bind("before", askedBefore.toEpochMilli())
                .bind("limit", limit)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
    return out;
  }

  /** Notes that a local paper was looked up by its title now. */
  public void titleAsked(String id) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO title_lookups (paper_id, asked_at) VALUES (:id, :at) ON CONFLICT"
                        + " (paper_id) DO UPDATE SET asked_at = excluded.asked_at")
                .bind("id", id)
                .bind("at", clock.millis())
                .execute());
  }

  /** The most recent day that has a list. */
  public Optional<LocalDate> latestListDate() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT MAX(list_date) FROM daily_entries")
                .mapTo(String.class)
                .findOne()
                .map(LocalDate::parse));
  }

  /** The closest day before {@code date} that has a list. */
  public Optional<LocalDate> previousListDate(LocalDate date) {
    return neighbour("SELECT MAX(list_date) FROM daily_entries WHERE list_date < :d", date);
  }

  /** The closest day after {@code date} that has a list. */
  public Optional<LocalDate> nextListDate(LocalDate date) {
    return neighbour("SELECT MIN(list_date) FROM daily_entries WHERE list_date > :d", date);
  }

  private Optional<LocalDate> neighbour(String sql, LocalDate date) {
    return jdbi.withHandle(
        h ->
            h.createQuery(sql)
                .bind("d", date.toString())
                .mapTo(String.class)
                .findOne()
                .map(LocalDate::parse));
  }

  /** The papers on a day's list, in list order (most upvoted first when positions tie). */
  public List<ListedPaper> dailyList(LocalDate date) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + prefixed("p.")
                        + ", e.list_date, e.position, e.submitter, e.upvotes, e.num_comments"
                        + " FROM daily_entries e JOIN papers p ON p.id = e.paper_id"
                        + " WHERE e.list_date = :d ORDER BY e.position, e.upvotes DESC, p.id")
                .bind("d", date.toString())
                .map((rs, ctx) -> new ListedPaper(readPaper(rs), readListing(rs, AFTER_COLUMNS)))
                .list());
  }

  /** The days on which a paper was listed, newest first. */
  public List<Listing> listingsOf(String paperId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT list_date, position, submitter, upvotes, num_comments FROM"
                        + " daily_entries WHERE paper_id = :id ORDER BY list_date DESC")
                .bind("id", paperId)
                .map((rs, ctx) -> readListing(rs, 1))
                .list());
  }

  /**
   * Up to {@code limit} changes numbered above {@code after}, in number order. A follower (the
   * search index) stores the last number it applied and asks again from there.
   */
  public List<Change> changesSince(long after, int limit) {
    return jdbi.withHandle(
        h -> {
          List<Change> changed =
              h.createQuery(
                      "SELECT "
                          + COLUMNS
                          + ", change_seq, (SELECT MAX(e.upvotes) FROM daily_entries e WHERE"
                          + " e.paper_id = papers.id) FROM papers WHERE change_seq > :after"
                          + " ORDER BY change_seq LIMIT :limit")
                  .bind("after", after)
                  .bind("limit", limit)
                  .map(
                      (rs, ctx) -> {
                        Paper p = readPaper(rs);
                        return new Change(
                            rs.getLong(AFTER_COLUMNS), p.id(), p, rs.getInt(AFTER_COLUMNS + 1));
                      })
                  .list();
          List<Change> removed =
              h.createQuery(
                      "SELECT change_seq, id FROM paper_removals WHERE change_seq > :after"
                          + " ORDER BY change_seq LIMIT :limit")
                  .bind("after", after)
                  .bind("limit", limit)
                  .map((rs, ctx) -> new Change(rs.getLong(1), rs.getString(2), null, 0))
                  .list();
          if (removed.isEmpty()) {
            return changed;
          }
          List<Change> all = new ArrayList<>(changed);
          all.addAll(removed);
          all.sort(Comparator.comparingLong(Change::seq));
          return List.copyOf(all.subList(0, Math.min(limit, all.size())));
        });
  }

  /** The number of the latest change committed, 0 when there was none. */
  public long lastChange() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT value FROM change_counter WHERE name = 'papers'")
                .mapTo(Long.class)
                .one());
  }

  /** Counts of papers and lists. */
  public Stats stats() {
    return jdbi.withHandle(
        h -> {
          long papers = h.createQuery("SELECT COUNT(*) FROM papers").mapTo(Long.class).one();
          long local =
              h.createQuery("SELECT COUNT(*) FROM papers WHERE id LIKE 'local-%'")
                  .mapTo(Long.class)
                  .one();
          long entries =
              h.createQuery("SELECT COUNT(*) FROM daily_entries").mapTo(Long.class).one();
          long days =
              h.createQuery("SELECT COUNT(DISTINCT list_date) FROM daily_entries")
                  .mapTo(Long.class)
                  .one();
          String[] range =
              h.createQuery("SELECT MIN(list_date), MAX(list_date) FROM daily_entries")
                  .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                  .one();
          return new Stats(papers, local, days, entries, date(range[0]), date(range[1]));
        });
  }

  /** Whether the catalog holds no paper at all. */
  public boolean isEmpty() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM (SELECT id FROM papers LIMIT 1) t")
                    .mapTo(Long.class)
                    .one()
                == 0);
  }

  static String prefixed(String prefix) {
    StringBuilder sb = new StringBuilder();
    for (String c : COLUMNS.split(",")) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(prefix).append(c.trim());
    }
    return sb.toString();
  }

  static Paper readPaper(ResultSet rs) throws SQLException {
    String categories = rs.getString(6);
    int stars = rs.getInt(14);
    Integer codeStars = rs.wasNull() ? null : stars;
    String keywords = rs.getString(17);
    return Paper.builder(rs.getString(1), rs.getString(3), rs.getString(18))
        .version(rs.getInt(2))
        .abstractText(rs.getString(4))
        .authors(fromJson(rs.getString(5), AUTHORS))
        .categories(categories.isEmpty() ? List.of() : Arrays.asList(categories.split(" ")))
        .published(date(rs.getString(7)))
        .updated(date(rs.getString(8)))
        .doi(rs.getString(9))
        .journalRef(rs.getString(10))
        .comments(rs.getString(11))
        .license(rs.getString(12))
        .codeUrl(rs.getString(13))
        .codeStars(codeStars)
        .projectPage(rs.getString(15))
        .aiSummary(rs.getString(16))
        .aiKeywords(keywords == null ? List.of() : fromJson(keywords, STRINGS))
        .organization(Organization.of(rs.getString(19), rs.getString(20)))
        .build();
  }

  static Listing readListing(ResultSet rs, int first) throws SQLException {
    return new Listing(
        LocalDate.parse(rs.getString(first)),
        rs.getInt(first + 1),
        rs.getString(first + 2),
        rs.getInt(first + 3),
        rs.getInt(first + 4));
  }

  private static LocalDate date(String s) {
    return s == null ? null : LocalDate.parse(s);
  }

  private static String text(LocalDate d) {
    return d == null ? null : d.toString();
  }

  private static String toJson(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T fromJson(String json, TypeReference<T> type) {
    try {
      return Json.MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt JSON in catalog: " + json, e);
    }
  }
}
