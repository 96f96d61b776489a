package org.paperboy.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A text analyzed once, replayed as often as it is indexed: a paper's title goes into four field
 * values (the title field and three times the ranked text field), all analyzed alike, so analyzing
 * it once saves three analyses. A replay gives the same terms, position increments and offsets as
 * the analyzer, the final ones too, so the index is the same; a replay may start further on ({@link
 * #skipping}), and several texts may be replayed as one stream positioned as values of one field
 * ({@link #values}).
 */
final class AnalyzedText {

  /** The chain every text field uses. */
  private static final Analyzer MATH = new PaperAnalyzer.EnglishText(true);

  /**
   * The same chain without the char filter that maps math to words, for texts that hold no math: it
   * would change nothing there and costs a map lookup per character.
   */
  private static final Analyzer PLAIN = new PaperAnalyzer.EnglishText(false);

  /** The terms; the arrays below may be longer (the terms' length counts). */
  private final String[] terms;

  private final int[] increments;
  private final int[] starts;
  private final int[] ends;
  private final int finalIncrement;
  private final int finalOffset;

  private AnalyzedText(
      String[] terms,
      int[] increments,
      int[] starts,
      int[] ends,
      int finalIncrement,
      int finalOffset) {
    this.terms = terms;
    this.increments = increments;
    this.starts = starts;
    this.ends = ends;
    this.finalIncrement = finalIncrement;
    this.finalOffset = finalOffset;
  }

  /** The text as the English text analyzer makes it for {@code field}. */
  static AnalyzedText of(String field, String text) {
    Analyzer analyzer = MathWords.hasMath(text) ? MATH : PLAIN;
    int n = 0;
    String[] terms = new String[16];
    int[] increments = new int[16];
    int[] starts = new int[16];
    int[] ends = new int[16];
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        if (n == terms.length) {
          terms = Arrays.copyOf(terms, n * 2);
          increments = Arrays.copyOf(increments, n * 2);
          starts = Arrays.copyOf(starts, n * 2);
          ends = Arrays.copyOf(ends, n * 2);
        }
        terms[n] = term.toString();
        increments[n] = increment.getPositionIncrement();
        starts[n] = offset.startOffset();
        ends[n] = offset.endOffset();
        n++;
      }
      ts.end();
      return new AnalyzedText(
          Arrays.copyOf(terms, n),
          increments,
          starts,
          ends,
          increment.getPositionIncrement(),
          offset.endOffset());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Terms at one position (every increment 0, offsets 0), each of {@code texts}' terms {@code
   * repeat} times: BM25 leaves such overlapping terms out of a field's length, so they count
   * towards a term's frequency without making the document longer. How author names join the ranked
   * text field without pushing papers with long author lists down (counted in the length, they cost
   * 0.016 MRR@10 on the benchmark).
   */
  static AnalyzedText stacked(String field, List<String> texts, int repeat) {
    List<String> out = new ArrayList<>();
    for (String text : texts) {
      for (String term : of(field, text).terms) {
        for (int i = 0; i < repeat; i++) {
          out.add(term);
        }
      }
    }
    int n = out.size();
    return new AnalyzedText(out.toArray(new String[0]), new int[n], new int[n], new int[n], 0, 0);
  }

  /** Whether there is no term at all. */
  boolean isEmpty() {
    return terms.length == 0;
  }

  /**
   * The same tokens, the first one {@code skip} positions later than the analyzer puts it (the
   * others follow it as analyzed).
   */
  AnalyzedText skipping(int skip) {
    int[] moved = Arrays.copyOf(increments, Math.max(1, terms.length));
    moved[0] += skip;
    return new AnalyzedText(terms, moved, starts, ends, finalIncrement, finalOffset);
  }

  /** A new stream of the tokens. */
  TokenStream stream() {
    return new Replay(new AnalyzedText[] {this}, 0);
  }

  /**
   * One stream of several texts, with the positions and offsets Lucene gives them as values of one
   * field whose analyzer puts {@code gap} positions between two values (and an offset gap of 1):
   * the same postings as one field value per text, for a fraction of the work per value.
   */
  static TokenStream values(int gap, List<AnalyzedText> texts) {
    return new Replay(texts.toArray(new AnalyzedText[0]), gap);
  }

  private static final class Replay extends TokenStream {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment =
        addAttribute(PositionIncrementAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final AnalyzedText[] values;
    private final int gap;
    private int value;
    private int next;

    /** Positions owed to the next token: the final increments and gaps of the values passed. */
    private int pending;

    /** Where the current value's offsets start. */
    private int base;

    Replay(AnalyzedText[] values, int gap) {
      this.values = values;
      this.gap = gap;
    }

    @Override
    public boolean incrementToken() {
      while (value < values.length) {
        AnalyzedText t = values[value];
        if (next < t.terms.length) {
          clearAttributes();
          term.setEmpty().append(t.terms[next]);
          increment.setPositionIncrement(t.increments[next] + pending);
          offset.setOffset(base + t.starts[next], base + t.ends[next]);
          pending = 0;
          next++;
          return true;
        }
        if (value < values.length - 1) {
          pending += t.finalIncrement + gap;
          base += t.finalOffset + 1;
        }
        value++;
        next = 0;
      }
      return false;
    }

    @Override
    public void end() throws IOException {
      super.end();
      AnalyzedText last = values[values.length - 1];
      increment.setPositionIncrement(pending + last.finalIncrement);
      offset.setOffset(base + last.finalOffset, base + last.finalOffset);
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      value = 0;
      next = 0;
      pending = 0;
      base = 0;
    }
  }
}
