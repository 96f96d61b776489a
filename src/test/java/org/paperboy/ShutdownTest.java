package org.paperboy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.config.Settings;

/** {@code serve} stopping (SIGTERM runs {@link Paperboy#close}): issue 13's shutdown. */
class ShutdownTest {

  @TempDir Path dir;

  @Test
  void stopping_refuses_new_connections_and_lets_a_running_request_finish() throws Exception {
    Paperboy paperboy = paperboy("20s");
    int port = paperboy.serve(0).port();
    String body = "email=ada%40example.org&csrf=x";
    try (Socket running = new Socket("localhost", port)) {
      OutputStream out = running.getOutputStream();
      // A form whose body is still on its way: the handler waits for it.
      out.write(
          ("POST /signin HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                  + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body.substring(0, 10))
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // Once the request is in, stop as SIGTERM would.
      assertThat(get(port, "/health/live")).startsWith("HTTP/1.1 200");
      CompletableFuture<Void> stopped = CompletableFuture.runAsync(paperboy::close);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      boolean refused = false;
      while (!refused && System.nanoTime() < deadline) {
        try {
          get(port, "/health/live");
        } catch (SocketException e) {
          // Refused, or accepted in the instant the acceptor closed and then reset: not served.
          refused = true;
        }
      }
      assertThat(refused).as("new connections refused while stopping").isTrue();
      assertThat(stopped).isNotDone();

      out.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = read(running.getInputStream());
      assertThat(answer).matches("(?s)HTTP/1.1 [1-5]\\d\\d .*");
      stopped.get(Duration.ofSeconds(20).toSeconds(), TimeUnit.SECONDS);
    }
  }

  @Test
  void a_request_that_never_ends_holds_the_stop_no_longer_than_the_timeout() throws Exception {
    Paperboy paperboy = paperboy("1s");
    int port = paperboy.serve(0).port();
    try (Socket stuck = new Socket("localhost", port)) {
      stuck
          .getOutputStream()
          .write(
              ("POST /signin HTTP/1.1\r\nHost: localhost\r\nContent-Type:"
                      + " application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=")
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(get(port, "/health/live")).startsWith("HTTP/1.1 200");
      long started = System.nanoTime();
      paperboy.close();
      // The web server's second, then at most Paperboy.LAST_STEP for each of the other steps.
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    }
  }

  private Paperboy paperboy(String timeout) {
    Settings settings =
        Settings.from(
            Map.of(
                "PAPERBOY_DATA",
                dir.toString(),
                "PAPERBOY_DEMO_DATA",
                "false",
                "PAPERBOY_SHUTDOWN_TIMEOUT",
                timeout));
    return Paperboy.builder(settings)
        .clock(Clock.fixed(Instant.parse("2026-07-01T08:00:00Z"), ZoneOffset.UTC))
        .jobs(false)
        .build();
  }

  private static String get(int port, String path) throws IOException {
    try (Socket s = new Socket("localhost", port)) {
      s.getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return read(s.getInputStream());
    }
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }
}
