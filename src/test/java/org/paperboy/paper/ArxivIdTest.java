package org.paperboy.paper;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The forms of arXiv ids and links that people type and paste. */
class ArxivIdTest {

  @ParameterizedTest
  @CsvSource({
    "2606.26740, 2606.26740, 0",
    "2606.26740v2, 2606.26740, 2",
    "arXiv:2606.26740v3, 2606.26740, 3",
    "' 2606.26740 ', 2606.26740, 0",
    "hep-th/9901001, hep-th/9901001, 0",
    "HEP-TH/9901001v1, hep-th/9901001, 1",
    "math.GT/0309136, math.GT/0309136, 0",
    "https://arxiv.org/abs/2606.26740, 2606.26740, 0",
    "http://www.arxiv.org/abs/2606.26740v2?context=cs, 2606.26740, 2",
    "arxiv.org/abs/2606.26740, 2606.26740, 0",
    "https://arxiv.org/pdf/2606.26740v2.pdf, 2606.26740, 2",
    "https://arxiv.org/pdf/2606.26740, 2606.26740, 0",
    "https://arxiv.org/html/2606.26740v1/, 2606.26740, 1",
    "https://export.arxiv.org/abs/hep-th/9901001, hep-th/9901001, 0",
    "https://arxiv.org/abs/math.GT/0309136v2, math.GT/0309136, 2",
    "https://ar5iv.labs.arxiv.org/html/2606.26740, 2606.26740, 0",
    "https://huggingface.co/papers/2606.26740, 2606.26740, 0",
    "huggingface.co/papers/2606.26740#community, 2606.26740, 0",
    "https://hf.co/papers/2606.26740, 2606.26740, 0",
    "https://www.alphaxiv.org/abs/2606.26740v2, 2606.26740, 2",
    "https://alphaxiv.org/overview/2606.26740, 2606.26740, 0",
    "https://www.semanticscholar.org/arxiv/2606.26740, 2606.26740, 0"
  })
  void parses_ids_and_links(String text, String id, int version) {
    assertThat(ArxivId.parse(text)).contains(new ArxivId(id, version));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "diffusion models",
        "2606.26740 diffusion",
        "https://example.org/abs/2606.26740",
        "https://huggingface.co/2606.26740",
        "https://github.com/papers/2606.26740",
        "2606.267",
        "v2"
      })
  void other_text_is_not_an_id(String text) {
    assertThat(ArxivId.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "math.GT/0309136, math/0309136",
    "hep-th/9901001, hep-th/9901001",
    "2606.26740v2, 2606.26740"
  })
  void filed_drops_an_old_style_subject_class(String text, String filed) {
    assertThat(ArxivId.require(text).filed()).isEqualTo(filed);
  }
}
