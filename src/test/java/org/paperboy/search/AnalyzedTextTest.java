package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class AnalyzedTextTest {

  private static final List<String> TEXTS =
      List.of(
          "The Cat's whiskers, of the",
          "Adapt-$\\infty$: Scalable Lifelong Multimodal Instruction Tuning via α-β pruning",
          "Naïve Bayes’s CAFÉ and the O’Brien’S model. Is it? To be or not to be",
          "x".repeat(300) + " follows a word too long to keep, then an and",
          "the of and",
          "",
          "e.g. 3.5% of GPT-4's state-of-the-art U.S.A. results (ResNet-50) don't");

  @Test
  void replays_what_the_english_chain_makes_of_a_text() throws IOException {
    Analyzer chain = new PaperAnalyzer.EnglishText();
    for (String text : TEXTS) {
      assertThat(tokens(AnalyzedText.of("text", text).stream()))
          .as(text)
          .isEqualTo(tokens(chain.tokenStream("text", text)));
      // Again, now that the words are remembered.
      assertThat(tokens(AnalyzedText.of("text", text).stream()))
          .as(text)
          .isEqualTo(tokens(chain.tokenStream("text", text)));
    }
  }

  @Test
  void texts_as_one_stream_index_like_one_field_value_each() throws IOException {
    String title = "The Cat's whiskers: Adapt-$\\infty$ for all";
    List<String> authors = List.of("Ada Lovelace", "Alan M. Turing");
    String abstractText = "We study whiskers of cats. The cat's whiskers are long, of the";
    AnalyzedText titleTokens = AnalyzedText.of("text", title);
    AnalyzedText names = AnalyzedText.stacked("text", authors, 2);
    AnalyzedText abstractTokens = AnalyzedText.of("text", abstractText).skipping(1024);

    Document separate = new Document();
    for (int i = 0; i < 3; i++) {
      separate.add(new TextField("text", titleTokens.stream()));
    }
    separate.add(new TextField("text", names.stream()));
    separate.add(new TextField("text", abstractTokens.stream()));
    separate.add(new TextField("text", AnalyzedText.of("text", "").stream()));
    separate.add(new TextField("text", titleTokens.stream()));

    int gap = PaperAnalyzer.POSITION_GAP;
    Document joined = new Document();
    joined.add(
        new TextField(
            "text", AnalyzedText.values(gap, List.of(titleTokens, titleTokens, titleTokens))));
    joined.add(
        new TextField(
            "text",
            AnalyzedText.values(
                gap, List.of(names, abstractTokens, AnalyzedText.of("text", ""), titleTokens))));

    assertThat(postings(joined)).isEqualTo(postings(separate)).isNotEmpty();
  }

  /** Each token as term/increment/start-end, then the final increment and offset. */
  private static List<String> tokens(TokenStream stream) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = stream) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(
            term
                + "/"
                + increment.getPositionIncrement()
                + "/"
                + offset.startOffset()
                + "-"
                + offset.endOffset());
      }
      ts.end();
      out.add("end/" + increment.getPositionIncrement() + "/" + offset.endOffset());
    }
    return out;
  }

  /** The document's terms with their positions, and the field's norm, as Lucene indexed them. */
  private static List<String> postings(Document doc) throws IOException {
    List<String> out = new ArrayList<>();
    try (Directory dir = new ByteBuffersDirectory()) {
      IndexWriterConfig config = new IndexWriterConfig(PaperAnalyzer.create());
      config.setSimilarity(PaperIndex.SIMILARITY);
      try (IndexWriter writer = new IndexWriter(dir, config)) {
        doc.add(new TextField("id", "1", Field.Store.NO));
        writer.addDocument(doc);
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        LeafReader leaf = reader.leaves().get(0).reader();
        TermsEnum terms = leaf.terms("text").iterator();
        for (BytesRef t = terms.next(); t != null; t = terms.next()) {
          PostingsEnum p = terms.postings(null, PostingsEnum.POSITIONS);
          p.nextDoc();
          StringBuilder positions = new StringBuilder(t.utf8ToString());
          for (int i = 0; i < p.freq(); i++) {
            positions.append(' ').append(p.nextPosition());
          }
          out.add(positions.toString());
        }
        NumericDocValues norms = leaf.getNormValues("text");
        norms.nextDoc();
        out.add("norm " + norms.longValue());
      }
    }
    return out;
  }
}
