package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.ingest.Importer;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.paper.PaperVectors;
import org.paperboy.search.SearchRequest.Mode;
import org.paperboy.search.SearchRequest.Sort;
import org.paperboy.store.Database;

/**
 * Semantic and hybrid search with the real model, on a fixture corpus of real papers: eight Hugging
 * Face days (copied from {@code ../shared/data}; their papers with two {@code ai_keywords} make the
 * queries) among the papers of one daily arXiv listing. The relevance check is the small version of
 * the benchmark in {@code bench/SearchBenchmark.java}: the query is a paper's first two keyword
 * phrases, and the paper should come back in the top 10.
 */
class SemanticSearchTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-01T08:00:00Z"), ZoneOffset.UTC);
  static final List<String> HF_DAYS =
      List.of(
          "samples/hf_daily_papers/2025-07-15.json",
          "samples/hf_daily_papers/2026-06-30.json",
          "search-fixture/hf_daily_papers_2025-07-24.json.gz",
          "search-fixture/hf_daily_papers_2025-09-18.json.gz",
          "search-fixture/hf_daily_papers_2025-11-13.json.gz",
          "search-fixture/hf_daily_papers_2026-01-09.json.gz",
          "search-fixture/hf_daily_papers_2026-03-06.json.gz",
          "search-fixture/hf_daily_papers_2026-05-01.json.gz");
  static final String DISTRACTORS = "samples/arxiv_daily_dw-dengwei_2025-10-22.jsonl";

  @TempDir static Path dir;
  static Database db;
  static Catalog catalog;
  static PaperSearch search;
  static List<Query> queries = new ArrayList<>();

  record Query(String text, String paperId) {}

  @BeforeAll
  static void build() throws IOException {
    db = Database.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null);
    catalog = new Catalog(db, CLOCK);
    Importer importer = new Importer(catalog, CLOCK);
    ObjectMapper json = new ObjectMapper();
    for (String day : HF_DAYS) {
      Path file = resource(day);
      importer.importFile(file);
      JsonNode items;
      try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
        items = json.readTree(day.endsWith(".gz") ? new java.util.zip.GZIPInputStream(in) : in);
      }
      for (JsonNode item : items) {
        JsonNode keywords = item.path("paper").path("ai_keywords");
        if (keywords.size() >= 2) {
          queries.add(
              new Query(
                  keywords.get(0).asText() + " " + keywords.get(1).asText(),
                  item.path("paper").path("id").asText()));
        }
      }
    }
    importer.importFile(resource(DISTRACTORS));
    search = PaperSearch.open(dir.resolve("index"), catalog, new PaperVectors(db, CLOCK));
    search.embedPending(Integer.MAX_VALUE);
  }

  @AfterAll
  static void close() throws IOException {
    search.close();
    db.close();
  }

  static Path resource(String name) {
    try {
      return Path.of(SemanticSearchTest.class.getClassLoader().getResource(name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hit@10 and MRR@10 of the queries' papers in one mode. */
  static double[] hitAndMrrAt10(Mode mode) throws IOException {
    double hits = 0;
    double mrr = 0;
    for (Query q : queries) {
      List<SearchHit> top =
          search
              .search(new SearchRequest(q.text(), mode, Sort.RELEVANCE, null, null, null, 0, 10))
              .hits();
      for (int i = 0; i < top.size(); i++) {
        if (top.get(i).id().equals(q.paperId())) {
          hits++;
          mrr += 1.0 / (i + 1);
          break;
        }
      }
    }
    return new double[] {hits / queries.size(), mrr / queries.size()};
  }

  @Test
  void every_paper_is_embedded_in_the_background_job() throws IOException {
    PaperSearch.Status status = search.status();
    assertThat(status.papers()).isGreaterThan(330);
    assertThat(status.embedded()).isEqualTo(status.papers());
    assertThat(status.model()).isEqualTo("all-MiniLM-L6-v2-q/128");
    assertThat(search.embedPending(10)).isZero();
  }

  /** Hit@10 and MRR@10 of the queries asked in another form, {@code %s} standing for the query. */
  static double[] hitAndMrrAt10(Mode mode, String form) throws IOException {
    List<Query> asked = queries;
    try {
      queries = asked.stream().map(q -> new Query(form.formatted(q.text()), q.paperId())).toList();
      return hitAndMrrAt10(mode);
    } finally {
      queries = asked;
    }
  }

  @Test
  void questions_and_requests_find_the_papers_their_keywords_find() throws IOException {
    for (Mode mode : List.of(Mode.KEYWORD, Mode.HYBRID)) {
      double[] plain = hitAndMrrAt10(mode);
      for (String form :
          List.of(
              "papers about %s",
              "are there any papers on %s?",
              "how do %s work?",
              "I'm looking for the paper on %s")) {
        double[] asked = hitAndMrrAt10(mode, form);
        System.out.printf(
            "%s, \"%s\": MRR@10 %.3f (as keywords %.3f)%n", mode, form, asked[1], plain[1]);
        assertThat(asked[1]).as(mode + " " + form).isGreaterThanOrEqualTo(plain[1] - 0.02);
      }
    }
  }

  @Test
  void hybrid_ranks_the_wanted_papers_at_least_as_well_as_keyword() throws IOException {
    assertThat(queries).hasSizeGreaterThan(100);
    double[] keyword = hitAndMrrAt10(Mode.KEYWORD);
    double[] semantic = hitAndMrrAt10(Mode.SEMANTIC);
    double[] hybrid = hitAndMrrAt10(Mode.HYBRID);
    System.out.printf(
        "fixture hit@10 / MRR@10 over %d queries: keyword %.3f / %.3f, semantic %.3f / %.3f,"
            + " hybrid %.3f / %.3f%n",
        queries.size(), keyword[0], keyword[1], semantic[0], semantic[1], hybrid[0], hybrid[1]);
    assertThat(hybrid[0]).isGreaterThanOrEqualTo(keyword[0]);
    assertThat(hybrid[1]).isGreaterThanOrEqualTo(keyword[1]);
    assertThat(semantic[1]).isGreaterThan(0.3);
  }

  @Test
  void semantic_search_finds_papers_without_shared_words() throws IOException {
    // "LiveEdit: Towards Real-Time Diffusion-Based Streaming Video Editing", asked in other words.
    List<String> ids =
        search
            .search(
                new SearchRequest(
                    "changing a live camera feed instantly with generative models",
                    Mode.SEMANTIC,
                    null,
                    null,
                    null,
                    null,
                    0,
                    10))
            .hits()
            .stream()
            .map(SearchHit::id)
            .toList();
    assertThat(ids).contains("2606.26740");
  }

  @Test
  void similar_papers_are_neighbours_and_exclude_the_paper_itself() throws IOException {
    List<SearchHit> similar = search.similar("2606.26740", 5).orElseThrow();
    assertThat(similar).hasSize(5);
    assertThat(similar).extracting(SearchHit::id).doesNotContain("2606.26740");
    assertThat(similar.get(0).score()).isGreaterThanOrEqualTo(similar.get(4).score());
    assertThat(search.similar("0000.00000", 5)).isEmpty();
  }

  @Test
  void filters_apply_to_both_legs_of_hybrid_search() throws IOException {
    List<SearchHit> hits =
        search
            .search(
                new SearchRequest(
                    "video editing date:2026", Mode.HYBRID, null, null, null, null, 0, 20))
            .hits();
    assertThat(hits).isNotEmpty();
    assertThat(hits).allMatch(h -> h.published().getYear() == 2026);
  }

  @Test
  void a_paper_not_yet_embedded_is_found_by_keyword_and_a_changed_text_is_embedded_again(
      @TempDir Path other) throws IOException {
    try (Database db2 = Database.open("jdbc:sqlite:" + other.resolve("t.db"), null, null)) {
      Catalog small = new Catalog(db2, CLOCK);
      Paper zebra =
          Paper.builder("2601.00001", "Zebra stripes confuse biting flies", "t")
              .abstractText("Stripes reduce landings of horseflies.")
              .build();
      Paper okapi =
          Paper.builder("2601.00002", "Okapi ecology", "t")
              .abstractText("Forest giraffes of the Congo.")
              .build();
      small.apply(List.of(PaperRecord.of(zebra), PaperRecord.of(okapi)));
      Path index = other.resolve("index");
      try (PaperSearch s = PaperSearch.open(index, small, new PaperVectors(db2, CLOCK), 128)) {
        assertThat(s.status().embedded()).isZero();
        assertThat(s.search(SearchRequest.of("zebra", 10)).hits())
            .extracting(SearchHit::id)
            .containsExactly("2601.00001");
        assertThat(s.embedPending(100)).isEqualTo(2);
        assertThat(s.status().embedded()).isEqualTo(2);
      }
      // Same model: the vectors are kept, across a reopen and a reindex.
      try (PaperSearch s = PaperSearch.open(index, small, new PaperVectors(db2, CLOCK), 128)) {
        assertThat(s.status().embedded()).isEqualTo(2);
        s.rebuild(n -> {});
        assertThat(s.status().embedded()).isEqualTo(2);
        small.apply(
            List.of(
                PaperRecord.of(
                    okapi.toBuilder().version(2).abstractText("Shy forest giraffes.").build())));
        s.sync();
        assertThat(s.status().embedded()).isEqualTo(1);
      }
      // Another model (here: the same network reading 256 word pieces) embeds everything again,
      // while the old vectors answer (ModelSwitchTest); the changed paper first gets an old one.
      try (PaperSearch s = PaperSearch.open(index, small, new PaperVectors(db2, CLOCK), 256)) {
        assertThat(s.model()).isEqualTo("all-MiniLM-L6-v2-q/128");
        assertThat(s.status().embedded()).isEqualTo(1);
        assertThat(s.embedPending(100)).isEqualTo(1 + 2);
        assertThat(s.model()).isEqualTo("all-MiniLM-L6-v2-q/256");
        assertThat(s.status().embedded()).isEqualTo(2);
      }
      assertThat(PaperIndex.committedData(index))
          .containsEntry("paperboy.embedding.model", "all-MiniLM-L6-v2-q/256");
    }
  }

  @Test
  void vectors_an_index_kept_before_the_upgrade_go_to_the_database_and_are_not_embedded_again(
      @TempDir Path other) throws IOException {
    try (Database db2 = Database.open("jdbc:sqlite:" + other.resolve("t.db"), null, null)) {
      Catalog small = new Catalog(db2, CLOCK);
      small.apply(
          List.of(
              PaperRecord.of(
                  Paper.builder("2601.00001", "Zebra stripes confuse biting flies", "t")
                      .abstractText("Stripes reduce landings of horseflies.")
                      .build()),
              PaperRecord.of(
                  Paper.builder("2601.00002", "Okapi ecology", "t")
                      .abstractText("Forest giraffes of the $\\alpha$ Congo.")
                      .build())));
      Path index = other.resolve("index");
      Map<String, float[]> made;
      try (PaperSearch s = PaperSearch.open(index, small, new PaperVectors(db2, CLOCK), 128)) {
        assertThat(s.embedPending(100)).isEqualTo(2);
        made = s.vectors(List.of("2601.00001", "2601.00002"));
      }
      // As an older version left it: the vectors only in the index.
      db2.jdbi().useHandle(h -> h.execute("DELETE FROM paper_vectors"));

      PaperVectors vectors = new PaperVectors(db2, CLOCK);
      try (PaperSearch s = PaperSearch.open(index, small, vectors, 128)) {
        assertThat(vectors.count(s.model())).isEqualTo(2);
        assertThat(s.embedPending(100)).isZero();
        assertThat(s.embeddedHere()).isZero();
      }
      // A node with an empty index on this database: complete, nothing embedded.
      try (PaperSearch s = PaperSearch.open(other.resolve("new"), small, vectors, 128)) {
        assertThat(s.status().embedded()).isEqualTo(2);
        assertThat(s.embeddedHere()).isZero();
        Map<String, float[]> read = s.vectors(List.of("2601.00001", "2601.00002"));
        assertThat(read.get("2601.00001")).containsExactly(made.get("2601.00001"));
        assertThat(read.get("2601.00002")).containsExactly(made.get("2601.00002"));
      }
    }
  }
}
