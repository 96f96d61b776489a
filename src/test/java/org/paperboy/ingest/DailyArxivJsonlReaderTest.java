package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.ingest.CollectedRecords.Rejection;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

class DailyArxivJsonlReaderTest {

  private static final String SAMPLE = "samples/arxiv_daily_dw-dengwei_2025-10-22.jsonl";

  private final DailyArxivJsonlReader reader = new DailyArxivJsonlReader();

  @TempDir Path dir;

  private static String line(String id, String title) {
    return "{\"id\": \""
        + id
        + "\", \"authors\": [\"A. Author\"], \"title\": \""
        + title
        + "\", \"categories\": [\"cs.CV\"], \"comment\": null, \"summary\": \"Text.\"}";
  }

  @Test
  void reads_one_day_dated_by_its_file_name() {
    CollectedRecords got = CollectedRecords.readResource(reader, SAMPLE, LocalDate.of(2025, 11, 1));

    assertThat(got.rejected).isEmpty();
    assertThat(got.accepted).hasSize(286);
    assertThat(got.papers())
        .allSatisfy(
            p -> {
              assertThat(p.published()).isEqualTo(LocalDate.of(2025, 10, 22));
              assertThat(p.source()).isEqualTo("arxiv-daily");
              assertThat(p.categories())
                  .isNotEmpty()
                  .allMatch(DailyArxivJsonlReader::isArxivCategory);
              assertThat(p.title()).doesNotContain("\n");
            });
    Paper first = got.papers().get(0);
    assertThat(first.id()).isEqualTo("2510.18189");
    assertThat(first.version()).isZero();
    assertThat(first.title())
        .isEqualTo("A Generalizable Light Transport 3D Embedding for Global Illumination");
    assertThat(first.authors()).hasSize(8).first().isEqualTo(Author.named("Bing Xu"));
    assertThat(first.categories()).containsExactly("cs.GR", "cs.CV");
    assertThat(first.comments()).isNull();
    assertThat(first.abstractText())
        .startsWith(
            "Global illumination (GI) is essential for realistic rendering but remains"
                + " computationally expensive")
        .doesNotContain("\n");
    assertThat(got.paper("2510.17892").categories()).containsExactly("cs.CL");
    assertThat(got.paper("2510.17844").comments())
        .isEqualTo(
            "20 pages, 4 figures, accepted for presentation at EMNLP 2025 Workshop on Active"
                + " and Passive LLM Personalization (PALS) OpenReview:"
                + " https://openreview.net/forum?id=rUtNkYvGJI");
    assertThat(got.paper("2510.17847").abstractText())
        .contains("importance and diversity.\nWe introduce CoIDO");
  }

  @Test
  void drops_acm_and_msc_classes_from_categories() throws IOException {
    String text =
        "{\"id\": \"2505.09129\", \"title\": \"T\", \"summary\": \"S\", \"categories\": [\"cs.CV\","
            + " \"cs.AI\", \"es: 68T10, 68T05\", \"I.4.9; I.5.1\", \"68T50\", \"na\", \"cs.CV\","
            + " \"spatial computing,\\n  spatial reasoning\", \"cond-mat.mes-hall\", \"hep-th\"]}";

    Paper p = CollectedRecords.readText(reader, "2025-05-20.jsonl", text).papers().get(0);

    assertThat(p.categories()).containsExactly("cs.CV", "cs.AI", "cond-mat.mes-hall", "hep-th");
    assertThat(p.primaryCategory()).isEqualTo("cs.CV");
  }

  @Test
  void recognises_arxiv_category_codes() {
    assertThat(
            List.of(
                "cs.CV",
                "math.AG",
                "physics.optics",
                "q-bio.NC",
                "astro-ph",
                "gr-qc",
                "stat.ML",
                "eess.IV",
                "econ.EM",
                "solv-int"))
        .allMatch(DailyArxivJsonlReader::isArxivCategory);
    assertThat(List.of("I.2.7", "68T50", "na", "cs.", "CS.CV", "I.2.7; I.2.6", "x.y", ""))
        .noneMatch(DailyArxivJsonlReader::isArxivCategory);
  }

  @Test
  void dates_each_line_from_the_manifest_next_to_the_file() throws IOException {
    Path file = dir.resolve("daily_2025-03-18_to_2025-03-20.jsonl.gz");
    Files.writeString(
        dir.resolve("daily_2025-03-18_to_2025-03-20.manifest.csv"),
        "source_file,crawl_date,first_line,line_count,bytes,sha1\n"
            + "2025-03-18.jsonl,2025-03-18,1,2,10,aa\n"
            + "2025-03-19.jsonl,2025-03-19,3,1,10,bb\n"
            + "2025-03-20.jsonl,2025-03-20,4,2,10,cc\n");
    String text =
        String.join(
            "\n",
            line("2503.00001", "One"),
            line("2503.00002", "Two"),
            line("2503.00001", "One again"),
            line("2503.00003", "Three"),
            line("2503.00001", "One a third time"),
            line("2503.00004", "Past the manifest"));

    CollectedRecords got = read(text, new Source(file.getFileName().toString(), file, null));

    assertThat(got.papers())
        .extracting(Paper::published)
        .containsExactly(
            LocalDate.of(2025, 3, 18),
            LocalDate.of(2025, 3, 18),
            LocalDate.of(2025, 3, 19),
            LocalDate.of(2025, 3, 20),
            LocalDate.of(2025, 3, 20),
            null);
    assertThat(got.papers()).extracting(Paper::id).containsSubsequence("2503.00001", "2503.00001");
  }

  @Test
  void a_file_of_many_days_without_its_manifest_gets_no_date() throws IOException {
    Path file = dir.resolve("daily_2025-03-18_to_2025-03-20.jsonl");

    CollectedRecords got =
        read(line("2503.00001", "One"), new Source(file.getFileName().toString(), file, null));

    assertThat(got.papers().get(0).published()).isNull();
  }

  @Test
  void a_broken_manifest_is_reported_with_its_line() throws IOException {
    Path file = dir.resolve("d_2025-03-18_to_2025-03-20.jsonl");
    Files.writeString(
        dir.resolve("d_2025-03-18_to_2025-03-20.manifest.csv"),
        "source_file,crawl_date,first_line,line_count\nx,2025-03-18,1,2\nx,yesterday,3,1\n");

    assertThatThrownBy(() -> read(line("2503.00001", "One"), new Source("d", file, null)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("manifest.csv line 3");
    Files.writeString(dir.resolve("d_2025-03-18_to_2025-03-20.manifest.csv"), "a,b\n");
    assertThatThrownBy(() -> read(line("2503.00001", "One"), new Source("d", file, null)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a daily arXiv manifest");
  }

  @Test
  void rejects_broken_lines_and_reads_the_rest() throws IOException {
    String text =
        String.join(
            "\n",
            line("2510.00001", "Fine"),
            "{\"id\": \"2510.00002\", \"title\": \"Cut off",
            line("2510.00003", "Fine <script>alert('x')</script> too"),
            "{\"id\": null, \"title\": \"No id\", \"summary\": \"S\"}",
            "{\"id\": \"2510.00005\", \"summary\": \"No title\"}",
            "{\"id\": \"2510.00006\", \"title\": \"Odd types\", \"summary\": 42, \"authors\": \"x\","
                + " \"categories\": [null, 7, \"cs.LG\"], \"comment\": [\"a\"]}",
            "\"just a string\"");

    CollectedRecords got = CollectedRecords.readText(reader, "2025-10-22.jsonl", text);

    assertThat(got.papers())
        .extracting(Paper::id)
        .containsExactly("2510.00001", "2510.00003", "2510.00006");
    assertThat(got.rejected)
        .extracting(Rejection::location)
        .containsExactly("line 2", "line 4", "line 5", "line 7");
    assertThat(got.rejected.get(0).reason()).startsWith("not valid JSON").contains("column");
    assertThat(got.paper("2510.00003").title()).isEqualTo("Fine <script>alert('x')</script> too");
    Paper odd = got.paper("2510.00006");
    assertThat(odd.abstractText()).isEqualTo("42");
    assertThat(odd.authors()).isEmpty();
    assertThat(odd.categories()).containsExactly("cs.LG");
    assertThat(odd.comments()).isNull();
  }

  @Test
  void refuses_files_of_another_kind() {
    assertThatThrownBy(
            () ->
                CollectedRecords.readText(
                    reader, "2025-10-22.jsonl", "<html><body>Rate limited</body></html>"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("2025-10-22.jsonl is not a daily arXiv listing file")
        .hasMessageContaining("\"<html><body>Rate limited</body></html>…\" (XML or HTML?)");
    assertThatThrownBy(
            () ->
                CollectedRecords.readText(
                    reader,
                    "snapshot.jsonl",
                    "{\"id\":\"0704.0001\",\"title\":\"T\",\"abstract\":\"A\",\"versions\":[]}"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("without the fields \"id\" and \"summary\"");
  }

  @Test
  void any_input_is_read_rejected_or_refused_with_an_io_exception() {
    RandomText.forEach(
        300,
        300,
        junk -> {
          try {
            CollectedRecords.readText(reader, "2025-10-22.jsonl", junk);
          } catch (IOException e) {
            assertThat(e.getMessage()).contains("2025-10-22.jsonl");
          }
        });
  }

  private CollectedRecords read(String text, Source source) throws IOException {
    InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    return CollectedRecords.read(reader, in, source);
  }
}
