package org.paperboy.paper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A paper's metadata as the catalog keeps it.
 *
 * @param id the arXiv id without version, or a local id ({@code local-…}) for papers without one
 * @param version the arXiv version this metadata describes, 0 when the source did not say
 * @param title the title as the source wrote it (LaTeX kept)
 * @param abstractText the abstract
 * @param authors the authors in order
 * @param categories the arXiv categories, primary first
 * @param published the date of version 1, or null
 * @param updated the date of the latest version known, or null
 * @param doi the DOI, or null
 * @param journalRef the journal reference, or null
 * @param comments the authors' comments (pages, figures, venue), or null
 * @param license the license URL, or null
 * @param codeUrl the code repository URL, or null
 * @param codeStars the code repository's stars when last seen, or null
 * @param projectPage the project page URL, or null
 * @param aiSummary a one-line summary from Hugging Face, or null
 * @param aiKeywords keywords from Hugging Face, possibly empty
 * @param organization the organization that claims the paper on Hugging Face, or null
 * @param source the format this metadata came from, e.g. {@code oai-arXiv}
 */
public record Paper(
    String id,
    int version,
    String title,
    String abstractText,
    List<Author> authors,
    List<String> categories,
    LocalDate published,
    LocalDate updated,
    String doi,
    String journalRef,
    String comments,
    String license,
    String codeUrl,
    Integer codeStars,
    String projectPage,
    String aiSummary,
    List<String> aiKeywords,
    Organization organization,
    String source) {

  /** Checks the fields every paper needs and makes the lists immutable. */
  public Paper {
    Objects.requireNonNull(id, "id");
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("paper " + id + " has no title");
    }
    abstractText = abstractText == null ? "" : abstractText;
    authors = authors == null ? List.of() : List.copyOf(authors);
    categories = categories == null ? List.of() : List.copyOf(categories);
    aiKeywords = aiKeywords == null ? List.of() : List.copyOf(aiKeywords);
    Objects.requireNonNull(source, "source");
  }

  /** Starts a paper with the fields every source has; the rest are set with {@code with…}. */
  public static Builder builder(String id, String title, String source) {
    return new Builder(id, title, source);
  }

  /** The primary category, or null. */
  public String primaryCategory() {
    return categories.isEmpty() ? null : categories.get(0);
  }

  /** Whether the id is an arXiv id (not a local one). */
  public boolean hasArxivId() {
    return hasArxivId(id);
  }

  /** Whether a paper id is an arXiv id (not a local one). */
  public static boolean hasArxivId(String id) {
    return !id.startsWith(LOCAL_PREFIX);
  }

  static final String LOCAL_PREFIX = "local-";

  /**
   * The title reduced to lower-case letters and digits, so the same title from two sources
   * (different spacing, punctuation, line breaks, accents) gives the same key.
   */
  public static String titleKey(String title) {
    String s = Normalizer.normalize(title, Normalizer.Form.NFKD).toLowerCase();
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c) && Character.getType(c) != Character.NON_SPACING_MARK) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The title's words for a phrase search: letters and digits of each word (accents removed), one
   * space between words, lower case; empty when the title has none.
   */
  public static String titleWords(String title) {
    String s = Normalizer.normalize(title, Normalizer.Form.NFKD).toLowerCase();
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c) && Character.getType(c) != Character.NON_SPACING_MARK) {
        if (space && out.length() > 0) {
          out.append(' ');
        }
        out.append(c);
        space = false;
      } else if (Character.getType(c) != Character.NON_SPACING_MARK) {
        space = true;
      }
    }
    return out.toString();
  }

  /** A stable id for a paper known only by its title: {@code local-} and a hash of its key. */
  public static String localId(String title) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(titleKey(title).getBytes(StandardCharsets.UTF_8));
      return LOCAL_PREFIX + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** A copy with another id (a local paper that turned out to have an arXiv id, or vice versa). */
  public Paper withId(String newId) {
    return toBuilder().id(newId).build();
  }

  /** A builder holding this paper's fields. */
  public Builder toBuilder() {
    Builder b = new Builder(id, title, source);
    b.version = version;
    b.abstractText = abstractText;
    b.authors = authors;
    b.categories = categories;
    b.published = published;
    b.updated = updated;
    b.doi = doi;
    b.journalRef = journalRef;
    b.comments = comments;
    b.license = license;
    b.codeUrl = codeUrl;
    b.codeStars = codeStars;
    b.projectPage = projectPage;
    b.aiSummary = aiSummary;
    b.aiKeywords = aiKeywords;
    b.organization = organization;
    return b;
  }

  /** Builds a {@link Paper} field by field; readers use it so field order never matters. */
  public static final class Builder {
    private String id;
    private final String title;
    private final String source;
    private int version;
    private String abstractText = "";
    private List<Author> authors = List.of();
    private List<String> categories = List.of();
    private LocalDate published;
    private LocalDate updated;
    private String doi;
    private String journalRef;
    private String comments;
    private String license;
    private String codeUrl;
    private Integer codeStars;
    private String projectPage;
    private String aiSummary;
    private List<String> aiKeywords = List.of();
    private Organization organization;

    private Builder(String id, String title, String source) {
      this.id = id;
      this.title = title;
      this.source = source;
    }

    public Builder id(String v) {
      id = v;
      return this;
    }

    public Builder version(int v) {
      version = v;
      return this;
    }

    public Builder abstractText(String v) {
      abstractText = v;
      return this;
    }

    public Builder authors(List<Author> v) {
      authors = v;
      return this;
    }

    public Builder categories(List<String> v) {
      categories = v;
      return this;
    }

    public Builder published(LocalDate v) {
      published = v;
      return this;
    }

    public Builder updated(LocalDate v) {
      updated = v;
      return this;
    }

    public Builder doi(String v) {
      doi = v;
      return this;
    }

    public Builder journalRef(String v) {
      journalRef = v;
      return this;
    }

    public Builder comments(String v) {
      comments = v;
      return this;
    }

    public Builder license(String v) {
      license = v;
      return this;
    }

    public Builder codeUrl(String v) {
      codeUrl = v;
      return this;
    }

    public Builder codeStars(Integer v) {
      codeStars = v;
      return this;
    }

    public Builder projectPage(String v) {
      projectPage = v;
      return this;
    }

    public Builder aiSummary(String v) {
      aiSummary = v;
      return this;
    }

    public Builder aiKeywords(List<String> v) {
      aiKeywords = v;
      return this;
    }

    public Builder organization(Organization v) {
      organization = v;
      return this;
    }

    public Paper build() {
      return new Paper(
          id,
          version,
          title,
          abstractText,
          authors,
          categories,
          published,
          updated,
          doi,
          journalRef,
          comments,
          license,
          codeUrl,
          codeStars,
          projectPage,
          aiSummary,
          aiKeywords,
          organization,
          source);
    }
  }
}
