package org.paperboy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.MovableClock;
import org.paperboy.community.Role;
import org.paperboy.community.SubmissionState;
import org.paperboy.community.Submissions;
import org.paperboy.community.User;
import org.paperboy.config.Settings;
import org.paperboy.ingest.LocalArxiv;
import org.paperboy.ingest.LocalArxiv.Answer;

/**
 * Submissions through the arXiv API client Paperboy builds (issue 14, item 4), against a real local
 * HTTP server playing arXiv and against an address nothing listens on: submitting never waits for
 * arXiv, the lookup gives up within its timeout, and lookups share the jobs' client and pace.
 */
class SubmissionLookupTest {

  @TempDir Path dir;
  private final MovableClock clock = new MovableClock("2026-07-01T08:00:00Z");
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  private Paperboy site(String apiUrl) {
    return site(apiUrl, "1s");
  }

  private Paperboy site(String apiUrl, String lookupTimeout) {
    return Paperboy.builder(
            Settings.from(
                Map.of(
                    "PAPERBOY_DATA",
                    dir.toString(),
                    "PAPERBOY_DEMO_DATA",
                    "false",
                    "PAPERBOY_ARXIV_API_URL",
                    apiUrl,
                    "PAPERBOY_ARXIV_LOOKUP_TIMEOUT",
                    lookupTimeout)))
        .clock(clock)
        .sleeper(waits::add)
        .jobs(false)
        .build();
  }

  static byte[] entry(String id) {
    return ("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>http://arxiv.org/abs/"
            + id
            + "v2</id><published>2026-06-30T10:00:00Z</published><title>Paper "
            + id
            + "</title><summary>Text.</summary></entry></feed>")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void an_unreachable_arxiv_never_holds_up_the_submission_and_is_tried_again_later()
      throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (Paperboy paperboy = site("http://127.0.0.1:" + closed + "/api/query")) {
      User ada = paperboy.community().accounts().add("ada@example.org", "Ada", Role.READER);
      Submissions submissions = paperboy.community().submissions();
      long t0 = System.nanoTime();
      Submissions.Submission s = submissions.submit(ada, "2606.40001");
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1_000);
      assertThat(s.state()).isEqualTo(SubmissionState.PENDING);

      t0 = System.nanoTime();
      assertThat(submissions.processDue()).isEqualTo(1);
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
      Submissions.Submission after = submissions.find(ada, s.id());
      assertThat(after.state()).isEqualTo(SubmissionState.PENDING);
      assertThat(after.attempts()).isEqualTo(1);
      assertThat(after.detail()).startsWith("arXiv could not be reached (").contains("1 min");
    }
  }

  @Test
  void a_slow_arxiv_is_given_up_on_after_the_timeout_and_lookups_keep_arxivs_pace()
      throws IOException {
    // The slow answer is held until the test has seen the lookup give up, so a loaded machine
    // can only make the quick lookup slower, never the slow one quick; the 5 s timeout leaves
    // the quick lookup room on a busy machine.
    CountDownLatch release = new CountDownLatch(1);
    try (LocalArxiv arxiv =
            new LocalArxiv(
                r -> {
                  if (r.param("id_list").equals("2606.40002")) {
                    try {
                      release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                  return Answer.ok(entry(r.param("id_list")));
                });
        Paperboy paperboy = site(arxiv.uri("/api/query").toString(), "5s")) {
      try {
        User ada = paperboy.community().accounts().add("ada@example.org", "Ada", Role.READER);
        Submissions submissions = paperboy.community().submissions();
        // In this order: the local server answers one request at a time.
        Submissions.Submission quick = submissions.submit(ada, "arXiv:2606.40003");
        clock.advance(Duration.ofMillis(1));
        Submissions.Submission slow = submissions.submit(ada, "2606.40002");

        // The slow answer is given up after the timeout, not waited for: it never comes before
        // the release at the end.
        assertThat(submissions.processDue()).isEqualTo(2);
        assertThat(submissions.find(ada, slow.id()).state()).isEqualTo(SubmissionState.PENDING);
        assertThat(submissions.find(ada, slow.id()).detail()).contains("timed out");
        Submissions.Submission added = submissions.find(ada, quick.id());
        assertThat(added.state()).isEqualTo(SubmissionState.ADDED);
        assertThat(added.title()).isEqualTo("Paper 2606.40003");
        assertThat(
                paperboy.catalog().dailyList(clock.instant().atZone(clock.getZone()).toLocalDate()))
            .extracting(lp -> lp.paper().id() + " by " + lp.listing().submitter())
            .containsExactly("2606.40003 by Ada");
        // One shared client: the second request waited arXiv's 3 s after the first.
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
        assertThat(paperboy.fetcher()).isSameAs(paperboy.fetcher());
        assertThat(arxiv.requests()).allMatch(r -> r.userAgent().startsWith("Paperboy/"));
      } finally {
        release.countDown();
      }
    }
  }
}
