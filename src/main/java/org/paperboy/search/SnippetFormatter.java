package org.paperboy.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Turns the highlighter's passages into {@link SearchHit.Span}s: text as stored, matches marked,
 * passages that do not touch joined by an ellipsis. No markup is produced here, so nothing needs
 * unescaping and every output format escapes the text itself.
 *
 * <p>Math ({@code $…$}, {@code $$…$$}, {@code \(…\)}) is never cut: a match inside or across a
 * formula marks the whole formula, and a passage that starts or ends inside one is widened to take
 * all of it, so the page can still render it. (The analyzer reads {@code \infty} as the word
 * "infinity", and the offsets of such a mapped word need not fall on the command's edges.)
 */
final class SnippetFormatter extends PassageFormatter {

  static final String ELLIPSIS = "…";

  @Override
  public Object format(Passage[] passages, String content) {
    List<int[]> math = math(content);
    List<SearchHit.Span> spans = new ArrayList<>();
    int end = 0;
    for (Passage p : passages) {
      int start = Math.max(end, widen(math, p.getStartOffset(), true));
      int passageEnd = widen(math, p.getEndOffset(), false);
      if (passageEnd <= start) {
        continue;
      }
      if (start > end || (end == 0 && start > 0)) {
        plain(spans, spans.isEmpty() ? ELLIPSIS + " " : " " + ELLIPSIS + " ");
      }
      int pos = start;
      for (int i = 0; i < p.getNumMatches(); i++) {
        int ms = Math.max(widen(math, p.getMatchStarts()[i], true), pos);
        int me = Math.min(widen(math, p.getMatchEnds()[i], false), passageEnd);
        if (me <= ms) {
          continue;
        }
        plain(spans, content.substring(pos, ms));
        spans.add(new SearchHit.Span(content.substring(ms, me), true));
        pos = me;
      }
      plain(spans, content.substring(pos, passageEnd));
      end = passageEnd;
    }
    if (end < content.length() && !spans.isEmpty()) {
      plain(spans, " " + ELLIPSIS);
    }
    return List.copyOf(spans);
  }

  /**
   * The formulas in a text, as {start, end} offsets in order: {@code $$…$$}, {@code $…$} and {@code
   * \(…\)}, as the page's KaTeX finds them; a dollar escaped as {@code \$} is no delimiter, and an
   * unclosed formula is text.
   */
  static List<int[]> math(String text) {
    List<int[]> spans = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      String open;
      if (text.startsWith("\\(", i)) {
        open = "\\(";
      } else if (text.charAt(i) == '\\') {
        i += 2; // an escaped character, such as \$
        continue;
      } else if (text.charAt(i) == '$') {
        open = text.startsWith("$$", i) ? "$$" : "$";
      } else {
        i++;
        continue;
      }
      String close = open.equals("\\(") ? "\\)" : open;
      int j = i + open.length();
      while (j < text.length() && !text.startsWith(close, j)) {
        j += text.charAt(j) == '\\' ? 2 : 1;
      }
      if (j >= text.length()) {
        break;
      }
      spans.add(new int[] {i, j + close.length()});
      i = j + close.length();
    }
    return spans;
  }

  /** An offset moved out of any formula it falls inside: to its start, or to its end. */
  private static int widen(List<int[]> math, int offset, boolean toStart) {
    for (int[] m : math) {
      if (offset > m[0] && offset < m[1]) {
        return toStart ? m[0] : m[1];
      }
    }
    return offset;
  }

  /** Appends plain text, merging it with a plain span before it. */
  private static void plain(List<SearchHit.Span> spans, String text) {
    if (text.isEmpty()) {
      return;
    }
    int last = spans.size() - 1;
    if (last >= 0 && !spans.get(last).match()) {
      spans.set(last, new SearchHit.Span(spans.get(last).text() + text, false));
    } else {
      spans.add(new SearchHit.Span(text, false));
    }
  }
}
