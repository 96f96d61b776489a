package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Typed text as query syntax where it is well-formed and as words elsewhere. */
class QuerySyntaxTest {

  static final Analyzer ANALYZER = PaperAnalyzer.create();

  static KeywordQuery parse(String typed) {
    return KeywordQuery.parse(SearchRequest.of(typed, 10), ANALYZER);
  }

  /** The ranked part of a query, as Lucene prints it. */
  static String scoring(String typed) {
    return parse(typed).scoring().toString();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "( )",
        "()",
        "a ( ) b",
        "(walks graphs",
        "walks graphs)",
        "((a)",
        "(((",
        ")))",
        "walks AND",
        "AND",
        "OR walks",
        "walks OR",
        "walks AND AND graphs",
        "walks NOT",
        "\"unclosed phrase",
        "walks \"",
        "\"\"",
        "\"a\\\"",
        "*alks",
        "?alks",
        "LLMs - a survey",
        "LLMs -- a survey",
        "a -",
        "-",
        "+",
        "+-",
        "C++ programming",
        "what is RLHF?",
        "x^2",
        "a^",
        "a^b",
        "^",
        "~5 years",
        "~",
        "walks~",
        "\"walks graphs\"~",
        "title:",
        "title: walks",
        ": walks",
        "walks:",
        "title:(walks",
        "-(walks)",
        "a || b",
        "a && b",
        "||",
        "&&",
        "!",
        "!walks",
        "[walks TO graphs]",
        "{walks}",
        "walks/graphs\\",
        "\\",
        "Adapt-$\\infty$: Scalable (Lifelong) Multimodal",
        "https://arxiv.org/abs/2606.26740 walks",
        "O(n^2) time",
        "f(x) = [0, 1)"
      })
  void no_text_is_a_syntax_error(String typed) {
    assertThatCode(() -> parse(typed)).as(typed).doesNotThrowAnyException();
  }

  @Test
  void random_text_from_syntax_characters_and_words_is_never_a_syntax_error() {
    List<String> parts =
        List.of(
            "walks",
            "graphs",
            "AND",
            "OR",
            "NOT",
            "title:",
            "abstract:",
            "author:",
            "cat:cs",
            "date:2024",
            "\"",
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            "+",
            "-",
            "!",
            "?",
            "*",
            "~",
            "~2",
            "^",
            "^2",
            ":",
            "\\",
            "/",
            "&&",
            "||",
            " ",
            " ",
            " ",
            "$\\infty$",
            "é",
            "2606.26740");
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    Random random = new Random(seed);
    for (int i = 0; i < 5_000; i++) {
      StringBuilder typed = new StringBuilder();
      int n = 1 + random.nextInt(8);
      for (int j = 0; j < n; j++) {
        typed.append(parts.get(random.nextInt(parts.size())));
      }
      String q = typed.toString();
      if (q.isBlank()) {
        continue;
      }
      try {
        parse(q);
      } catch (QueryException e) {
        // Filters can be wrong (date:2024-), and that is said; the words never are.
        assertThat(e.getMessage())
            .as("seed %d: %s", seed, q)
            .containsAnyOf("date:", "author:", "arXiv category");
      }
    }
  }

  @Test
  void an_unclosed_quotation_mark_searches_the_words() {
    assertThat(scoring("\"unclosed phrase")).isEqualTo(scoring("unclosed phrase"));
    // A closed phrase beside it is still a phrase.
    assertThat(scoring("\"large language\" \"monkeys"))
        .contains("title:\"larg languag\"")
        .contains("text:monkei");
  }

  @Test
  void parentheses_without_operators_are_punctuation() {
    // Ranked as the plain words: the same query, with the phrase and all-words terms.
    assertThat(scoring("attention (transformers) survey"))
        .isEqualTo(scoring("attention transformers survey"));
    assertThat(scoring("(walks OR graphs) AND networks")).contains("+(text:walk text:graph)");
  }

  @Test
  void well_formed_operators_are_kept_beside_broken_ones() {
    // The unmatched parenthesis is dropped; the exclusion and the phrase stay.
    assertThat(scoring("(walks -graphs \"random process\""))
        .contains("-text:graph")
        .contains("title:\"random process\"");
    assertThat(scoring("walks AND")).isEqualTo(scoring("walks"));
    assertThat(scoring("*alks")).isEqualTo(scoring("alks"));
  }

  @Test
  void a_question_mark_and_a_spaced_dash_are_punctuation() {
    assertThat(scoring("what is RLHF?")).isEqualTo(scoring("what is RLHF"));
    assertThat(scoring("LLMs - diffusion survey")).isEqualTo(scoring("LLMs diffusion survey"));
  }

  @Test
  void text_of_only_punctuation_finds_nothing_and_leaves_filters_alone() {
    assertThat(parse("( )").scoring()).isInstanceOf(MatchNoDocsQuery.class);
    KeywordQuery filtered = parse("( ) cat:cs.CL");
    assertThat(filtered.scoring()).isNull();
    assertThat(filtered.filter()).isNotNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"unclosed phrase|unclosed phrase|unclosed phrase",
        "walks AND|walks and|walks and",
        "a AND b|a AND b|a and b",
        "(a -b|\\(a -b|\\(a \\-b",
        "title:\"x y\" z|title:\"x y\" z|title\\: x y z",
        "-\"x y\"|-\"x y\"|\\- x y"
      })
  void repaired_and_word_readings(String typed, String repaired, String words) {
    assertThat(QuerySyntax.rewritten(typed, true)).isEqualTo(repaired);
    assertThat(QuerySyntax.rewritten(typed, false).strip()).isEqualTo(words.strip());
  }
}
