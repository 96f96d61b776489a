package org.paperboy.paper;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.paperboy.store.Database;

/**
 * The sentence vectors of papers, stored in the database so that a paper is embedded once for the
 * whole cluster and every node's search index reads its vectors from here.
 *
 * <p>A row is keyed by model and paper and records the hash of the text it was made from, so a
 * vector is used only for the text it belongs to. Embedding is claimed the way the digest outbox
 * is: a node leases rows ({@link #claim}) with one conditional write per row, embeds, and stores
 * the vectors only where it still holds the lease ({@link #store}); rows leased by a node that died
 * are taken over when the lease runs out. Vectors are float32, little-endian, 4 bytes a dimension
 * (1,536 bytes for 384 dimensions), the same bytes on SQLite ({@code BLOB}) and PostgreSQL ({@code
 * bytea}).
 */
public final class PaperVectors {

  /** Ids per statement: SQLite allows a limited number of bound parameters. */
  private static final int CHUNK = 500;

  /**
   * A paper's text, by hash, that wants a vector (or has one).
   *
   * @param paperId the paper id
   * @param textHash the hash of the text embedded
   */
  public record Text(String paperId, String textHash) {}

  /**
   * A stored vector.
   *
   * @param textHash the hash of the text it was made from
   * @param vector the vector
   */
  public record Stored(String textHash, float[] vector) {}

  private final Jdbi jdbi;
  private final Clock clock;
  private final String node;

  /** The vectors in this database; leases are taken in this process's name. */
  public PaperVectors(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
  }

  /** The name this process leases rows under. */
  public String node() {
    return node;
  }

  /** The vectors stored for these papers and this model, keyed by paper id (any text hash). */
  public Map<String, Stored> find(String model, Collection<String> paperIds) {
    Map<String, Stored> out = new HashMap<>();
    List<String> all = List.copyOf(new LinkedHashSet<>(paperIds));
    for (int i = 0; i < all.size(); i += CHUNK) {
      List<String> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
      jdbi.useHandle(
          h ->
              h.createQuery(
                      "SELECT paper_id, text_hash, vector FROM paper_vectors WHERE model = :model"
                          + " AND paper_id IN (<ids>) AND vector IS NOT NULL")
                  .bind("model", model)
                  .bindList("ids", chunk)
                  .map(
                      (rs, ctx) ->
                          Map.entry(
                              rs.getString(1), new Stored(rs.getString(2), decode(rs.getBytes(3)))))
                  .forEach(e -> out.put(e.getKey(), e.getValue())));
    }
    return out;
  }

  /**
   * Leases, to this process, the rows of those texts that have no vector for that text and that no
   * other node holds under a running lease; returns the texts it leased, in id order. One
   * transaction, one conditional write per text: two nodes asking for the same text at once get it
   * once (PostgreSQL re-checks the condition on a row another transaction changed; SQLite has one
   * writer at a time).
   */
  public List<Text> claim(String model, List<Text> texts, Duration lease) {
    if (texts.isEmpty()) {
      return List.of();
    }
    // In id order, so that two nodes claiming overlapping sets lock rows in the same order.
    List<Text> sorted = new ArrayList<>(texts);
    sorted.sort(Comparator.comparing(Text::paperId));
    long now = clock.millis();
    return jdbi.inTransaction(
        h -> {
          PreparedBatch batch =
              h.prepareBatch(
                  "INSERT INTO paper_vectors (model, paper_id, text_hash, vector, lease_owner,"
                      + " lease_until) VALUES (:model, :id, :hash, NULL, :node, :until) ON"
                      + " CONFLICT (model, paper_id) DO UPDATE SET text_hash = excluded.text_hash,"
                      + " vector = NULL, lease_owner = excluded.lease_owner, lease_until ="
                      + " excluded.lease_until, made_at = NULL WHERE (paper_vectors.vector IS NULL"
                      + " OR paper_vectors.text_hash <> excluded.text_hash) AND"
                      + " (paper_vectors.lease_until IS NULL OR paper_vectors.lease_until < :now)");
          for (Text t : sorted) {
            batch
                .bind("model", model)
                .bind("id", t.paperId())
                .bind("hash", t.textHash())
                .bind("node", node)
                .bind("until", now + lease.toMillis())
                .bind("now", now)
                .add();
          }
          int[] counts = batch.execute();
          List<Text> claimed = new ArrayList<>();
          for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
              claimed.add(sorted.get(i));
            }
          }
          return claimed;
        });
  }

  /**
   * Stores the vectors of texts this process leased, where it still holds the lease on that text;
   * returns how many it stored. {@code vectors} is in the order of {@code texts}.
   */
  public int store(String model, List<Text> texts, List<float[]> vectors) {
    return writeEach(
        "UPDATE paper_vectors SET vector = :vector, lease_owner = NULL, lease_until = NULL,"
            + " made_at = :now WHERE model = :model AND paper_id = :id AND text_hash = :hash AND"
            + " lease_owner = :node",
        model,
        texts,
        vectors);
  }

  /**
   * Adds vectors made elsewhere (a search index that embedded before vectors were kept here) for
   * papers that have no row for this model yet; returns how many rows it added. Rows that exist,
   * leased or done, are left alone.
   */
  public int publish(String model, Map<Text, float[]> vectors) {
    return writeEach(
        "INSERT INTO paper_vectors (model, paper_id, text_hash, vector, made_at) VALUES (:model,"
            + " :id, :hash, :vector, :now) ON CONFLICT (model, paper_id) DO NOTHING",
        model,
        List.copyOf(vectors.keySet()),
        List.copyOf(vectors.values()));
  }

  /** Runs a statement once per text, in one transaction; returns how many rows it changed. */
  private int writeEach(String sql, String model, List<Text> texts, List<float[]> vectors) {
    if (texts.isEmpty()) {
      return 0;
    }
    long now = clock.millis();
    boolean byNode = sql.contains(":node");
    return jdbi.inTransaction(
        h -> {
          PreparedBatch batch = h.prepareBatch(sql);
          for (int i = 0; i < texts.size(); i++) {
            batch
                .bind("vector", encode(vectors.get(i)))
                .bind("now", now)
                .bind("model", model)
                .bind("id", texts.get(i).paperId())
                .bind("hash", texts.get(i).textHash());
            if (byNode) {
              batch.bind("node", node);
            }
            batch.add();
          }
          int changed = 0;
          for (int n : batch.execute()) {
            changed += n > 0 ? 1 : 0;
          }
          return changed;
        });
  }

  /** How many papers have a vector stored for this model. */
  public long count(String model) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT COUNT(*) FROM paper_vectors WHERE model = :model AND vector IS NOT"
                        + " NULL")
                .bind("model", model)
                .mapTo(Long.class)
                .one());
  }

  /**
   * Deletes every vector of a model (one the search index no longer uses); returns how many rows.
   */
  public int purge(String model) {
    return jdbi.withHandle(
        h ->
            h.createUpdate("DELETE FROM paper_vectors WHERE model = :model")
                .bind("model", model)
                .execute());
  }

  /**
   * Gives back the leases this process holds, so another node need not wait for them to run out.
   */
  public int release() {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE paper_vectors SET lease_owner = NULL, lease_until = NULL WHERE"
                        + " lease_owner = :node")
                .bind("node", node)
                .execute());
  }

  /** A vector as stored: float32, little-endian. */
  static byte[] encode(float[] vector) {
    ByteBuffer b = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(vector);
    return b.array();
  }

  /** A stored vector read back. */
  static float[] decode(byte[] bytes) {
    float[] v = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }
}
