package org.paperboy.paper;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.store.Database;

/**
 * The serving nodes whose search index another node may copy, as they announce themselves in the
 * database: each node's address, the model and schema version of its index and the last catalog
 * change that index holds. A node starting with an empty index asks here for peers to copy from
 * instead of building its index (the HNSW graph above all) from the database.
 */
public final class IndexNodes {

  /** How recently a node must have announced itself to be copied from. */
  public static final Duration FRESH = Duration.ofMinutes(2);

  private final Jdbi jdbi;
  private final Clock clock;

  /** The nodes announced in this database. */
  public IndexNodes(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /** Records that the node at {@code url} serves an index of this model, version and change. */
  public void announce(URI url, String model, int version, long change) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO index_nodes (url, model, index_version, catalog_change, seen_at)"
                        + " VALUES (:url, :model, :version, :change, :now) ON CONFLICT (url) DO"
                        + " UPDATE SET model = :model, index_version = :version,"
                        + " catalog_change = :change, seen_at = :now")
                .bind("url", url.toString())
                .bind("model", model)
                .bind("version", version)
                .bind("change", change)
                .bind("now", clock.millis())
                .execute());
  }

  /** Forgets the node at {@code url} (it stops serving). */
  public void withdraw(URI url) {
    jdbi.useHandle(
        h ->
            h.createUpdate("DELETE FROM index_nodes WHERE url = :url")
                .bind("url", url.toString())
                .execute());
  }

  /**
   * The nodes other than {@code self} (may be null) that announced an index of this model and
   * version within {@link #FRESH}, the most up to date first.
   */
  public List<URI> peers(String model, int version, URI self) {
    return jdbi.withHandle(
        h ->
            h
                .createQuery(
                    "SELECT url FROM index_nodes WHERE model = :model AND index_version = :version"
                        + " AND seen_at >= :since AND url <> :self"
                        + " ORDER BY catalog_change DESC, seen_at DESC")
                .bind("model", model)
                .bind("version", version)
                .bind("since", clock.millis() - FRESH.toMillis())
                .bind("self", self == null ? "" : self.toString())
                .mapTo(String.class)
                .stream()
                .map(URI::create)
                .toList());
  }
}
