package org.paperboy.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.community.MovableClock;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;
import org.paperboy.store.TestDatabases.Kind;

/** The stored vectors and their leases, on SQLite and PostgreSQL, with several nodes. */
class PaperVectorsTest {

  private static final String MODEL = "model-a";
  private static final Duration LEASE = Duration.ofMinutes(2);

  @TempDir Path dir;
  private final MovableClock clock = new MovableClock("2026-07-01T08:00:00Z");

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_text_is_leased_to_one_node_and_its_vector_read_by_all(Kind kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperVectors one = new PaperVectors(db, clock);
      PaperVectors two = new PaperVectors(db, clock);
      List<PaperVectors.Text> texts =
          List.of(
              new PaperVectors.Text("2601.00002", "h2"), new PaperVectors.Text("2601.00001", "h1"));

      assertThat(one.claim(MODEL, texts, LEASE))
          .containsExactly(texts.get(1), texts.get(0)); // in id order
      assertThat(two.claim(MODEL, texts, LEASE)).isEmpty();
      assertThat(one.find(MODEL, List.of("2601.00001", "2601.00002"))).isEmpty();

      // Only the holder stores, and only for the text it leased.
      assertThat(two.store(MODEL, List.of(texts.get(1)), List.of(new float[] {9f}))).isZero();
      assertThat(
              one.store(
                  MODEL,
                  List.of(texts.get(1), new PaperVectors.Text("2601.00002", "other")),
                  List.of(new float[] {0.5f, -0.25f}, new float[] {1f})))
          .isEqualTo(1);
      Map<String, PaperVectors.Stored> found = two.find(MODEL, List.of("2601.00001", "2601.00002"));
      assertThat(found).containsOnlyKeys("2601.00001");
      assertThat(found.get("2601.00001").textHash()).isEqualTo("h1");
      assertThat(found.get("2601.00001").vector()).containsExactly(0.5f, -0.25f);
      assertThat(two.count(MODEL)).isEqualTo(1);
      assertThat(two.count("model-b")).isZero();

      // A done text is not leased again; the same paper under another model is another row.
      assertThat(two.claim(MODEL, List.of(texts.get(1)), LEASE)).isEmpty();
      assertThat(two.claim("model-b", List.of(texts.get(1)), LEASE)).containsExactly(texts.get(1));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_changed_text_and_a_lease_that_ran_out_are_taken_again(Kind kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperVectors one = new PaperVectors(db, clock);
      PaperVectors two = new PaperVectors(db, clock);
      PaperVectors.Text v1 = new PaperVectors.Text("2601.00001", "h1");
      one.claim(MODEL, List.of(v1), LEASE);
      one.store(MODEL, List.of(v1), List.of(new float[] {1f}));

      // The abstract changed: the old vector is no use for the new text, so it is leased again.
      PaperVectors.Text v2 = new PaperVectors.Text("2601.00001", "h2");
      assertThat(two.claim(MODEL, List.of(v2), LEASE)).containsExactly(v2);
      assertThat(one.find(MODEL, List.of("2601.00001"))).isEmpty();

      // Node two dies holding it: nobody takes it until the lease runs out, then one node does.
      assertThat(one.claim(MODEL, List.of(v2), LEASE)).isEmpty();
      clock.advance(LEASE.plusSeconds(1));
      assertThat(one.claim(MODEL, List.of(v2), LEASE)).containsExactly(v2);
      assertThat(two.store(MODEL, List.of(v2), List.of(new float[] {2f}))).isZero();
      assertThat(one.store(MODEL, List.of(v2), List.of(new float[] {3f}))).isEqualTo(1);
      assertThat(two.find(MODEL, List.of("2601.00001")).get("2601.00001").vector())
          .containsExactly(3f);

      // A node that stops gives its leases back at once.
      PaperVectors.Text other = new PaperVectors.Text("2601.00009", "h9");
      one.claim(MODEL, List.of(other), LEASE);
      assertThat(one.release()).isEqualTo(1);
      assertThat(two.claim(MODEL, List.of(other), LEASE)).containsExactly(other);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void publishing_adds_only_papers_without_a_row(Kind kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperVectors one = new PaperVectors(db, clock);
      PaperVectors.Text done = new PaperVectors.Text("2601.00001", "h1");
      PaperVectors.Text leased = new PaperVectors.Text("2601.00002", "h2");
      one.claim(MODEL, List.of(done, leased), LEASE);
      one.store(MODEL, List.of(done), List.of(new float[] {1f}));

      int added =
          one.publish(
              MODEL,
              Map.of(
                  new PaperVectors.Text("2601.00001", "old"), new float[] {7f},
                  new PaperVectors.Text("2601.00002", "h2"), new float[] {7f},
                  new PaperVectors.Text("2601.00003", "h3"), new float[] {7f}));

      assertThat(added).isEqualTo(1);
      Map<String, PaperVectors.Stored> found =
          one.find(MODEL, List.of("2601.00001", "2601.00002", "2601.00003"));
      assertThat(found).containsOnlyKeys("2601.00001", "2601.00003");
      assertThat(found.get("2601.00001").vector()).containsExactly(1f);
      assertThat(found.get("2601.00003").textHash()).isEqualTo("h3");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_vector_is_stored_as_384_float32_values_in_1536_bytes(Kind kind) {
    float[] v = new float[384];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) Math.sin(i) / 7;
    }
    assertThat(PaperVectors.encode(v)).hasSize(1536);
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperVectors vectors = new PaperVectors(db, clock);
      PaperVectors.Text t = new PaperVectors.Text("2601.00001", "h");
      vectors.claim(MODEL, List.of(t), LEASE);
      vectors.store(MODEL, List.of(t), List.of(v));
      assertThat(vectors.find(MODEL, List.of("2601.00001")).get("2601.00001").vector())
          .containsExactly(v);
    }
  }
}
