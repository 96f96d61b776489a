package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.paperboy.paper.Author;
import org.paperboy.paper.ListedPaper;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;

final class PaperCardTest {

  @Test
  void excerpt_keepsShortTextWithWhitespaceCollapsed() {
    assertThat(PaperCard.excerpt("  A short\n abstract.  ", 50)).isEqualTo("A short abstract.");
  }

  @Test
  void excerpt_cutsAtAWordAndEndsWithAnEllipsis() {
    assertThat(PaperCard.excerpt("one two three four five", 12)).isEqualTo("one two…");
  }

  @Test
  void excerpt_neverEndsInsideMath() {
    assertThat(PaperCard.excerpt("We bound it by $O(n \\log n)$ steps", 24))
        .isEqualTo("We bound it by…");
    assertThat(PaperCard.excerpt("It costs \\$5 and $x$ more words here", 28))
        .isEqualTo("It costs \\$5 and $x$ more…");
  }

  @Test
  void excerpt_cutsAWordWithoutSpacesAtTheLimit() {
    assertThat(PaperCard.excerpt("a" + "b".repeat(40), 10)).isEqualTo("abbbbbbbbb…");
  }

  @Test
  void authors_areAllShownUpToTheLimit() {
    PaperCard card = PaperCard.of(listed(PaperCard.AUTHORS_SHOWN));

    assertThat(card.authors()).hasSize(PaperCard.AUTHORS_SHOWN);
    assertThat(card.moreAuthors()).isZero();
  }

  @Test
  void authors_beyondTheLimitAreCounted() {
    PaperCard card = PaperCard.of(listed(PaperCard.AUTHORS_SHOWN + 1));

    assertThat(card.authors()).hasSize(PaperCard.AUTHORS_SHOWN - 1);
    assertThat(card.moreAuthors()).isEqualTo(2);
    assertThat(card.authorLine()).startsWith("A1, A2");
  }

  private static ListedPaper listed(int authors) {
    Paper paper =
        Paper.builder("2503.11731", "T", "test")
            .authors(
                IntStream.rangeClosed(1, authors).mapToObj(i -> Author.named("A" + i)).toList())
            .build();
    return new ListedPaper(paper, new Listing(LocalDate.of(2025, 3, 17), 0, null, 0, 0));
  }

  @Test
  void codeLink_isDroppedUnlessItIsAWebLink() {
    Paper paper =
        Paper.builder("2503.11731", "T", "test")
            .codeUrl("javascript:alert(1)")
            .codeStars(5)
            .build();

    PaperCard card =
        PaperCard.of(new ListedPaper(paper, new Listing(LocalDate.of(2025, 3, 17), 0, null, 0, 0)));

    assertThat(card.codeUrl()).isNull();
    assertThat(card.codeStars()).isNull();
  }

  @Test
  void links_ofAnOldStyleIdKeepTheSlash() {
    assertThat(Routes.paper("hep-th/9901001")).isEqualTo("/papers/hep-th/9901001");
    assertThat(Routes.paper("a b\"<")).isEqualTo("/papers/a%20b%22%3C");
    assertThat(ExternalLinks.arxivPdf("hep-th/9901001"))
        .isEqualTo("https://arxiv.org/pdf/hep-th/9901001");
    assertThat(ExternalLinks.doi("https://doi.org/10.1000/a b"))
        .isEqualTo("https://doi.org/10.1000/a%20b");
    assertThat(ExternalLinks.web("HTTPS://example.org/x")).isEqualTo("HTTPS://example.org/x");
    assertThat(ExternalLinks.web("javascript:alert(1)")).isNull();
    assertThat(ExternalLinks.web("//example.org")).isNull();
    List.of("data:text/html,x", "vbscript:x", "")
        .forEach(u -> assertThat(ExternalLinks.web(u)).isNull());
  }
}
