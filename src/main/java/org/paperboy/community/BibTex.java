package org.paperboy.community;

import java.util.List;
import java.util.stream.Collectors;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

/**
 * Writes papers as BibTeX {@code @misc} entries in the form arXiv's own export uses ({@code
 * eprint}, {@code archivePrefix}, {@code primaryClass}).
 *
 * <p>Escaping: outside math, the characters BibTeX and LaTeX treat specially ({@code \ { } $ & % #
 * _ ~ ^}) are escaped, so a title can neither end its field early nor run LaTeX commands. Math
 * between {@code $…$} is kept as written, because titles carry LaTeX math on purpose ({@code
 * Adapt-$\infty$}); a math span with unbalanced braces, which could break out of the field, is
 * escaped like text instead.
 */
final class BibTex {

  private BibTex() {}

  static String entries(List<Paper> papers) {
    StringBuilder out = new StringBuilder();
    for (Paper p : papers) {
      out.append(entry(p)).append('\n');
    }
    return out.toString();
  }

  static String entry(Paper p) {
    StringBuilder b = new StringBuilder();
    b.append("@misc{").append(key(p)).append(",\n");
    field(b, "title", "{" + escape(p.title()) + "}");
    if (!p.authors().isEmpty()) {
      field(
          b,
          "author",
          p.authors().stream()
              .map(Author::name)
              .map(BibTex::escape)
              .collect(Collectors.joining(" and ")));
    }
    if (p.published() != null) {
      field(b, "year", Integer.toString(p.published().getYear()));
    }
    if (p.hasArxivId()) {
      field(b, "eprint", escape(p.id()));
      field(b, "archivePrefix", "arXiv");
      if (p.primaryCategory() != null) {
        field(b, "primaryClass", escape(p.primaryCategory()));
      }
      field(b, "url", "https://arxiv.org/abs/" + escapeUrl(p.id()));
    }
    if (p.doi() != null) {
      field(b, "doi", escapeUrl(p.doi()));
    }
    if (p.journalRef() != null) {
      field(b, "note", escape(p.journalRef()));
    }
    b.setLength(b.length() - 2);
    b.append("\n}\n");
    return b.toString();
  }

  private static void field(StringBuilder b, String name, String value) {
    b.append("  ").append(name).append(" = {").append(value).append("},\n");
  }

  /** A citation key from the id: letters, digits and {@code :._-} only. */
  static String key(Paper p) {
    String id = p.hasArxivId() ? "arXiv:" + p.id() : p.id();
    return id.replaceAll("[^A-Za-z0-9:._-]", "_");
  }

  /** Escapes text for a braced BibTeX field, keeping balanced {@code $…$} math as written. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '$') {
        int end = closingDollar(s, i + 1);
        if (end > i + 1 && balanced(s.substring(i + 1, end))) {
          out.append(s, i, end + 1);
          i = end + 1;
          continue;
        }
      }
      switch (c) {
        case '\\' -> out.append("\\textbackslash{}");
        case '{', '}', '$', '&', '%', '#', '_' -> out.append('\\').append(c);
        case '~' -> out.append("\\textasciitilde{}");
        case '^' -> out.append("\\textasciicircum{}");
        case '\r', '\n' -> out.append(' ');
        default -> out.append(c);
      }
      i++;
    }
    return out.toString();
  }

  private static int closingDollar(String s, int from) {
    for (int j = from; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '$') {
        return j;
      }
    }
    return -1;
  }

  private static boolean balanced(String math) {
    int depth = 0;
    for (int j = 0; j < math.length(); j++) {
      char c = math.charAt(j);
      if (c == '\\') {
        j++; // \{ and \} are literal braces and do not nest
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth < 0) {
        return false;
      }
    }
    // a trailing lone backslash would escape the field's closing brace
    return depth == 0 && !math.endsWith("\\");
  }

  // DOIs and ids go into a URL-like field; braces and backslashes are the only danger there.
  private static String escapeUrl(String s) {
    return s.replaceAll("[{}\\\\\\s]", "");
  }
}
