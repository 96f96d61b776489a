package org.paperboy.ingest;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.paperboy.paper.Catalog;

/**
 * Finds the arXiv paper of papers known only by their title (the seed page's text, submissions of a
 * title): asks the arXiv API for each title as a phrase, at the fetcher's polite pace, and when an
 * answer has exactly that title, stores it, so the catalog merges the local paper into it with its
 * list entries and what readers did with it. A title arXiv does not know is asked again after
 * {@link #ASK_AGAIN_AFTER}; up to {@value #PER_RUN} titles are asked per run.
 */
public final class TitleMatcher {

  /** Titles asked per run: at arXiv's one request every three seconds, two and a half minutes. */
  static final int PER_RUN = 50;

  /** How long a title arXiv did not know rests before it is asked again. */
  static final Duration ASK_AGAIN_AFTER = Duration.ofDays(7);

  /** What a run did: titles asked, and papers found on arXiv and merged. */
  public record Summary(int asked, int merged) {}

  private final Catalog catalog;
  private final ArxivFetcher fetcher;
  private final Clock clock;

  public TitleMatcher(Catalog catalog, ArxivFetcher fetcher, Clock clock) {
    this.catalog = catalog;
    this.fetcher = fetcher;
    this.clock = clock;
  }

  /** Looks up the titles due once. */
  public Summary run() throws IOException, InterruptedException {
    Map<String, String> due = catalog.unmatched(PER_RUN, clock.instant().minus(ASK_AGAIN_AFTER));
    int merged = 0;
    for (Map.Entry<String, String> paper : due.entrySet()) {
      if (fetcher.findByTitle(paper.getValue()).isPresent()) {
        merged++;
      } else {
        catalog.titleAsked(paper.getKey());
      }
    }
    return new Summary(due.size(), merged);
  }
}
