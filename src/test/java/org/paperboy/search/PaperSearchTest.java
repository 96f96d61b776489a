package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.paperboy.paper.Author;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.paper.PaperVectors;
import org.paperboy.search.SearchRequest.Mode;
import org.paperboy.search.SearchRequest.Sort;
import org.paperboy.store.Database;

/** Keyword search, filters, highlighting and the index's life cycle, on a real index and SQLite. */
class PaperSearchTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-17T08:00:00Z"), ZoneOffset.UTC);
  static final String ADAPT =
      "Adapt-$\\infty$: Scalable Lifelong Multimodal Instruction Tuning via Dynamic Data Selection";

  @TempDir Path dir;
  Database db;
  Catalog catalog;
  PaperSearch search;

  static Paper paper(String id, String title, String abstractText, String... authors) {
    return Paper.builder(id, title, "test")
        .abstractText(abstractText)
        .authors(Stream.of(authors).map(Author::named).toList())
        .categories(List.of("cs.LG"))
        .published(LocalDate.parse("2025-01-01"))
        .build();
  }

  @BeforeEach
  void open() throws IOException {
    db = Database.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null);
    catalog = new Catalog(db, CLOCK);
    catalog.apply(
        List.of(
            PaperRecord.of(
                paper(
                    "2501.00001",
                    "Quantum walks on large graphs",
                    "We study random processes on networks of many nodes.",
                    "Ada Lovelace")),
            PaperRecord.of(
                paper(
                    "2501.00002",
                    "Random processes on graphs",
                    "We study walks of a particle on networks of many nodes.",
                    "Bob Quantum")),
            PaperRecord.of(
                paper(
                    "2501.00003",
                    "Walks on large networks",
                    "We study quantum processes on graphs with many nodes.",
                    "Cy Young")),
            new PaperRecord(
                Paper.builder(
                        "2503.11731", "Large Language Monkeys: Scaling Inference Compute", "t")
                    .abstractText(
                        "Scaling the amount of compute used to train language models has"
                            + " dramatically improved their capabilities. Repeated sampling of"
                            + " monkeys at typewriters.")
                    .authors(
                        List.of(Author.named("Bradley Brown"), Author.named("Jordan Juravsky")))
                    .categories(List.of("cs.CL", "cs.AI"))
                    .published(LocalDate.parse("2024-07-31"))
                    .build(),
                new Listing(LocalDate.parse("2024-08-01"), 0, null, 42, 0)),
            PaperRecord.of(
                Paper.builder("2410.10636", ADAPT, "t")
                    .abstractText("Visual instruction datasets from various distributors.")
                    .categories(List.of("cs.CV"))
                    .published(LocalDate.parse("2024-10-14"))
                    .build()),
            PaperRecord.of(
                Paper.builder("1308.2234", "Innovation networks", "t")
                    .abstractText("Language of monkeys and models, large and small, in networks.")
                    .categories(List.of("cs.SI"))
                    .published(LocalDate.parse("2013-08-09"))
                    .build())));
    search = PaperSearch.open(dir.resolve("index"), catalog, new PaperVectors(db, CLOCK));
  }

  @AfterEach
  void close() throws IOException {
    search.close();
    db.close();
  }

  List<String> ids(String query) throws IOException {
    return ids(new SearchRequest(query, Mode.KEYWORD, Sort.RELEVANCE, null, null, null, 0, 10));
  }

  List<String> ids(SearchRequest request) throws IOException {
    return search.search(request).hits().stream().map(SearchHit::id).toList();
  }

  @Test
  void a_title_match_ranks_above_an_author_match_above_an_abstract_match() throws IOException {
    assertThat(ids("quantum")).containsExactly("2501.00001", "2501.00002", "2501.00003");
  }

  @Test
  void a_large_write_is_merged_into_one_segment_once_embedded() throws IOException {
    for (int batch = 0; batch < 4; batch++) {
      List<PaperRecord> papers = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String id = String.format(Locale.ROOT, "2502.%05d", batch * 10 + i);
        papers.add(PaperRecord.of(paper(id, "Merging segments " + id, "Compaction.", "Ann Merge")));
      }
      catalog.apply(papers);
      search.sync(); // each sync commits, and leaves a segment
    }
    assertThat(search.status().segments()).isGreaterThan(1);

    search.embedPending(100);

    PaperSearch.Status status = search.status();
    assertThat(status.segments()).isEqualTo(1);
    assertThat(status.embedded()).isEqualTo(status.papers()).isEqualTo(18);
    assertThat(ids("compaction")).hasSize(10);
    assertThat(ids("quantum")).containsExactly("2501.00001", "2501.00002", "2501.00003");
  }

  @Test
  void vectors_from_the_database_are_taken_in_one_pass_then_the_index_is_merged()
      throws IOException {
    for (int batch = 0; batch < 3; batch++) {
      List<PaperRecord> papers = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String id = String.format(Locale.ROOT, "2502.%05d", batch * 10 + i);
        papers.add(PaperRecord.of(paper(id, "Stored vectors " + id, "Loading.", "Ann Load")));
      }
      catalog.apply(papers);
      search.sync(); // each sync commits, and leaves a segment without vectors
    }
    Map<PaperVectors.Text, float[]> stored = new java.util.LinkedHashMap<>();
    for (Paper p : catalog.papersAfter(null, 100)) {
      float[] v = new float[384];
      v[Math.floorMod(p.id().hashCode(), v.length)] = 1;
      stored.put(new PaperVectors.Text(p.id(), PaperSearch.textHash(p)), v);
    }
    new PaperVectors(db, CLOCK).publish(search.model(), stored);

    int given = search.embedPending(Integer.MAX_VALUE);

    assertThat(given).isEqualTo(stored.size()).isEqualTo(15);
    assertThat(search.embeddedHere()).isZero();
    PaperSearch.Status status = search.status();
    assertThat(status.embedded()).isEqualTo(status.papers()).isEqualTo(15);
    // Merges were held back during the load and resumed after it: one merge, into one segment.
    assertThat(status.segments()).isEqualTo(1);
    assertThat(ids("loading")).hasSize(9);
    assertThat(ids("quantum")).containsExactly("2501.00001", "2501.00002", "2501.00003");
  }

  @Test
  void papers_with_every_word_rank_first_and_adjacent_words_count_as_a_phrase() throws IOException {
    // Both words, side by side in the title; both words apart; then the papers with one of them,
    // such as 2501.00002 with "graphs" in its title.
    List<String> ids = ids("large graphs");
    assertThat(ids.subList(0, 2)).containsExactly("2501.00001", "2501.00003");
    assertThat(ids).contains("2501.00002");
    // "monkeys" alone is in two papers; only one has "typewriters" as well.
    assertThat(ids("monkeys typewriters").get(0)).isEqualTo("2503.11731");
  }

  @Test
  void phrases_rank_the_best_candidates_and_pages_past_them_keep_the_order() throws IOException {
    // More papers with both words than the phrases rescore; the one with them side by side is
    // added last.
    List<PaperRecord> papers = new ArrayList<>();
    int apart = PaperSearch.RESCORE_WINDOW + 30;
    for (int i = 0; i < apart; i++) {
      String id = String.format(Locale.ROOT, "2504.%05d", i);
      papers.add(
          PaperRecord.of(
              paper(id, "Oscillator study " + i, "Noisy channels couple many oscillators.")));
    }
    papers.add(
        PaperRecord.of(
            paper("2504.99999", "Noisy oscillators", "Channels couple many oscillators.")));
    catalog.apply(papers);
    search.sync();

    assertThat(ids("noisy oscillators").get(0)).isEqualTo("2504.99999");
    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset <= apart; offset += 20) {
      paged.addAll(
          ids(
              new SearchRequest(
                  "noisy oscillators",
                  Mode.KEYWORD,
                  Sort.RELEVANCE,
                  null,
                  null,
                  null,
                  offset,
                  20)));
    }
    assertThat(paged).hasSize(apart + 1).doesNotHaveDuplicates().startsWith("2504.99999");
    SearchResults deep =
        search.search(
            new SearchRequest(
                "noisy oscillators", Mode.KEYWORD, Sort.RELEVANCE, null, null, null, apart, 10));
    assertThat(deep.total()).isEqualTo(apart + 1);
  }

  @Test
  void words_are_stemmed() throws IOException {
    assertThat(ids("network")).contains("2501.00003", "1308.2234");
    assertThat(ids("scaled monkey")).startsWith("2503.11731");
  }

  @Test
  void a_quoted_phrase_must_appear_as_written() throws IOException {
    assertThat(ids("\"language monkeys\"")).containsExactly("2503.11731");
    assertThat(ids("language monkeys")).contains("2503.11731", "1308.2234");
  }

  @Test
  void title_and_abstract_look_only_in_that_part() throws IOException {
    // "quantum" is in the title of 2501.00001, the author of 2501.00002, the abstract of
    // 2501.00003.
    assertThat(ids("abstract:quantum")).containsExactly("2501.00003");
    assertThat(ids("title:quantum")).containsExactly("2501.00001");
    assertThat(ids("abstract:quant*")).containsExactly("2501.00003");
    assertThat(ids("abstract:quantom~")).containsExactly("2501.00003");
    // "random processes" is in the title of 2501.00002 and the abstract of 2501.00001.
    assertThat(ids("abstract:\"random processes\"")).containsExactly("2501.00001");
    assertThat(ids("abstract:\"processes random\"~2")).containsExactly("2501.00001");
    assertThat(ids("abstract:\"processes random\"")).isEmpty();
    // A stop word leaves its place in the phrase.
    assertThat(ids("abstract:\"networks of many nodes\""))
        .containsExactlyInAnyOrder("2501.00001", "2501.00002");
    assertThat(ids("abstract:\"networks many nodes\"")).isEmpty();
    assertThat(ids("walks -abstract:walks")).containsExactlyInAnyOrder("2501.00001", "2501.00003");
    SearchHit hit =
        search
            .search(
                new SearchRequest("abstract:quantum", Mode.KEYWORD, null, null, null, null, 0, 1))
            .hits()
            .get(0);
    assertThat(hit.snippet().stream().filter(SearchHit.Span::match).map(SearchHit.Span::text))
        .containsExactly("quantum");
  }

  @Test
  void author_category_and_date_filters_restrict_the_results() throws IOException {
    assertThat(ids("author:lovelace")).containsExactly("2501.00001");
    assertThat(ids("walks author:\"bob quantum\"")).containsExactly("2501.00002");
    assertThat(ids("monkeys cat:cs.CL")).containsExactly("2503.11731");
    assertThat(ids("monkeys cat:cs")).containsExactlyInAnyOrder("2503.11731", "1308.2234");
    assertThat(ids("monkeys date:2024")).containsExactly("2503.11731");
    assertThat(ids("networks date:2010..2014-12")).containsExactly("1308.2234");
    assertThat(ids("date:2024-10")).containsExactly("2410.10636");
    assertThat(
            ids(
                new SearchRequest(
                    "monkeys",
                    Mode.KEYWORD,
                    Sort.RELEVANCE,
                    "cs.SI",
                    LocalDate.parse("2013-01-01"),
                    LocalDate.parse("2013-12-31"),
                    0,
                    10)))
        .containsExactly("1308.2234");
  }

  @Test
  void latex_in_titles_is_found_by_words_and_by_symbols() throws IOException {
    assertThat(ids("Adapt infinity")).startsWith("2410.10636");
    assertThat(ids("Adapt-∞")).startsWith("2410.10636");
    assertThat(ids(ADAPT)).startsWith("2410.10636");
    // The default, hybrid, too: the sentence model reads math as the same words.
    search.embedPending(100);
    for (String q : List.of("Adapt infinity", "Adapt-∞", "Adapt-$\\infty$")) {
      assertThat(ids(SearchRequest.of(q, 10))).as(q).startsWith("2410.10636");
    }
  }

  @Test
  void math_becomes_words_for_the_sentence_model() {
    assertThat(MathWords.toWords("Adapt-$\\infty$: a $\\mathcal{O}(n)$ α-test \\input"))
        .isEqualTo("Adapt- infinity : a {O}(n) alpha -test");
    assertThat(MathWords.toWords("Plain title")).isEqualTo("Plain title");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Adapt-$\\infty$: Scalable Lifelong Tuning|Adapt-∞: Scalable Lifelong Tuning",
        "$\\mathcal{O}(n^{2})$ time, $\\epsilon \\le 1/2$|O(n^2) time, ε ≤ 1/2",
        "$$\\Gamma\\text{-convergence}$$ of \\(\\alpha\\)-flows|Γ-convergence of α-flows",
        "Costs \\$5, not $\\left(\\sqrt{x}\\right)$|Costs $5, not (√x)",
        "An unclosed $x|An unclosed $x",
        "Plain title|Plain title"
      })
  void math_reads_as_plain_characters_where_it_is_not_rendered(String tex, String readable) {
    assertThat(MathWords.readable(tex)).isEqualTo(readable);
  }

  @Test
  void hits_carry_highlighted_titles_and_snippets() throws IOException {
    SearchHit hit =
        search
            .search(new SearchRequest("monkeys", Mode.KEYWORD, null, null, null, null, 0, 1))
            .hits()
            .get(0);
    assertThat(hit.titleSpans())
        .contains(new SearchHit.Span("Monkeys", true))
        .extracting(SearchHit.Span::text)
        .containsExactly("Large Language ", "Monkeys", ": Scaling Inference Compute");
    assertThat(hit.snippet()).contains(new SearchHit.Span("monkeys", true));
    assertThat(hit.upvotes()).isEqualTo(42);
    assertThat(hit.authors()).containsExactly("Bradley Brown", "Jordan Juravsky");
  }

  @Test
  void math_is_highlighted_whole_or_not_at_all() throws IOException {
    catalog.apply(
        List.of(
            PaperRecord.of(
                paper(
                    "2501.00009",
                    "Bounds in $O(\\log n)$ and $\\infty$-categories",
                    "We reach $\\epsilon$-optimality, then infinity, in $\\mathcal{O}(\\epsilon^{-2})$"
                        + " steps. It costs \\$5.",
                    "Ada Bound"))));
    search.sync();
    for (String q : List.of("Adapt infinity", "adapt ∞", "infinity epsilon", "log bounds")) {
      for (SearchHit h : search.search(SearchRequest.of(q, 10).withMode(Mode.KEYWORD)).hits()) {
        for (List<SearchHit.Span> spans : List.of(h.titleSpans(), h.snippet())) {
          for (SearchHit.Span span : spans) {
            // Every span holds whole formulas: an even number of unescaped dollars.
            assertThat(span.text().replace("\\$", "").chars().filter(c -> c == '$').count() % 2)
                .as("%s: %s", q, spans)
                .isZero();
          }
        }
      }
    }
    SearchHit adapt =
        search.search(SearchRequest.of("adapt infinity", 1).withMode(Mode.KEYWORD)).hits().get(0);
    assertThat(adapt.titleSpans().stream().filter(SearchHit.Span::match).map(SearchHit.Span::text))
        .containsExactly("Adapt", "$\\infty$");
    SearchHit bounds =
        search.search(SearchRequest.of("epsilon", 1).withMode(Mode.KEYWORD)).hits().get(0);
    assertThat(bounds.snippet().stream().filter(SearchHit.Span::match).map(SearchHit.Span::text))
        .containsExactly("$\\epsilon$", "$\\mathcal{O}(\\epsilon^{-2})$");
  }

  @Test
  void formulas_are_found_as_the_page_renders_them() {
    assertThat(SnippetFormatter.math("a $x$ b $$y$$ c \\(z\\) d \\$5 $un"))
        .containsExactly(new int[] {2, 5}, new int[] {8, 13}, new int[] {16, 21});
    assertThat(SnippetFormatter.math("$a \\$ b$")).containsExactly(new int[] {0, 8});
  }

  @Test
  void each_hit_is_highlighted_in_its_own_text() throws IOException {
    List<SearchHit> hits =
        search
            .search(
                new SearchRequest("graphs networks", Mode.KEYWORD, null, null, null, null, 0, 10))
            .hits();
    assertThat(hits).hasSizeGreaterThan(2);
    for (SearchHit h : hits) {
      String title = h.titleSpans().stream().map(SearchHit.Span::text).reduce("", String::concat);
      assertThat(title).isEqualTo(h.title());
      assertThat(h.snippet().stream().filter(SearchHit.Span::match).map(SearchHit.Span::text))
          .allSatisfy(m -> assertThat(h.abstractText()).contains(m));
    }
  }

  @Test
  void a_quoted_phrase_is_highlighted_only_where_it_occurs() throws IOException {
    SearchHit hit =
        search
            .search(
                new SearchRequest(
                    "\"language monkeys\"", Mode.KEYWORD, null, null, null, null, 0, 1))
            .hits()
            .get(0);
    assertThat(hit.titleSpans().stream().filter(SearchHit.Span::match).map(SearchHit.Span::text))
        .containsExactly("Language", "Monkeys");
    // "language models" in the abstract is not the phrase.
    assertThat(hit.snippet()).noneMatch(SearchHit.Span::match);
  }

  @Test
  void broken_syntax_is_read_as_words_and_only_a_filter_can_be_wrong() throws IOException {
    assertThat(ids("\"walks graphs")).isEqualTo(ids("walks graphs")).isNotEmpty();
    assertThat(ids("(walks graphs")).isEqualTo(ids("walks graphs"));
    assertThat(ids("walks AND")).isEqualTo(ids("walks"));
    assertThat(ids("( )")).isEmpty();
    assertThat(ids("random (walks) on graphs")).startsWith("2501.00002");
    assertThatThrownBy(() -> ids("date:yesterday")).hasMessageContaining("date:");
    assertThatThrownBy(() -> ids("walks cat:cs.XY"))
        .hasMessage(
            "No paper here is in the category \"cs.XY\"; categories look like cs.CL, cs or"
                + " hep-th.");
    assertThatThrownBy(() -> ids("walks cat:<b>")).hasMessageContaining("not an arXiv category");
    assertThatThrownBy(() -> ids("   ")).hasMessageContaining("Type some words");
  }

  @Test
  void an_id_or_a_link_answers_with_that_paper_first() throws IOException {
    catalog.apply(
        List.of(
            PaperRecord.of(
                paper("math/0309136", "Knots and walks", "Walks on knots.", "Old Knot"))));
    search.sync();
    for (Mode mode : Mode.values()) {
      for (String typed :
          List.of(
              "2503.11731v2",
              "https://huggingface.co/papers/2503.11731",
              "alphaxiv.org/abs/2503.11731")) {
        SearchRequest request = SearchRequest.of(typed, 10).withMode(mode);
        assertThat(ids(request)).as("%s %s", mode, typed).containsExactly("2503.11731");
      }
      // Cited with its subject class, as old papers often are; filed without it.
      assertThat(ids(SearchRequest.of("math.GT/0309136", 10).withMode(mode)))
          .containsExactly("math/0309136");
      assertThat(search.named("https://arxiv.org/abs/math.GT/0309136v2")).contains("math/0309136");
    }
    assertThat(search.named("2612.99999")).isEmpty();
    assertThat(search.named("walks 2503.11731")).isEmpty();
  }

  @Test
  void syntax_characters_common_in_titles_are_plain_text() throws IOException {
    assertThat(ids("Monkeys: Scaling!")).startsWith("2503.11731");
    assertThat(ids("input/output {monkeys} [large]")).contains("2503.11731");
  }

  @Test
  void sorts_by_newest_and_by_upvotes() throws IOException {
    SearchRequest newest =
        new SearchRequest("monkeys networks", Mode.KEYWORD, Sort.NEWEST, null, null, null, 0, 10);
    assertThat(ids(newest)).containsSubsequence("2501.00003", "2503.11731", "1308.2234");
    SearchRequest upvoted =
        new SearchRequest("monkeys", Mode.KEYWORD, Sort.UPVOTES, null, null, null, 0, 10);
    assertThat(ids(upvoted)).startsWith("2503.11731");
    assertThat(search.search(upvoted).hits().get(0).upvotes()).isEqualTo(42);
  }

  @Test
  void pages_through_results() throws IOException {
    List<String> all = ids("networks walks");
    assertThat(all).hasSizeGreaterThan(3);
    assertThat(ids(new SearchRequest("networks walks", Mode.KEYWORD, null, null, null, null, 2, 2)))
        .containsExactlyElementsOf(all.subList(2, 4));
  }

  @Test
  void new_and_changed_papers_are_searchable_after_a_sync() throws IOException {
    catalog.apply(List.of(PaperRecord.of(paper("2601.00009", "Zebra stripes", "On zebras."))));
    assertThat(search.sync()).isEqualTo(1);
    assertThat(ids("zebra")).containsExactly("2601.00009");

    catalog.apply(
        List.of(
            PaperRecord.of(
                paper("2601.00009", "Zebra stripes", "On zebras and okapis.").toBuilder()
                    .version(2)
                    .build())));
    assertThat(ids("okapi")).isEmpty();
    search.sync();
    assertThat(ids("okapi")).containsExactly("2601.00009");
    assertThat(search.status().papers()).isEqualTo(7);
  }

  @Test
  void an_import_followed_as_it_goes_is_searchable_and_committed_when_the_follower_closes()
      throws IOException {
    int batches = 3;
    int perBatch = PaperIndex.SYNC_BATCH + 500;
    try (PaperSearch.Following following = search.follow()) {
      for (int b = 0; b < batches; b++) {
        List<PaperRecord> records = new ArrayList<>();
        for (int i = 0; i < perBatch; i++) {
          String id = String.format(Locale.ROOT, "2602.%05d", b * perBatch + i);
          records.add(PaperRecord.of(paper(id, "Capybara census " + id, "Rodents counted.")));
        }
        catalog.apply(records);
      }
    }
    int total = 6 + batches * perBatch;
    assertThat(search.status().papers()).isEqualTo(total);
    assertThat(PaperIndex.committedData(dir.resolve("index")))
        .containsEntry("paperboy.catalog.change", String.valueOf(total));
    assertThat(ids("capybara")).hasSize(10).allMatch(id -> id.startsWith("2602."));
  }

  @Test
  void a_local_paper_merged_into_its_arxiv_twin_leaves_the_index() throws IOException {
    String title = "Distilling Instruction-following Abilities";
    Paper local = Paper.builder(Paper.localId(title), title, "seed").build();
    catalog.apply(List.of(PaperRecord.of(local)));
    search.sync();
    assertThat(ids("distilling")).containsExactly(local.id());
    catalog.apply(List.of(PaperRecord.of(paper("2405.13448", title, ""))));
    search.sync();
    assertThat(ids("distilling")).containsExactly("2405.13448");
  }

  @Test
  void an_index_left_by_a_killed_writer_opens_at_its_last_commit_and_catches_up()
      throws IOException {
    Path killed = dir.resolve("killed");
    catalog.apply(List.of(PaperRecord.of(paper("2601.00010", "Okapi herds", "Okapis."))));
    // The progress callback runs after a batch is written (and flushed by the NRT refresh) but
    // before the commit: a copy taken then is what a kill -9 would leave on disk.
    search.sync(n -> copy(dir.resolve("index"), killed));
    assertThat(Files.list(killed).map(p -> p.getFileName().toString()))
        .anyMatch(name -> name.endsWith(".cfs") || name.endsWith(".si"));

    try (PaperSearch reopened = PaperSearch.open(killed, catalog, new PaperVectors(db, CLOCK))) {
      assertThat(reopened.status().papers()).isEqualTo(7);
      assertThat(
              reopened
                  .search(new SearchRequest("okapi", Mode.KEYWORD, null, null, null, null, 0, 10))
                  .hits())
          .extracting(SearchHit::id)
          .containsExactly("2601.00010");
    }
  }

  @Test
  void an_index_of_another_schema_version_is_rebuilt() throws IOException {
    Path old = dir.resolve("old");
    try (IndexWriter w =
        new IndexWriter(FSDirectory.open(old), new IndexWriterConfig(PaperAnalyzer.create()))) {
      Document doc = new Document();
      doc.add(new StringField(IndexField.ID.field(), "stale", Field.Store.YES));
      w.addDocument(doc);
      w.setLiveCommitData(Map.of("paperboy.index.version", "0").entrySet());
      w.commit();
    }
    try (PaperSearch rebuilt = PaperSearch.open(old, catalog, new PaperVectors(db, CLOCK))) {
      assertThat(rebuilt.status().papers()).isEqualTo(6);
      assertThat(rebuilt.similar("stale", 5)).isEmpty();
    }
    assertThat(PaperIndex.committedData(old))
        .containsEntry("paperboy.index.version", String.valueOf(IndexField.VERSION))
        .containsEntry("paperboy.catalog.change", "6");
  }

  @Test
  void reindex_rebuilds_from_the_catalog() throws IOException {
    assertThat(search.rebuild(n -> {})).isEqualTo(6);
    assertThat(ids("monkeys")).contains("2503.11731");
    assertThat(search.status().papers()).isEqualTo(6);
    // The rebuild adds each paper without looking for an older document; its next change replaces.
    catalog.apply(
        List.of(
            PaperRecord.of(
                paper("2501.00001", "Quantum walks on large graphs", "On okapis.", "Ada Lovelace")
                    .toBuilder()
                    .version(2)
                    .build())));
    search.sync();
    assertThat(search.status().papers()).isEqualTo(6);
    assertThat(ids("okapi")).containsExactly("2501.00001");
    assertThat(ids("\"random processes\"")).containsExactly("2501.00002");
  }

  @Test
  void a_second_process_cannot_open_a_held_index_and_import_skips_it() throws IOException {
    assertThat(PaperSearch.openIfFree(dir.resolve("index"), catalog, new PaperVectors(db, CLOCK)))
        .isEmpty();
    assertThatThrownBy(
            () -> PaperSearch.open(dir.resolve("index"), catalog, new PaperVectors(db, CLOCK)))
        .hasMessageContaining("in use by another paperboy process");
  }

  @Test
  void hybrid_weighs_the_cosine_more_when_no_candidate_has_every_word() {
    var withEvery = new org.apache.lucene.search.ScoreDoc(1, KeywordQuery.ALL_WORDS_BONUS + 3f);
    var partial = new org.apache.lucene.search.ScoreDoc(2, 7f);
    // Keyword queries: a paper has every word.
    assertThat(PaperSearch.cosineWeight(List.of(withEvery, partial), true, false))
        .isEqualTo(PaperSearch.VECTOR_WEIGHT);
    // A description in other words: none has them all.
    assertThat(PaperSearch.cosineWeight(List.of(partial), true, false))
        .isEqualTo(PaperSearch.UNMATCHED_VECTOR_WEIGHT)
        .isGreaterThan(PaperSearch.VECTOR_WEIGHT);
    // One word or syntax: no bonus to tell, the weight stays.
    assertThat(PaperSearch.cosineWeight(List.of(partial), false, false))
        .isEqualTo(PaperSearch.VECTOR_WEIGHT);
    assertThat(PaperSearch.cosineWeight(List.of(partial), false, true))
        .isEqualTo(PaperSearch.LONG_QUERY_VECTOR_WEIGHT);
  }

  private static void copy(Path from, Path to) {
    try {
      Files.createDirectories(to);
      try (Stream<Path> files = Files.list(from)) {
        for (Path f : files.toList()) {
          if (!f.getFileName().toString().equals("write.lock")) {
            Files.copy(f, to.resolve(f.getFileName()));
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
