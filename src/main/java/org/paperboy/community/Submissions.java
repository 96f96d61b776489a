package org.paperboy.community;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.store.ChangeCounters;
import org.paperboy.store.Database;

/**
 * Submissions of papers to today's list by signed-in readers, by arXiv id or URL. Metadata comes
 * from the catalog, else from a {@link PaperLookup} (the arXiv API), and is stored in the catalog.
 * As on Hugging Face, a paper may be submitted only within {@code maxAgeDays} of its first
 * publication ({@code PAPERBOY_SUBMIT_MAX_AGE_DAYS}), and only once: a paper already on any list is
 * a duplicate.
 */
public final class Submissions {

  /** The {@code source} of list entries made by submission. */
  public static final String SOURCE = "submission";

  /**
   * A paper that was put on a list.
   *
   * @param paper the paper
   * @param date the list's day
   * @param fetched whether its metadata had to be fetched (it was not in the catalog)
   */
  public record Submitted(Paper paper, LocalDate date, boolean fetched) {}

  private final Jdbi jdbi;
  private final ChangeCounters changes;
  private final Catalog catalog;
  private final PaperLookup lookup;
  private final int maxAgeDays;
  private final Clock clock;
  private final Writes writes;

  /**
   * Submissions to the lists of the given catalog, within the limits of {@code writes}; today is
   * the clock's date.
   */
  public Submissions(
      Database database,
      Catalog catalog,
      PaperLookup lookup,
      int maxAgeDays,
      Writes writes,
      Clock clock) {
    this.jdbi = database.jdbi();
    this.changes = database.changeCounters();
    this.catalog = catalog;
    this.lookup = lookup;
    this.maxAgeDays = maxAgeDays;
    this.clock = clock;
    this.writes = writes;
  }

  /**
   * Puts a paper on today's list, at the end. Refused with {@code BAD_INPUT} for text that is not
   * an arXiv id or URL and for a paper published too long ago, {@code NOT_FOUND} for an id arXiv
   * does not know, {@code CONFLICT} for a paper already on a list, {@code UNAVAILABLE} when arXiv
   * cannot be reached.
   */
  public Submitted submit(User actor, String idOrUrl) {
    writes.check(actor, Writes.Kind.SUBMISSION, "Sign in to submit a paper");
    String text = idOrUrl == null ? "" : idOrUrl.strip();
    if (text.isEmpty()) {
      throw CommunityException.badInput("Enter an arXiv id or URL");
    }
    if (text.length() > 200) {
      throw CommunityException.badInput("That is too long to be an arXiv id or URL");
    }
    ArxivId id =
        ArxivId.parse(text)
            .orElseThrow(
                () ->
                    CommunityException.badInput(
                        "'"
                            + text
                            + "' is not an arXiv id or URL; expected something like 2503.11731"
                            + " or https://arxiv.org/abs/2503.11731"));
    LocalDate today = LocalDate.now(clock);
    Optional<LocalDate> listed = listedOn(id.id());
    if (listed.isPresent()) {
      throw CommunityException.conflict(
          id.id() + " is already on the list of " + listed.get() + "; upvote it there instead");
    }
    Optional<Paper> stored = catalog.find(id.id());
    Paper paper;
    boolean fetched = false;
    if (stored.isPresent()) {
      paper = stored.get();
    } else {
      Optional<Paper> found;
      try {
        found = lookup.lookup(new ArxivId(id.id(), 0));
      } catch (RuntimeException e) {
        throw new CommunityException(
            CommunityException.Reason.UNAVAILABLE,
            "arXiv could not be reached to look up " + id.id() + "; try again later",
            e);
      }
      paper = found.orElseThrow(() -> CommunityException.notFound("arXiv has no paper " + id.id()));
      fetched = true;
    }
    LocalDate published = paper.published() != null ? paper.published() : paper.updated();
    if (published != null && ChronoUnit.DAYS.between(published, today) > maxAgeDays) {
      throw CommunityException.badInput(
          "Papers can be submitted within "
              + maxAgeDays
              + " days of publication; "
              + id.id()
              + " was published on "
              + published);
    }
    if (fetched) {
      catalog.apply(List.of(PaperRecord.of(paper)));
    }
    String paperId = paper.id();
    int inserted =
        jdbi.inTransaction(
            h -> {
              int n =
                  h.createUpdate(
                          "INSERT INTO daily_entries (list_date, paper_id, position, submitter,"
                              + " upvotes, num_comments, source, submitted_by) SELECT :d, :p,"
                              + " COALESCE(MAX(position) + 1, 0), :name, 0, 0, :src, :u FROM"
                              + " daily_entries WHERE list_date = :d ON CONFLICT (list_date,"
                              + " paper_id) DO NOTHING")
                      .bind("d", today.toString())
                      .bind("p", paperId)
                      .bind("name", actor.displayName())
                      .bind("src", SOURCE)
                      .bind("u", actor.id())
                      .execute();
              if (n > 0) {
                changes.bump(h, ChangeCounters.COMMUNITY);
              }
              return n;
            });
    if (inserted == 0) {
      throw CommunityException.conflict(paperId + " is already on the list of " + today);
    }
    return new Submitted(paper, today, fetched);
  }

  private Optional<LocalDate> listedOn(String paperId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT MAX(list_date) FROM daily_entries WHERE paper_id = :p")
                .bind("p", paperId)
                .mapTo(String.class)
                .findOne()
                .map(LocalDate::parse));
  }
}
