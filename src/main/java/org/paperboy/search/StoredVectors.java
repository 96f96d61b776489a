package org.paperboy.search;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperVectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Papers' meaning without the search index: their vectors as the database keeps them ({@link
 * PaperVectors}) and the model, for short texts such as a subscriber's topics. For a process that
 * cannot open the index, above all a {@code digest send} beside a running {@code serve}, which
 * holds the index's write lock. The vectors are those of the model {@code serve} embeds with
 * ({@link PaperSearch#defaultModel}), and a paper's vector counts only while the paper has the text
 * it was made from, as in the index: what the index would give, read from where the index reads it.
 * The model is loaded on first use (about a second), so a run that embeds nothing never loads it.
 */
public final class StoredVectors implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StoredVectors.class);

  private final PaperVectors vectors;
  private final String model = PaperSearch.defaultModel();
  private Embedder embedder;
  private boolean closed;

  /** The vectors in {@code vectors}' database. */
  public StoredVectors(PaperVectors vectors) {
    this.vectors = vectors;
  }

  /** The name of the model the vectors are made with. */
  public String model() {
    return model;
  }

  /**
   * The vectors of those papers that have one made from their current title and abstract, keyed by
   * paper id; the same vectors {@link PaperSearch#vectors} gives once the index has them.
   */
  public Map<String, float[]> of(Collection<Paper> papers) {
    Map<String, Paper> byId = new HashMap<>();
    papers.forEach(p -> byId.put(p.id(), p));
    Map<String, float[]> out = new HashMap<>();
    vectors
        .find(model, byId.keySet())
        .forEach(
            (id, stored) -> {
              if (stored.textHash().equals(PaperSearch.textHash(byId.get(id)))) {
                out.put(id, stored.vector());
              }
            });
    return out;
  }

  /** The vector of a free text, made as {@link PaperSearch#embedQuery} makes it. */
  public synchronized float[] embedQuery(String text) {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (embedder == null) {
      long t0 = System.nanoTime();
      embedder = Embedder.load(Embedder.DEFAULT_MAX_TOKENS, 1);
      LOG.info(
          "Loaded the embedding model {} in {} ms",
          embedder.name(),
          (System.nanoTime() - t0) / 1_000_000);
    }
    return embedder.embed(text);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (embedder != null) {
      embedder.close();
      embedder = null;
    }
  }
}
