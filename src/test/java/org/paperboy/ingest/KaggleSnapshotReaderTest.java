package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.paperboy.ingest.CollectedRecords.Rejection;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

class KaggleSnapshotReaderTest {

  private static final String SAMPLE = "samples/arxiv_kaggle_oai_snapshot_first200.jsonl";

  private final KaggleSnapshotReader reader = new KaggleSnapshotReader();

  private CollectedRecords sample() {
    return CollectedRecords.readResource(reader, SAMPLE, LocalDate.of(2025, 3, 20));
  }

  @Test
  void reads_every_record_of_the_sample() {
    CollectedRecords got = sample();

    assertThat(got.rejected).isEmpty();
    assertThat(got.accepted).hasSize(200);
    assertThat(got.papers().get(0).id()).isEqualTo("0704.0001");
    assertThat(got.papers().get(199).id()).isEqualTo("0704.0200");
    assertThat(got.accepted).allSatisfy(r -> assertThat(r.listing()).isNull());
    assertThat(got.papers())
        .allSatisfy(
            p -> {
              assertThat(p.source()).isEqualTo("kaggle");
              assertThat(p.version()).isPositive();
              assertThat(p.published()).isNotNull();
              assertThat(p.title()).doesNotContain("\n").doesNotStartWith(" ");
              assertThat(p.abstractText()).isNotBlank().doesNotStartWith(" ");
              assertThat(p.authors()).isNotEmpty();
              assertThat(p.categories()).isNotEmpty();
            });
  }

  @Test
  void maps_every_field_of_the_first_record() {
    Paper p = sample().paper("0704.0001");

    assertThat(p.title())
        .isEqualTo(
            "Calculation of prompt diphoton production cross sections at Tevatron and LHC"
                + " energies");
    assertThat(p.version()).isEqualTo(2);
    assertThat(p.published()).isEqualTo(LocalDate.of(2007, 4, 2));
    assertThat(p.updated()).isEqualTo(LocalDate.of(2007, 7, 24));
    assertThat(p.authors())
        .extracting(Author::name)
        .containsExactly("C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan");
    assertThat(p.categories()).containsExactly("hep-ph");
    assertThat(p.doi()).isEqualTo("10.1103/PhysRevD.76.013009");
    assertThat(p.journalRef()).isEqualTo("Phys.Rev.D76:013009,2007");
    assertThat(p.comments()).isEqualTo("37 pages, 15 figures; published version");
    assertThat(p.license()).isNull();
    assertThat(p.abstractText())
        .startsWith("A fully differential calculation in perturbative quantum chromodynamics is")
        .doesNotContain("\n")
        .endsWith("selection of events.");
  }

  @Test
  void keeps_math_categories_license_paragraphs_and_affiliations() {
    CollectedRecords got = sample();

    Paper pebble = got.paper("0704.0002");
    assertThat(pebble.abstractText()).contains("the $(k,\\ell)$-pebble game with colors");
    assertThat(pebble.categories()).containsExactly("math.CO", "cs.CG");
    assertThat(pebble.license()).isEqualTo("http://arxiv.org/licenses/nonexclusive-distrib/1.0/");
    assertThat(got.paper("0704.0046").categories()).containsExactly("quant-ph", "cs.IT", "math.IT");
    assertThat(got.paper("0704.0046").updated()).isEqualTo(LocalDate.of(2007, 4, 1));
    assertThat(got.paper("0704.0145").abstractText())
        .contains("briefly discussed.\nThis is an expanded version");
    assertThat(got.paper("0704.0052").authors())
        .containsExactly(
            new Author("Arthur Jaffe", "Harvard University"),
            new Author("Gordon Ritter", "Harvard University"));
  }

  @Test
  void reads_old_style_ids_unordered_versions_and_the_authors_string() throws IOException {
    String line =
        "{\"id\":\"hep-th/9901001\",\"authors\":\"Fran\\\\c{c}ois Dupr\\\\'e (Univ. Paris (VI)),"
            + " J. M\\\\\\\"uller (1) and {\\\\O}ystein Ore ((1) Oslo)\",\"title\":\"Schr\\\\\\\"odinger"
            + " operators\\n  and $\\\\hat{H}$\",\"abstract\":\"  Text.\\n\",\"categories\":\"hep-th"
            + " math-ph\",\"versions\":[{\"version\":\"v3\",\"created\":\"Wed, 3 Mar 1999 10:00:00"
            + " GMT\"},{\"version\":\"v1\",\"created\":\"Fri, 1 Jan 1999 10:00:00 GMT\"},"
            + "{\"version\":\"v2\",\"created\":\"not a date\"}],\"update_date\":\"2001-05-06\"}";

    Paper p = CollectedRecords.readText(reader, "snapshot.json", line).papers().get(0);

    assertThat(p.id()).isEqualTo("hep-th/9901001");
    assertThat(p.version()).isEqualTo(3);
    assertThat(p.published()).isEqualTo(LocalDate.of(1999, 1, 1));
    assertThat(p.updated()).isEqualTo(LocalDate.of(1999, 3, 3));
    assertThat(p.title()).isEqualTo("Schrödinger operators and $\\hat{H}$");
    assertThat(p.authors())
        .containsExactly(
            new Author("François Dupré", "Univ. Paris (VI)"),
            new Author("J. Müller", null),
            new Author("Øystein Ore", null));
    assertThat(p.categories()).containsExactly("hep-th", "math-ph");
  }

  @Test
  void without_versions_update_date_stands_in_for_updated() throws IOException {
    String line =
        "{\"id\":\"0704.0003v2\",\"authors\":\"A. One, B. Two, and C. Three\",\"title\":\"T\","
            + "\"abstract\":\"A.\",\"update_date\":\"2008-01-13\"}";

    Paper p = CollectedRecords.readText(reader, "snapshot.json", line).papers().get(0);

    assertThat(p.version()).isEqualTo(2);
    assertThat(p.published()).isNull();
    assertThat(p.updated()).isEqualTo(LocalDate.of(2008, 1, 13));
    assertThat(p.authors())
        .extracting(Author::name)
        .containsExactly("A. One", "B. Two", "C. Three");
  }

  @Test
  void rejects_bad_lines_with_their_number_and_reads_the_rest() throws IOException {
    String text =
        String.join(
            "\n",
            "{\"id\":\"0704.0001\",\"title\":\"Good one\",\"abstract\":\"x\"}",
            "{\"id\":\"0704.0002\",\"title\":",
            "",
            "[1, 2]",
            "{\"title\":\"No id\",\"abstract\":\"x\"}",
            "{\"id\":\"not an id\",\"title\":\"Bad id\",\"abstract\":\"x\"}",
            "{\"id\":\"0704.0007\",\"title\":\"  \\n \",\"abstract\":\"x\"}",
            "{\"id\":\"0704.0008\",\"title\":{\"nested\":true},\"abstract\":\"x\"}",
            "{\"id\":\"0704.0009\",\"title\":\"Two\"} {\"id\":\"0704.0010\"}",
            "{\"id\":\"0704.0011\",\"title\":\"Good <script>alert(1)</script> & one\","
                + "\"abstract\":\"<b>bold</b>\",\"versions\":\"v1\",\"authors_parsed\":[1,[null]]}");

    CollectedRecords got = CollectedRecords.readText(reader, "snapshot.json", text);

    assertThat(got.papers()).extracting(Paper::id).containsExactly("0704.0001", "0704.0011");
    assertThat(got.rejected)
        .extracting(Rejection::location)
        .containsExactly("line 2", "line 4", "line 5", "line 6", "line 7", "line 8", "line 9");
    assertThat(got.rejected.get(0).reason()).startsWith("not valid JSON");
    assertThat(got.rejected.get(1).reason()).isEqualTo("not a JSON object");
    assertThat(got.rejected.get(2).reason()).isEqualTo("no id");
    assertThat(got.rejected.get(3).reason()).contains("'not an id' is not an arXiv id");
    assertThat(got.rejected.get(4).reason()).contains("no title");
    Paper hostile = got.paper("0704.0011");
    assertThat(hostile.title()).isEqualTo("Good <script>alert(1)</script> & one");
    assertThat(hostile.abstractText()).isEqualTo("<b>bold</b>");
  }

  @Test
  void refuses_files_of_another_kind() {
    assertThatThrownBy(
            () ->
                CollectedRecords.readText(
                    reader, "feed.xml", "<?xml version=\"1.0\"?>\n<feed><entry/></feed>"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("feed.xml is not a Kaggle arXiv snapshot file")
        .hasMessageContaining("XML");
    assertThatThrownBy(
            () -> CollectedRecords.readText(reader, "2024-05-27.json", "[\n  {\"paper\": {}}\n]"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("a JSON array");
    assertThatThrownBy(
            () ->
                CollectedRecords.readText(
                    reader,
                    "2025-10-22.jsonl",
                    "{\"id\": \"2510.18189\", \"title\": \"T\", \"summary\": \"S\"}"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line 1 is a JSON object without the fields \"id\" and");
    byte[] gzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0};
    assertThatThrownBy(
            () ->
                CollectedRecords.read(
                    reader,
                    new ByteArrayInputStream(gzip),
                    new Source("snapshot.json.gz", null, null)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("gzip");
  }

  @Test
  void an_empty_file_gives_nothing() throws IOException {
    CollectedRecords got = CollectedRecords.readText(reader, "empty.json", " \n\n");
    assertThat(got.accepted).isEmpty();
    assertThat(got.rejected).isEmpty();
  }

  @Test
  void any_line_is_read_or_rejected_never_thrown() {
    RandomText.forEach(
        300,
        200,
        junk -> {
          String text =
              "{\"id\":\"0704.0001\",\"title\":\"T\",\"abstract\":\"A\"}\n{" + junk + "\n";
          try {
            CollectedRecords got = CollectedRecords.readText(reader, "snapshot.json", text);
            assertThat(got.accepted.size() + got.rejected.size()).isGreaterThanOrEqualTo(2);
          } catch (IOException e) {
            throw new AssertionError("a bad line made the whole file fail", e);
          }
        });
  }
}
