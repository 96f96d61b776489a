package org.paperboy.search;

/**
 * The fields of a paper's document in the index, and the index schema {@link #VERSION}. Each
 * field's indexing choices are explained in {@link IndexedPaper#toDocument}.
 */
enum IndexField {
  /** The paper id, exact; the key for updates and deletes. */
  ID("id"),
  /** The title, analyzed (English, stemmed, LaTeX symbols as words), stored for display. */
  TITLE("title"),
  /**
   * The abstract, stored for snippets and display; not indexed in a field of its own: its words are
   * in {@link #TEXT}, from {@link IndexedPaper#ABSTRACT_START} on.
   */
  ABSTRACT("abstract"),
  /**
   * Title (three times), author names (twice) and abstract as one field, analyzed like the title:
   * what words are ranked on, and where {@code abstract:} looks.
   */
  TEXT("text"),
  /** One value per author name, analyzed without stemming, stored for display. */
  AUTHORS("authors"),
  /** Categories (e.g. cs.cl) and their archives (cs), lower case, exact. */
  CATEGORY("cat"),
  /** Date of version 1 as epoch days: points for ranges, doc values for sorting, stored. */
  PUBLISHED("published"),
  /** Most upvotes on an imported daily list: doc values for sorting, stored. */
  UPVOTES("upvotes"),
  /** The name of the model that made the document's vector; absent when it has none. */
  MODEL("model"),
  /** The sentence embedding of title and abstract, an HNSW graph for nearest neighbours. */
  VECTOR("vector");

  /**
   * The schema version. Bump it whenever a field or its analysis changes: an index written with
   * another version is rebuilt from the catalog when it is opened.
   */
  static final int VERSION = 6;

  private final String name;

  IndexField(String name) {
    this.name = name;
  }

  /** The Lucene field name. */
  String field() {
    return name;
  }
}
