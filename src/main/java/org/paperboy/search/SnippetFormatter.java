package org.paperboy.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Turns the highlighter's passages into {@link SearchHit.Span}s: text as stored, matches marked,
 * passages that do not touch joined by an ellipsis. No markup is produced here, so nothing needs
 * unescaping and every output format escapes the text itself.
 */
final class SnippetFormatter extends PassageFormatter {

  static final String ELLIPSIS = "…";

  @Override
  public Object format(Passage[] passages, String content) {
    List<SearchHit.Span> spans = new ArrayList<>();
    int end = 0;
    for (Passage p : passages) {
      int start = p.getStartOffset();
      if (start > end || (end == 0 && start > 0)) {
        plain(spans, spans.isEmpty() ? ELLIPSIS + " " : " " + ELLIPSIS + " ");
      }
      int pos = start;
      for (int i = 0; i < p.getNumMatches(); i++) {
        int ms = Math.max(p.getMatchStarts()[i], pos);
        int me = Math.min(p.getMatchEnds()[i], p.getEndOffset());
        if (me <= ms) {
          continue;
        }
        plain(spans, content.substring(pos, ms));
        spans.add(new SearchHit.Span(content.substring(ms, me), true));
        pos = me;
      }
      plain(spans, content.substring(pos, p.getEndOffset()));
      end = p.getEndOffset();
    }
    if (end < content.length() && !spans.isEmpty()) {
      plain(spans, " " + ELLIPSIS);
    }
    return List.copyOf(spans);
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
