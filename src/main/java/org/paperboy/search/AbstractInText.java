package org.paperboy.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanOrQuery;
import org.apache.lucene.queries.spans.SpanPositionRangeQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * Rewrites the parts of a parsed query that look in the abstract field into the same words at
 * positions from {@link IndexedPaper#ABSTRACT_START} on in the ranked text field, where the
 * abstract's words are indexed (the abstract field itself is only stored). For a title of more than
 * about 200 words, its last words are in that range too. A word becomes a span term, a phrase a
 * span of its words in order (a phrase with slop: within that many positions, in any order), and a
 * prefix, wildcard, fuzzy or regular-expression word its {@link #EXPANSIONS} most frequent terms.
 * Everything else is left as it is.
 */
final class AbstractInText {

  /** Terms a multi-term word expands to: each becomes a clause, under Lucene's clause limit. */
  static final int EXPANSIONS = 512;

  private static final String ABSTRACT = IndexField.ABSTRACT.field();
  private static final String TEXT = IndexField.TEXT.field();

  private AbstractInText() {}

  /** {@code query} with every part on the abstract field looking in the text field instead. */
  static Query rewrite(Query query) {
    if (query instanceof BooleanQuery b) {
      BooleanQuery.Builder out = new BooleanQuery.Builder();
      out.setMinimumNumberShouldMatch(b.getMinimumNumberShouldMatch());
      for (BooleanClause c : b.clauses()) {
        out.add(rewrite(c.getQuery()), c.getOccur());
      }
      return out.build();
    }
    if (query instanceof BoostQuery q) {
      return new BoostQuery(rewrite(q.getQuery()), q.getBoost());
    }
    if (query instanceof DisjunctionMaxQuery q) {
      List<Query> disjuncts = new ArrayList<>();
      q.getDisjuncts().forEach(d -> disjuncts.add(rewrite(d)));
      return new DisjunctionMaxQuery(disjuncts, q.getTieBreakerMultiplier());
    }
    SpanQuery span = span(query);
    return span == null
        ? query
        : new SpanPositionRangeQuery(span, IndexedPaper.ABSTRACT_START, Integer.MAX_VALUE);
  }

  /** The span query in the text field for a query on the abstract field, or null for others. */
  private static SpanQuery span(Query query) {
    if (query instanceof TermQuery q && q.getTerm().field().equals(ABSTRACT)) {
      return term(q.getTerm());
    }
    if (query instanceof SynonymQuery q && q.getField().equals(ABSTRACT)) {
      return new SpanOrQuery(
          q.getTerms().stream().map(AbstractInText::term).toArray(SpanQuery[]::new));
    }
    if (query instanceof PhraseQuery q && q.getField() != null && q.getField().equals(ABSTRACT)) {
      SpanQuery[] words = new SpanQuery[q.getTerms().length];
      for (int i = 0; i < words.length; i++) {
        words[i] = term(q.getTerms()[i]);
      }
      return near(words, q.getPositions(), q.getSlop());
    }
    if (query instanceof MultiPhraseQuery q
        && q.getTermArrays().length > 0
        && q.getTermArrays()[0][0].field().equals(ABSTRACT)) {
      SpanQuery[] words = new SpanQuery[q.getTermArrays().length];
      for (int i = 0; i < words.length; i++) {
        SpanQuery[] alternatives = new SpanQuery[q.getTermArrays()[i].length];
        for (int j = 0; j < alternatives.length; j++) {
          alternatives[j] = term(q.getTermArrays()[i][j]);
        }
        words[i] = alternatives.length == 1 ? alternatives[0] : new SpanOrQuery(alternatives);
      }
      return near(words, q.getPositions(), q.getSlop());
    }
    if (query instanceof MultiTermQuery q && q.getField().equals(ABSTRACT)) {
      MultiTermQuery inText = inText(q);
      if (inText != null) {
        SpanMultiTermQueryWrapper<MultiTermQuery> span = new SpanMultiTermQueryWrapper<>(inText);
        span.setRewriteMethod(
            new SpanMultiTermQueryWrapper.TopTermsSpanBooleanQueryRewrite(EXPANSIONS));
        return span;
      }
    }
    return null;
  }

  private static SpanQuery term(Term abstractTerm) {
    return new SpanTermQuery(new Term(TEXT, abstractTerm.bytes()));
  }

  private static SpanQuery near(SpanQuery[] words, int[] positions, int slop) {
    if (words.length == 1) {
      return words[0];
    }
    if (slop > 0) {
      // A sloppy phrase allows words to swap; an unordered span of the same slop comes closest.
      return new SpanNearQuery(
          words, slop + positions[positions.length - 1] - words.length + 1, false);
    }
    SpanNearQuery.Builder b = new SpanNearQuery.Builder(TEXT, true);
    for (int i = 0; i < words.length; i++) {
      if (i > 0 && positions[i] - positions[i - 1] > 1) {
        b.addGap(positions[i] - positions[i - 1] - 1); // a stop word's place
      }
      b.addClause(words[i]);
    }
    return b.build();
  }

  private static MultiTermQuery inText(MultiTermQuery q) {
    if (q instanceof PrefixQuery p) {
      return new PrefixQuery(new Term(TEXT, p.getPrefix().bytes()));
    }
    if (q instanceof WildcardQuery w) {
      return new WildcardQuery(new Term(TEXT, w.getTerm().bytes()));
    }
    if (q instanceof FuzzyQuery f) {
      return new FuzzyQuery(
          new Term(TEXT, f.getTerm().bytes()),
          f.getMaxEdits(),
          f.getPrefixLength(),
          FuzzyQuery.defaultMaxExpansions,
          f.getTranspositions());
    }
    if (q instanceof RegexpQuery r) {
      return new RegexpQuery(new Term(TEXT, r.getRegexp().bytes()));
    }
    return null;
  }
}
