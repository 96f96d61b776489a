package org.paperboy.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.paperboy.paper.Author;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Paper;

/**
 * What the index keeps of a paper: enough to search it, to show it in results without asking the
 * database, and to rebuild its document when its vector is added.
 *
 * @param id the paper id
 * @param title the title as imported
 * @param abstractText the abstract
 * @param authors author names in order
 * @param categories arXiv categories, primary first
 * @param published the date of version 1, or null
 * @param upvotes most upvotes on an imported daily list
 */
record IndexedPaper(
    String id,
    String title,
    String abstractText,
    List<String> authors,
    List<String> categories,
    LocalDate published,
    int upvotes) {

  /**
   * The title is searched with highlighting; offsets in its postings let the highlighter find
   * matches without analyzing the stored text again. Indexed from the analyzed text ({@link
   * AnalyzedText}) and stored beside it.
   */
  private static final FieldType TEXT_WITH_OFFSETS = new FieldType(TextField.TYPE_NOT_STORED);

  static {
    TEXT_WITH_OFFSETS.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    TEXT_WITH_OFFSETS.freeze();
  }

  IndexedPaper {
    authors = List.copyOf(authors);
    categories = List.copyOf(categories);
  }

  /** The paper of a catalog change (which must not be a removal). */
  static IndexedPaper of(Catalog.Change change) {
    Paper p = change.paper();
    return new IndexedPaper(
        p.id(),
        p.title(),
        p.abstractText(),
        p.authors().stream().map(Author::name).toList(),
        p.categories(),
        p.published() != null ? p.published() : p.updated(),
        change.upvotes());
  }

  /** The text the sentence model embeds: the title, then the abstract, math as words. */
  String embeddingText() {
    return MathWords.toWords(title + "\n" + abstractText.strip().replaceAll("\\s+", " "));
  }

  /**
   * The SHA-256 (hex) of {@link #embeddingText}: the key under which a vector made from this text
   * is stored, so a vector is used only for the text it was made from.
   */
  String textHash() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(embeddingText().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Copies of the title in the ranked text field: its BM25F weight against the abstract's 1. */
  static final int TITLE_WEIGHT = 3;

  /** Copies of each author name in the ranked text field: its BM25F weight. */
  static final int AUTHORS_WEIGHT = 2;

  /**
   * Where the abstract starts in the ranked text field: it is indexed this many positions further
   * on than it would be, so its words are at this position or later, and the title copies and the
   * names (three copies and gaps of 100 positions: 3 × words + about 400) before it for any title
   * of fewer than 200 words; {@code abstract:} is a position range of that field ({@link
   * AbstractInText}). Lengths and phrases do not see the gap, so the ranking is the same as without
   * it. Small, because a term's first position in a paper is written as a number: 2^20 made those
   * numbers twice as wide.
   */
  static final int ABSTRACT_START = 1024;

  /**
   * The Lucene document; {@code vector} and {@code model} are both null for a paper that is not
   * embedded yet (it is still found by keyword).
   */
  Document toDocument(float[] vector, String model) {
    Document doc = new Document();
    // Exact and stored: the key of updateDocument/deleteDocuments and how a hit names its paper.
    doc.add(new StringField(IndexField.ID.field(), id, Field.Store.YES));
    // The title is analyzed once and replayed into every field value that holds it (all use the
    // English text chain).
    AnalyzedText titleTokens = AnalyzedText.of(IndexField.TITLE.field(), title);
    doc.add(new StoredField(IndexField.TITLE.field(), title));
    doc.add(new Field(IndexField.TITLE.field(), titleTokens.stream(), TEXT_WITH_OFFSETS));
    // The abstract is only stored: its words are indexed once, in the ranked text field below,
    // ABSTRACT_START positions on, where abstract: finds them; snippets analyze those shown.
    // Indexing it a second time in a field of its own was 40% of the words a paper indexed.
    doc.add(new StoredField(IndexField.ABSTRACT.field(), abstractText));
    // What keyword search ranks on: BM25 over one field holding the title three times, each author
    // name twice and the abstract once is BM25F with weights title 3, authors 2, abstract 1 (a
    // title word counts three times in the frequency): title above authors above abstract, as
    // plain terms of one field, so a top-10 search skips the documents that cannot make the top 10
    // (block-max WAND) instead of scoring every match. The names are stacked at one position
    // (AnalyzedText.stacked), outside the length, so a long author list does not push a paper down.
    // The parts are positioned as values of the field, with a position gap between two, so a phrase
    // cannot run from the title into the abstract; they are written as two streams (the same
    // postings, less work per value): the title copies, then the names and the abstract. The names
    // open a value of their own, as their first term is outside the length only there (Lucene
    // counts a term as overlapping when its increment is 0, and past a gap it cannot be).
    // Positions,
    // for the phrase boosts; not stored, no offsets (highlights come from the title's postings and
    // from analyzing the abstracts shown).
    doc.add(
        new TextField(
            IndexField.TEXT.field(),
            AnalyzedText.values(
                PaperAnalyzer.POSITION_GAP, Collections.nCopies(TITLE_WEIGHT, titleTokens))));
    AnalyzedText names = AnalyzedText.stacked(IndexField.TEXT.field(), authors, AUTHORS_WEIGHT);
    AnalyzedText abstractTokens =
        AnalyzedText.of(IndexField.TEXT.field(), abstractText).skipping(ABSTRACT_START);
    doc.add(
        new TextField(
            IndexField.TEXT.field(),
            AnalyzedText.values(
                PaperAnalyzer.POSITION_GAP,
                names.isEmpty() ? List.of(abstractTokens) : List.of(names, abstractTokens))));
    // One value per author so a phrase cannot run from one name into the next (position gap).
    for (String name : authors) {
      doc.add(new TextField(IndexField.AUTHORS.field(), name, Field.Store.YES));
    }
    // Stored once as given (for display); indexed lower case with the archive too, so cat:cs.cl
    // and cat:cs both filter without a prefix query.
    for (String category : categories) {
      doc.add(new StoredField(IndexField.CATEGORY.field(), category));
    }
    for (String term : categoryTerms(categories)) {
      doc.add(new StringField(IndexField.CATEGORY.field(), term, Field.Store.NO));
    }
    if (published != null) {
      long day = published.toEpochDay();
      // Points for date ranges, doc values for "newest first", stored for display.
      doc.add(new LongPoint(IndexField.PUBLISHED.field(), day));
      doc.add(new NumericDocValuesField(IndexField.PUBLISHED.field(), day));
      doc.add(new StoredField(IndexField.PUBLISHED.field(), day));
    }
    // Doc values for "most upvoted first"; always present so every document sorts.
    doc.add(new NumericDocValuesField(IndexField.UPVOTES.field(), upvotes));
    doc.add(new StoredField(IndexField.UPVOTES.field(), upvotes));
    if (vector != null) {
      // Unit vectors, so the dot product is the cosine and the cheapest similarity to compute.
      doc.add(
          new KnnFloatVectorField(
              IndexField.VECTOR.field(), vector, VectorSimilarityFunction.DOT_PRODUCT));
      // Which model made the vector: a model change finds every document to embed again.
      doc.add(new StringField(IndexField.MODEL.field(), model, Field.Store.NO));
    }
    return doc;
  }

  /** The indexed terms of categories: each lower-cased, and each one's archive (cs for cs.CL). */
  static Set<String> categoryTerms(List<String> categories) {
    Set<String> terms = new LinkedHashSet<>();
    for (String c : categories) {
      String lower = c.toLowerCase(Locale.ROOT);
      terms.add(lower);
      int dot = lower.indexOf('.');
      if (dot > 0) {
        terms.add(lower.substring(0, dot));
      }
    }
    return terms;
  }

  /** Reads a paper back from a document's stored fields. */
  static IndexedPaper fromStored(Document doc) {
    List<String> authors = new ArrayList<>();
    for (IndexableField f : doc.getFields(IndexField.AUTHORS.field())) {
      authors.add(f.stringValue());
    }
    List<String> categories = new ArrayList<>();
    for (IndexableField f : doc.getFields(IndexField.CATEGORY.field())) {
      categories.add(f.stringValue());
    }
    IndexableField published = doc.getField(IndexField.PUBLISHED.field());
    IndexableField upvotes = doc.getField(IndexField.UPVOTES.field());
    return new IndexedPaper(
        doc.get(IndexField.ID.field()),
        doc.get(IndexField.TITLE.field()),
        doc.get(IndexField.ABSTRACT.field()),
        authors,
        categories,
        published == null ? null : LocalDate.ofEpochDay(published.numericValue().longValue()),
        upvotes == null ? 0 : upvotes.numericValue().intValue());
  }
}
