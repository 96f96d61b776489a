package org.paperboy.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.paperboy.paper.Author;
import org.paperboy.paper.Json;
import org.paperboy.paper.ListEntry;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.trending.TrendingScore;

/**
 * The JSON API's documents, in the shapes of Hugging Face's {@code /api/daily_papers} and {@code
 * /api/papers/{id}} (field names, nesting, date format), so scripts written for it work here by
 * changing the base URL. Fields Paperboy does not have (avatars, media, HF's internal ids) are left
 * out rather than invented; fields without a value are omitted, as HF does (the shared {@link Json}
 * configuration does that). Links are passed only when they are http(s) URLs.
 */
final class ApiJson {

  /** HF writes instants with milliseconds and Z: 2026-06-25T00:00:00.000Z. */
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

  private ApiJson() {}

  /** An author as HF lists them: name, and whether hidden (never, here). */
  record ApiAuthor(String name, boolean hidden) {}

  /** A user as HF nests them; Paperboy knows only the submitter's display name. */
  record ApiUser(String fullname) {}

  /** An organization as HF nests them: its account name and the name it shows. */
  record ApiOrganization(String name, String fullname) {}

  /**
   * A paper: HF's {@code paper} object, with every field {@code huggingface_hub}'s {@code
   * PaperInfo} reads: {@code discussionId} is the paper's comment thread here (named by the paper's
   * id), {@code numComments} its comments (imported and local), as on its page.
   */
  record ApiPaper(
      String id,
      List<ApiAuthor> authors,
      String publishedAt,
      String submittedOnDailyAt,
      String title,
      ApiUser submittedOnDailyBy,
      String summary,
      int upvotes,
      String projectPage,
      String githubRepo,
      Integer githubStars,
      @JsonProperty("ai_summary") String aiSummary,
      @JsonProperty("ai_keywords") List<String> aiKeywords,
      ApiOrganization organization,
      String discussionId,
      Integer numComments) {}

  /** One item of a daily list: HF's {@code daily_papers} array element. */
  record ApiDailyItem(
      ApiPaper paper,
      String publishedAt,
      String title,
      String summary,
      int numComments,
      ApiUser submittedBy,
      ApiOrganization organization) {}

  /**
   * Why a paper trends: its score and every number that went into it (see {@code /about/trending}).
   */
  record ApiTrending(
      double score,
      int upvotes,
      int comments,
      int stars,
      double ageHours,
      double points,
      String explanation,
      String formula) {}

  static ApiTrending trending(TrendingScore s) {
    return new ApiTrending(
        s.score(),
        s.upvotes(),
        s.comments(),
        s.stars(),
        s.ageHours(),
        s.points(),
        s.explanation(),
        String.format(
            Locale.ROOT,
            "(upvotes + %.0f × comments + %.0f × log2(1 + stars)) / (ageHours + %.0f)^%.1f",
            TrendingScore.COMMENT_WEIGHT,
            TrendingScore.STAR_WEIGHT,
            TrendingScore.AGE_OFFSET_HOURS,
            TrendingScore.GRAVITY));
  }

  static ApiPaper paper(Paper p, Listing listing) {
    return paper(p, listing, true);
  }

  /**
   * A paper; {@code withComments}: with its {@code numComments}, which Hugging Face gives a paper
   * of {@code /api/papers/{id}} and a daily item (not the item's paper).
   */
  static ApiPaper paper(Paper p, Listing listing, boolean withComments) {
    String codeUrl = ExternalLinks.web(p.codeUrl());
    ApiUser submitter =
        listing == null || listing.submitter() == null ? null : new ApiUser(listing.submitter());
    return new ApiPaper(
        p.id(),
        p.authors().stream().map(Author::name).map(n -> new ApiAuthor(n, false)).toList(),
        instant(p.published()),
        listing == null ? null : instant(listing.date()),
        p.title(),
        submitter,
        p.abstractText(),
        listing == null ? 0 : listing.upvotes(),
        ExternalLinks.web(p.projectPage()),
        codeUrl,
        codeUrl == null ? null : p.codeStars(),
        p.aiSummary(),
        p.aiKeywords().isEmpty() ? null : p.aiKeywords(),
        p.organization() == null
            ? null
            : new ApiOrganization(p.organization().name(), p.organization().fullName()),
        // A paper's discussion here is its comment thread, named by the paper's id.
        p.id(),
        listing == null || !withComments ? null : listing.comments());
  }

  static ApiDailyItem item(ListEntry e) {
    ApiPaper paper = paper(e.paper(), e.listing(), false);
    return new ApiDailyItem(
        paper,
        paper.submittedOnDailyAt(),
        e.paper().title(),
        e.paper().abstractText(),
        e.listing().comments(),
        paper.submittedOnDailyBy(),
        paper.organization());
  }

  static String instant(LocalDate date) {
    return date == null ? null : INSTANT.format(date.atStartOfDay(ZoneOffset.UTC));
  }

  static byte[] bytes(Object value) {
    try {
      return Json.MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
