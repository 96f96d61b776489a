package org.paperboy.web;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.paperboy.paper.Author;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;

/**
 * A paper as Markdown, what {@code /papers/ID.md} answers, as Hugging Face serves its paper pages
 * to programs ({@code huggingface_hub}'s {@code read_paper}, {@code hf papers read}): the title as
 * the heading, then the authors, the links (arXiv, PDF, code, project page, this page), the AI
 * summary and keywords, and the abstract. LaTeX stays as written; the text is served as {@code
 * text/markdown}, never as HTML.
 */
final class PaperMarkdown {

  private PaperMarkdown() {}

  static String of(Paper p, List<Listing> listings, URI baseUrl) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(line(p.title())).append("\n\n");
    if (!p.authors().isEmpty()) {
      md.append("**Authors:** ")
          .append(
              p.authors().stream()
                  .map(Author::name)
                  .map(PaperMarkdown::line)
                  .collect(Collectors.joining(", ")))
          .append("\n\n");
    }
    if (p.published() != null) {
      md.append("**Published:** ").append(p.published()).append("\n\n");
    }
    if (!listings.isEmpty()) {
      Listing l = listings.get(0);
      md.append("**On the daily list of:** ")
          .append(l.date())
          .append(l.submitter() == null ? "" : " (submitted by " + line(l.submitter()) + ")")
          .append(" · ")
          .append(l.upvotes())
          .append(l.upvotes() == 1 ? " upvote" : " upvotes")
          .append("\n\n");
    }
    md.append("## Links\n\n");
    if (p.hasArxivId()) {
      link(md, "arXiv", ExternalLinks.arxivAbs(p.id()));
      link(md, "PDF", ExternalLinks.arxivPdf(p.id()));
    }
    String code = ExternalLinks.web(p.codeUrl());
    if (code != null) {
      md.append("- Code: <")
          .append(code)
          .append(">")
          .append(p.codeStars() == null ? "" : " (" + p.codeStars() + " stars)")
          .append('\n');
    }
    link(md, "Project page", ExternalLinks.web(p.projectPage()));
    if (p.organization() != null) {
      md.append("- Organization: ")
          .append(
              line(
                  p.organization().fullName() != null
                      ? p.organization().fullName()
                      : p.organization().name()))
          .append('\n');
    }
    String base = baseUrl.toString().replaceAll("/+$", "");
    link(md, "Paper page", base + Routes.paper(p.id()));
    md.append('\n');
    if (p.aiSummary() != null && !p.aiSummary().isBlank()) {
      md.append("## AI-generated summary\n\n").append(p.aiSummary().strip()).append("\n\n");
      if (!p.aiKeywords().isEmpty()) {
        md.append("**AI keywords:** ")
            .append(
                p.aiKeywords().stream().map(PaperMarkdown::line).collect(Collectors.joining(", ")))
            .append("\n\n");
      }
    }
    md.append("## Abstract\n\n");
    md.append(String.join("\n\n", PaperPages.paragraphs(p.abstractText()))).append('\n');
    return md.toString();
  }

  private static void link(StringBuilder md, String label, String url) {
    if (url != null) {
      md.append("- ").append(label).append(": <").append(url).append(">\n");
    }
  }

  /** A value on one line: imported text may carry line breaks that would end a Markdown block. */
  private static String line(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }
}
