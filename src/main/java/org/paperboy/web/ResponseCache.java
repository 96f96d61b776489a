package org.paperboy.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.paperboy.paper.Catalog;

/**
 * The rendered bytes of lists (pages, API answers, feeds), kept until the catalog changes, so a
 * request for a list costs a map lookup rather than queries and rendering. Every answer carries an
 * {@code ETag} (a hash of its bytes) and {@code Cache-Control}, and a matching {@code
 * If-None-Match} gets {@code 304}.
 *
 * <p>Entries belong to a generation: the catalog's {@link Catalog#changeMarker()} and today's date
 * (pages say "new" and which year is "this year"). When either changes, everything is dropped; the
 * next request renders afresh. Keys are the path and query, so arbitrary query strings could fill
 * the map: past {@link #MAX_ENTRIES} it is emptied, which is rare and harmless.
 *
 * <p>Each entry is kept in its wire form ({@link CachedAnswer}: headers, identity and gzip bodies),
 * so that {@link CacheFront} can send it for a signed-out GET without going through Javalin.
 */
final class ResponseCache {

  /**
   * Bounds the memory a crawler with ever new query strings can take (a few KB to ~200 KB each).
   */
  static final int MAX_ENTRIES = 2_000;

  /** Clients may reuse a list this long, then revalidate with the ETag. */
  static final String CACHE_CONTROL = "public, max-age=60";

  /** A rendered answer, with any headers of its own (such as {@code Link}). */
  record Rendered(
      int status, String contentType, byte[] body, String etag, Map<String, String> headers) {

    static Rendered of(int status, String contentType, String body) {
      return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static Rendered of(int status, String contentType, byte[] body) {
      return new Rendered(status, contentType, body, ResponseCache.etag(body), Map.of());
    }

    Rendered withHeader(String name, String value) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put(name, value);
      return new Rendered(status, contentType, body, etag, Map.copyOf(all));
    }
  }

  private record Generation(long marker, long communityMarker, LocalDate today) {}

  /**
   * An entry: the generation it was rendered in (read before rendering, so a render that raced with
   * a change is never served as current), its wire form, and whether it was keyed on exactly the
   * path and query of the request that rendered it (so {@link #front} may hand it out).
   */
  private record Cached(
      Generation generation, CachedAnswer answer, boolean byRequest, String route) {}

  /** An answer {@link CacheFront} may send, and the route template its handler serves. */
  record Hit(CachedAnswer answer, String route) {}

  private final Catalog catalog;
  private final Supplier<LocalDate> today;
  private final LongSupplier communityMarker;
  private final Map<String, Cached> entries = new ConcurrentHashMap<>();
  private volatile Generation generation;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  ResponseCache(Catalog catalog, Supplier<LocalDate> today) {
    this(catalog, today, () -> 0);
  }

  /**
   * A cache whose generation also follows {@code communityMarker}, which changes with every vote,
   * comment or curation (see {@link CommunityView#marker()}).
   */
  ResponseCache(Catalog catalog, Supplier<LocalDate> today, LongSupplier communityMarker) {
    this.catalog = catalog;
    this.today = today;
    this.communityMarker = communityMarker;
  }

  /**
   * Sends an answer rendered for one signed-in viewer: never stored here, nor by any cache on the
   * way (it carries the viewer's votes and form tokens).
   */
  static void sendPrivate(Context ctx, Rendered r) {
    r.headers().forEach(ctx::header);
    ctx.header("Cache-Control", "private, no-store");
    Templates.markRendered(ctx);
    ctx.status(r.status()).contentType(r.contentType()).result(r.body());
  }

  /** The answer for the request's path and query, rendered only when not cached. */
  void send(Context ctx, Supplier<Rendered> render) {
    send(ctx, requestKey(ctx.path(), ctx.queryString()), render);
  }

  /**
   * The answer cached under {@code key}, rendered only when not cached. Sends {@code 304} when the
   * client has it, and the gzip body to clients that accept it.
   */
  void send(Context ctx, String key, Supplier<Rendered> render) {
    answer(ctx, key, render).send(ctx);
  }

  private CachedAnswer answer(Context ctx, String key, Supplier<Rendered> render) {
    Generation now = current();
    Cached cached = entries.get(key);
    if (cached != null && cached.generation().equals(now)) {
      hits.increment();
      return cached.answer();
    }
    misses.increment();
    // Rendering outside the map's lock: two concurrent misses both render, which is fine.
    CachedAnswer fresh = CachedAnswer.of(render.get(), WebApp.edgeHeaders(ctx.path()));
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    boolean byRequest = key.equals(requestKey(ctx.path(), ctx.queryString()));
    entries.put(key, new Cached(now, fresh, byRequest, RequestMetrics.route(ctx)));
    return fresh;
  }

  /**
   * The current answer for a GET of exactly this path and query ({@link #requestKey}) by a reader
   * without a session, or null when there is none yet; then the request goes to Javalin, whose
   * handler checks the parameters, renders and stores the answer.
   *
   * <p>Only entries that a handler keyed on exactly the request's path and query qualify: an answer
   * that also depends on time (trending, keyed with a time bucket) is never handed out here.
   */
  Hit front(String requestKey) {
    Cached cached = entries.get(requestKey);
    if (cached == null || !cached.byRequest() || !cached.generation().equals(current())) {
      return null;
    }
    hits.increment();
    return new Hit(cached.answer(), cached.route());
  }

  /** Answers sent from the cache, by a handler or by {@link CacheFront}. */
  long hits() {
    return hits.sum();
  }

  /** Answers rendered because the cache had none for the current generation. */
  long misses() {
    return misses.sum();
  }

  /** The bytes the cached bodies take. */
  long bytes() {
    long sum = 0;
    for (Cached c : entries.values()) {
      sum += c.answer().bytes();
    }
    return sum;
  }

  /** The key of a request: its raw path, then {@code ?} and the raw query if it has one. */
  static String requestKey(String path, String query) {
    return query == null ? path : path + "?" + query;
  }

  /** The current generation; entries of an older one are dropped. */
  private Generation current() {
    Generation now =
        new Generation(catalog.changeMarker(), communityMarker.getAsLong(), today.get());
    if (!now.equals(generation)) {
      entries.clear();
      generation = now;
    }
    return now;
  }

  /** Whether an If-None-Match header (a list of tags, or {@code *}) names this tag. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.strip();
      // Weak comparison (RFC 9110 §13.1.2): W/"x" matches "x".
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("*") || t.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  static String etag(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return "\""
          + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22)
          + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
