package org.paperboy.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.paperboy.community.Submissions.Submission;

/**
 * The reader's submissions, newest first, each with where it stands; while one waits for arXiv the
 * page's script reloads the list in place.
 *
 * @param rows the submissions
 * @param notice what to say about the submission just made, or null
 * @param pending whether any still waits for arXiv
 */
public record SubmissionsPage(List<Row> rows, String notice, boolean pending) {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("MMM d, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  /**
   * One submission.
   *
   * @param anchor the element id, {@code s-} and the submission's id
   * @param paperId the arXiv id
   * @param title the paper's title when known, else null
   * @param href the paper's page when the catalog has it, else null
   * @param state the state's name in lower case, for the style
   * @param label the state in a few words
   * @param detail what happened, or null
   * @param when when it was submitted
   * @param date the list's day, yyyy-mm-dd
   * @param current whether it is the one just submitted
   */
  public record Row(
      String anchor,
      String paperId,
      String title,
      String href,
      String state,
      String label,
      String detail,
      String when,
      String date,
      boolean current) {}

  /** The page for these submissions; {@code just} is the id of the one just made, or null. */
  static SubmissionsPage of(List<Submission> submissions, String just) {
    List<Row> rows =
        submissions.stream()
            .map(
                s ->
                    new Row(
                        "s-" + s.id(),
                        s.paperId(),
                        s.title(),
                        s.title() == null ? null : Routes.paper(s.paperId()),
                        s.state().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        s.state().label(),
                        s.detail(),
                        WHEN.format(s.created()),
                        s.date().toString(),
                        s.id().equals(just)))
            .toList();
    String notice =
        submissions.stream()
            .filter(s -> s.id().equals(just))
            .findFirst()
            .map(
                s ->
                    s.state().pending()
                        ? "Submitted "
                            + s.paperId()
                            + ". It is not in the catalog yet, so arXiv is being asked; this page"
                            + " shows the outcome."
                        : "Submitted "
                            + s.paperId()
                            + ": "
                            + s.state().label().toLowerCase(Locale.ROOT)
                            + ".")
            .orElse(null);
    return new SubmissionsPage(
        rows, notice, submissions.stream().anyMatch(s -> s.state().pending()));
  }
}
