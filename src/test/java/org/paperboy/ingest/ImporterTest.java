package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.paperboy.paper.Catalog;
import org.paperboy.store.Database;

class ImporterTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T09:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private Database db;
  private Catalog catalog;
  private Importer importer;

  @BeforeEach
  void open() {
    db = Database.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null);
    catalog = new Catalog(db, CLOCK);
    importer = new Importer(catalog, CLOCK);
  }

  @AfterEach
  void close() {
    db.close();
  }

  static Path sample(String name) {
    try {
      return Path.of(ImporterTest.class.getResource("/samples/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "arxiv_oai_pmh/ListRecords_arXiv_set-cs_2016-03-09_page001.xml, OAI_PMH, 1000",
    "arxiv_oai_pmh/ListRecords_arXivRaw_from-2016-10-20_litpuvn_reformatted.xml, OAI_PMH, 387",
    "arxiv_oai_pmh/GetRecord_arXiv_1401.2122_2018-01-26_hepcrawl.xml, OAI_PMH, 1",
    "arxiv_api_atom/query_all-cs.AI_2026-01-04_new-format_20-entries.xml, ARXIV_ATOM, 20",
    "arxiv_api_atom/query_all-Einstein_2018-02-05_legacy-format_10-entries.xml, ARXIV_ATOM, 10",
    "arxiv_kaggle_oai_snapshot_first200.jsonl, KAGGLE_SNAPSHOT, 200",
    "hf_daily_papers/2026-06-30.json, HF_DAILY_PAPERS, 34",
    "hf_daily_papers/2024-05-27.json, HF_DAILY_PAPERS, 13",
    "arxiv_daily_dw-dengwei_2025-10-22.jsonl, DAILY_ARXIV_JSONL, 286",
  })
  void detects_and_imports_every_format_and_a_second_import_changes_nothing(
      String name, Format format, int records) throws IOException {
    ImportSummary first = importer.importFile(sample(name));
    assertThat(first.format()).isEqualTo(format);
    assertThat(first.records()).isEqualTo(records);
    assertThat(first.skipped()).isZero();
    assertThat(first.added()).isPositive();

    ImportSummary again = importer.importFile(sample(name));
    assertThat(again.added()).isZero();
    assertThat(again.updated()).isZero();
    assertThat(again.unchanged()).isEqualTo(records);
  }

  @Test
  void the_seed_page_becomes_a_day_of_69_papers() throws IOException {
    Path seed = copy("/seed/000_e57d2eea550427ab.txt", "seed.txt");
    ImportSummary s = importer.importFile(seed);
    assertThat(s.format()).isEqualTo(Format.SEED_TEXT);
    assertThat(s.added()).isEqualTo(69);
    LocalDate day = LocalDate.parse("2026-03-17");
    assertThat(catalog.dailyList(day)).hasSize(69);
    assertThat(catalog.dailyList(day).get(1).paper().title()).startsWith("Adapt-$\\infty$");
  }

  @Test
  void gzip_is_detected_from_content_not_name() throws IOException {
    Path gz = dir.resolve("no-extension");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(sample("hf_daily_papers/2025-07-15.json"), out);
    }
    ImportSummary s = importer.importFile(gz);
    assertThat(s.format()).isEqualTo(Format.HF_DAILY_PAPERS);
    assertThat(s.added()).isEqualTo(10);
  }

  @Test
  void a_bad_line_is_reported_and_skipped_and_the_rest_imported() throws IOException {
    List<String> lines = Files.readAllLines(sample("arxiv_daily_dw-dengwei_2025-10-22.jsonl"));
    lines.set(1, lines.get(1).substring(0, 40));
    lines.set(2, "{\"id\": \"2510.99999\", \"pdf\": \"x\", \"summary\": \"no title\"}");
    Path broken = dir.resolve("arxiv_daily_dw-dengwei_2025-10-22.jsonl");
    Files.write(broken, lines);

    ImportSummary s = importer.importFile(broken);
    assertThat(s.skipped()).isEqualTo(2);
    assertThat(s.records() - s.skipped()).isEqualTo(284);
    assertThat(s.problems()).anySatisfy(p -> assertThat(p).contains("line 2"));
    assertThat(s.problems()).anySatisfy(p -> assertThat(p).contains("line 3"));
    assertThat(catalog.find("2510.99999")).isEmpty();
  }

  @Test
  void a_file_of_no_known_format_is_refused_with_a_clear_message() throws IOException {
    Path junk = dir.resolve("junk.bin");
    Files.write(junk, new byte[] {0, 1, 2, 3, (byte) 0xff, 0});
    assertThatThrownBy(() -> importer.importFile(junk))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("not a format Paperboy imports");
    Path xml = dir.resolve("other.xml");
    Files.writeString(xml, "<?xml version=\"1.0\"?><rss><channel/></rss>");
    assertThatThrownBy(() -> importer.importFile(xml)).hasMessageContaining("neither");
    assertThatThrownBy(() -> importer.importFile(dir.resolve("missing.json")))
        .hasMessageContaining("no such file");
    assertThat(catalog.isEmpty()).isTrue();
  }

  @Test
  void a_file_cut_off_midway_keeps_what_was_complete_and_says_where_it_stopped()
      throws IOException {
    byte[] full =
        Files.readAllBytes(sample("arxiv_oai_pmh/ListRecords_arXiv_set-cs_2016-03-09_page001.xml"));
    Path cut = dir.resolve("cut.xml");
    Files.write(cut, Arrays.copyOf(full, full.length / 2));

    assertThatThrownBy(() -> importer.importFile(cut))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("stopped after")
        .satisfies(e -> assertThat(((ImportException) e).partial().added()).isPositive());
    long kept = catalog.stats().papers();
    assertThat(kept).isBetween(100L, 999L);

    ImportSummary whole =
        importer.importFile(
            sample("arxiv_oai_pmh/ListRecords_arXiv_set-cs_2016-03-09_page001.xml"));
    assertThat(whole.unchanged()).isEqualTo(kept);
    assertThat(whole.added()).isEqualTo(1000 - kept);
  }

  @Test
  void a_dry_run_reads_everything_and_stores_nothing() throws IOException {
    ImportSummary s =
        Importer.dryRun(CLOCK).importFile(sample("arxiv_kaggle_oai_snapshot_first200.jsonl"));
    assertThat(s.added()).isEqualTo(200);
    assertThat(s.stored()).isFalse();
    assertThat(catalog.isEmpty()).isTrue();
  }

  @Test
  void hostile_text_is_stored_verbatim() throws IOException {
    Path page = dir.resolve("page.txt");
    Files.writeString(
        page,
        "Mar 17\n\n<script>alert('x')</script> \"onmouseover=\"x\n\n" + ABSTRACT + "\n",
        StandardCharsets.UTF_8);
    importer.importFile(page);
    assertThat(catalog.dailyList(LocalDate.parse("2026-03-17")))
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.paper().title())
                  .isEqualTo("<script>alert('x')</script> \"onmouseover=\"x");
              assertThat(l.paper().abstractText()).isEqualTo(ABSTRACT);
            });
  }

  private static final String ABSTRACT =
      "An abstract with <b>tags</b> and <img src=x onerror=alert(1)> in it, long enough to read"
          + " as the abstract of the paper above.";

  private Path copy(String resource, String name) throws IOException {
    Path target = dir.resolve(name);
    try (var in = getClass().getResourceAsStream(resource)) {
      Files.copy(in, target);
    }
    return target;
  }
}
