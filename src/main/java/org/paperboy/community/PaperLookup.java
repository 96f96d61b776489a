package org.paperboy.community;

import java.util.Optional;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;

/**
 * Finds a paper's metadata outside the catalog, for submissions of papers not yet harvested. The
 * CLI and the web layer wire it to the arXiv API client in {@code ingest}, which this package may
 * not import.
 */
@FunctionalInterface
public interface PaperLookup {

  /**
   * The paper with this id, or empty when the source does not know it; throws when the source
   * cannot be reached.
   */
  Optional<Paper> lookup(ArxivId id);
}
