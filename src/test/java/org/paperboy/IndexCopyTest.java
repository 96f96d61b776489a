package org.paperboy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.MovableClock;
import org.paperboy.config.Settings;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.paper.PaperVectors;
import org.paperboy.search.IndexCopies;
import org.paperboy.search.PaperSearch;
import org.paperboy.search.SearchHit;
import org.paperboy.search.SearchRequest;
import org.paperboy.store.TestDatabases;

/**
 * A node that starts with an empty index directory copies a serving node's index (its last commit,
 * HNSW graph included) instead of building it, then applies the catalog changes made after that
 * commit; a node without the cluster's key is refused the copy and builds its index from the
 * database instead.
 */
class IndexCopyTest {

  private static final int PAPERS = 120;

  @TempDir Path dir;
  private final MovableClock clock = new MovableClock("2026-07-01T08:00:00Z");
  private final List<Paperboy> nodes = new ArrayList<>();

  private Paperboy node(String url, String name, Path key) throws IOException {
    Path data = dir.resolve(name);
    Files.createDirectories(data);
    if (key != null) {
      Files.copy(key, data.resolve("secret.key"));
    }
    Map<String, String> env = new HashMap<>();
    env.put("PAPERBOY_DATA", data.toString());
    env.put("PAPERBOY_DB_URL", url);
    env.put("PAPERBOY_DB_USER", "postgres");
    env.put("PAPERBOY_DEMO_DATA", "false");
    env.put("PAPERBOY_HARVEST", "false");
    env.put("PAPERBOY_HF_FOLLOW", "false");
    env.put("PAPERBOY_NODE_HOST", "127.0.0.1");
    Paperboy p = Paperboy.builder(Settings.from(env)).clock(clock).jobs(false).build();
    nodes.add(p);
    return p;
  }

  @AfterEach
  void stop() {
    nodes.forEach(Paperboy::close);
  }

  private static Paper paper(int i, String title) {
    return Paper.builder(String.format("2607.%05d", i), title, "test")
        .abstractText("We study " + title.toLowerCase() + ", experiment " + i + ".")
        .categories(List.of("cs.LG"))
        .build();
  }

  /** Deterministic pseudo-random unit vectors under each paper's real text hash. */
  private static void publishVectors(Paperboy node, List<Paper> papers) {
    Map<PaperVectors.Text, float[]> batch = new LinkedHashMap<>();
    for (Paper p : papers) {
      SplittableRandom r = new SplittableRandom(p.id().hashCode());
      float[] v = new float[384];
      double norm = 0;
      for (int d = 0; d < v.length; d++) {
        v[d] = (float) r.nextGaussian();
        norm += v[d] * v[d];
      }
      for (int d = 0; d < v.length; d++) {
        v[d] /= (float) Math.sqrt(norm);
      }
      batch.put(new PaperVectors.Text(p.id(), PaperSearch.textHash(p)), v);
    }
    new PaperVectors(node.database(), node.clock()).publish(PaperSearch.defaultModel(), batch);
  }

  @Test
  void an_empty_node_copies_a_peers_index_and_catches_up_and_one_without_the_key_builds()
      throws Exception {
    String url = TestDatabases.newPostgresUrl();
    Paperboy one = node(url, "one", null);
    List<Paper> papers = new ArrayList<>();
    for (int i = 1; i <= PAPERS; i++) {
      papers.add(paper(i, "Sparse attention for protein folding, part " + i));
    }
    one.catalog().apply(papers.stream().map(PaperRecord::of).toList());
    publishVectors(one, papers);
    one.serve(0);
    PaperSearch first = one.search().orElseThrow();
    assertThat(first.status().embedded()).isEqualTo(PAPERS);
    String kept = papers.get(7).id();
    Map<String, float[]> reference = first.vectors(List.of(kept));

    // Only the copy can give this paper a vector now: its row is gone from the database.
    one.database()
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate("DELETE FROM paper_vectors WHERE paper_id = :id")
                    .bind("id", kept)
                    .execute());
    // Added after node one's last commit: node two must catch up with it from the catalog.
    Paper later = paper(PAPERS + 1, "Zebrafish gait under microgravity");
    one.catalog().apply(List.of(PaperRecord.of(later)));
    publishVectors(one, List.of(later));

    URI copy = URI.create("http://127.0.0.1:" + one.port() + IndexCopies.PATH);
    HttpResponse<String> refused =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(copy).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).as("a copy without the cluster's token").isEqualTo(401);

    Paperboy two = node(url, "two", dir.resolve("one/secret.key"));
    PaperSearch second = two.search().orElseThrow();
    assertThat(second.copiedFrom()).contains(URI.create("http://127.0.0.1:" + one.port()));
    assertThat(second.status().papers()).isEqualTo(PAPERS + 1);
    assertThat(second.status().embedded()).isEqualTo(PAPERS + 1);
    assertThat(second.embeddedHere()).isZero();
    assertThat(second.vectors(List.of(kept)).get(kept)).containsExactly(reference.get(kept));
    List<SearchHit> found = second.search(SearchRequest.of("zebrafish microgravity", 5)).hits();
    assertThat(found).extracting(SearchHit::id).containsExactly(later.id());
    assertThat(second.similar(later.id(), 5).orElseThrow()).hasSize(5);
    assertThat(second.similar(kept, 5).orElseThrow()).hasSize(5);

    // Another key: refused, so built from the database (where the kept paper has no vector).
    Paperboy three = node(url, "three", null);
    PaperSearch third = three.search().orElseThrow();
    assertThat(third.copiedFrom()).isEmpty();
    assertThat(third.status().papers()).isEqualTo(PAPERS + 1);
    assertThat(third.status().embedded()).isEqualTo(PAPERS);
    assertThat(third.vectors(List.of(kept))).isEmpty();
  }
}
