package org.paperboy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.MovableClock;
import org.paperboy.config.Settings;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.search.PaperSearch;
import org.paperboy.search.SearchHit;
import org.paperboy.search.SearchRequest;
import org.paperboy.store.TestDatabases;

/**
 * Three app instances, each with its own index directory, on one PostgreSQL (the embedded one the
 * tests start), as {@code serve} builds them: new papers are embedded once for all three, and an
 * instance whose index is deleted is fully searchable again from the database without embedding.
 */
class ClusterEmbeddingTest {

  private static final int PAPERS = 300;

  private static final String[] TOPICS = {
    "graph neural networks", "protein folding", "quantum error correction", "speech recognition",
    "reinforcement learning", "image segmentation", "climate modelling", "compiler optimisation",
    "database indexing", "robot grasping", "machine translation", "galaxy formation",
    "cryptographic protocols", "traffic forecasting", "music generation"
  };

  private static final String[] ANGLES = {
    "a survey of",
    "scaling laws for",
    "benchmarks for",
    "robustness of",
    "efficient training of",
    "theory of",
    "privacy in",
    "interpretability of",
    "low-resource",
    "federated",
    "self-supervised",
    "causal",
    "sparse",
    "online",
    "multilingual",
    "energy-aware",
    "adaptive",
    "distributed",
    "probabilistic",
    "hierarchical"
  };

  @TempDir Path dir;
  private final MovableClock clock = new MovableClock("2026-07-01T08:00:00Z");

  private Paperboy node(String url, String name) {
    Map<String, String> env = new HashMap<>();
    env.put("PAPERBOY_DATA", dir.resolve(name).toString());
    env.put("PAPERBOY_DB_URL", url);
    env.put("PAPERBOY_DB_USER", "postgres");
    env.put("PAPERBOY_DEMO_DATA", "false");
    env.put("PAPERBOY_HARVEST", "false");
    return Paperboy.builder(Settings.from(env)).clock(clock).build();
  }

  private static List<PaperRecord> papers() {
    List<PaperRecord> records = new ArrayList<>();
    for (int i = 0; i < PAPERS; i++) {
      String topic = TOPICS[i % TOPICS.length];
      String angle = ANGLES[i / TOPICS.length % ANGLES.length];
      records.add(
          PaperRecord.of(
              Paper.builder(
                      String.format("2607.%05d", i + 1), capitalized(angle) + " " + topic, "test")
                  .abstractText(
                      "We study "
                          + angle
                          + " "
                          + topic
                          + ", with experiments number "
                          + i
                          + " on public data.")
                  .categories(List.of("cs.LG"))
                  .build()));
    }
    return records;
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  @Test
  void three_nodes_embed_each_new_paper_once_and_a_new_node_embeds_nothing() throws Exception {
    String url = TestDatabases.newPostgresUrl();
    Paperboy one = node(url, "one");
    Paperboy two = node(url, "two");
    Paperboy three = node(url, "three");
    try {
      List<Paperboy> nodes = List.of(one, two, three);
      List<PaperSearch> searches = new ArrayList<>();
      for (Paperboy n : nodes) {
        searches.add(n.search().orElseThrow());
      }
      one.catalog().apply(papers());

      // All three see the new papers and give them vectors at the same time.
      ExecutorService pool = Executors.newFixedThreadPool(3);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> given = new ArrayList<>();
      try {
        for (PaperSearch s : searches) {
          given.add(
              pool.submit(
                  () -> {
                    go.await();
                    s.sync();
                    return s.embedPending(Integer.MAX_VALUE);
                  }));
        }
        go.countDown();
        for (Future<Integer> f : given) {
          assertThat(f.get()).isEqualTo(PAPERS);
        }
      } finally {
        pool.shutdownNow();
      }

      long embedded = searches.stream().mapToLong(PaperSearch::embeddedHere).sum();
      assertThat(embedded).as("papers embedded by the three nodes together").isEqualTo(PAPERS);
      for (PaperSearch s : searches) {
        assertThat(s.status().papers()).isEqualTo(PAPERS);
        assertThat(s.status().embedded()).isEqualTo(PAPERS);
      }
      assertThat(vectorRows(one)).isEqualTo(PAPERS);
      Map<String, float[]> reference = searches.get(0).vectors(ids());

      // Node three is replaced by one with an empty index directory.
      three.close();
      try (Stream<Path> files = Files.walk(dir.resolve("three"))) {
        files.sorted(Comparator.reverseOrder()).forEach(ClusterEmbeddingTest::delete);
      }
      three = node(url, "three");
      PaperSearch fresh = three.search().orElseThrow();
      assertThat(fresh.status().papers()).isEqualTo(PAPERS);
      assertThat(fresh.status().embedded()).isEqualTo(PAPERS);
      assertThat(fresh.embedPending(Integer.MAX_VALUE)).isZero();
      assertThat(fresh.embeddedHere()).isZero();
      Map<String, float[]> read = fresh.vectors(ids());
      assertThat(read).hasSize(PAPERS);
      read.forEach((id, v) -> assertThat(v).as(id).containsExactly(reference.get(id)));

      List<SearchHit> keyword =
          fresh.search(SearchRequest.of("quantum error correction robustness", 5)).hits();
      assertThat(keyword).isNotEmpty();
      assertThat(keyword.get(0).title()).isEqualTo("Robustness of quantum error correction");
      List<SearchHit> semantic =
          fresh
              .search(
                  new SearchRequest(
                      "Robustness of quantum error correction",
                      SearchRequest.Mode.SEMANTIC,
                      null,
                      null,
                      null,
                      null,
                      0,
                      5))
              .hits();
      assertThat(semantic).isNotEmpty();
      assertThat(semantic.get(0).title()).isEqualTo("Robustness of quantum error correction");
      assertThat(fresh.embeddedHere()).as("a query is embedded, no paper").isZero();
    } finally {
      for (Paperboy n : new Paperboy[] {one, two, three}) {
        n.close();
      }
    }
  }

  private static List<String> ids() {
    return papers().stream().map(r -> r.paper().id()).toList();
  }

  private static long vectorRows(Paperboy node) {
    return node.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM paper_vectors WHERE vector IS NOT NULL")
                    .mapTo(Long.class)
                    .one());
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
