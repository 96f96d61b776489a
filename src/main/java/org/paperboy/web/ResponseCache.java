package org.paperboy.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>Entries belong to a generation: the catalog's {@link Catalog#changeMarker()}, the community's
 * change counter ({@link Community#changeMarker()}: votes, comments, curation, bans, submissions)
 * and today's date (pages say "new" and which year is "this year"). Both counters live in the
 * database and are read together at most every few hundred milliseconds, so a change made on any
 * node reaches every node's cached answers within a second; a change that lists do not show (a
 * sign-in, a subscription, a collection) changes neither and keeps the cache. When any part of the
 * generation changes, everything is dropped; the next request renders afresh.
 *
 * <p>Memory is bounded by construction. Keys hold only the parameters an answer depends on, in
 * alphabetical order ({@link #key}): {@code ?month=2026-06&x=1} and {@code ?x=2&month=2026-06} are
 * one entry, so no stream of made-up query strings adds entries. And the entries together stay
 * within {@link #MAX_BYTES} (each counted with its bodies, both codings, on and off the heap): past
 * it, entries other than the new one are dropped in the map's order (arbitrary, so in effect at
 * random) until it fits again. Before issue 17 the bound was 2,000 entries of up to 437 KB, and 900
 * requests with a new {@code x=N} each ran a 512 MB heap out of memory.
 *
 * <p>Each entry is kept in its wire form ({@link CachedAnswer}: headers, identity and gzip bodies),
 * so that {@link CacheFront} can send it for a signed-out GET without going through Javalin.
 */
final class ResponseCache {

  /**
   * The bytes all entries may take: room for every list of a month in every category a reader
   * visits, at a few KB to ~450 KB each, while leaving most of a 512 MB heap to the rest.
   */
  static final long MAX_BYTES = 64L * 1024 * 1024;

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
  private final AtomicLong bytes = new AtomicLong();
  private final long maxBytes;
  private volatile Generation generation;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  ResponseCache(Catalog catalog, Supplier<LocalDate> today) {
    this(catalog, today, () -> 0);
  }

  /**
   * A cache whose generation also follows {@code communityMarker}, which changes with every vote,
   * comment, curation change, ban or submission (see {@link Community#changeMarker()}).
   */
  ResponseCache(Catalog catalog, Supplier<LocalDate> today, LongSupplier communityMarker) {
    this(catalog, today, communityMarker, MAX_BYTES);
  }

  /** A cache whose entries take at most {@code maxBytes} together. */
  ResponseCache(
      Catalog catalog, Supplier<LocalDate> today, LongSupplier communityMarker, long maxBytes) {
    this.catalog = catalog;
    this.maxBytes = maxBytes;
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
    boolean byRequest = key.equals(requestKey(ctx.path(), ctx.queryString()));
    store(key, new Cached(now, fresh, byRequest, RequestMetrics.route(ctx)));
    return fresh;
  }

  private void store(String key, Cached fresh) {
    if (fresh.answer().bytes() > maxBytes) {
      return;
    }
    Cached old = entries.put(key, fresh);
    bytes.addAndGet(fresh.answer().bytes() - (old == null ? 0 : old.answer().bytes()));
    Iterator<Map.Entry<String, Cached>> it = entries.entrySet().iterator();
    while (bytes.get() > maxBytes && it.hasNext()) {
      Map.Entry<String, Cached> e = it.next();
      if (!e.getKey().equals(key)) {
        remove(e.getKey(), e.getValue());
      }
    }
  }

  private void remove(String key, Cached cached) {
    if (entries.remove(key, cached)) {
      bytes.addAndGet(-cached.answer().bytes());
    }
  }

  /** The bytes the entries take, as counted against {@link #MAX_BYTES}. */
  long bytes() {
    return bytes.get();
  }

  /** How many entries there are. */
  int size() {
    return entries.size();
  }

  /**
   * The key of an answer that depends on the path and on the named query parameters only: the path,
   * then those present (and not blank) in alphabetical order, each with its first value. Any other
   * parameter, and the order and encoding the client chose, make no new entry; a request already in
   * this form is answered by {@link CacheFront}.
   */
  static String key(Context ctx, String... params) {
    StringBuilder key = new StringBuilder(ctx.path());
    char sep = '?';
    String[] names = params.clone();
    Arrays.sort(names);
    for (String name : names) {
      String value = ctx.queryParam(name);
      if (value != null && !value.isBlank()) {
        key.append(sep)
            .append(name)
            .append('=')
            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        sep = '&';
      }
    }
    return key.toString();
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

  /** The key of a request: its raw path, then {@code ?} and the raw query if it has one. */
  static String requestKey(String path, String query) {
    return query == null ? path : path + "?" + query;
  }

  /** The current generation; entries of an older one are dropped. */
  private Generation current() {
    Generation now =
        new Generation(catalog.changeMarker(), communityMarker.getAsLong(), today.get());
    if (!now.equals(generation)) {
      generation = now;
      entries.forEach(this::remove);
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
