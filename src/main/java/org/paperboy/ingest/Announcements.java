package org.paperboy.ingest;

import java.time.LocalDate;
import java.util.function.Predicate;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;

/**
 * Makes arXiv's "new" listing of each announcement day from harvested OAI-PMH records, for
 * instances whose daily lists are arXiv's ({@code PAPERBOY_DAILY_LIST=arxiv}). A record's datestamp
 * is the day arXiv announced it (or last changed it); a first version submitted at most {@value
 * #NEW_WITHIN_DAYS} days before its datestamp was announced as new that day. Replacements and
 * metadata fixes of older papers make no entry. New submissions come first, then cross-lists (a
 * paper whose primary category is outside the harvested sets), each in id order, as on arXiv.
 */
final class Announcements {

  /** Submission to announcement takes one to three working days; holidays add a few. */
  static final int NEW_WITHIN_DAYS = 7;

  /** The list position of a new submission; ties are ordered by id. */
  static final int NEW = 0;

  /** The list position of a cross-list, after every new submission. */
  static final int CROSS_LIST = 1;

  private final Predicate<String> harvested;

  /**
   * @param harvested whether a category belongs to the harvested sets
   */
  Announcements(Predicate<String> harvested) {
    this.harvested = harvested;
  }

  /**
   * The entry of a record on its announcement day's list, or null when it was not announced as new
   * on its datestamp.
   *
   * @param datestamp the record's OAI datestamp, or null
   * @param firstVersion whether the record describes a paper's first version only
   */
  Listing listing(Paper paper, LocalDate datestamp, boolean firstVersion) {
    if (datestamp == null || !firstVersion || paper.published() == null) {
      return null;
    }
    if (paper.published().isAfter(datestamp)
        || paper.published().isBefore(datestamp.minusDays(NEW_WITHIN_DAYS))) {
      return null;
    }
    int position = harvested.test(paper.primaryCategory()) ? NEW : CROSS_LIST;
    return new Listing(datestamp, position, null, 0, 0);
  }
}
