/**
 * Search: a Lucene index derived from the catalog (BM25F keyword search with phrase and all-words
 * terms, filters, highlighted snippets), sentence embeddings from an in-process model stored as
 * HNSW vectors in the same index, hybrid search by a weighted sum of scores, and similar papers.
 * {@link org.paperboy.search.PaperSearch} is the entry point; the index follows the catalog's
 * change numbers and can always be rebuilt from it. May import {@code paper} and {@code ops} (for
 * its background task runner).
 */
package org.paperboy.search;
