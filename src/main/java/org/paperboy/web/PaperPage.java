package org.paperboy.web;

import java.util.List;
import org.paperboy.paper.Author;

/**
 * A paper's own page: all its metadata and the days it was listed.
 *
 * @param id the paper's id, which the page's script finds its counts by
 * @param title the title as imported (LaTeX kept)
 * @param arxivId the arXiv id with version when known (e.g. 2503.11731v2), or null for a local
 *     paper
 * @param canonical this page's path without version
 * @param authors the authors in order, with affiliations when known
 * @param abstractParagraphs the abstract, split at blank lines
 * @param categories the arXiv categories, primary first
 * @param published the date of version 1 as shown, or null
 * @param updated the date of the latest version as shown, or null
 * @param version the latest version known, 0 when unknown
 * @param doi the DOI, or null
 * @param doiUrl the doi.org link for the DOI, or null
 * @param journalRef the journal reference, or null
 * @param comments the authors' comments, or null
 * @param license the license as given, or null
 * @param licenseUrl the license when it is a web link, or null
 * @param absUrl the arXiv abstract page, or null
 * @param pdfUrl the arXiv PDF, or null
 * @param codeUrl the code repository, or null
 * @param codeLabel the code repository's short name, or null
 * @param codeStars the code repository's stars, or null
 * @param projectPage the project page, or null
 * @param aiSummary Hugging Face's AI-written one-line summary, or null
 * @param aiKeywords Hugging Face's AI-chosen keywords, possibly none
 * @param submittedBy who submitted it to a daily list (the latest day's submitter), or null
 * @param organization the organization that claims it on Hugging Face, as shown, or null
 * @param organizationUrl that organization's Hugging Face page, or null
 * @param listings the days the paper was listed, newest first
 * @param description the start of the abstract, for search engines and link previews
 * @param similar papers like this one (nearest neighbours of its embedding), best first
 * @param community upvotes, comments and the viewer's forms, or null on a read-only site
 */
public record PaperPage(
    String id,
    String title,
    String arxivId,
    String canonical,
    List<Author> authors,
    List<String> abstractParagraphs,
    List<Category> categories,
    String published,
    String updated,
    int version,
    String doi,
    String doiUrl,
    String journalRef,
    String comments,
    String license,
    String licenseUrl,
    String absUrl,
    String pdfUrl,
    String codeUrl,
    String codeLabel,
    Integer codeStars,
    String projectPage,
    String aiSummary,
    List<String> aiKeywords,
    String submittedBy,
    String organization,
    String organizationUrl,
    List<ListedOn> listings,
    String description,
    List<Similar> similar,
    PaperCommunity community) {

  /**
   * A paper like this one.
   *
   * @param href its page
   * @param title its title as imported
   */
  public record Similar(String href, String title) {}

  /**
   * An arXiv category.
   *
   * @param name e.g. cs.CL
   * @param primary whether it is the paper's primary category
   */
  public record Category(String name, boolean primary) {}

  /**
   * A day the paper was on the list.
   *
   * @param href that day's list
   * @param label the day as shown
   * @param isoDate the day as yyyy-mm-dd
   * @param upvotes upvotes as imported for that day
   * @param comments comment count as imported for that day
   */
  public record ListedOn(String href, String label, String isoDate, int upvotes, int comments) {}
}
