package org.paperboy.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.paperboy.lists.Lists;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.search.PaperSearch;

/** The paper page at {@link Routes#PAPER}. */
final class PaperPages {

  /** Search engines show about this much of a description. */
  private static final int DESCRIPTION_CHARS = 160;

  /** Similar papers shown under a paper. */
  static final int SIMILAR_SHOWN = 5;

  private final Catalog catalog;
  private final Lists lists;
  private final PaperSearch search;
  private final DateLabels dates;
  private final Templates templates;
  private final CommunityPages community;
  private final java.net.URI baseUrl;

  PaperPages(
      Catalog catalog,
      Lists lists,
      PaperSearch search,
      DateLabels dates,
      Templates templates,
      CommunityPages community,
      java.net.URI baseUrl) {
    this.baseUrl = baseUrl;
    this.catalog = catalog;
    this.lists = lists;
    this.search = search;
    this.dates = dates;
    this.templates = templates;
    this.community = community;
  }

  void paper(Context ctx) throws IOException {
    paper(ctx, null);
  }

  /**
   * Posts a comment; a preview or a refusal shows the paper's page again, with the status the
   * comment handler set and the text in its form.
   */
  void comment(Context ctx) throws IOException {
    PaperCommunity.Draft draft = community.comment(ctx);
    if (draft != null) {
      paper(ctx, draft);
    }
  }

  private void paper(Context ctx, PaperCommunity.Draft draft) throws IOException {
    String id = ctx.pathParam(Routes.ID_PARAM);
    if (id.endsWith(Routes.MARKDOWN) && catalog.find(id).isEmpty()) {
      markdown(ctx, id.substring(0, id.length() - Routes.MARKDOWN.length()));
      return;
    }
    // find() accepts versioned ids (2503.11731v2) and any case of old-style archives.
    Optional<Paper> paper = catalog.find(id);
    if (paper.isEmpty()) {
      templates.send(ctx, 404, "message.jte", MessagePage.paperNotFound(id));
      return;
    }
    Paper p = paper.get();
    List<PaperPage.Similar> similar =
        search.similar(p.id(), SIMILAR_SHOWN).orElse(List.of()).stream()
            .map(h -> new PaperPage.Similar(Routes.paper(h.id()), h.title()))
            .toList();
    List<Listing> imported = catalog.listingsOf(p.id());
    int importedComments = imported.stream().mapToInt(Listing::comments).max().orElse(0);
    PaperCommunity block = community.paperBlock(ctx, p, importedComments, draft);
    if (block.signedIn()) {
      ctx.header("Cache-Control", "private, no-store");
    }
    templates.send(
        ctx,
        draft == null ? 200 : ctx.statusCode(),
        "paper.jte",
        page(p, lists.counted(p.id(), imported), similar, block));
  }

  /** The paper as Markdown ({@link PaperMarkdown}); 404 as plain text for an unknown id. */
  private void markdown(Context ctx, String id) {
    Templates.markRendered(ctx);
    Optional<Paper> paper = catalog.find(id);
    if (paper.isEmpty()) {
      ctx.status(404)
          .contentType("text/plain; charset=utf-8")
          .result("No paper with the id \"" + id + "\" is here.\n");
      return;
    }
    Paper p = paper.get();
    ctx.header("Vary", "Accept-Encoding")
        .contentType("text/markdown; charset=utf-8")
        .result(PaperMarkdown.of(p, lists.listingsOf(p.id()), baseUrl));
  }

  PaperPage page(
      Paper p, List<Listing> listings, List<PaperPage.Similar> similar, PaperCommunity block) {
    boolean arxiv = p.hasArxivId();
    List<String> categories = p.categories();
    String codeUrl = ExternalLinks.web(p.codeUrl());
    return new PaperPage(
        p.id(),
        p.title(),
        arxiv ? (p.version() > 0 ? p.id() + "v" + p.version() : p.id()) : null,
        Routes.paper(p.id()),
        p.authors(),
        paragraphs(p.abstractText()),
        IntStream.range(0, categories.size())
            .mapToObj(i -> new PaperPage.Category(categories.get(i), i == 0))
            .toList(),
        label(p.published()),
        label(p.updated()),
        p.version(),
        p.doi(),
        p.doi() == null ? null : ExternalLinks.doi(p.doi()),
        p.journalRef(),
        p.comments(),
        p.license(),
        ExternalLinks.web(p.license()),
        arxiv ? ExternalLinks.arxivAbs(p.id()) : null,
        arxiv ? ExternalLinks.arxivPdf(p.id()) : null,
        codeUrl,
        codeUrl == null ? null : ExternalLinks.label(codeUrl),
        codeUrl == null ? null : p.codeStars(),
        ExternalLinks.web(p.projectPage()),
        p.aiSummary(),
        p.aiKeywords(),
        listings.stream()
            .map(Listing::submitter)
            .filter(java.util.Objects::nonNull)
            .findFirst()
            .orElse(null),
        p.organization() == null ? null : p.organization().fullName(),
        p.organization() == null ? null : ExternalLinks.huggingFaceAccount(p.organization().name()),
        listings.stream()
            .map(
                l ->
                    new PaperPage.ListedOn(
                        Routes.day(l.date()),
                        dates.full(l.date()),
                        l.date().toString(),
                        l.upvotes(),
                        l.comments()))
            .toList(),
        PaperCard.excerpt(p.abstractText(), DESCRIPTION_CHARS),
        similar,
        block);
  }

  private String label(LocalDate date) {
    return date == null ? null : dates.full(date);
  }

  /**
   * Splits an abstract at blank lines and joins the hard-wrapped lines inside each paragraph: arXiv
   * abstracts are wrapped near 80 columns, which is not where the reader's lines end.
   */
  static List<String> paragraphs(String text) {
    return Arrays.stream(text.strip().split("\\n\\s*\\n"))
        .map(par -> par.strip().replaceAll("\\s+", " "))
        .filter(par -> !par.isEmpty())
        .toList();
  }
}
