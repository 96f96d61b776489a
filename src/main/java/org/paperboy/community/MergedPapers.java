package org.paperboy.community;

import org.jdbi.v3.core.Handle;
import org.paperboy.paper.Catalog;

/**
 * Moves what readers did with a local paper (one known only by its title, e.g. from the seed page)
 * to the arXiv paper the catalog merges it into: upvotes, comments, papers saved in collections and
 * "not for me". Where a reader already has the same on the arXiv paper (voted for both, saved both
 * to one collection), the arXiv paper's stays and the other goes with the local paper.
 */
public final class MergedPapers implements Catalog.Absorber {

  @Override
  public void move(Handle h, String fromId, String toId) {
    Catalog.moveRows(h, "votes", "user_id", fromId, toId);
    Catalog.moveRows(h, "unwanted_papers", "user_id", fromId, toId);
    Catalog.moveRows(h, "collection_papers", "collection_id", fromId, toId);
    h.createUpdate("UPDATE comments SET paper_id = :to WHERE paper_id = :from")
        .bind("from", fromId)
        .bind("to", toId)
        .execute();
  }
}
