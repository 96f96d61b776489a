package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void markup_and_both_quotes_are_escaped_and_other_text_is_kept() {
    assertThat(Html.escape("<a href=\"x\" title='y'>Tom & Jerry</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;");
    assertThat(Html.escape("Schrödinger: $\\alpha$ — ok")).isEqualTo("Schrödinger: $\\alpha$ — ok");
    assertThat(Html.escape("")).isEmpty();
  }
}
