package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.Role;
import org.paperboy.community.Sessions;

/**
 * The per-client write limits over HTTP: a client is the address a trusted proxy forwards, and
 * every account writing from it shares its allowance ({@code PAPERBOY_ACCOUNTS_PER_CLIENT}, one
 * account's worth here). A refusal is a 429 with {@code Retry-After}.
 */
class WriteLimitsWebTest {

  static final String PAPER = "2606.00001";
  static final String HERE = "203.0.113.5";
  static final String ELSEWHERE = "198.51.100.7";

  @TempDir Path dir;
  CommunitySite site;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    site =
        new CommunitySite(
            dir,
            List.of(CommunityWebTest.record(PAPER, "Attention is all you need", 5)),
            "http://localhost",
            "PAPERBOY_ACCOUNTS_PER_CLIENT",
            "1",
            "PAPERBOY_TRUSTED_PROXIES",
            "127.0.0.1,::1");
    // a quarter past the hour: the hour's window ends in 45 minutes
    site.clock.advance(Duration.ofMinutes(15));
  }

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  void aSecondAccountFromTheSameClient_isRefusedWith429_anotherClientIsNot() throws Exception {
    Sessions.NewSession ada = session("ada@example.org");
    Sessions.NewSession bob = session("bob@example.org");
    for (int i = 0; i < 30; i++) {
      assertThat(comment(ada, HERE, "comment " + i).statusCode()).isEqualTo(201);
    }

    HttpResponse<String> refused = comment(bob, HERE, "bob's");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Content-Type")).contains(HttpProblem.PROBLEM_JSON);
    assertThat(refused.headers().firstValue("Retry-After")).contains("2700");
    assertThat(refused.body())
        .contains("\"title\":\"Too many requests\"")
        .contains("Too many comments from your network address, all accounts together")
        .contains("try again in 45 minutes");

    // the same account from another client, and another kind of write from here, go through
    assertThat(comment(bob, ELSEWHERE, "from elsewhere").statusCode()).isEqualTo(201);
    assertThat(vote(bob, HERE).statusCode()).isEqualTo(200);

    // a page answers with a page
    HttpResponse<String> page =
        send(
            bob,
            HERE,
            HttpRequest.newBuilder(site.uri(Routes.comments(PAPER)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "csrf=" + bob.signedIn().csrfToken() + "&body=again")));
    assertThat(page.statusCode()).isEqualTo(429);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.headers().firstValue("Retry-After")).contains("2700");
    assertThat(page.body()).contains("Too many comments from your network address");

    site.clock.advance(Duration.ofMinutes(45));
    assertThat(comment(bob, HERE, "an hour later").statusCode()).isEqualTo(201);
  }

  private Sessions.NewSession session(String email) {
    return site.community.sessions().start(site.community.accounts().add(email, null, Role.READER));
  }

  private HttpResponse<String> comment(Sessions.NewSession s, String client, String body)
      throws IOException, InterruptedException {
    return send(
        s,
        client,
        HttpRequest.newBuilder(site.uri(Routes.API_COMMENTS.replace("<id>", PAPER)))
            .header("Content-Type", "application/json")
            .header(Guard.CSRF_HEADER, s.signedIn().csrfToken())
            .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"" + body + "\"}")));
  }

  private HttpResponse<String> vote(Sessions.NewSession s, String client)
      throws IOException, InterruptedException {
    return send(
        s,
        client,
        HttpRequest.newBuilder(site.uri(Routes.API_VOTE.replace("<id>", PAPER)))
            .header(Guard.CSRF_HEADER, s.signedIn().csrfToken())
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** Sends the request with the session's cookie, as the trusted proxy forwards it for a client. */
  private HttpResponse<String> send(
      Sessions.NewSession s, String client, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request
            .header("Cookie", Sessions.COOKIE + "=" + s.token())
            .header("X-Forwarded-For", client)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
