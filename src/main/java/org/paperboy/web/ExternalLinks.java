package org.paperboy.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Links to other sites (arXiv, doi.org, code hosts), built only from values that are safe. */
final class ExternalLinks {

  private ExternalLinks() {}

  static String arxivAbs(String arxivId) {
    return "https://arxiv.org/abs/" + Routes.encodePath(arxivId);
  }

  static String arxivPdf(String arxivId) {
    return "https://arxiv.org/pdf/" + Routes.encodePath(arxivId);
  }

  /** The paper's page on Hugging Face Papers, where its imported upvotes and comments come from. */
  static String huggingFace(String arxivId) {
    return "https://huggingface.co/papers/" + Routes.encodePath(arxivId);
  }

  /** The doi.org resolver link for a DOI, which sources give bare or as a doi:/URL form. */
  /** An organization's page on Hugging Face. */
  static String huggingFaceAccount(String name) {
    return "https://huggingface.co/" + Routes.encodePath(name);
  }

  static String doi(String doi) {
    String bare = doi.strip();
    String lower = bare.toLowerCase(Locale.ROOT);
    for (String prefix :
        new String[] {
          "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"
        }) {
      if (lower.startsWith(prefix)) {
        bare = bare.substring(prefix.length());
        break;
      }
    }
    return "https://doi.org/" + Routes.encodePath(bare);
  }

  /**
   * The URL when it is an absolute http(s) URL, else null. Imported data is not trusted: escaping
   * stops attribute break-outs but not a {@code javascript:} link, so only web links are kept.
   */
  static String web(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String s = url.strip();
    try {
      URI uri = new URI(s);
      String scheme = uri.getScheme();
      if (scheme == null || uri.getHost() == null) {
        return null;
      }
      scheme = scheme.toLowerCase(Locale.ROOT);
      return scheme.equals("http") || scheme.equals("https") ? s : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** A short label for a web link: the host and path without scheme, e.g. github.com/a/b. */
  static String label(String url) {
    String s = url.replaceFirst("(?i)^https?://(www\\.)?", "");
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
