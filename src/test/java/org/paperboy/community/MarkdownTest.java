package org.paperboy.community;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

  @Test
  void raw_html_is_shown_as_text() {
    String html = Markdown.toHtml("Hi <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>");
    assertThat(html).doesNotContain("<script").doesNotContain("<img");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void javascript_and_data_links_lead_nowhere() {
    String html =
        Markdown.toHtml(
            "[click](javascript:alert(1)) [x](JaVaScRiPt:alert(1)) [d](data:text/html,hi)"
                + " <javascript:alert(1)>");
    // the link texts remain, as text; no target is left
    assertThat(html.toLowerCase())
        .doesNotContain("href=\"javascript")
        .doesNotContain("href=\"data");
    assertThat(html).contains("href=\"\">click</a>");
  }

  @Test
  void links_are_kept_with_rel_and_images_become_links() {
    String html =
        Markdown.toHtml(
            "[paper](https://arxiv.org/abs/2503.11731) ![pixel](https://t.example/p.gif)");
    assertThat(html)
        .contains(
            "<a rel=\"nofollow ugc noopener noreferrer\" href=\"https://arxiv.org/abs/2503.11731\">paper</a>")
        .doesNotContain("<img")
        .contains(">image: pixel</a>");
  }

  @Test
  void math_is_kept_verbatim_and_escaped() {
    String html = Markdown.toHtml("Loss $a_1 * b_2 < c_3$ is *fine*, and $$\\sum_{i} x_i^2$$");
    assertThat(html)
        .contains("<span class=\"math\">$a_1 * b_2 &lt; c_3$</span>")
        .contains("<em>fine</em>")
        .contains("<span class=\"math display\">$$\\sum_{i} x_i^2$$</span>");
  }

  @Test
  void dollar_amounts_are_not_math() {
    assertThat(Markdown.toHtml("It costs $5 and $10.")).doesNotContain("class=\"math\"");
  }

  @Test
  void math_cannot_smuggle_html() {
    assertThat(Markdown.toHtml("$</span><script>x</script>$")).doesNotContain("<script");
  }
}
