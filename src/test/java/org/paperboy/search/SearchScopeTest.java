package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.paperboy.search.SearchScope.Kind;

/** The {@code in:} scopes a query names, read without a reader or an index. */
class SearchScopeTest {

  @Test
  void scopes_are_read_with_quoted_names_and_in_any_case() {
    assertThat(SearchScope.in("video in:saved IN:Upvoted in:collection:\"reading group\" x"))
        .containsExactly(
            new SearchScope(Kind.SAVED, null),
            new SearchScope(Kind.UPVOTED, null),
            new SearchScope(Kind.COLLECTION, "reading group"));
    assertThat(SearchScope.in("in:collection:later"))
        .containsExactly(new SearchScope(Kind.COLLECTION, "later"));
    assertThat(SearchScope.in("(in:saved) diffusion")).hasSize(1);
  }

  @Test
  void words_that_only_contain_in_colon_are_no_scope() {
    assertThat(SearchScope.named("login:admin plug-in:x main:saved")).isFalse();
    assertThat(SearchScope.in("Attention is all you need")).isEmpty();
  }

  @Test
  void a_scope_it_cannot_read_is_an_error_for_the_user() {
    assertThatThrownBy(() -> SearchScope.in("in:everything"))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("in:saved, in:upvoted or in:collection:NAME");
    assertThatThrownBy(() -> SearchScope.in("in:collection:\"\""))
        .hasMessageContaining("needs a collection's name");
    assertThatThrownBy(() -> SearchScope.in("video in:")).hasMessageContaining("not \"in:\"");
  }

  @Test
  void a_query_with_a_scope_but_no_papers_to_search_within_is_refused() {
    assertThatThrownBy(
            () ->
                KeywordQuery.parse(SearchRequest.of("video in:saved", 10), PaperAnalyzer.create()))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("sign in");
    KeywordQuery scoped =
        KeywordQuery.parse(
            SearchRequest.of("video in:saved", 10).within(java.util.Set.of("2501.00001")),
            PaperAnalyzer.create());
    assertThat(scoped.text()).isEqualTo("video");
    assertThat(scoped.filter()).hasToString("id:(2501.00001)");
  }
}
