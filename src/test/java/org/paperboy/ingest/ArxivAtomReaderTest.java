package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperboy.ingest.OaiPmhReaderTest.Collected;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

class ArxivAtomReaderTest {

  private static final String DIR = "samples/arxiv_api_atom/";
  private static final String HANDMADE = "handmade/arxiv_api_atom/";
  private static final String ROBOTICS =
      DIR + "query_cat-cs.RO_AND_neural_2025-10-17_legacy-format_2-entries.xml";
  private static final String EINSTEIN =
      DIR + "query_all-Einstein_2018-02-05_legacy-format_10-entries.xml";
  private static final String NEW_LAYOUT =
      DIR + "query_all-cs.AI_2026-01-04_new-format_20-entries.xml";

  private final Collected sink = new Collected();

  private ArxivAtomReader.Feed read(String resource) throws IOException {
    return read(LocalArxiv.bytes(resource), resource);
  }

  private ArxivAtomReader.Feed read(byte[] bytes, String name) throws IOException {
    return new ArxivAtomReader()
        .readFeed(new ByteArrayInputStream(bytes), new Source(name, null, LocalDate.now()), sink);
  }

  @Test
  void reads_the_legacy_layout() throws IOException {
    ArxivAtomReader.Feed feed = read(ROBOTICS);

    assertThat(feed).isEqualTo(new ArxivAtomReader.Feed(5619L, 2));
    assertThat(sink.rejects).isEmpty();
    Paper rdd = sink.papers.get(0);
    assertThat(rdd.id()).isEqualTo("2510.14968");
    assertThat(rdd.version()).isEqualTo(1);
    assertThat(rdd.source()).isEqualTo("arxiv-api");
    assertThat(rdd.title())
        .isEqualTo(
            "RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in Long-Horizon"
                + " Tasks");
    assertThat(rdd.abstractText())
        .startsWith(
            "To tackle long-horizon tasks, recent hierarchical vision-language-action (VLAs)")
        .endsWith("available at rdd-neurips.github.io.")
        .doesNotContain("\n", "  ");
    assertThat(rdd.authors())
        .extracting(Author::name)
        .containsExactly("Mingxuan Yan", "Yuping Wang", "Zechun Liu", "Jiachen Li");
    assertThat(rdd.categories())
        .containsExactly("cs.RO", "cs.AI", "cs.CV", "cs.LG", "cs.SY", "eess.SY");
    assertThat(rdd.published()).isEqualTo(LocalDate.of(2025, 10, 16));
    assertThat(rdd.updated()).isEqualTo(LocalDate.of(2025, 10, 16));
    assertThat(rdd.comments())
        .isEqualTo(
            "39th Conference on Neural Information Processing Systems (NeurIPS 2025); Project"
                + " Website: rdd-neurips.github.io");
    assertThat(sink.papers.get(1).categories()).containsExactly("cs.RO");
  }

  @Test
  void reads_versions_and_drops_msc_codes_listed_as_categories() throws IOException {
    ArxivAtomReader.Feed feed = read(EINSTEIN);

    assertThat(feed.totalResults()).isEqualTo(28637L);
    assertThat(sink.papers).hasSize(10);
    Map<String, Paper> byId = sink.byId();
    assertThat(byId.get("1801.05533").categories()).containsExactly("math.DG");
    Paper solv = byId.get("0802.2137");
    assertThat(solv.version()).isEqualTo(3);
    assertThat(solv.published()).isEqualTo(LocalDate.of(2008, 2, 15));
    assertThat(solv.updated()).isEqualTo(LocalDate.of(2008, 4, 1));
    assertThat(sink.papers)
        .allSatisfy(
            p -> assertThat(p.categories()).allMatch(c -> !c.contains(" ") && !c.contains(",")));
  }

  @Test
  void reads_the_2026_layout() throws IOException {
    ArxivAtomReader.Feed feed = read(NEW_LAYOUT);

    assertThat(feed).isEqualTo(new ArxivAtomReader.Feed(156470L, 20));
    assertThat(sink.rejects).isEmpty();
    assertThat(sink.papers).hasSize(20);
    Paper rough = sink.papers.get(0);
    assertThat(rough.id()).isEqualTo("cs/9909009");
    assertThat(rough.version()).isEqualTo(1);
    assertThat(rough.title()).isEqualTo("The Rough Guide to Constraint Propagation");
    assertThat(rough.categories()).containsExactly("cs.AI", "cs.PL");
    assertThat(rough.published()).isEqualTo(LocalDate.of(1999, 9, 8));
    assertThat(rough.authors()).containsExactly(Author.named("Krzysztof R. Apt"));

    Map<String, Paper> byId = sink.byId();
    Paper option = byId.get("2011.02565");
    assertThat(option.primaryCategory()).isEqualTo("cs.LG");
    assertThat(option.categories()).containsExactly("cs.LG", "cs.AI");
    assertThat(option.doi()).isEqualTo("10.48550/arXiv.2011.02565");
    assertThat(option.journalRef()).isEqualTo("arXiv:2011.02565 [cs.AI]");
    assertThat(byId.get("2511.16035").authors())
        .containsExactly(
            new Author("Kieron Kretschmar", "Cadenza Labs"),
            new Author("Walter Laurito", "Cadenza Labs; FZI"),
            new Author("Sharan Maiya", "Cadenza Labs; University of Cambridge"),
            new Author("Samuel Marks", "Anthropic"));
    Paper larson = byId.get("2308.02540");
    assertThat(larson.version()).isEqualTo(2);
    assertThat(larson.published()).isEqualTo(LocalDate.of(2023, 8, 1));
    assertThat(larson.updated()).isEqualTo(LocalDate.of(2023, 8, 8));
    assertThat(larson.comments()).isEqualTo("Cross list with cs.AI");
    assertThat(larson.abstractText())
        .contains("Russell & Whitehead's Principia")
        .doesNotContain("\n");
  }

  @Test
  void throws_the_error_arXiv_reports_as_an_entry() {
    assertThatThrownBy(() -> read(HANDMADE + "query_id_list-1234_error_HANDMADE.xml"))
        .isInstanceOfSatisfying(
            ArxivException.class,
            e -> {
              assertThat(e.code()).isEqualTo("incorrect_id_format_for_1234");
              assertThat(e.reason()).isEqualTo("incorrect id format for 1234");
              assertThat(e)
                  .hasMessage(
                      "arXiv answered incorrect_id_format_for_1234: incorrect id format for 1234");
            });
  }

  @Test
  void rejects_broken_entries_with_where_and_why_and_reads_the_rest() throws IOException {
    ArxivAtomReader.Feed feed = read(HANDMADE + "query_malformed-entries_HANDMADE.xml");

    assertThat(feed).isEqualTo(new ArxivAtomReader.Feed(6L, 6));
    assertThat(sink.rejects)
        .containsExactly(
            "entry 2: no id",
            "entry 3 (id http://example.org/paper/42): 'http://example.org/paper/42' is not an"
                + " arXiv abs URL or id",
            "entry 4 (id http://arxiv.org/abs/2601.00004v1): no title",
            "entry 5 (id http://arxiv.org/abs/2601.00005v1): published 'yesterday' is not an ISO"
                + " instant like 2025-10-16T17:59:37Z");
    assertThat(sink.papers).extracting(Paper::id).containsExactly("2601.00001", "hep-th/9901001");
    Paper one = sink.papers.get(0);
    assertThat(one.version()).isEqualTo(2);
    assertThat(one.categories()).containsExactly("cs.LG", "cs.AI");
    assertThat(one.authors()).containsExactly(Author.named("Ann Author"));
    assertThat(one.updated()).as("taken in UTC").isEqualTo(LocalDate.of(2026, 1, 4));
    assertThat(sink.papers.get(1).version()).isEqualTo(3);
  }

  @Test
  void fails_clearly_on_truncated_or_foreign_input() {
    byte[] cut = Arrays.copyOf(LocalArxiv.bytes(NEW_LAYOUT), 20_000);
    assertThatThrownBy(() -> read(cut, "api.xml"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("api.xml is not well-formed XML (truncated or corrupt) at line");
    assertThatThrownBy(
            () ->
                read(
                    LocalArxiv.bytes(
                        "samples/arxiv_oai_pmh/GetRecord_arXiv_1401.2122_2018-01-26_hepcrawl.xml"),
                    "oai.xml"))
        .hasMessage("oai.xml is not an Atom feed (its root is <OAI-PMH>)");
    assertThatThrownBy(() -> read("Rate exceeded.".getBytes(StandardCharsets.UTF_8), "text"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("text is not well-formed XML");
  }

  @Test
  void decodes_in_the_declared_encoding_and_skips_a_byte_order_mark() throws IOException {
    String feed =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>http://arxiv.org/abs/2601.00009v1"
            + "</id><title>Caf\u00e9 Th\u00e9orie</title></entry></feed>";
    read(
        ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + feed)
            .getBytes(StandardCharsets.ISO_8859_1),
        "latin1");
    byte[] utf8 = ("<?xml version=\"1.0\"?>" + feed).getBytes(StandardCharsets.UTF_8);
    byte[] bom = new byte[utf8.length + 3];
    bom[0] = (byte) 0xef;
    bom[1] = (byte) 0xbb;
    bom[2] = (byte) 0xbf;
    System.arraycopy(utf8, 0, bom, 3, utf8.length);
    read(bom, "bom");
    read(feed.getBytes(StandardCharsets.UTF_16), "utf16");

    assertThat(sink.papers)
        .extracting(Paper::title)
        .containsOnly("Caf\u00e9 Th\u00e9orie")
        .hasSize(3);
  }

  /** Any cut or damage to a feed either reads or fails with an IOException, never otherwise. */
  @Test
  void damaged_feeds_fail_only_with_io_exceptions() {
    java.util.Random random = new java.util.Random(20261128);
    for (int run = 0; run < 300; run++) {
      readDamagedFeed(random.nextInt(6001), random.nextInt(6001), (byte) random.nextInt(256));
    }
  }

  private static void readDamagedFeed(int cutAt, int flipAt, byte flipTo) {
    byte[] feed = LocalArxiv.bytes(ROBOTICS);
    byte[] damaged = Arrays.copyOf(feed, Math.min(cutAt, feed.length));
    if (flipAt < damaged.length) {
      damaged[flipAt] = flipTo;
    }
    Collected seen = new Collected();
    try {
      new ArxivAtomReader()
          .readFeed(
              new ByteArrayInputStream(damaged),
              new Source("damaged", null, LocalDate.now()),
              seen);
    } catch (IOException expected) {
      // the feed as a whole is unreadable: fine
    }
    assertThat(seen.papers.size() + seen.rejects.size()).isLessThanOrEqualTo(2);
  }
}
