package org.paperboy.foryou;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.Accounts;
import org.paperboy.community.CommunityException;
import org.paperboy.community.MovableClock;
import org.paperboy.community.PaperCollections;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.community.Votes;
import org.paperboy.community.Writes;
import org.paperboy.paper.Author;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Organization;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.paperboy.paper.PaperVectors;
import org.paperboy.search.PaperSearch;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;

/**
 * The personal feed on a real SQLite catalog with a real search index and embedding model: three
 * fields of new papers, readers who upvoted older papers of one or two of them, and their follows,
 * mutes and "not for me".
 */
class ForYouTest {

  static final LocalDate OLD = LocalDate.parse("2026-06-01");
  static final LocalDate NEW = LocalDate.parse("2026-06-29");

  static final String[][] VIDEO = {
    {
      "Video diffusion models with temporal attention", "We generate videos with a diffusion model."
    },
    {"Text-to-video generation with latent diffusion", "Latent video diffusion makes clips."},
    {"Motion priors for video synthesis", "Synthesizing realistic video motion with diffusion."},
    {"Long video generation by autoregressive diffusion", "Minutes-long generated videos."},
    {"Camera control in video diffusion", "Controlling the camera path of generated video."},
  };
  static final String[][] PROTEIN = {
    {"Protein structure prediction with equivariant networks", "Predicting 3D protein folds."},
    {"Designing enzymes with protein language models", "Generating enzyme sequences."},
    {"Antibody binding affinity from structure", "Protein complexes and binding energy."},
    {"Protein folding dynamics by molecular simulation", "Folding pathways of proteins."},
    {"De novo protein backbone design", "Diffusion over protein backbones for design."},
  };
  static final String[][] LANGUAGE = {
    {"Scaling laws for instruction-tuned language models", "Large language model scaling."},
    {"Tokenizer-free language modeling", "Bytes instead of tokens for language models."},
    {"Retrieval-augmented generation for question answering", "Retrieval improves QA."},
    {"Chain-of-thought prompting in small language models", "Reasoning with prompts."},
    {"Multilingual machine translation at scale", "Translating between 200 languages."},
  };

  @TempDir static Path dir;
  static MovableClock clock = new MovableClock("2026-07-01T08:00:00Z");
  static Database db;
  static Catalog catalog;
  static PaperSearch search;
  static Accounts accounts;
  static Votes votes;
  static PaperCollections collections;
  static Follows follows;
  static ForYou forYou;

  @BeforeAll
  static void world() throws Exception {
    db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
    catalog = new Catalog(db, clock);
    List<PaperRecord> records = new ArrayList<>();
    add(records, "2606.1", VIDEO, "cs.CV", NEW, "Ada Lovelace");
    add(records, "2606.2", PROTEIN, "q-bio.BM", NEW, "Rosalind Franklin");
    add(records, "2606.3", LANGUAGE, "cs.CL", NEW, "Noam Chomsky");
    add(records, "2605.1", VIDEO, "cs.CV", OLD, "Old Author");
    add(records, "2605.2", PROTEIN, "q-bio.BM", OLD, "Old Author");
    records.add(
        new PaperRecord(
            Paper.builder("2606.40001", "Video diffusion models with temporal attention", "test")
                .version(1)
                .abstractText("We generate videos with a diffusion model.")
                .authors(List.of(new Author("José Müller-Lüdenscheidt", null)))
                .categories(List.of("cs.CV"))
                .organization(new Organization("acme-ai", "Acme AI Lab"))
                .published(NEW)
                .build(),
            null));
    catalog.apply(records);
    search = PaperSearch.open(dir.resolve("index"), catalog, new PaperVectors(db, clock));
    search.embedPending(Integer.MAX_VALUE);
    Writes writes = new Writes(db, 0, clock);
    accounts = new Accounts(db, writes, clock);
    votes = new Votes(db, writes, clock);
    collections = new PaperCollections(db, catalog, writes, clock);
    follows = new Follows(db, () -> search, clock);
    forYou = new ForYou(db, catalog, follows, () -> search, clock);
  }

  static void add(
      List<PaperRecord> out,
      String prefix,
      String[][] papers,
      String category,
      LocalDate published,
      String author) {
    for (int i = 0; i < papers.length; i++) {
      out.add(
          new PaperRecord(
              Paper.builder(prefix + "000" + i, papers[i][0], "test")
                  .version(1)
                  .abstractText(papers[i][1])
                  .authors(List.of(new Author(author, null), new Author("Coauthor " + i, null)))
                  .categories(List.of(category))
                  .published(published)
                  .build(),
              null));
    }
  }

  @AfterAll
  static void close() throws Exception {
    search.close();
    db.close();
  }

  static User reader(String name) {
    return accounts.add(name + "@example.org", name, Role.READER);
  }

  static List<String> ids(ForYou.Page page) {
    return page.cards().stream().map(c -> c.paper().id()).toList();
  }

  static String category(String id) {
    return catalog.find(id).orElseThrow().primaryCategory();
  }

  @Test
  void a_reader_without_history_is_asked_for_interests() {
    ForYou.Page page = forYou.page(reader("new").id(), 1);
    assertThat(page.needsInterests()).isTrue();
    assertThat(page.cards()).isEmpty();
    assertThat(page.to()).isEqualTo(NEW);
  }

  @Test
  void upvotes_of_one_field_bring_that_fields_new_papers_first_with_the_reason() {
    User u = reader("video");
    votes.upvote(u, "2605.10000");
    votes.upvote(u, "2605.10001");
    ForYou.Page page = forYou.page(u.id(), 1);
    assertThat(page.needsInterests()).isFalse();
    List<String> top = ids(page).subList(0, 5);
    assertThat(top).allMatch(id -> category(id).equals("cs.CV"));
    assertThat(ids(page)).doesNotContain("2605.10000", "2605.10001");
    assertThat(page.cards().get(0).why())
        .anyMatch(w -> w.startsWith("close to '") && w.endsWith("' that you upvoted"));
  }

  @Test
  void a_reader_of_two_fields_gets_both_near_the_top() {
    User u = reader("two");
    for (int i = 0; i < 5; i++) {
      votes.upvote(u, "2605.1000" + i);
      votes.upvote(u, "2605.2000" + i);
    }
    List<String> top = ids(forYou.page(u.id(), 1)).subList(0, 6);
    assertThat(top).anyMatch(id -> category(id).equals("cs.CV"));
    assertThat(top).anyMatch(id -> category(id).equals("q-bio.BM"));
  }

  @Test
  void near_duplicates_do_not_follow_each_other() {
    User u = reader("dup");
    votes.upvote(u, "2605.10000");
    List<String> feed = ids(forYou.page(u.id(), 1));
    int a = feed.indexOf("2606.10000");
    int b = feed.indexOf("2606.40001");
    assertThat(a).isNotNegative();
    assertThat(b).isNotNegative();
    assertThat(Math.abs(a - b)).isGreaterThan(1);
  }

  @Test
  void not_for_me_and_mutes_take_effect_at_once() {
    User u = reader("steer");
    votes.upvote(u, "2605.10000");
    String first = ids(forYou.page(u.id(), 1)).get(0);
    collections.markNotForMe(u, first);
    assertThat(ids(forYou.page(u.id(), 1))).doesNotContain(first);

    follows.mute(u, Follows.MuteKind.CATEGORY, "cs.CV");
    assertThat(ids(forYou.page(u.id(), 1))).noneMatch(id -> category(id).equals("cs.CV"));
    follows.unmute(u, Follows.MuteKind.CATEGORY, "cs.CV");

    follows.mute(u, Follows.MuteKind.AUTHOR, "  MÜLLER-LÜDENSCHEIDT, José ");
    assertThat(ids(forYou.page(u.id(), 1))).contains("2606.10001").doesNotContain("2606.40001");
    follows.mute(u, Follows.MuteKind.KEYWORD, "Camera");
    assertThat(ids(forYou.page(u.id(), 1))).doesNotContain("2606.10004");
  }

  @Test
  void follows_and_interests_feed_the_ranking_with_their_reasons() {
    User u = reader("follower");
    follows.setInterests(u, "protein design and folding");
    ForYou.Page page = forYou.page(u.id(), 1);
    assertThat(category(ids(page).get(0))).isEqualTo("q-bio.BM");
    assertThat(page.cards().get(0).why())
        .contains("matches your interests 'protein design and folding'");

    follows.followAuthor(u, "Noam  Chomsky");
    follows.followOrganization(u, "acme-ai", "Acme AI Lab");
    page = forYou.page(u.id(), 1);
    ForYou.Card chomsky =
        page.cards().stream().filter(c -> c.paper().id().startsWith("2606.3")).findFirst().get();
    assertThat(chomsky.why()).contains("by Noam  Chomsky, whom you follow");
    assertThat(ids(page).indexOf(chomsky.paper().id())).isLessThan(6);
    ForYou.Card acme =
        page.cards().stream().filter(c -> c.paper().id().equals("2606.40001")).findFirst().get();
    assertThat(acme.why()).contains("from Acme AI Lab, which you follow");

    follows.followSearch(u, "machine translation between many languages", "semantic", 0.5);
    page = forYou.page(u.id(), 1);
    ForYou.Card translation =
        page.cards().stream().filter(c -> c.paper().id().equals("2606.30004")).findFirst().get();
    assertThat(translation.why())
        .contains("matches your alert 'machine translation between many languages'");
  }

  @Test
  void a_saved_search_counts_only_for_the_papers_its_filters_admit() {
    ForYou.Card none = acmeCard("nofilter", null);
    ForYou.Card outside = acmeCard("outside", new SearchFilters("q-bio.BM", null, null));
    ForYou.Card inside = acmeCard("inside", new SearchFilters("cs.CV", null, null));
    assertThat(outside.why()).noneMatch(w -> w.startsWith("matches your alert"));
    assertThat(outside.score()).isEqualTo(none.score());
    assertThat(inside.why()).contains("matches your alert 'temporal attention'");
    assertThat(inside.score()).isGreaterThan(none.score());
  }

  /**
   * The card of the Acme paper for a new reader interested in video generation who follows the
   * keyword search "temporal attention" with these filters (none when null).
   */
  private static ForYou.Card acmeCard(String name, SearchFilters filters) {
    User u = reader(name);
    follows.setInterests(u, "video generation");
    if (filters != null) {
      follows.followSearch(u, "temporal attention", "keyword", null, filters);
    }
    return forYou.page(u.id(), 1).cards().stream()
        .filter(c -> c.paper().id().equals("2606.40001"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void the_profile_says_in_words_what_the_papers_are_about() {
    User u = reader("profile");
    assertThat(forYou.profile(u.id()).summary())
        .isEqualTo("You have not upvoted or saved a paper yet.");
    votes.upvote(u, "2605.10000");
    votes.upvote(u, "2605.10003");
    votes.upvote(u, "2605.20000");
    var c = collections.create(u, "Later", "", false);
    collections.add(u, c.id(), "2605.10001");
    follows.mute(u, Follows.MuteKind.KEYWORD, "camera");
    ForYou.Profile p = forYou.profile(u.id());
    assertThat(p.summary())
        .isEqualTo(
            "From the 3 papers you upvoted and 1 more you saved: mostly cs.CV (3), q-bio.BM (1)."
                + " Often about: diffusion, video, generation.");
    assertThat(p.steering().mutes()).extracting(Follows.Mute::target).containsExactly("camera");
  }

  @Test
  void pages_split_the_feed() {
    User u = reader("pager");
    votes.upvote(u, "2605.10000");
    ForYou.Page one = forYou.page(u.id(), 1);
    // Every new paper with a vector is ranked: the 16 of the window.
    assertThat(one.total()).isEqualTo(16);
    assertThat(one.pages()).isEqualTo(1);
    assertThat(forYou.page(u.id(), 2).cards()).isEmpty();
  }

  @Test
  void bad_steering_is_refused() {
    User u = reader("bad");
    assertThatThrownBy(() -> follows.followCategory(u, "<script>"))
        .isInstanceOf(CommunityException.class);
    assertThatThrownBy(() -> follows.mute(u, Follows.MuteKind.KEYWORD, "two words"))
        .isInstanceOf(CommunityException.class);
    assertThatThrownBy(() -> follows.followSearch(u, "x", "fuzzy", null))
        .isInstanceOf(CommunityException.class);
    assertThatThrownBy(() -> follows.followSearch(u, "x", "semantic", 1.5))
        .isInstanceOf(CommunityException.class);
    assertThatThrownBy(() -> follows.followAuthor(u, " ,. "))
        .isInstanceOf(CommunityException.class);
  }

  @Test
  void names_fold_their_variants() {
    assertThat(Names.fold("Müller-Lüdenscheidt, José"))
        .isEqualTo(Names.fold("jose muller ludenscheidt"))
        .isEqualTo("jose muller ludenscheidt");
    assertThat(Names.fold("Ada  LOVELACE")).isEqualTo("ada lovelace");
    assertThat(Names.fold("A. Lovelace")).isNotEqualTo(Names.fold("Ada Lovelace"));
  }
}
