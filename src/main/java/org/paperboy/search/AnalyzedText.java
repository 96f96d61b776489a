package org.paperboy.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
 * #stream(int)}).
 */
final class AnalyzedText {

  /** The chain every text field uses. */
  private static final Analyzer MATH = new PaperAnalyzer.EnglishText(true);

  /**
   * The same chain without the char filter that maps math to words, for texts that hold no math: it
   * would change nothing there and costs a map lookup per character.
   */
  private static final Analyzer PLAIN = new PaperAnalyzer.EnglishText(false);

  private final String[] terms;
  private final int[] increments;
  private final int[] starts;
  private final int[] ends;
  private final int finalIncrement;
  private final int finalOffset;

  private AnalyzedText(
      List<String> terms, List<int[]> attributes, int finalIncrement, int finalOffset) {
    this.terms = terms.toArray(new String[0]);
    this.increments = new int[attributes.size()];
    this.starts = new int[attributes.size()];
    this.ends = new int[attributes.size()];
    for (int i = 0; i < attributes.size(); i++) {
      increments[i] = attributes.get(i)[0];
      starts[i] = attributes.get(i)[1];
      ends[i] = attributes.get(i)[2];
    }
    this.finalIncrement = finalIncrement;
    this.finalOffset = finalOffset;
  }

  /** The text as the English text analyzer makes it for {@code field}. */
  static AnalyzedText of(String field, String text) {
    Analyzer analyzer = MathWords.hasMath(text) ? MATH : PLAIN;
    List<String> terms = new ArrayList<>();
    List<int[]> attributes = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(term.toString());
        attributes.add(
            new int[] {increment.getPositionIncrement(), offset.startOffset(), offset.endOffset()});
      }
      ts.end();
      return new AnalyzedText(
          terms, attributes, increment.getPositionIncrement(), offset.endOffset());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new stream of the tokens. */
  TokenStream stream() {
    return new Replay(0);
  }

  /**
   * A new stream of the tokens whose first token comes {@code skip} positions later than the
   * analyzer puts it (the others follow it as analyzed).
   */
  TokenStream stream(int skip) {
    return new Replay(skip);
  }

  private final class Replay extends TokenStream {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment =
        addAttribute(PositionIncrementAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final int skip;
    private int next;

    Replay(int skip) {
      this.skip = skip;
    }

    @Override
    public boolean incrementToken() {
      if (next >= terms.length) {
        return false;
      }
      clearAttributes();
      term.setEmpty().append(terms[next]);
      increment.setPositionIncrement(next == 0 ? increments[0] + skip : increments[next]);
      offset.setOffset(starts[next], ends[next]);
      next++;
      return true;
    }

    @Override
    public void end() throws IOException {
      super.end();
      increment.setPositionIncrement(finalIncrement);
      offset.setOffset(finalOffset, finalOffset);
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      next = 0;
    }
  }
}
