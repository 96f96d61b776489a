package org.paperboy.paper;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An arXiv identifier with its optional version: new style ({@code 2503.11731v2}) or old style
 * ({@code hep-th/9901001v1}, {@code math.GT/0309136}). Parses bare ids, {@code arXiv:} prefixes and
 * the links people paste: arXiv's abs, pdf and html pages (also ar5iv's), and a paper's page on
 * Hugging Face, alphaXiv and Semantic Scholar, with or without {@code https://}.
 *
 * @param id the identifier without version
 * @param version the version number, or 0 when none was given
 */
public record ArxivId(String id, int version) {

  private static final Pattern FORM =
      Pattern.compile(
          "(?i)^(?:arxiv:)?(\\d{4}\\.\\d{4,5}|[a-z][a-z.-]*(?:\\.[a-z]{2})?/\\d{7})(?:v(\\d+))?$");
  private static final Pattern URL_PREFIX =
      Pattern.compile(
          "(?i)^(?:https?://)?(?:www\\.|export\\.)?(?:arxiv\\.org/(?:abs|pdf|html|format)"
              + "|ar5iv(?:\\.labs\\.arxiv)?\\.org/(?:abs|html)"
              + "|(?:huggingface|hf)\\.co/papers"
              + "|alphaxiv\\.org/(?:abs|overview|pdf)"
              + "|semanticscholar\\.org/arxiv)/");

  /** Parses an id or URL; empty when the text is not an arXiv identifier. */
  public static Optional<ArxivId> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim();
    Matcher url = URL_PREFIX.matcher(s);
    if (url.find()) {
      s = s.substring(url.end());
      int cut = indexOfAny(s, '?', '#');
      if (cut >= 0) {
        s = s.substring(0, cut);
      }
      if (s.endsWith("/")) {
        s = s.substring(0, s.length() - 1);
      }
      if (s.toLowerCase().endsWith(".pdf")) {
        s = s.substring(0, s.length() - 4);
      }
    }
    Matcher m = FORM.matcher(s);
    if (!m.matches()) {
      return Optional.empty();
    }
    String id = m.group(1);
    if (id.contains("/")) {
      // Old-style archive names are lower case, subject classes upper case (math.AG/0601001).
      int slash = id.indexOf('/');
      String archive = id.substring(0, slash);
      int dot = archive.indexOf('.');
      if (dot >= 0) {
        archive =
            archive.substring(0, dot).toLowerCase()
                + "."
                + archive.substring(dot + 1).toUpperCase();
      } else {
        archive = archive.toLowerCase();
      }
      id = archive + id.substring(slash);
    }
    int version = 0;
    if (m.group(2) != null) {
      try {
        version = Integer.parseInt(m.group(2));
      } catch (NumberFormatException e) {
        // More versions than an int holds: no paper has them, so this is not an id of one.
        return Optional.empty();
      }
    }
    return Optional.of(new ArxivId(id, version));
  }

  /** Parses an id or URL, failing with a message that quotes the text. */
  public static ArxivId require(String text) {
    return parse(text)
        .orElseThrow(() -> new IllegalArgumentException("not an arXiv id: '" + text + "'"));
  }

  /**
   * The id as arXiv files it today: an old-style id without the subject class it was sometimes
   * cited with ({@code math.GT/0309136} is {@code math/0309136}); any other id as it is.
   */
  public String filed() {
    int slash = id.indexOf('/');
    int dot = id.indexOf('.');
    return slash > 0 && dot > 0 && dot < slash ? id.substring(0, dot) + id.substring(slash) : id;
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : (j < 0 ? i : Math.min(i, j));
  }

  @Override
  public String toString() {
    return version == 0 ? id : id + "v" + version;
  }
}
