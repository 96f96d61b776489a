package org.paperboy.ingest;

import java.io.IOException;
import java.util.List;
import org.paperboy.paper.Catalog;

/**
 * Gives papers that came from Hugging Face lists (which carry no arXiv categories) their
 * categories, so category filters, {@code cat:} searches and digest categories find them: asks the
 * arXiv API for up to {@value #PER_RUN} of them per run, {@value ArxivFetcher#IDS_PER_REQUEST} ids
 * to a request ({@code id_list}), at the fetcher's polite pace. The catalog's upsert fills the
 * missing fields and keeps the list entries; ids arXiv does not know are counted and left alone.
 */
public final class CategoryFiller {

  /** Papers looked up per run: five requests. */
  static final int PER_RUN = 500;

  /** What a run did: papers given categories, and ids arXiv did not know. */
  public record Summary(int asked, int filled, int notFound) {}

  private final Catalog catalog;
  private final ArxivFetcher fetcher;

  /** A filler storing what the fetcher finds into the catalog. */
  public CategoryFiller(Catalog catalog, ArxivFetcher fetcher) {
    this.catalog = catalog;
    this.fetcher = fetcher;
  }

  /** Looks up the newest uncategorized papers once. */
  public Summary run() throws IOException, InterruptedException {
    List<String> ids = catalog.uncategorized(PER_RUN);
    if (ids.isEmpty()) {
      return new Summary(0, 0, 0);
    }
    ArxivFetcher.Result r = fetcher.fetch(ids);
    int filled =
        (int) r.found().values().stream().filter(o -> o != Catalog.Outcome.UNCHANGED).count();
    return new Summary(ids.size(), filled, r.notFound().size());
  }
}
