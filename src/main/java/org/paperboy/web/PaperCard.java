package org.paperboy.web;

import java.util.List;
import org.paperboy.paper.Author;
import org.paperboy.paper.ListEntry;
import org.paperboy.paper.ListedPaper;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.trending.TrendingScore;

/**
 * One paper as a card on a day's list.
 *
 * @param id the paper's id, which the page's script finds its counts by
 * @param href the paper page
 * @param title the title as imported (LaTeX kept)
 * @param authors the names shown, in order
 * @param moreAuthors how many more authors there are beyond those shown
 * @param hiddenAuthors the names of those further authors, revealed on request
 * @param excerpt the start of the abstract
 * @param absUrl the arXiv abstract page, or null for a paper without arXiv id
 * @param pdfUrl the arXiv PDF, or null
 * @param upvotes upvotes as imported
 * @param comments comment count as imported
 * @param codeUrl the code repository, or null
 * @param codeStars the code repository's stars, or null
 * @param submitter who put it on the list (Hugging Face's "submitted by"), or null
 * @param isNew whether the paper is new on this list ({@link org.paperboy.lists.Lists#isNew})
 * @param listedOn the ISO date of the list day it is shown for, which the "new" badge names
 * @param crossListFrom the primary category of a cross-list on an arXiv announcement list ({@link
 *     org.paperboy.lists.Lists#crossListFrom}), or null
 * @param trendingWhy how the paper's trending score was computed, or null outside trending views
 * @param actions the upvote button and curation controls, or null on a read-only site
 */
public record PaperCard(
    String id,
    String href,
    String title,
    List<String> authors,
    int moreAuthors,
    List<String> hiddenAuthors,
    String excerpt,
    String absUrl,
    String pdfUrl,
    int upvotes,
    int comments,
    String codeUrl,
    Integer codeStars,
    String submitter,
    boolean isNew,
    String listedOn,
    String crossListFrom,
    String trendingWhy,
    CardActions actions) {

  /** Lists up to this many authors in full; a longer list shows one fewer and "+N more". */
  static final int AUTHORS_SHOWN = 6;

  /** About three lines of a card; the paper page has the whole abstract. */
  static final int EXCERPT_CHARS = 320;

  static PaperCard of(ListedPaper listed) {
    return of(listed.paper(), listed.listing(), false, null, null);
  }

  /**
   * A card for a list entry, with the "new" badge, the cross-list mark and, on trending views, the
   * score's reason.
   */
  static PaperCard of(ListEntry entry, boolean isNew, String crossListFrom, TrendingScore score) {
    return of(
        entry.paper(),
        entry.listing(),
        isNew,
        crossListFrom,
        score == null ? null : score.explanation());
  }

  private static PaperCard of(
      Paper p, Listing listing, boolean isNew, String crossListFrom, String trendingWhy) {
    List<String> names = p.authors().stream().map(Author::name).toList();
    int shown = names.size() <= AUTHORS_SHOWN ? names.size() : AUTHORS_SHOWN - 1;
    boolean arxiv = p.hasArxivId();
    String codeUrl = ExternalLinks.web(p.codeUrl());
    return new PaperCard(
        p.id(),
        Routes.paper(p.id()),
        p.title(),
        names.subList(0, shown),
        names.size() - shown,
        names.subList(shown, names.size()),
        excerpt(p.abstractText(), EXCERPT_CHARS),
        arxiv ? ExternalLinks.arxivAbs(p.id()) : null,
        arxiv ? ExternalLinks.arxivPdf(p.id()) : null,
        listing.upvotes(),
        listing.comments(),
        codeUrl,
        codeUrl == null ? null : p.codeStars(),
        listing.submitter(),
        isNew,
        listing.date().toString(),
        crossListFrom,
        trendingWhy,
        null);
  }

  /** This card with buttons. */
  PaperCard with(CardActions buttons) {
    return new PaperCard(
        id,
        href,
        title,
        authors,
        moreAuthors,
        hiddenAuthors,
        excerpt,
        absUrl,
        pdfUrl,
        upvotes,
        comments,
        codeUrl,
        codeStars,
        submitter,
        isNew,
        listedOn,
        crossListFrom,
        trendingWhy,
        buttons);
  }

  /** The card's upvote button; only for a card with buttons. */
  public VoteButton vote() {
    return new VoteButton(
        actions.voteAction(), actions.csrf(), actions.next(), actions.voted(), upvotes);
  }

  /** The names shown, joined for display. */
  public String authorLine() {
    return String.join(", ", authors);
  }

  /**
   * The text with whitespace collapsed, cut at a word boundary near {@code max} characters and
   * ended with an ellipsis. A cut inside {@code $…$} would leave half a formula for the math
   * renderer, so an unmatched dollar sign ends the excerpt early.
   */
  static String excerpt(String text, int max) {
    String s = text.strip().replaceAll("\\s+", " ");
    if (s.length() <= max) {
      return s;
    }
    int cut = s.lastIndexOf(' ', max);
    if (cut < max / 2) {
      cut = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    }
    String head = s.substring(0, cut);
    int open = unmatchedDollar(head);
    if (open >= 0) {
      head = head.substring(0, open);
    }
    return head.stripTrailing() + "…";
  }

  /** The index of the last unescaped {@code $} when their count is odd, else -1. */
  private static int unmatchedDollar(String s) {
    int count = 0;
    int last = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++; // \$ is a literal dollar, not math
      } else if (c == '$') {
        count++;
        last = i;
      }
    }
    return count % 2 == 1 ? last : -1;
  }
}
