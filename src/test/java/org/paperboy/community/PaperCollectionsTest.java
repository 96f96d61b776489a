package org.paperboy.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.paper.Author;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Paper;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;
import org.paperboy.store.TestDatabases.Kind;

class PaperCollectionsTest {

  private static final LocalDate DAY = LocalDate.parse("2026-03-17");

  @TempDir Path dir;
  private Database db;
  private Writes writes;
  private final MovableClock clock = new MovableClock("2026-03-17T08:00:00Z");
  private PaperCollections collections;
  private User ada;
  private User bob;

  private void open(Kind kind) {
    db = TestDatabases.open(kind, dir);
    writes = new Writes(db, 10, clock);
    Catalog catalog = new Catalog(db, clock);
    Papers.store(catalog, "2503.00001", "Adapt-$\\infty$: Scalable 100% {Learning} & more_", DAY);
    Papers.store(catalog, "2503.00002", "Second", DAY);
    Accounts accounts = new Accounts(db, writes, clock);
    ada = accounts.add("ada@example.org", "Ada", Role.READER);
    bob = accounts.add("bob@example.org", "Bob", Role.READER);
    collections = new PaperCollections(db, catalog, writes, clock);
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void collections_hold_papers_and_private_ones_stay_private(Kind kind) throws Exception {
    open(kind);
    PaperCollection reading = collections.create(ada, "Reading list", "For the train", false);
    collections.add(ada, reading.id(), "2503.00001");
    clock.advance(Duration.ofSeconds(1));
    collections.add(ada, reading.id(), "2503.00002v3");
    collections.add(ada, reading.id(), "2503.00002");
    assertThat(collections.find(reading.id(), ada))
        .get()
        .extracting(PaperCollection::size)
        .isEqualTo(2);
    assertThat(collections.papers(reading.id(), ada))
        .extracting(Paper::id)
        .containsExactly("2503.00002", "2503.00001");

    assertThat(collections.find(reading.id(), bob)).isEmpty();
    assertThat(collections.find(reading.id(), null)).isEmpty();
    assertThatThrownBy(() -> collections.exportJson(reading.id(), bob))
        .hasMessageContaining("No such collection");
    assertThatThrownBy(() -> collections.add(bob, reading.id(), "2503.00001"))
        .hasMessageContaining("No such collection");

    collections.update(ada, reading.id(), "Reading list", "For the train", true);
    assertThat(collections.find(reading.id(), null)).isPresent();
    assertThatThrownBy(() -> collections.add(bob, reading.id(), "2503.00001"))
        .hasMessageContaining("your own");

    JsonNode json = new ObjectMapper().readTree(collections.exportJson(reading.id(), null));
    assertThat(json.get("name").asText()).isEqualTo("Reading list");
    assertThat(json.get("papers")).hasSize(2);
    assertThat(json.get("papers").get(1).get("authors").get(0).asText()).isEqualTo("Ada Lovelace");

    assertThatThrownBy(() -> collections.create(ada, "Reading list", "", true))
        .hasMessageContaining("already have");
    assertThatThrownBy(() -> collections.create(ada, "x".repeat(101), "", true))
        .hasMessageContaining("longer than");
    assertThatThrownBy(() -> collections.add(ada, reading.id(), "2503.09999"))
        .hasMessageContaining("No paper");

    collections.remove(ada, reading.id(), "2503.00001");
    assertThat(collections.mine(ada))
        .singleElement()
        .extracting(PaperCollection::size)
        .isEqualTo(1);
    collections.delete(ada, reading.id());
    assertThat(collections.mine(ada)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_readers_saved_papers_are_theirs_by_collection_name(Kind kind) {
    open(kind);
    assertThatThrownBy(() -> collections.paperIds(ada, "reading group"))
        .hasMessageContaining("no collection named \"reading group\"")
        .hasMessageContaining("You have no collections yet");
    PaperCollection group = collections.create(ada, "Reading group", "", false);
    PaperCollection later = collections.create(ada, "later", "", false);
    collections.add(ada, group.id(), "2503.00001");
    collections.add(ada, later.id(), "2503.00002");
    PaperCollection bobs = collections.create(bob, "Reading group", "", true);
    collections.add(bob, bobs.id(), "2503.00002");

    assertThat(collections.paperIds(ada, null)).containsExactly("2503.00001", "2503.00002");
    // exact name first, else the one that differs only in case
    assertThat(collections.paperIds(ada, "reading group")).containsExactly("2503.00001");
    assertThat(collections.paperIds(ada, " Reading group ")).containsExactly("2503.00001");
    assertThat(collections.paperIds(bob, "Reading group")).containsExactly("2503.00002");
    assertThatThrownBy(() -> collections.paperIds(ada, "<b>x</b>"))
        .hasMessageContaining("Yours are: later, Reading group.");
    assertThatThrownBy(() -> collections.paperIds(null, null)).hasMessageContaining("Sign in");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void not_for_me_marks_are_kept_per_reader(Kind kind) {
    open(kind);
    collections.markNotForMe(ada, "2503.00001");
    collections.markNotForMe(ada, "2503.00001");
    assertThat(collections.notForMe(ada.id())).containsExactly("2503.00001");
    assertThat(collections.notForMe(bob.id())).isEmpty();
    collections.unmarkNotForMe(ada, "2503.00001");
    assertThat(collections.notForMe(ada.id())).isEmpty();
    assertThatThrownBy(() -> collections.markNotForMe(ada, "2503.09999"))
        .hasMessageContaining("No paper");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void bibtex_export_escapes_specials_and_keeps_math(Kind kind) {
    open(kind);
    PaperCollection c = collections.create(ada, "Bib", "", true);
    collections.add(ada, c.id(), "2503.00001");
    String bib = collections.exportBibtex(c.id(), null);
    assertThat(bib)
        .startsWith("@misc{arXiv:2503.00001,\n")
        .contains("title = {{Adapt-$\\infty$: Scalable 100\\% \\{Learning\\} \\& more\\_}}")
        .contains("author = {Ada Lovelace and Alan Turing}")
        .contains("eprint = {2503.00001}")
        .contains("archivePrefix = {arXiv}")
        .contains("primaryClass = {cs.LG}")
        .contains("year = {2026}");
  }

  @Test
  void bibtex_text_cannot_break_out_of_its_field() {
    assertThat(BibTex.escape("a}b{c\\d~e^f#g$h"))
        .isEqualTo("a\\}b\\{c\\textbackslash{}d\\textasciitilde{}e\\textasciicircum{}f\\#g\\$h");
    // math with unbalanced braces is escaped like text
    assertThat(BibTex.escape("$x}$ y")).isEqualTo("\\$x\\}\\$ y");
    assertThat(BibTex.escape("$x^{2}$")).isEqualTo("$x^{2}$");
    Paper odd =
        Paper.builder("hep-th/9901001", "T", "test")
            .authors(List.of(new Author("O'Brien, {Pat}", null)))
            .build();
    assertThat(BibTex.entry(odd))
        .contains("@misc{arXiv:hep-th_9901001,")
        .contains("author = {O'Brien, \\{Pat\\}}");
  }
}
