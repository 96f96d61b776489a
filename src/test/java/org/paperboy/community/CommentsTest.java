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
  private Writes writes;
  private final MovableClock clock = new MovableClock("2026-03-17T08:00:00Z");
  private Comments comments;
  private Moderation moderation;
  private User ada;
  private User bob;
  private User curator;
  private User admin;

  private void open(Kind kind) {
    db = TestDatabases.open(kind, dir);
    writes = new Writes(db, 10, clock);
    Catalog catalog = new Catalog(db, clock);
    Papers.listed(catalog, "2503.00001", DAY, 0, 0);
    Papers.listed(catalog, "2503.00002", DAY, 1, 0);
    Accounts accounts = new Accounts(db, writes, clock);
    ada = accounts.add("ada@example.org", "Ada", Role.READER);
    bob = accounts.add("bob@example.org", "Bob <b>", Role.READER);
    curator = accounts.add("cur@example.org", "Cur", Role.CURATOR);
    admin = accounts.add("root@example.org", "Root", Role.ADMIN);
    comments = new Comments(db, writes, clock);
    moderation = new Moderation(db, accounts);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void comments_come_in_pages_as_the_viewer_may_see_them(Kind kind) {
    open(kind);
    List<Comment> posted = new java.util.ArrayList<>();
    for (int i = 0; i < Comments.PAGE_SIZE + 5; i++) {
      clock.advance(java.time.Duration.ofSeconds(1));
      posted.add(comments.post(i % 2 == 0 ? ada : curator, "2503.00001", "c" + i));
    }
    Comments.Page first = comments.page("2503.00001", null, 1);
    assertThat(first.comments()).hasSize(Comments.PAGE_SIZE);
    assertThat(first.comments().get(0).body()).isEqualTo("c0");
    assertThat(first).extracting(Comments.Page::pages, Comments.Page::total).containsExactly(2, 55);
    Comments.Page second = comments.page("2503.00001", null, 7);
    assertThat(second.number()).isEqualTo(2);
    assertThat(second.comments())
        .extracting(Comment::body)
        .containsExactly("c50", "c51", "c52", "c53", "c54");
    assertThat(comments.page("2503.00001", null, -3).number()).isEqualTo(1);
    assertThat(comments.pageOf(posted.get(49), null)).isEqualTo(1);
    assertThat(comments.pageOf(posted.get(50), null)).isEqualTo(2);

    // a hidden comment is left out of readers' pages and counts, kept in its author's and
    // moderators'
    comments.setHidden(curator, posted.get(0).id(), true);
    assertThat(comments.page("2503.00001", bob, 1).total()).isEqualTo(54);
    assertThat(comments.page("2503.00001", bob, 1).comments().get(0).body()).isEqualTo("c1");
    assertThat(comments.page("2503.00001", ada, 1).total()).isEqualTo(55);
    assertThat(comments.page("2503.00001", admin, 1).total()).isEqualTo(55);
    assertThat(comments.pageOf(posted.get(50), bob)).isEqualTo(1);
    assertThat(comments.page("2503.00002", null, 1))
        .isEqualTo(new Comments.Page(List.of(), java.util.Map.of(), 1, 1, 0));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void replies_are_one_level_deep_and_go_with_their_comment(Kind kind) {
    open(kind);
    Comment top = comments.post(ada, "2503.00001", "Top");
    clock.advance(Duration.ofSeconds(1));
    Comment reply = comments.post(bob, "2503.00001", "Reply", top.id());
    clock.advance(Duration.ofSeconds(1));
    Comment deeper = comments.post(ada, "2503.00001", "Deeper", reply.id());
    clock.advance(Duration.ofSeconds(1));
    Comment second = comments.post(bob, "2503.00001", "Second");
    assertThat(reply.parentId()).isEqualTo(top.id());
    assertThat(deeper.parentId()).isEqualTo(top.id());

    Comments.Page page = comments.page("2503.00001", null, 1);
    assertThat(page.comments()).extracting(Comment::id).containsExactly(top.id(), second.id());
    assertThat(page.repliesTo(top.id()))
        .extracting(Comment::id)
        .containsExactly(reply.id(), deeper.id());
    assertThat(page.total()).isEqualTo(4);
    assertThat(comments.counts(List.of("2503.00001"))).containsEntry("2503.00001", 4);
    assertThat(comments.pageOf(deeper, null)).isEqualTo(1);

    // a reply to another paper's comment, or to one not there, is refused
    assertThatThrownBy(() -> comments.post(ada, "2503.00002", "x", top.id()))
        .isInstanceOf(CommunityException.class);
    assertThatThrownBy(() -> comments.post(ada, "2503.00001", "x", "nope"))
        .isInstanceOf(CommunityException.class);

    // a hidden comment takes its replies out of readers' view and counts
    comments.setHidden(curator, top.id(), true);
    assertThat(comments.page("2503.00001", bob, 1).total()).isEqualTo(1);
    assertThat(comments.counts(List.of("2503.00001"))).containsEntry("2503.00001", 1);
    assertThat(comments.page("2503.00001", admin, 1).total()).isEqualTo(4);
    comments.setHidden(curator, top.id(), false);

    // deleting it keeps the replies, as top-level comments
    comments.delete(ada, top.id());
    assertThat(comments.page("2503.00001", null, 1).comments())
        .extracting(Comment::body)
        .containsExactly("Reply", "Deeper", "Second");
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
    assertThat(comments.page("2503.00001", null, 1).comments())
        .extracting(Comment::body)
        .containsExactly("Edited", "Second");
    assertThat(comments.counts(List.of("2503.00001", "2503.00002")))
        .containsExactly(Map.entry("2503.00001", 2));

    assertThatThrownBy(() -> comments.delete(bob, c.id())).hasMessageContaining("your own");
    comments.delete(ada, c.id());
    assertThat(comments.page("2503.00001", null, 1).comments())
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
    assertThat(comments.page("2503.00001", ada, 1).comments()).isEmpty();
    assertThat(comments.page("2503.00001", bob, 1).comments())
        .hasSize(1); // the author still sees it
    assertThat(comments.page("2503.00001", curator, 1).comments())
        .singleElement()
        .matches(Comment::hidden);
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
    assertThat(comments.page("2503.00001", null, 1).comments()).isEmpty();
    assertThat(comments.counts(List.of("2503.00001"))).isEmpty();
    assertThat(moderation.hiddenComments(admin)).hasSize(1);
    assertThatThrownBy(() -> comments.post(banned, "2503.00001", "again"))
        .hasMessageContaining("banned");
    assertThat(moderation.users(admin)).extracting(User::email).contains("bob@example.org");
    assertThatThrownBy(() -> moderation.ban(admin, admin.id())).hasMessageContaining("yourself");

    moderation.unban(admin, bob.id());
    assertThat(comments.page("2503.00001", null, 1).comments()).hasSize(1);
  }
}
