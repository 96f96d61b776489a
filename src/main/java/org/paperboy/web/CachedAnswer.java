package org.paperboy.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.paperboy.web.ResponseCache.Rendered;

/**
 * A cached answer in its wire form: every header and the body of each content coding (identity, and
 * gzip when it pays), computed once per cache entry, so that sending it costs no hashing,
 * compressing or header building. Javalin's handlers send it through the {@link Context}, {@link
 * CacheFront} straight through Jetty; both send the same headers and bytes.
 *
 * <p>The gzip body has its own strong ETag (the identity tag with {@code -gzip} before the closing
 * quote, RFC 9110 §8.8.3: a strong tag names one sequence of bytes); {@code If-None-Match} with
 * either tag gets {@code 304}, since both stand for the same content. Every answer with a gzip body
 * says {@code Vary: Accept-Encoding}, so shared caches keep the two apart.
 */
final class CachedAnswer {

  /** Bodies shorter than this go uncompressed (Javalin's own threshold for dynamic gzip). */
  static final int MIN_GZIP_BYTES = 1500;

  /** One content coding of the answer: its headers, for 200 (or the rendered status) and 304. */
  private static final class Variant {
    final String etag;
    final List<HttpField> fields;
    final List<HttpField> notModified;
    final byte[] body;
    private volatile ByteBuffer direct;

    Variant(String etag, List<HttpField> fields, List<HttpField> notModified, byte[] body) {
      this.etag = etag;
      this.fields = fields;
      this.notModified = notModified;
      this.body = body;
    }

    /**
     * The body outside the heap, made on the first send through Jetty: a socket write from a heap
     * buffer first copies it into a direct one, which for a 150 KB list is a good part of the cost
     * of an answer. Only answers served that way (the popular ones) take this extra memory.
     */
    ByteBuffer direct() {
      ByteBuffer d = direct;
      if (d == null) {
        d = ByteBuffer.allocateDirect(body.length).put(body).flip().asReadOnlyBuffer();
        direct = d;
      }
      return d.duplicate();
    }
  }

  private final int status;
  private final String contentType;
  private final Variant identity;
  private final Variant gzip;
  private final Instant lastModified;

  private CachedAnswer(
      int status, String contentType, Variant identity, Variant gzip, Instant lastModified) {
    this.status = status;
    this.contentType = contentType;
    this.identity = identity;
    this.gzip = gzip;
    this.lastModified = lastModified;
  }

  /**
   * The wire form of a rendered answer under the given path-wide headers (security headers, CORS;
   * see {@link WebApp#edgeHeaders}), with {@code ETag} and {@code Cache-Control} (the public {@link
   * ResponseCache#CACHE_CONTROL} unless the answer names its own).
   */
  static CachedAnswer of(Rendered r, Map<String, String> edgeHeaders) {
    byte[] zipped = r.body().length >= MIN_GZIP_BYTES ? gzip(r.body()) : null;
    if (zipped != null && zipped.length >= r.body().length) {
      zipped = null;
    }
    Map<String, String> common = new LinkedHashMap<>(edgeHeaders);
    r.headers().forEach(common::put);
    if (zipped != null) {
      common.merge("Vary", "Accept-Encoding", (a, b) -> a + ", " + b);
    }
    common.putIfAbsent("Cache-Control", ResponseCache.CACHE_CONTROL);
    String type = contentType(r.contentType());
    Variant identity = variant(common, r.etag(), type, null, r.body());
    Variant gzip = zipped == null ? null : variant(common, gzipTag(r.etag()), type, "gzip", zipped);
    return new CachedAnswer(
        r.status(), type, identity, gzip, httpDate(common.get("Last-Modified")));
  }

  private static Variant variant(
      Map<String, String> common, String etag, String type, String encoding, byte[] body) {
    List<HttpField> notModified = new ArrayList<>();
    common.forEach((name, value) -> notModified.add(new PreEncodedHttpField(name, value)));
    notModified.add(new PreEncodedHttpField(HttpHeader.ETAG, etag));
    List<HttpField> fields = new ArrayList<>(notModified);
    fields.add(new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, type));
    if (encoding != null) {
      fields.add(new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, encoding));
    }
    fields.add(new PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, body.length));
    return new Variant(etag, List.copyOf(fields), List.copyOf(notModified), body);
  }

  /**
   * The memory this answer may take: each body on the heap and, once sent through Jetty, off it
   * (counted from the start, so the bound holds whichever way it is sent), plus its headers.
   */
  long bytes() {
    long bodies = identity.body.length + (gzip == null ? 0 : gzip.body.length);
    return 2 * bodies + OVERHEAD_BYTES;
  }

  /** Headers, objects and the map entry of one answer, roughly. */
  private static final int OVERHEAD_BYTES = 4096;

  /** Sends this answer through Javalin, for a request its handlers took. */
  void send(Context ctx) {
    Variant v = select(ctx.header("Accept-Encoding"));
    Templates.markRendered(ctx);
    // The body is already compressed (or too small to bother): Javalin must not compress it again.
    ctx.disableCompression();
    if (notModified(ctx.header("If-None-Match"), ctx.header("If-Modified-Since"))) {
      v.notModified.forEach(f -> ctx.header(f.getName(), f.getValue()));
      // A 304 has no body to describe (Javalin presets text/plain).
      ctx.res().setContentType(null);
      ctx.status(304);
      return;
    }
    for (HttpField f : v.fields) {
      if (f.getHeader() == HttpHeader.CONTENT_TYPE) {
        ctx.contentType(contentType);
      } else {
        ctx.header(f.getName(), f.getValue());
      }
    }
    ctx.status(status);
    if (!ctx.method().name().equals("HEAD")) {
      ctx.result(v.body);
    }
  }

  /** Sends this answer straight through Jetty (see {@link CacheFront}). */
  void send(Request request, Response response, Callback callback) {
    var headers = request.getHeaders();
    Variant v = select(headers.get(HttpHeader.ACCEPT_ENCODING));
    var out = response.getHeaders();
    if (notModified(
        headers.get(HttpHeader.IF_NONE_MATCH), headers.get(HttpHeader.IF_MODIFIED_SINCE))) {
      v.notModified.forEach(out::add);
      response.setStatus(304);
      response.write(true, null, callback);
      return;
    }
    v.fields.forEach(out::add);
    response.setStatus(status);
    boolean head = "HEAD".equals(request.getMethod());
    response.write(true, head ? null : v.direct(), callback);
  }

  /**
   * Whether the client has this answer: its If-None-Match names it (in either coding), or, without
   * an If-None-Match (which then decides alone, RFC 9110 §13.1.3), its If-Modified-Since is not
   * before the answer's Last-Modified.
   */
  boolean notModified(String ifNoneMatch, String ifModifiedSince) {
    if (status != 200) {
      return false;
    }
    if (ifNoneMatch != null) {
      return ResponseCache.matches(ifNoneMatch, identity.etag)
          || (gzip != null && ResponseCache.matches(ifNoneMatch, gzip.etag));
    }
    Instant since = httpDate(ifModifiedSince);
    return lastModified != null && since != null && !lastModified.isAfter(since);
  }

  /** Writes an HTTP date as RFC 9110 §5.6.7 asks (IMF-fixdate: two-digit day, GMT). */
  static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  /** An HTTP date (RFC 9110 §5.6.7, IMF-fixdate), or null when absent or not one. */
  static Instant httpDate(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.strip()));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private Variant select(String acceptEncoding) {
    return gzip != null && acceptsGzip(acceptEncoding) ? gzip : identity;
  }

  /**
   * Whether an Accept-Encoding header accepts gzip: it names {@code gzip} (or {@code *}) without
   * {@code q=0} (RFC 9110 §12.5.3).
   */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    boolean star = false;
    for (String item : acceptEncoding.split(",")) {
      String[] parts = item.split(";");
      String coding = parts[0].strip().toLowerCase(Locale.ROOT);
      boolean refused = false;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].strip().toLowerCase(Locale.ROOT);
        if (p.startsWith("q=")) {
          refused = isZero(p.substring(2).strip());
        }
      }
      if (coding.equals("gzip") || coding.equals("x-gzip")) {
        return !refused;
      }
      if (coding.equals("*")) {
        star = !refused;
      }
    }
    return star;
  }

  private static boolean isZero(String q) {
    try {
      return Double.parseDouble(q) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The gzip body's ETag: the identity tag with {@code -gzip} inside the quotes. */
  static String gzipTag(String etag) {
    return etag.substring(0, etag.length() - 1) + "-gzip\"";
  }

  /**
   * A content type as Jetty's servlet layer writes it: a type it knows in its normal form ({@code
   * text/html;charset=utf-8}), any other as given; so that both ways of sending an answer write the
   * same header.
   */
  static String contentType(String type) {
    MimeTypes.Type known = MimeTypes.CACHE.get(type);
    return known == null ? type : known.asString();
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    // Compressed once per entry, so the smallest output is worth its few milliseconds.
    try (GZIPOutputStream zip =
        new GZIPOutputStream(out) {
          {
            def.setLevel(Deflater.BEST_COMPRESSION);
          }
        }) {
      zip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
