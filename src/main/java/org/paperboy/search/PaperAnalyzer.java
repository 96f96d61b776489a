package org.paperboy.search;

import java.io.Reader;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analyzers, one per kind of field, used to index and to parse queries alike. Text (titles,
 * abstracts) is Lucene's English chain ({@code EnglishAnalyzer}: possessives, lower case, stop
 * words, Porter stemming) with accents folded and LaTeX math mapped to words ({@link MathWords}).
 * Author names are lower-cased and folded but not stemmed (names are not English words; a stemmer
 * would only conflate unrelated names), and a gap of 100 positions between two authors keeps a
 * phrase from matching across them.
 */
final class PaperAnalyzer {

  private PaperAnalyzer() {}

  /** Positions between two values of a field: no phrase matches across them. */
  static final int POSITION_GAP = 100;

  /** The analyzer for every field of the index. */
  static Analyzer create() {
    return new PerFieldAnalyzerWrapper(
        new EnglishText(), Map.of(IndexField.AUTHORS.field(), new Names()));
  }

  /** English text with math as words, stemmed. */
  static final class EnglishText extends Analyzer {
    private final boolean math;

    /** The chain with math mapped to words. */
    EnglishText() {
      this(true);
    }

    /**
     * The chain, with math mapped to words or not (only for texts where {@link MathWords#hasMath}
     * is false, for which both give the same tokens).
     */
    EnglishText(boolean math) {
      this.math = math;
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
      return math ? new MappingCharFilter(MathWords.MAP, reader) : reader;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream s = new EnglishPossessiveFilter(source);
      s = new LowerCaseFilter(s);
      s = new ASCIIFoldingFilter(s);
      s = new StopFilter(s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
      s = new PorterStemFilter(s);
      return new TokenStreamComponents(source, s);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }

    @Override
    public int getPositionIncrementGap(String fieldName) {
      // Between the title and the abstract in the combined text field: no phrase across them.
      return POSITION_GAP;
    }
  }

  /** Person names: lower case, accents folded, no stemming. */
  static final class Names extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }

    @Override
    public int getPositionIncrementGap(String fieldName) {
      return POSITION_GAP;
    }
  }
}
