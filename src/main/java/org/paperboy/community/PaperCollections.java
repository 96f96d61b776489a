package org.paperboy.community;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Json;
import org.paperboy.paper.Paper;
import org.paperboy.store.Database;

/**
 * Readers' collections of papers, public or private, with export as JSON and BibTeX; and "not for
 * me" marks, the papers a reader does not want to see again (digests read them).
 */
public final class PaperCollections {

  /** The longest collection name. */
  public static final int MAX_NAME = 100;

  /** The longest description. */
  public static final int MAX_DESCRIPTION = 1_000;

  /** The most papers one collection holds. */
  public static final int MAX_PAPERS = 5_000;

  private static final String SIGN_IN = "Sign in to keep collections";

  private static final String SELECT =
      "SELECT c.id, c.user_id, u.display_name, c.name, c.description, c.is_public, c.created_at,"
          + " (SELECT COUNT(*) FROM collection_papers cp WHERE cp.collection_id = c.id), c.hidden,"
          + " u.banned FROM collections c JOIN users u ON u.id = c.user_id";

  private final Jdbi jdbi;
  private final Catalog catalog;
  private final Clock clock;
  private final Writes writes;

  /**
   * Collections in the given database, of papers in the catalog, changed within the limits of
   * {@code writes}.
   */
  public PaperCollections(Database database, Catalog catalog, Writes writes, Clock clock) {
    this.jdbi = database.jdbi();
    this.catalog = catalog;
    this.clock = clock;
    this.writes = writes;
  }

  /** Makes a collection; its name must be new among the owner's collections. */
  public PaperCollection create(User actor, String name, String description, boolean isPublic) {
    writes.check(actor, Writes.Kind.NEW_COLLECTION, SIGN_IN);
    String n = Texts.line("Collection name", name, MAX_NAME);
    String d = Texts.optional("Description", description, MAX_DESCRIPTION);
    String id = Secrets.id();
    return jdbi.inTransaction(
        h -> {
          int inserted =
              h.createUpdate(
                      "INSERT INTO collections (id, user_id, name, description, is_public,"
                          + " created_at) VALUES (:id, :u, :n, :d, :pub, :now) ON CONFLICT"
                          + " (user_id, name) DO NOTHING")
                  .bind("id", id)
                  .bind("u", actor.id())
                  .bind("n", n)
                  .bind("d", d)
                  .bind("pub", isPublic)
                  .bind("now", clock.millis())
                  .execute();
          if (inserted == 0) {
            throw CommunityException.conflict("You already have a collection named '" + n + "'");
          }
          return byId(h, id).orElseThrow();
        });
  }

  /** Renames, redescribes, and makes public or private one of the actor's collections. */
  public PaperCollection update(
      User actor, String collectionId, String name, String description, boolean isPublic) {
    writes.check(actor, Writes.Kind.COLLECTION, SIGN_IN);
    String n = Texts.line("Collection name", name, MAX_NAME);
    String d = Texts.optional("Description", description, MAX_DESCRIPTION);
    return jdbi.inTransaction(
        h -> {
          requireOwn(h, actor, collectionId);
          boolean taken =
              h.createQuery(
                          "SELECT COUNT(*) FROM collections WHERE user_id = :u AND name = :n AND id"
                              + " <> :id")
                      .bind("u", actor.id())
                      .bind("n", n)
                      .bind("id", collectionId)
                      .mapTo(Integer.class)
                      .one()
                  > 0;
          if (taken) {
            throw CommunityException.conflict("You already have a collection named '" + n + "'");
          }
          h.createUpdate(
                  "UPDATE collections SET name = :n, description = :d, is_public = :pub WHERE id"
                      + " = :id")
              .bind("n", n)
              .bind("d", d)
              .bind("pub", isPublic)
              .bind("id", collectionId)
              .execute();
          return byId(h, collectionId).orElseThrow();
        });
  }

  /** Deletes one of the actor's collections. */
  public void delete(User actor, String collectionId) {
    writes.check(actor, Writes.Kind.COLLECTION, SIGN_IN);
    jdbi.useTransaction(
        h -> {
          requireOwn(h, actor, collectionId);
          h.createUpdate("DELETE FROM collection_papers WHERE collection_id = :id")
              .bind("id", collectionId)
              .execute();
          h.createUpdate("DELETE FROM collections WHERE id = :id")
              .bind("id", collectionId)
              .execute();
        });
  }

  /** Adds a paper to one of the actor's collections; adding it again changes nothing. */
  public void add(User actor, String collectionId, String paperId) {
    writes.check(actor, Writes.Kind.COLLECTION, SIGN_IN);
    String paper = Votes.paperKey(paperId);
    jdbi.useTransaction(
        h -> {
          PaperCollection c = requireOwn(h, actor, collectionId);
          if (c.size() >= MAX_PAPERS) {
            throw CommunityException.badInput(
                "A collection holds at most " + MAX_PAPERS + " papers");
          }
          int n =
              h.createUpdate(
                      "INSERT INTO collection_papers (collection_id, paper_id, added_at) SELECT"
                          + " :c, :p, :now WHERE EXISTS (SELECT 1 FROM papers WHERE id = :p) ON"
                          + " CONFLICT (collection_id, paper_id) DO NOTHING")
                  .bind("c", collectionId)
                  .bind("p", paper)
                  .bind("now", clock.millis())
                  .execute();
          if (n == 0 && catalog.find(paper).isEmpty()) {
            throw CommunityException.notFound("No paper " + paper);
          }
        });
  }

  /** Takes a paper out of one of the actor's collections. */
  public void remove(User actor, String collectionId, String paperId) {
    writes.check(actor, Writes.Kind.COLLECTION, SIGN_IN);
    String paper = Votes.paperKey(paperId);
    jdbi.useTransaction(
        h -> {
          requireOwn(h, actor, collectionId);
          h.createUpdate("DELETE FROM collection_papers WHERE collection_id = :c AND paper_id = :p")
              .bind("c", collectionId)
              .bind("p", paper)
              .execute();
        });
  }

  /** Which of the actor's collections hold the paper, by id. */
  public Set<String> holding(User actor, String paperId) {
    requireSignedIn(actor);
    String paper = Votes.paperKey(paperId);
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT cp.collection_id FROM collection_papers cp JOIN collections c ON c.id ="
                        + " cp.collection_id WHERE c.user_id = :u AND cp.paper_id = :p")
                .bind("u", actor.id())
                .bind("p", paper)
                .mapTo(String.class)
                .collect(Collectors.toSet()));
  }

  /** The actor's collections, by name. */
  public List<PaperCollection> mine(User actor) {
    requireSignedIn(actor);
    return jdbi.withHandle(
        h ->
            h.createQuery(SELECT + " WHERE c.user_id = :u ORDER BY c.name")
                .bind("u", actor.id())
                .map((rs, ctx) -> read(rs))
                .list());
  }

  /** A collection, if the viewer may see it: public ones to anyone, private ones to the owner. */
  public Optional<PaperCollection> find(String collectionId, User viewer) {
    return jdbi.withHandle(h -> byId(h, collectionId)).filter(c -> visible(c, viewer));
  }

  /** The papers of a collection the viewer may see, most recently added first. */
  public List<Paper> papers(String collectionId, User viewer) {
    return saved(collectionId, viewer).stream().map(Saved::paper).toList();
  }

  /** A paper in a collection and when it was added. */
  public record Saved(Paper paper, Instant addedAt) {}

  /** The papers of a collection the viewer may see with when each was added, newest first. */
  public List<Saved> saved(String collectionId, User viewer) {
    requireVisible(collectionId, viewer);
    List<Object[]> rows =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT paper_id, added_at FROM collection_papers WHERE collection_id = :c"
                            + " ORDER BY added_at DESC, paper_id")
                    .bind("c", collectionId)
                    .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getLong(2)})
                    .list());
    List<Saved> out = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      catalog
          .find((String) row[0])
          .ifPresent(p -> out.add(new Saved(p, Instant.ofEpochMilli((Long) row[1]))));
    }
    return out;
  }

  /**
   * When a paper was last added to the collection (epoch milliseconds, 0 when it is empty): with
   * its size, name and description it tells whether what a feed of it shows changed.
   */
  public long lastAdded(String collectionId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT COALESCE(MAX(added_at), 0) FROM collection_papers WHERE collection_id ="
                        + " :c")
                .bind("c", collectionId)
                .mapTo(Long.class)
                .one());
  }

  /**
   * A collection as JSON: its name, description, owner and papers with their metadata. Every field
   * is present, {@code null} when the paper lacks it, so the document is a tree: the shared {@link
   * Json} configuration leaves nulls out of objects but writes a tree as it is.
   */
  public String exportJson(String collectionId, User viewer) {
    PaperCollection c = requireVisible(collectionId, viewer);
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("name", c.name());
    doc.put("description", c.description());
    doc.put("owner", c.ownerName());
    doc.put("public", c.isPublic());
    ArrayNode papers = doc.putArray("papers");
    for (Paper p : papers(collectionId, viewer)) {
      ObjectNode m = papers.addObject();
      m.put("id", p.id());
      m.put("title", p.title());
      ArrayNode authors = m.putArray("authors");
      p.authors().forEach(a -> authors.add(a.name()));
      m.put("published", p.published() == null ? null : p.published().toString());
      ArrayNode categories = m.putArray("categories");
      p.categories().forEach(categories::add);
      m.put("abstract", p.abstractText());
      m.put("doi", p.doi());
      m.put("url", p.hasArxivId() ? "https://arxiv.org/abs/" + p.id() : null);
    }
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A collection as BibTeX, one {@code @misc} entry per paper. */
  public String exportBibtex(String collectionId, User viewer) {
    return BibTex.entries(papers(collectionId, viewer));
  }

  /**
   * Hides a collection from everyone but its owner and the moderators, or shows it again; curators
   * and admins only.
   */
  public PaperCollection setHidden(User actor, String collectionId, boolean hidden) {
    Comments.requireRole(actor, Role.CURATOR, "Only curators can hide collections");
    return jdbi.inTransaction(
        h -> {
          int n =
              h.createUpdate("UPDATE collections SET hidden = :h WHERE id = :id")
                  .bind("h", hidden)
                  .bind("id", collectionId)
                  .execute();
          if (n == 0) {
            throw CommunityException.notFound("No such collection");
          }
          return byId(h, collectionId).orElseThrow();
        });
  }

  /**
   * The collections others do not see though they might: hidden by a moderator, or public ones of
   * banned accounts; newest first, for the moderation page.
   */
  public List<PaperCollection> withheld(User actor) {
    Comments.requireRole(actor, Role.CURATOR, "Only curators can see hidden collections");
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    SELECT
                        + " WHERE c.hidden OR (c.is_public AND u.banned) ORDER BY c.created_at"
                        + " DESC, c.id LIMIT 500")
                .map((rs, ctx) -> read(rs))
                .list());
  }

  /** Marks a paper "not for me"; marking it again changes nothing. */
  public void markNotForMe(User actor, String paperId) {
    writes.check(actor, Writes.Kind.NOT_FOR_ME, SIGN_IN);
    String paper = Votes.paperKey(paperId);
    int n =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO unwanted_papers (user_id, paper_id, created_at) SELECT :u, :p,"
                            + " :now WHERE EXISTS (SELECT 1 FROM papers WHERE id = :p) ON CONFLICT"
                            + " (user_id, paper_id) DO NOTHING")
                    .bind("u", actor.id())
                    .bind("p", paper)
                    .bind("now", clock.millis())
                    .execute());
    if (n == 0 && catalog.find(paper).isEmpty()) {
      throw CommunityException.notFound("No paper " + paper);
    }
  }

  /** Takes back a "not for me" mark. */
  public void unmarkNotForMe(User actor, String paperId) {
    writes.check(actor, Writes.Kind.NOT_FOR_ME, SIGN_IN);
    String paper = Votes.paperKey(paperId);
    jdbi.useHandle(
        h ->
            h.createUpdate("DELETE FROM unwanted_papers WHERE user_id = :u AND paper_id = :p")
                .bind("u", actor.id())
                .bind("p", paper)
                .execute());
  }

  /**
   * The ids of the papers in the actor's collections: all of them ({@code name} null, the papers
   * they saved) or the one with this name (exact, else the one that differs only in case). Refused
   * with {@code NOT_FOUND} when they have no collection of that name, saying which they have.
   */
  public Set<String> paperIds(User actor, String name) {
    requireSignedIn(actor);
    return jdbi.withHandle(
        h -> {
          if (name == null) {
            return new TreeSet<>(
                h.createQuery(
                        "SELECT cp.paper_id FROM collection_papers cp JOIN collections c ON c.id ="
                            + " cp.collection_id WHERE c.user_id = :u")
                    .bind("u", actor.id())
                    .mapTo(String.class)
                    .list());
          }
          List<String[]> mine =
              new ArrayList<>(
                  h.createQuery("SELECT id, name FROM collections WHERE user_id = :u")
                      .bind("u", actor.id())
                      .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                      .list());
          // In Java: the databases' collations order case differently.
          mine.sort((a, b) -> a[1].compareToIgnoreCase(b[1]));
          String wanted = name.strip();
          String id =
              mine.stream()
                  .filter(c -> c[1].equals(wanted))
                  .findFirst()
                  .or(() -> mine.stream().filter(c -> c[1].equalsIgnoreCase(wanted)).findFirst())
                  .map(c -> c[0])
                  .orElseThrow(
                      () ->
                          CommunityException.notFound(
                              "You have no collection named \""
                                  + wanted
                                  + "\". "
                                  + (mine.isEmpty()
                                      ? "You have no collections yet."
                                      : "Yours are: "
                                          + mine.stream()
                                              .map(c -> c[1])
                                              .collect(Collectors.joining(", "))
                                          + ".")));
          return new TreeSet<>(
              h.createQuery("SELECT paper_id FROM collection_papers WHERE collection_id = :c")
                  .bind("c", id)
                  .mapTo(String.class)
                  .list());
        });
  }

  /** The ids of the papers an account marked "not for me". */
  public Set<String> notForMe(String userId) {
    return jdbi.withHandle(
        h ->
            new TreeSet<>(
                h.createQuery("SELECT paper_id FROM unwanted_papers WHERE user_id = :u")
                    .bind("u", userId)
                    .mapTo(String.class)
                    .list()));
  }

  private PaperCollection requireVisible(String collectionId, User viewer) {
    return find(collectionId, viewer)
        .orElseThrow(() -> CommunityException.notFound("No such collection"));
  }

  private static PaperCollection requireOwn(Handle h, User actor, String collectionId) {
    requireSignedIn(actor);
    PaperCollection c =
        byId(h, collectionId).orElseThrow(() -> CommunityException.notFound("No such collection"));
    if (!c.ownerId().equals(actor.id())) {
      // a private collection of someone else does not exist, as far as the actor can tell
      throw c.isPublic()
          ? CommunityException.forbidden("You can only change your own collections")
          : CommunityException.notFound("No such collection");
    }
    return c;
  }

  // A hidden collection, or one of a banned account, is private to its owner; moderators see
  // them too, to undo what they did.
  private static boolean visible(PaperCollection c, User viewer) {
    return (viewer != null && viewer.id().equals(c.ownerId()))
        || (c.isPublic() && !c.hidden() && !c.ownerBanned())
        || (c.isPublic() && viewer != null && viewer.may(Role.CURATOR));
  }

  private static void requireSignedIn(User actor) {
    if (actor == null) {
      throw CommunityException.forbidden(SIGN_IN);
    }
  }

  private static Optional<PaperCollection> byId(Handle h, String id) {
    return h.createQuery(SELECT + " WHERE c.id = :id")
        .bind("id", id)
        .map((rs, ctx) -> read(rs))
        .findOne();
  }

  private static PaperCollection read(ResultSet rs) throws SQLException {
    return new PaperCollection(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getBoolean(6),
        Instant.ofEpochMilli(rs.getLong(7)),
        rs.getInt(8),
        rs.getBoolean(9),
        rs.getBoolean(10));
  }
}
