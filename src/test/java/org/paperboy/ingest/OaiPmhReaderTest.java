package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

class OaiPmhReaderTest {

  private static final String DIR = "samples/arxiv_oai_pmh/";
  private static final String HANDMADE = "handmade/arxiv_oai_pmh/";
  private static final String PAGE1 = DIR + "ListRecords_arXiv_set-cs_2016-03-09_page001.xml";
  private static final String PAGE2 = HANDMADE + "ListRecords_arXiv_set-cs_page002_HANDMADE.xml";

  /** What a reader handed to its sink. */
  static final class Collected implements RecordSink {
    final List<Paper> papers = new ArrayList<>();
    final List<String> rejects = new ArrayList<>();

    @Override
    public void accept(PaperRecord record) {
      assertThat(record.listing()).isNull();
      papers.add(record.paper());
    }

    @Override
    public void reject(String location, String reason) {
      rejects.add(location + ": " + reason);
    }

    Map<String, Paper> byId() {
      return papers.stream().collect(Collectors.toMap(Paper::id, Function.identity()));
    }
  }

  private final Collected sink = new Collected();

  private OaiPage read(String resource) throws IOException {
    return read(LocalArxiv.bytes(resource), resource);
  }

  private OaiPage read(byte[] bytes, String name) throws IOException {
    return new OaiPmhReader()
        .readPage(new ByteArrayInputStream(bytes), new Source(name, null, LocalDate.now()), sink);
  }

  @Test
  void reads_a_full_list_records_page_in_the_arXiv_format() throws IOException {
    OaiPage page = read(PAGE1);

    assertThat(sink.rejects).isEmpty();
    assertThat(sink.papers).hasSize(1000);
    assertThat(page)
        .isEqualTo(
            new OaiPage("1122234|1001", 102538L, 0L, Instant.parse("2016-03-09T00:35:38Z"), 1000));
    Paper first = sink.papers.get(0);
    assertThat(first.id()).isEqualTo("0704.0002");
    assertThat(first.version()).isZero();
    assertThat(first.title()).isEqualTo("Sparsity-certifying Graph Decompositions");
    assertThat(first.authors())
        .containsExactly(Author.named("Ileana Streinu"), Author.named("Louis Theran"));
    assertThat(first.categories()).containsExactly("math.CO", "cs.CG");
    assertThat(first.published()).isEqualTo(LocalDate.of(2007, 3, 30));
    assertThat(first.updated()).isEqualTo(LocalDate.of(2008, 12, 13));
    assertThat(first.comments()).isEqualTo("To appear in Graphs and Combinatorics");
    assertThat(first.license()).isEqualTo("http://arxiv.org/licenses/nonexclusive-distrib/1.0/");
    assertThat(first.abstractText())
        .startsWith(
            "We describe a new algorithm, the $(k,\\ell)$-pebble game with colors, and use it")
        .doesNotContain("\n", "  ");
    assertThat(first.source()).isEqualTo("oai-arXiv");

    Paper heath = sink.byId().get("0704.0802");
    assertThat(heath.authors().get(1).name()).isEqualTo("Robert W. Heath, Jr.");
    assertThat(sink.papers)
        .allSatisfy(
            p -> {
              assertThat(p.title()).doesNotContain("\n", "  ");
              assertThat(p.abstractText()).doesNotContain("\n", "  ");
              assertThat(p.published()).isNotNull();
              assertThat(p.categories()).isNotEmpty();
            });
    assertThat(
            sink.papers.stream()
                .filter(p -> p.authors().stream().anyMatch(a -> a.affiliation() != null)))
        .isNotEmpty();
  }

  @Test
  void reads_a_get_record_response_in_the_arXiv_format() throws IOException {
    OaiPage page = read(DIR + "GetRecord_arXiv_1401.2122_2018-01-26_hepcrawl.xml");

    assertThat(page.resumptionToken()).isNull();
    assertThat(page.completeListSize()).isNull();
    assertThat(page.responseDate()).isEqualTo(Instant.parse("2018-01-26T09:05:29Z"));
    assertThat(sink.papers).hasSize(1);
    Paper p = sink.papers.get(0);
    assertThat(p.id()).isEqualTo("1401.2122");
    assertThat(p.title())
        .isEqualTo("New integrable (3+1)-dimensional systems and contact geometry");
    assertThat(p.authors()).containsExactly(Author.named("A. Sergyeyev"));
    assertThat(p.categories())
        .containsExactly("math.AP", "hep-th", "math-ph", "math.DG", "math.MP", "nlin.SI");
    assertThat(p.published()).isEqualTo(LocalDate.of(2014, 1, 9));
    assertThat(p.updated()).isEqualTo(LocalDate.of(2017, 10, 23));
    assertThat(p.doi()).isEqualTo("10.1007/s11005-017-1013-4");
    assertThat(p.journalRef()).isEqualTo("Lett. Math. Phys. 108 (2018), no. 2, 359-376");
    assertThat(p.comments())
        .startsWith("16 pages, LaTeX, no figures, revised and abridged, in this version (v5) the");
  }

  @Test
  void reads_the_hepcrawl_list_records_samples() throws IOException {
    read(DIR + "ListRecords_arXiv_physics-hep-th_2017-12-14_hepcrawl.xml");
    read(DIR + "ListRecords_arXiv_physics-hep-ex_2017-12-14_hepcrawl.xml");

    assertThat(sink.rejects).isEmpty();
    assertThat(sink.papers).hasSize(6);
    Paper castro = sink.byId().get("1507.07790");
    assertThat(castro.title())
        .isEqualTo("Relativistic quantum dynamics of vector bosons in an Aharonov-Bohm potential");
    assertThat(castro.authors())
        .containsExactly(Author.named("Luis B. Castro"), Author.named("Edilberto O. Silva"));
    assertThat(castro.primaryCategory()).isEqualTo("hep-th");
    assertThat(castro.doi()).isEqualTo("10.1088/1751-8121/aa9c53");
  }

  @Test
  void reads_a_get_record_response_in_the_arXivRaw_format() throws IOException {
    read(DIR + "GetRecord_arXivRaw_0804.2273_2016-10-21_litpuvn_reformatted.xml");

    Paper p = sink.papers.get(0);
    assertThat(p.id()).isEqualTo("0804.2273");
    assertThat(p.source()).isEqualTo("oai-arXivRaw");
    assertThat(p.version()).isEqualTo(1);
    assertThat(p.published()).isEqualTo(LocalDate.of(2008, 4, 14));
    assertThat(p.updated()).isEqualTo(LocalDate.of(2008, 4, 14));
    assertThat(p.title()).isEqualTo("Object Re-Use & Exchange: A Resource-Centric Approach");
    assertThat(p.authors())
        .extracting(Author::name)
        .containsExactly(
            "Carl Lagoze",
            "Herbert Van de Sompel",
            "Michael L. Nelson",
            "Simeon Warner",
            "Robert Sanderson",
            "Pete Johnston");
    assertThat(p.categories()).containsExactly("cs.DL", "cs.NI");
    assertThat(p.license()).isEqualTo("http://creativecommons.org/licenses/by/3.0/");
    assertThat(p.abstractText())
        .startsWith("The OAI Object Reuse and Exchange (OAI-ORE) framework recasts the repository")
        .endsWith("illustrate improved interoperability and reuse of digital objects.");
  }

  @Test
  void reads_a_pretty_printed_arXivRaw_list_with_many_versions() throws IOException {
    OaiPage page = read(DIR + "ListRecords_arXivRaw_from-2016-10-20_litpuvn_reformatted.xml");

    assertThat(sink.rejects).isEmpty();
    assertThat(sink.papers).hasSize(387);
    assertThat(page.resumptionToken()).isEqualTo("1403493|1001");
    assertThat(page.completeListSize()).isEqualTo(1440L);
    Paper diaby = sink.papers.get(0);
    assertThat(diaby.id()).isEqualTo("0803.4354");
    assertThat(diaby.version()).isEqualTo(6);
    assertThat(diaby.published()).isEqualTo(LocalDate.of(2008, 3, 30));
    assertThat(diaby.updated()).isEqualTo(LocalDate.of(2016, 10, 20));
    assertThat(diaby.title())
        .isEqualTo("A O(n^8) X O(n^7) Linear Programming Model of the Traveling Salesman Problem");
    assertThat(sink.papers)
        .allSatisfy(
            p -> {
              assertThat(p.version()).isPositive();
              assertThat(p.title()).doesNotContain("\n", "  ").isEqualTo(p.title().trim());
              assertThat(p.abstractText()).doesNotContain("\n", "  ");
              assertThat(p.authors())
                  .isNotEmpty()
                  .allSatisfy(a -> assertThat(a.name()).isNotBlank());
              assertThat(p.updated()).isAfterOrEqualTo(p.published());
            });
    assertThat(sink.papers.stream().mapToInt(Paper::version).max()).hasValue(15);
  }

  @Test
  void resolves_numbered_affiliations_in_arXivRaw_author_strings() throws IOException {
    read(DIR + "ListRecords_arXivRaw_from-2016-10-20_litpuvn_reformatted.xml");

    assertThat(sink.byId().get("1408.0799").authors())
        .containsExactly(
            new Author("Maciej Bilicki", "University of Cape Town; University of Zielona G\\'ora"),
            new Author("John A. Peacock", "University of Edinburgh"),
            new Author("Thomas H. Jarrett", "University of Cape Town"),
            new Author("Michelle E. Cluver", "University of Cape Town"),
            new Author("Louise Steward", "University of Cape Town"));
  }

  @Test
  void splits_author_strings_on_commas_and_the_word_and() {
    assertThat(OaiPmhReader.splitAuthors("B\\'ela Bollob\\'as, Paul Smith, and Andrew Uzzell"))
        .extracting(Author::name)
        .containsExactly("B\\'ela Bollob\\'as", "Paul Smith", "Andrew Uzzell");
    assertThat(OaiPmhReader.splitAuthors("Sorina Ionica (LFANT, UB), Emmanuel Thom\\'e (CARAMEL)"))
        .containsExactly(
            new Author("Sorina Ionica", "LFANT, UB"), new Author("Emmanuel Thom\\'e", "CARAMEL"));
    assertThat(OaiPmhReader.splitAuthors("Manoel M. Ferreira, Jr. (UFMA), Ann Lee"))
        .containsExactly(new Author("Manoel M. Ferreira Jr.", "UFMA"), Author.named("Ann Lee"));
    assertThat(OaiPmhReader.splitAuthors("Julie Bessac and Emil Constantinescu and Mihai Anitescu"))
        .hasSize(3);
    assertThat(OaiPmhReader.splitAuthors("Unbalanced (MIT, Ann"))
        .containsExactly(new Author("Unbalanced", "MIT, Ann"));
    assertThat(OaiPmhReader.splitAuthors(" , and ")).isEmpty();
  }

  @Test
  void skips_deleted_records_and_rejects_malformed_ones_reading_the_rest() throws IOException {
    OaiPage page = read(PAGE2);

    assertThat(page.resumptionToken()).isNull();
    assertThat(page.completeListSize()).isEqualTo(102538L);
    assertThat(page.cursor()).isEqualTo(1000L);
    assertThat(page.records()).isEqualTo(7);
    assertThat(sink.papers)
        .extracting(Paper::id)
        .containsExactly("1603.01001", "0704.0002", "1603.01007");
    assertThat(sink.rejects)
        .containsExactly(
            "record 3 (id 1603.01003): deleted upstream",
            "record 4 (id 1603.01004): no title",
            "record 5 (id not-an-id): 'not-an-id' is not an arXiv id",
            "record 6 (id 1603.01006): created date '2016-02-30' is not a yyyy-mm-dd date");
  }

  @Test
  void does_not_depend_on_element_order() throws IOException {
    read(PAGE2);

    Paper p = sink.byId().get("1603.01007");
    assertThat(p.title()).isEqualTo("Order Does Not Matter");
    assertThat(p.abstractText()).isEqualTo("Elements of this record come in an unusual order.");
    assertThat(p.authors())
        .containsExactly(
            new Author("John Smith Jr.", "MIT; CERN"), Author.named("ATLAS Collaboration"));
    assertThat(p.categories()).containsExactly("cs.DL", "cs.IR");
    assertThat(p.published()).isEqualTo(LocalDate.of(2016, 3, 5));
    assertThat(p.updated()).isEqualTo(LocalDate.of(2016, 3, 8));
    assertThat(p.doi()).isEqualTo("10.1000/xyz123");
    assertThat(p.license()).isEqualTo("http://creativecommons.org/licenses/by/4.0/");
  }

  @Test
  void treats_noRecordsMatch_as_an_empty_page() throws IOException {
    OaiPage page = read(HANDMADE + "ListRecords_noRecordsMatch_HANDMADE.xml");

    assertThat(page)
        .isEqualTo(new OaiPage(null, null, null, Instant.parse("2016-03-10T01:00:00Z"), 0));
    assertThat(sink.papers).isEmpty();
    assertThat(sink.rejects).isEmpty();
  }

  @Test
  void throws_other_oai_errors_with_code_and_message() {
    assertThatThrownBy(() -> read(HANDMADE + "ListRecords_badResumptionToken_HANDMADE.xml"))
        .isInstanceOfSatisfying(
            ArxivException.class,
            e -> {
              assertThat(e.code()).isEqualTo("badResumptionToken");
              assertThat(e.reason())
                  .isEqualTo("The value of the resumptionToken argument is invalid or expired.");
            });
  }

  @Test
  void fails_clearly_on_truncated_xml_after_handing_over_the_records_before_the_cut()
      throws IOException {
    byte[] whole = LocalArxiv.bytes(PAGE1);
    byte[] cut = Arrays.copyOf(whole, 100_000);

    assertThatThrownBy(() -> read(cut, "page001.xml"))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(ArxivException.class)
        .hasMessageStartingWith(
            "page001.xml is not well-formed XML (truncated or corrupt) at line");
    assertThat(sink.papers).hasSizeBetween(40, 70);
  }

  @Test
  void rejects_what_is_not_an_oai_pmh_response() {
    assertThatThrownBy(
            () -> read("<html><body>Busy</body></html>".getBytes(StandardCharsets.UTF_8), "x"))
        .isInstanceOf(IOException.class)
        .hasMessage("x is not an OAI-PMH response (its root is <html>)");
    assertThatThrownBy(() -> read(new byte[0], "empty"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("empty is not well-formed XML");
    assertThatThrownBy(
            () ->
                read(
                    LocalArxiv.bytes(
                        "samples/arxiv_api_atom/query_cat-cs.RO_AND_neural_2025-10-17_legacy-format_2-entries.xml"),
                    "feed"))
        .hasMessage("feed is not an OAI-PMH response (its root is <feed>)");
  }

  @Test
  void never_reads_local_files_through_external_entities(@TempDir Path dir) throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP SECRET");
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE OAI-PMH [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]><OAI-PMH><ListRecords><record><metadata><arXiv><id>1603.00001</id>"
            + "<title>&x;</title></arXiv></metadata></record></ListRecords></OAI-PMH>";

    try {
      read(xml.getBytes(StandardCharsets.UTF_8), "hostile");
    } catch (IOException expected) {
      // refusing the document is fine too
    }
    assertThat(sink.papers).noneMatch(p -> p.title().contains("SECRET"));
  }

  @Test
  void does_not_expand_entity_bombs() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE OAI-PMH [");
    xml.append("<!ENTITY a0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      xml.append("<!ENTITY a").append(i).append(" \"");
      xml.append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
    }
    xml.append("]><OAI-PMH><ListRecords><record><metadata><arXiv><id>1603.00001</id><title>&a9;")
        .append("</title></arXiv></metadata></record></ListRecords></OAI-PMH>");

    assertThatThrownBy(() -> read(xml.toString().getBytes(StandardCharsets.UTF_8), "bomb"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void refuses_a_text_too_long_to_be_real() {
    String xml =
        "<OAI-PMH><ListRecords><record><metadata><arXiv><id>1603.00001</id><title>"
            + "word ".repeat(ArxivXml.MAX_TEXT / 4)
            + "</title></arXiv></metadata></record></ListRecords></OAI-PMH>";

    assertThatThrownBy(() -> read(xml.getBytes(StandardCharsets.UTF_8), "huge"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("an element's text is longer than 1048576 characters");
  }

  /** Any cut or damage to a page either reads or fails with an IOException, never otherwise. */
  @Test
  void damaged_pages_fail_only_with_io_exceptions() {
    java.util.Random random = new java.util.Random(20261128);
    for (int run = 0; run < 300; run++) {
      readDamagedPage(random.nextInt(9001), random.nextInt(9001), (byte) random.nextInt(256));
    }
  }

  private static void readDamagedPage(int cutAt, int flipAt, byte flipTo) {
    byte[] page = LocalArxiv.bytes(PAGE2);
    byte[] damaged = Arrays.copyOf(page, Math.min(cutAt, page.length));
    if (flipAt < damaged.length) {
      damaged[flipAt] = flipTo;
    }
    Collected seen = new Collected();
    try {
      new OaiPmhReader()
          .readPage(
              new ByteArrayInputStream(damaged),
              new Source("damaged", null, LocalDate.now()),
              seen);
    } catch (IOException expected) {
      // the page as a whole is unreadable: fine
    }
    assertThat(seen.papers.size() + seen.rejects.size()).isLessThanOrEqualTo(7);
  }
}
