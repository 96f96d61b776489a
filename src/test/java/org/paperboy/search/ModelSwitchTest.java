package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.config.Settings;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.paper.PaperVectors;
import org.paperboy.search.SearchRequest.Mode;
import org.paperboy.search.SearchRequest.Sort;
import org.paperboy.store.Database;

/**
 * Changing {@code PAPERBOY_EMBEDDING_MODEL}, with two real bundled models: the catalog is embedded
 * with the new one while the old one's vectors answer, then the index switches and the old vectors
 * are deleted.
 */
class ModelSwitchTest {

  static final String MINILM = "all-MiniLM-L6-v2-q/128";
  static final String E5 = "e5-small-v2-q/128";

  static final List<Paper> PAPERS =
      List.of(
          paper(
              "2601.00001",
              "Zebra stripes confuse biting flies",
              "Stripes reduce landings of"
                  + " horseflies on zebras and on horses wearing striped coats."),
          paper(
              "2601.00002", "Okapi ecology", "Forest giraffes of the Congo basin and their diet."),
          paper(
              "2601.00003",
              "Sorting networks in hardware",
              "Comparator networks that sort"
                  + " numbers in a fixed number of steps, laid out on a chip."),
          paper(
              "2601.00004",
              "Sourdough fermentation",
              "Wild yeast and lactic bacteria make" + " bread rise and give it a sour taste."),
          paper(
              "2601.00005",
              "Glacier retreat in the Alps",
              "Ice loss measured by satellites over" + " thirty years of warming summers."),
          paper(
              "2601.00006",
              "Chess endgames solved by tables",
              "Every position with seven" + " pieces, looked up instead of searched."));

  static Paper paper(String id, String title, String abstractText) {
    return Paper.builder(id, title, "t").abstractText(abstractText).build();
  }

  static List<String> semantic(PaperSearch s, String query) throws IOException {
    return s
        .search(new SearchRequest(query, Mode.SEMANTIC, Sort.RELEVANCE, null, null, null, 0, 3))
        .hits()
        .stream()
        .map(SearchHit::id)
        .toList();
  }

  @Test
  void a_new_model_is_embedded_while_the_old_one_answers_then_the_index_switches(@TempDir Path dir)
      throws IOException {
    try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null)) {
      Catalog catalog = new Catalog(db, SemanticSearchTest.CLOCK);
      catalog.apply(PAPERS.stream().map(PaperRecord::of).toList());
      PaperVectors vectors = new PaperVectors(db, SemanticSearchTest.CLOCK);
      Path index = dir.resolve("index");
      Map<String, float[]> old;
      try (PaperSearch s = PaperSearch.open(index, catalog, vectors, MINILM)) {
        assertThat(s.embedPending(100)).isEqualTo(6);
        assertThat(s.nextModel()).isEmpty();
        old = s.vectors(List.of("2601.00001"));
      }

      try (PaperSearch s = PaperSearch.open(index, catalog, vectors, E5)) {
        // The old vectors answer at once; the new model is what comes next.
        assertThat(s.model()).isEqualTo(MINILM);
        assertThat(s.nextModel()).contains(E5);
        assertThat(s.status().embedded()).isEqualTo(6);
        assertThat(semantic(s, "why do horses with black and white coats get fewer insect bites"))
            .first()
            .isEqualTo("2601.00001");

        // Part of the catalog embedded with the new model: into the database only.
        assertThat(s.embedPending(4)).isEqualTo(4);
        assertThat(vectors.count(E5)).isEqualTo(4);
        assertThat(s.model()).isEqualTo(MINILM);
        assertThat(s.vectors(List.of("2601.00001")).get("2601.00001"))
            .containsExactly(old.get("2601.00001"));
        assertThat(semantic(s, "bread made with wild yeast")).first().isEqualTo("2601.00004");

        // The rest, then the switch: the index serves the new vectors, the old rows are gone.
        assertThat(s.embedPending(100)).isEqualTo(2);
        assertThat(s.model()).isEqualTo(E5);
        assertThat(s.nextModel()).isEmpty();
        assertThat(s.status().embedded()).isEqualTo(6);
        assertThat(s.embeddedHere()).isEqualTo(6);
        assertThat(vectors.count(E5)).isEqualTo(6);
        assertThat(vectors.count(MINILM)).isZero();
        float[] now = s.vectors(List.of("2601.00001")).get("2601.00001");
        assertThat(now).isNotEqualTo(old.get("2601.00001"));
        assertThat(now)
            .containsExactly(vectors.find(E5, List.of("2601.00001")).get("2601.00001").vector());
        assertThat(semantic(s, "why do horses with black and white coats get fewer insect bites"))
            .first()
            .isEqualTo("2601.00001");
        assertThat(semantic(s, "bread made with wild yeast")).first().isEqualTo("2601.00004");
      }
      assertThat(PaperIndex.committedData(index)).containsEntry("paperboy.embedding.model", E5);

      // Reopened with the same setting: nothing left to do.
      try (PaperSearch s = PaperSearch.open(index, catalog, vectors, E5)) {
        assertThat(s.model()).isEqualTo(E5);
        assertThat(s.embedPending(100)).isZero();
        assertThat(s.embeddedHere()).isZero();
      }
    }
  }

  @Test
  void the_setting_names_a_bundled_model_and_its_word_pieces() {
    assertThat(Settings.from(Map.of()).embeddingModel()).isEqualTo(PaperSearch.defaultModel());
    assertThat(Embedder.Spec.parse("BGE-small-en-v1.5-q/256").name())
        .isEqualTo("bge-small-en-v1.5-q/256");
    assertThat(Embedder.Spec.parse("e5-small-v2-q").name()).isEqualTo("e5-small-v2-q/128");
    assertThatThrownBy(() -> Embedder.Spec.parse("gpt-9/128"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bge-small-en-v1.5-q");
    assertThatThrownBy(() -> Embedder.Spec.parse("e5-small-v2-q/1024"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16 to 512");
    assertThatThrownBy(() -> Embedder.Spec.parse("e5-small-v2-q/many"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
