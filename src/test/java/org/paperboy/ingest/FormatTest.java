package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormatTest {

  private static Format detect(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return Format.detect(b, b.length);
  }

  @Test
  void recognises_each_format_from_its_first_bytes() {
    assertThat(detect("\uFEFF<?xml version=\"1.0\"?>\n<OAI-PMH xmlns=\"x\">"))
        .isEqualTo(Format.OAI_PMH);
    assertThat(detect("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"))
        .isEqualTo(Format.ARXIV_ATOM);
    assertThat(detect("  [\n  {\"paper\": {}}")).isEqualTo(Format.HF_DAILY_PAPERS);
    assertThat(detect("{\"id\":\"0704.0001\",\"versions\":[]}\n{}"))
        .isEqualTo(Format.KAGGLE_SNAPSHOT);
    assertThat(detect("{\"id\": \"2503.1\", \"pdf\": \"p\", \"abs\": \"a\", \"summary\": \"s\"}"))
        .isEqualTo(Format.DAILY_ARXIV_JSONL);
    assertThat(detect("Mar 17\n\nA title\n\nAn abstract\n")).isEqualTo(Format.SEED_TEXT);
  }

  @Test
  void refuses_what_it_does_not_know() {
    assertThatThrownBy(() -> detect("   \n")).hasMessageContaining("empty");
    assertThatThrownBy(() -> detect("<html><body/></html>")).hasMessageContaining("XML");
    assertThatThrownBy(() -> detect("{\"name\": \"x\"}")).hasMessageContaining("JSON");
    assertThatThrownBy(() -> detect("abc\0def")).hasMessageContaining("binary");
  }
}
