package org.paperboy.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperboy.paper.Catalog;
import org.paperboy.store.Database;
import org.paperboy.store.TestDatabases;
import org.paperboy.store.TestDatabases.Kind;

class CommentsTest {

  private static final LocalDate DAY = LocalDate.parse("2026-03-17");

  @TempDir Path dir;
  private Database db;
  private final MovableClock clock = new MovableClock("2026-03-17T08:00:00Z");
  private Comments comments;
  private Moderation moderation;
  private User ada;
  private User bob;
  private User curator;
  private User admin;

  private void open(Kind kind) {
    db = TestDatabases.open(kind, dir);
    Catalog catalog = new Catalog(db, clock);
    Papers.listed(catalog, "2503.00001", DAY, 0, 0);
    Papers.listed(catalog, "2503.00002", DAY, 1, 0);
    Accounts accounts = new Accounts(db, clock);
    ada = accounts.add("ada@example.org", "Ada", Role.READER);
    bob = accounts.add("bob@example.org", "Bob <b>", Role.READER);
    curator = accounts.add("cur@example.org", "Cur", Role.CURATOR);
    admin = accounts.add("root@example.org", "Root", Role.ADMIN);
    comments = new Comments(db, clock);
    moderation = new Moderation(db, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void comments_are_posted_edited_and_deleted_by_their_author(Kind kind) {
    open(kind);
    Comment c = comments.post(ada, "2503.00001v1", "Nice **result** <script>alert(1)</script>");
    assertThat(c.html()).contains("<strong>result</strong>").doesNotContain("<script");
    assertThat(c.authorName()).isEqualTo("Ada");
    clock.advance(Duration.ofMinutes(5));
    comments.post(bob, "2503.00001", "Second");

    assertThatThrownBy(() -> comments.edit(bob, c.id(), "mine now"))
        .hasMessageContaining("your own");
    Comment edited = comments.edit(ada, c.id(), "Edited");
    assertThat(edited.body()).isEqualTo("Edited");
    assertThat(edited.editedAt()).isEqualTo(clock.instant());
    assertThat(comments.list("2503.00001", null))
        .extracting(Comment::body)
        .containsExactly("Edited", "Second");
    assertThat(comments.counts(List.of("2503.00001", "2503.00002")))
        .containsExactly(Map.entry("2503.00001", 2));

    assertThatThrownBy(() -> comments.delete(bob, c.id())).hasMessageContaining("your own");
    comments.delete(ada, c.id());
    assertThat(comments.list("2503.00001", null))
        .extracting(Comment::body)
        .containsExactly("Second");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void bad_comments_are_refused(Kind kind) {
    open(kind);
    assertThatThrownBy(() -> comments.post(ada, "2503.00001", "   ")).hasMessageContaining("empty");
    assertThatThrownBy(() -> comments.post(ada, "2503.00001", "x".repeat(Comments.MAX_BODY + 1)))
        .hasMessageContaining("longer than");
    assertThatThrownBy(() -> comments.post(ada, "2503.99999", "hi"))
        .hasMessageContaining("No paper");
    assertThatThrownBy(() -> comments.post(null, "2503.00001", "hi"))
        .hasMessageContaining("Sign in");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void reports_reach_curators_and_hiding_settles_them(Kind kind) {
    open(kind);
    Comment c = comments.post(bob, "2503.00001", "spam spam");
    comments.report(ada, c.id(), "spam");
    comments.report(ada, c.id(), "really spam");
    comments.report(curator, c.id(), "");

    assertThatThrownBy(() -> moderation.reportedComments(ada)).hasMessageContaining("curators");
    List<Moderation.ReportedComment> reported = moderation.reportedComments(curator);
    assertThat(reported).hasSize(1);
    assertThat(reported.get(0).reports()).isEqualTo(2);
    assertThat(reported.get(0).reasons()).containsExactly("really spam");

    assertThatThrownBy(() -> comments.setHidden(ada, c.id(), true))
        .hasMessageContaining("Only curators");
    comments.setHidden(curator, c.id(), true);
    assertThat(moderation.reportedComments(curator)).isEmpty();
    assertThat(comments.list("2503.00001", ada)).isEmpty();
    assertThat(comments.list("2503.00001", bob)).hasSize(1); // the author still sees it
    assertThat(comments.list("2503.00001", curator)).singleElement().matches(Comment::hidden);
    assertThat(comments.counts(List.of("2503.00001"))).isEmpty();
    assertThat(moderation.hiddenComments(curator)).extracting(Comment::id).containsExactly(c.id());
    assertThatThrownBy(() -> comments.report(ada, c.id(), "again"))
        .hasMessageContaining("No such comment");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void banning_hides_a_users_comments_and_stops_new_ones(Kind kind) {
    open(kind);
    comments.post(bob, "2503.00001", "first");
    assertThatThrownBy(() -> moderation.ban(curator, bob.id())).hasMessageContaining("admins");
    User banned = moderation.ban(admin, bob.id());
    assertThat(banned.banned()).isTrue();
    assertThat(comments.list("2503.00001", null)).isEmpty();
    assertThat(comments.counts(List.of("2503.00001"))).isEmpty();
    assertThat(moderation.hiddenComments(admin)).hasSize(1);
    assertThatThrownBy(() -> comments.post(banned, "2503.00001", "again"))
        .hasMessageContaining("banned");
    assertThat(moderation.users(admin)).extracting(User::email).contains("bob@example.org");
    assertThatThrownBy(() -> moderation.ban(admin, admin.id())).hasMessageContaining("yourself");

    moderation.unban(admin, bob.id());
    assertThat(comments.list("2503.00001", null)).hasSize(1);
  }
}
