package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paperboy.ingest.CollectedRecords.Rejection;
import org.paperboy.paper.Author;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Organization;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

class HfDailyPapersReaderTest {

  private final HfDailyPapersReader reader = new HfDailyPapersReader();

  private CollectedRecords sample(String day) {
    return CollectedRecords.readResource(
        reader, "samples/hf_daily_papers/" + day + ".json", LocalDate.of(2026, 7, 1));
  }

  private static String item(String paperFields, String itemFields) {
    return "{\"paper\": {"
        + paperFields
        + "}"
        + (itemFields.isEmpty() ? "" : ", " + itemFields)
        + "}";
  }

  @Test
  void reads_2024_shape() {
    CollectedRecords got = sample("2024-05-27");

    assertThat(got.rejected).isEmpty();
    assertThat(got.accepted).hasSize(13);
    assertThat(got.accepted)
        .extracting(r -> r.listing().position())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    PaperRecord first = got.accepted.get(0);
    Paper p = first.paper();
    assertThat(p.id()).isEqualTo("2405.15738");
    assertThat(p.version()).isZero();
    assertThat(p.source()).isEqualTo("hf-daily");
    assertThat(p.title())
        .isEqualTo(
            "ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal Models");
    assertThat(p.authors())
        .extracting(Author::name)
        .startsWith("Chunjiang Ge", "Sijie Cheng", "Ziming Wang")
        .hasSize(9)
        .endsWith("Bo Zheng");
    assertThat(p.abstractText())
        .startsWith(
            "High-resolution Large Multimodal Models (LMMs) encounter the challenges of"
                + " excessive visual tokens")
        .doesNotContain("\n");
    assertThat(p.published()).isEqualTo(LocalDate.of(2024, 5, 24));
    assertThat(p.categories()).isEmpty();
    assertThat(p.codeUrl()).isNull();
    assertThat(p.aiSummary()).isNull();
    assertThat(p.aiKeywords()).isEmpty();
    // The 2024 shape has no submittedOnDailyAt: the day comes from the file name.
    assertThat(first.listing()).isEqualTo(new Listing(LocalDate.of(2024, 5, 27), 0, null, 32, 3));
  }

  @Test
  void reads_2025_shape() {
    CollectedRecords got = sample("2025-07-15");

    assertThat(got.rejected).isEmpty();
    assertThat(got.accepted).hasSize(10);
    PaperRecord first = got.accepted.get(0);
    Paper p = first.paper();
    assertThat(p.id()).isEqualTo("2507.10548");
    assertThat(p.published()).isEqualTo(LocalDate.of(2025, 7, 14));
    assertThat(p.codeUrl()).isEqualTo("https://github.com/mxllc/EmbRACE-3K");
    assertThat(p.codeStars()).isEqualTo(2);
    assertThat(p.projectPage()).isEqualTo("https://mxllc.github.io/EmbRACE-3K/");
    assertThat(p.aiSummary()).startsWith("A new dataset, EmRACE-3K, evaluates vision-language");
    assertThat(p.aiKeywords())
        .hasSize(14)
        .startsWith("vision-language models", "embodied settings");
    assertThat(first.listing())
        .isEqualTo(new Listing(LocalDate.of(2025, 7, 15), 0, "Wei Huang", 18, 5));
    assertThat(got.accepted.get(2).listing().submitter()).isEqualTo("Songyang Zhang");
    assertThat(got.accepted.get(2).paper().codeStars()).isEqualTo(96);
  }

  @Test
  void reads_2026_shape() {
    CollectedRecords got = sample("2026-06-30");

    assertThat(got.rejected).isEmpty();
    assertThat(got.accepted).hasSize(34);
    assertThat(got.accepted)
        .allSatisfy(r -> assertThat(r.listing().date()).isEqualTo(LocalDate.of(2026, 6, 30)));
    assertThat(got.accepted.get(33).listing().position()).isEqualTo(33);
    PaperRecord first = got.accepted.get(0);
    assertThat(first.paper().title())
        .isEqualTo("LiveEdit: Towards Real-Time Diffusion-Based Streaming Video Editing");
    // paper.publishedAt (midnight UTC) wins over the item's, which is the evening before.
    assertThat(first.paper().published()).isEqualTo(LocalDate.of(2026, 6, 25));
    assertThat(first.paper().codeStars()).isEqualTo(12);
    assertThat(first.paper().authors()).hasSize(4);
    assertThat(first.listing())
        .isEqualTo(new Listing(LocalDate.of(2026, 6, 30), 0, "Jack Ma", 57, 2));
    assertThat(first.paper().organization())
        .isEqualTo(new Organization("Tsinghua", "Tsinghua University"));
    assertThat(got.accepted.get(4).paper().organization()).isNull();
  }

  @Test
  void counts_positions_per_list_day_and_prefers_submitted_on_daily_at() throws IOException {
    String json =
        "["
            + String.join(
                ",\n",
                item("\"id\": \"2401.00001\", \"title\": \"A\", \"upvotes\": 3", ""),
                item(
                    "\"id\": \"2401.00002\", \"title\": \"B\", \"submittedOnDailyAt\":"
                        + " \"2024-01-09T23:59:59.000Z\", \"submittedOnDailyBy\": {\"user\": \"u\"}",
                    ""),
                item(
                    "\"id\": \"2401.00003v2\", \"title\": \"C\"",
                    "\"submittedBy\": {\"name\": \"nick\"}, \"numComments\": 4"),
                item(
                    "\"id\": \"2401.00004\", \"title\": \"D\", \"submittedOnDailyAt\":"
                        + " \"2024-01-09T08:00:00+09:00\", \"submittedOnDailyBy\": {\"fullname\":"
                        + " \"Full Name\", \"name\": \"nick\", \"user\": \"u\"}",
                    ""))
            + "]";

    CollectedRecords got = CollectedRecords.readText(reader, "2024-01-10.json", json);

    assertThat(got.accepted)
        .extracting(PaperRecord::listing)
        .containsExactly(
            new Listing(LocalDate.of(2024, 1, 10), 0, null, 3, 0),
            new Listing(LocalDate.of(2024, 1, 9), 0, "u", 0, 0),
            new Listing(LocalDate.of(2024, 1, 10), 1, "nick", 0, 4),
            new Listing(LocalDate.of(2024, 1, 8), 0, "Full Name", 0, 0));
    assertThat(got.papers().get(2).id()).isEqualTo("2401.00003");
    assertThat(got.papers().get(2).version()).isZero();
  }

  @Test
  void without_any_list_day_an_item_is_kept_without_listing() throws IOException {
    String json = "[" + item("\"id\": \"2401.00001\", \"title\": \"A\"", "") + "]";

    CollectedRecords got = CollectedRecords.readText(reader, "papers.json", json);

    assertThat(got.accepted).singleElement().satisfies(r -> assertThat(r.listing()).isNull());
  }

  @Test
  void rejects_items_without_id_or_title_and_reads_the_rest() throws IOException {
    String json =
        "["
            + String.join(
                ",\n",
                item("\"id\": \"2401.00001\", \"title\": \"Fine\"", ""),
                item("\"title\": \"No id\"", ""),
                item("\"id\": \"2401.00003\", \"title\": \"  \"", "\"title\": null"),
                "\"a string\"",
                "{\"title\": \"no paper object\"}",
                item("\"id\": \"../../etc/passwd\", \"title\": \"Bad id\"", ""),
                item(
                    "\"id\": \"2401.00007\", \"title\": \"<script>alert(1)</script>\","
                        + " \"authors\": [{\"name\": \"<img src=x onerror=alert(1)>\"}, 3,"
                        + " {\"name\": null}], \"upvotes\": \"many\", \"githubStars\": 1e99,"
                        + " \"ai_keywords\": \"not a list\", \"publishedAt\": \"yesterday\"",
                    "\"title\": \"Item title\", \"numComments\": -5"),
                item("\"id\": 2401.00008", "\"title\": \"Title from the item\""))
            + "]";

    CollectedRecords got = CollectedRecords.readText(reader, "2024-01-10.json", json);

    assertThat(got.papers())
        .extracting(Paper::id)
        .containsExactly("2401.00001", "2401.00007", "2401.00008");
    assertThat(got.rejected)
        .containsExactly(
            new Rejection("item 2", "no id"),
            new Rejection("item 3", "paper 2401.00003 has no title"),
            new Rejection("item 4", "not a daily-paper item (no \"paper\" object)"),
            new Rejection("item 5", "not a daily-paper item (no \"paper\" object)"),
            new Rejection("item 6", "id '../../etc/passwd' is not an arXiv id"));
    Paper hostile = got.paper("2401.00007");
    assertThat(hostile.title()).isEqualTo("<script>alert(1)</script>");
    assertThat(hostile.authors()).containsExactly(Author.named("<img src=x onerror=alert(1)>"));
    assertThat(hostile.codeStars()).isNull();
    assertThat(hostile.aiKeywords()).isEmpty();
    assertThat(hostile.published()).isNull();
    assertThat(got.accepted.get(1).listing())
        .isEqualTo(new Listing(LocalDate.of(2024, 1, 10), 1, null, 0, 0));
    assertThat(got.paper("2401.00008").title()).isEqualTo("Title from the item");
  }

  @Test
  void refuses_files_of_another_kind() {
    assertThatThrownBy(
            () ->
                CollectedRecords.readText(
                    reader, "2024-05-27.json", "<?xml version=\"1.0\"?><feed/>"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("2024-05-27.json is not a Hugging Face daily-papers file")
        .hasMessageContaining("XML");
    assertThatThrownBy(
            () ->
                CollectedRecords.readText(reader, "2024-05-27.json", "{\"error\": \"Not found\"}"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("(a JSON object)");
    assertThatThrownBy(
            () ->
                CollectedRecords.readText(
                    reader, "2024-12-11.json", "[\"{'paper': {'id': '2412.00001'}}\"]"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("item 1 is a string");
    assertThatThrownBy(
            () ->
                CollectedRecords.readText(
                    reader, "2025-10-22.jsonl", "{\"id\": \"2510.1\"}\n{\"id\": \"2510.2\"}"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not a Hugging Face daily-papers file");
  }

  @Test
  void a_cut_off_array_fails_after_reading_the_complete_items() {
    String json =
        "[" + item("\"id\": \"2401.00001\", \"title\": \"A\"", "") + ", {\"paper\": {\"id\": \"24";
    CollectedRecords sink = new CollectedRecords();
    InputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> reader.read(in, new Source("2024-01-10.json", null, null), sink))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("2024-01-10.json: broken JSON after item 1 (line 1)");
    assertThat(sink.papers()).extracting(Paper::id).containsExactly("2401.00001");
  }

  @Test
  void any_input_is_read_rejected_or_refused_with_an_io_exception() {
    RandomText.forEach(300, 300, this::readOrRefuse);
  }

  private void readOrRefuse(String junk) {
    for (String text :
        List.of(junk, "[" + junk, "[{\"paper\": {\"id\": \"2401.00001\"}}," + junk)) {
      try {
        CollectedRecords.readText(reader, "2024-01-10.json", text);
      } catch (IOException e) {
        assertThat(e.getMessage()).contains("2024-01-10.json");
      }
    }
  }
}
