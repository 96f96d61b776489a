package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.paperboy.ingest.CollectedRecords.Rejection;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

class SeedPageReaderTest {

  private static final String SEED = "seed/000_e57d2eea550427ab.txt";

  private static final String ABSTRACT =
      "We study something at length. ".repeat(12).trim() + " It works.";

  private final SeedPageReader reader = new SeedPageReader();

  private CollectedRecords read(String text, LocalDate today) throws IOException {
    return CollectedRecords.read(
        reader,
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        new Source("page.txt", null, today));
  }

  @Test
  void reads_the_69_papers_of_the_seed_page() {
    CollectedRecords got = CollectedRecords.readResource(reader, SEED, LocalDate.of(2025, 3, 20));

    assertThat(got.rejected).isEmpty();
    assertThat(got.accepted).hasSize(69);
    for (int i = 0; i < 69; i++) {
      PaperRecord r = got.accepted.get(i);
      assertThat(r.listing()).isEqualTo(new Listing(LocalDate.of(2025, 3, 17), i, null, 0, 0));
      assertThat(r.paper().id()).isEqualTo(Paper.localId(r.paper().title()));
      assertThat(r.paper().source()).isEqualTo("seed");
      assertThat(r.paper().title().length()).isLessThanOrEqualTo(SeedPageReader.MAX_TITLE);
      assertThat(r.paper().abstractText().length()).isGreaterThan(1000);
    }
    Paper first = got.papers().get(0);
    assertThat(first.title())
        .isEqualTo(
            "Distilling Instruction-following Abilities of Large Language Models with Task-aware"
                + " Curriculum Planning");
    assertThat(first.abstractText())
        .startsWith("The process of instruction tuning aligns pre-trained large language models");
    assertThat(got.papers().get(1).title())
        .isEqualTo(
            "Adapt-$\\infty$: Scalable Lifelong Multimodal Instruction Tuning via Dynamic Data"
                + " Selection");
    assertThat(got.papers().get(68).title())
        .isEqualTo("Preserving Statistical Validity in Adaptive Data Analysis");
    assertThat(got.papers()).extracting(Paper::title).contains("Reward-Robust RLHF in LLMs");
    assertThat(got.papers()).extracting(Paper::id).doesNotHaveDuplicates();
  }

  @ParameterizedTest(name = "{0} seen on {1} is {2}")
  @CsvSource({
    "Mar 17, 2025-03-20, 2025-03-17",
    "Mar 17, 2025-03-17, 2025-03-17",
    "Mar 17, 2025-03-10, 2024-03-17",
    "March 17, 2025-03-20, 2025-03-17",
    "Dec 31, 2025-01-02, 2024-12-31",
    "Feb 29, 2025-03-01, 2024-02-29",
    "Feb 29, 2024-02-28, 2020-02-29",
    "'Mar 17, 2024', 2026-01-01, 2024-03-17",
    "2024-03-17, 2026-01-01, 2024-03-17",
    "Sept 3, 2025-09-10, 2025-09-03",
  })
  void resolves_date_headings(String heading, LocalDate today, LocalDate expected)
      throws IOException {
    CollectedRecords got = read("new\n\n" + heading + "\n\nA title\n\n" + ABSTRACT + "\n", today);

    assertThat(got.rejected).isEmpty();
    assertThat(got.accepted)
        .singleElement()
        .satisfies(r -> assertThat(r.listing().date()).isEqualTo(expected));
  }

  @Test
  void without_a_heading_papers_have_no_listing_and_positions_count_per_day() throws IOException {
    String page =
        String.join(
            "\n\n",
            "Subscribe",
            "Undated title",
            ABSTRACT,
            "Mar 16",
            "First of the 16th",
            ABSTRACT,
            "12",
            "Second of the 16th",
            ABSTRACT,
            "2025-03-17",
            "First of the 17th",
            ABSTRACT);

    CollectedRecords got = read(page, LocalDate.of(2025, 3, 20));

    assertThat(got.rejected).isEmpty();
    assertThat(got.accepted)
        .extracting(PaperRecord::listing)
        .containsExactly(
            null,
            new Listing(LocalDate.of(2025, 3, 16), 0, null, 0, 0),
            new Listing(LocalDate.of(2025, 3, 16), 1, null, 0, 0),
            new Listing(LocalDate.of(2025, 3, 17), 0, null, 0, 0));
  }

  @Test
  void rejects_titles_without_abstract_and_abstracts_without_title() throws IOException {
    String longLine = "This reads like an abstract. ".repeat(20).trim();
    String page =
        String.join(
            "\n",
            "Mar 17", // 1
            "",
            "Lonely title", // 3
            "",
            "Next title", // 5
            "",
            ABSTRACT, // 7
            "",
            longLine, // 9
            "",
            "<script>alert('x')</script> & <b>Title</b>", // 11
            "",
            "<img src=x onerror=alert(1)> " + ABSTRACT, // 13
            "",
            "Feb 30", // 15
            "",
            "Title at the end"); // 17

    CollectedRecords got = read(page, LocalDate.of(2025, 3, 20));

    assertThat(got.papers())
        .extracting(Paper::title)
        .containsExactly("Next title", "<script>alert('x')</script> & <b>Title</b>");
    assertThat(got.papers().get(1).abstractText()).startsWith("<img src=x onerror=alert(1)> ");
    assertThat(got.rejected)
        .extracting(Rejection::location)
        .containsExactly("line 3", "line 9", "line 15", "line 17");
    assertThat(got.rejected.get(0).reason()).contains("title without an abstract: 'Lonely title'");
    assertThat(got.rejected.get(1).reason()).contains("no title before it");
    assertThat(got.rejected.get(2).reason()).contains("'Feb 30' is not a real date");
    assertThat(got.rejected.get(3).reason()).contains("'Title at the end'");
  }

  @Test
  void a_heading_without_year_needs_today() throws IOException {
    CollectedRecords got = read("Mar 17\n\nA title\n\n" + ABSTRACT, null);

    assertThat(got.rejected)
        .containsExactly(
            new Rejection("line 1", "date heading 'Mar 17' has no year and no today to go by"));
    assertThat(got.accepted).singleElement().satisfies(r -> assertThat(r.listing()).isNull());
  }

  @Test
  void refuses_files_of_another_kind() {
    assertThatThrownBy(() -> read("<?xml version=\"1.0\"?>\n<OAI-PMH/>", LocalDate.now()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("page.txt is not the plain text of a daily-papers page")
        .hasMessageContaining("XML or HTML?");
    assertThatThrownBy(() -> read("[{\"paper\": {}}]", LocalDate.now()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("a JSON array");
    assertThatThrownBy(
            () ->
                CollectedRecords.read(
                    reader,
                    new ByteArrayInputStream(new byte[] {0x1f, (byte) 0x8b, 8, 0}),
                    new Source("page.txt.gz", null, null)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("gzip");
  }

  @Test
  void any_text_is_read_or_rejected() {
    RandomText.forEach(
        300,
        400,
        junk -> {
          try {
            read("Mar 17\n" + junk.replace('\u0000', ' '), LocalDate.of(2025, 3, 20));
          } catch (IOException e) {
            throw new AssertionError("text that starts as a page was refused", e);
          }
        });
  }
}
