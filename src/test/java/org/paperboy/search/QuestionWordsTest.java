package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuestionWordsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          papers about consistency trajectory models for sound generation | consistency trajectory models for sound generation
          are there any papers on audio language models with complex reasoning? | audio language models with complex reasoning
          How do video language models hallucinate? | video language models hallucinate
          what is the role of the reference policy in DPO? | role of the reference policy in DPO
          I'm looking for a paper on linear transformers with cosine attention | linear transformers with cosine attention
          find me papers about symbolic music generation | symbolic music generation
          the paper where language models try many samples and a verifier picks one | language models try many samples and a verifier picks one
          Can you please recommend recent work on speculative decoding | speculative decoding
          is there a real-time diffusion model for video super-resolution | real-time diffusion model for video super-resolution
          how to generate a one minute video in one minute | generate a one minute video in one minute
          how do mixture of experts models work? | mixture of experts models
          which papers do Arabic diacritization with a small language model | Arabic diacritization with a small language model
          """)
  void words_that_only_ask_are_left_out(String query, String keywords) {
    assertThat(QuestionWords.keywords(query)).isEqualTo(keywords);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          best arm identification
          neural architecture search
          streaming video editing causal editing
          "papers about" quoted
          title:how do transformers work
          papers about -diffusion models
          papers
          how?
          """)
  void keyword_queries_syntax_and_bare_questions_are_left_as_typed(String query) {
    assertThat(QuestionWords.keywords(query)).isEqualTo(query);
  }
}
