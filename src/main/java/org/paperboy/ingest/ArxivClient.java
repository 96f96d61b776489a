package org.paperboy.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET requests to arXiv following its etiquette: a User-Agent naming this instance, a pause between
 * two requests (arXiv asks for one every 3 seconds), waiting as long as a 503 or 429 answer's
 * {@code Retry-After} says (arXiv's OAI-PMH flow control), and a few retries with doubling backoff
 * when a response fails, is a 5xx, or is cut off while being parsed.
 *
 * <p>Constants: {@value #MAX_ATTEMPTS} attempts per request, backoff {@link #FIRST_BACKOFF} then
 * doubling; at most {@value #MAX_RETRY_AFTERS} Retry-After waits per request, each capped at {@link
 * #MAX_RETRY_AFTER} so a hostile header cannot park the harvest for days. A 4xx answer and an error
 * arXiv reports ({@link ArxivException}) are not retried: asking again gets the same answer.
 *
 * <p>One client may serve several jobs and the submission lookups at once: it sends one request at
 * a time (its methods hold its lock), so the pause between two requests holds for all of them.
 * {@link #getOnce} is for a reader waiting on the answer's outcome (a submission): one attempt
 * under a short timeout, no Retry-After wait; its caller tries again later.
 */
final class ArxivClient {

  static final int MAX_ATTEMPTS = 4;
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
  static final int MAX_RETRY_AFTERS = 10;
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  /** How long a connection may take to open: a host that does not answer in this is down. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(ArxivClient.class);

  /** Parses a response body; a parse failure that is an {@link IOException} is retried. */
  @FunctionalInterface
  interface BodyParser<T> {
    T parse(InputStream body) throws IOException;
  }

  private final HttpClient http;
  private final String userAgent;
  private final Duration delay;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration timeout;
  private Duration pause; // before the next request; null until the first one was sent

  ArxivClient(HttpClient http, String userAgent, Duration delay, Clock clock, Sleeper sleeper) {
    this(http, userAgent, delay, clock, sleeper, TIMEOUT);
  }

  /** A client whose requests each get {@code timeout} to answer. */
  ArxivClient(
      HttpClient http,
      String userAgent,
      Duration delay,
      Clock clock,
      Sleeper sleeper,
      Duration timeout) {
    this.timeout = timeout;
    this.http = http;
    this.userAgent = userAgent;
    this.delay = delay;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** An HTTP client with the timeouts arXiv needs (it is slow, not unresponsive). */
  static HttpClient defaultHttpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** The User-Agent arXiv sees: the software and where to find this instance. */
  static String userAgent(URI baseUrl) {
    return "Paperboy/0.1 (+" + baseUrl + ")";
  }

  /**
   * Sends a GET and parses a 200 answer, waiting and retrying as described on the class.
   *
   * @throws ArxivException when arXiv reports an error or answers 4xx
   * @throws IOException when no attempt gave a parsable answer
   */
  synchronized <T> T get(URI uri, BodyParser<T> parser) throws IOException, InterruptedException {
    int failures = 0;
    int retryAfters = 0;
    while (true) {
      IOException failure;
      try {
        HttpResponse<InputStream> response = send(uri, timeout);
        try (InputStream body = response.body()) {
          int status = response.statusCode();
          if (status == 200) {
            return parser.parse(body);
          }
          Optional<Duration> wait =
              response.headers().firstValue("Retry-After").flatMap(this::retryAfter);
          if ((status == 503 || status == 429)
              && wait.isPresent()
              && retryAfters < MAX_RETRY_AFTERS) {
            retryAfters++;
            pause = longer(delay, wait.get());
            LOG.info(
                "{} is busy (HTTP {}); retrying in {} s as asked",
                uri.getHost(),
                status,
                pause.toSeconds());
            continue;
          }
          if (status >= 400 && status < 500) {
            // OAI-PMH servers may send their <error> with a 4xx status: prefer its words.
            try {
              parser.parse(body);
            } catch (ArxivException e) {
              throw e;
            } catch (IOException e) {
              // not a parsable error document; report the status below
            }
            throw new ArxivException("HTTP " + status, "for " + uri);
          }
          failure = new IOException("HTTP " + status);
        }
      } catch (ArxivException e) {
        throw e;
      } catch (IOException e) {
        failure = e;
      }
      failures++;
      if (failures >= MAX_ATTEMPTS) {
        throw new IOException(
            "no usable answer from "
                + uri
                + " after "
                + failures
                + " attempts; last: "
                + failure.getMessage(),
            failure);
      }
      pause = longer(delay, FIRST_BACKOFF.multipliedBy(1L << (failures - 1)));
      LOG.warn(
          "request to {} failed ({}); attempt {} of {} in {} s",
          uri,
          failure.getMessage(),
          failures + 1,
          MAX_ATTEMPTS,
          pause.toSeconds());
    }
  }

  /**
   * Sends one GET, after the pause arXiv asks for, that must answer within {@code timeout}, and
   * parses a 200 answer.
   *
   * @throws ArxivException when arXiv reports an error or answers 4xx
   * @throws IOException when the request fails, times out, or is answered otherwise (a 503 too)
   */
  synchronized <T> T getOnce(URI uri, BodyParser<T> parser, Duration timeout)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> response = send(uri, timeout);
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 200) {
        return parser.parse(body);
      }
      Optional<Duration> wait =
          response.headers().firstValue("Retry-After").flatMap(this::retryAfter);
      if (wait.isPresent()) {
        // Whoever asks next waits as long as arXiv asked.
        pause = longer(delay, wait.get());
      }
      if (status >= 400 && status < 500 && status != 429) {
        throw new ArxivException("HTTP " + status, "for " + uri);
      }
      throw new IOException("HTTP " + status);
    }
  }

  /** Waits the pause the last answer asked for, then sends one GET that answers within timeout. */
  private HttpResponse<InputStream> send(URI uri, Duration timeout)
      throws IOException, InterruptedException {
    if (pause != null && !pause.isZero()) {
      sleeper.sleep(pause);
    }
    pause = delay;
    HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", userAgent).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  /** A Retry-After value (seconds, or an HTTP date) as a wait from now. */
  Optional<Duration> retryAfter(String value) {
    String v = value.trim();
    Duration wait;
    if (v.matches("\\d{1,9}")) {
      wait = Duration.ofSeconds(Long.parseLong(v));
    } else {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        wait = Duration.between(clock.instant(), at.toInstant());
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    if (wait.isNegative()) {
      wait = Duration.ZERO;
    }
    return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
