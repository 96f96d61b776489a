package org.paperboy.search;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.paperboy.paper.IndexNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies of a built search index between nodes, so that a node starting with an empty index is
 * searchable in the time it takes to copy the files instead of the time it takes to build the HNSW
 * graph again (9 minutes for 111,000 papers on Java 17 here, BENCHMARKS.md).
 *
 * <p>A serving node announces itself in the database ({@link IndexNodes}: its address, its index's
 * model, schema version and catalog change) and answers {@code GET /internal/index-copy} with the
 * files of its last commit, held from deletion while they are sent (Lucene's {@code
 * SnapshotDeletionPolicy}). The request must carry {@code Authorization: Bearer} a token derived
 * from the secret key that the nodes of a cluster share ({@code secret.key}), so only nodes of the
 * cluster can read the index. A node whose index directory holds no index of the current schema and
 * model asks the freshest peers in turn, writes the files aside, checks every file's checksum and
 * the commit's schema version and model, and moves them into place; the catalog changes after the
 * copied commit are then applied as after any restart. When no peer is up or every copy fails, the
 * node builds its index from the database as before.
 *
 * <p>The stream: {@link #MAGIC}, then per file a {@code true}, its name, its length and its bytes,
 * the commit point ({@code segments_N}) last, then {@code false}.
 */
public final class IndexCopies {

  private static final Logger LOG = LoggerFactory.getLogger(IndexCopies.class);

  /** The path a node serves its index's last commit at. */
  public static final String PATH = "/internal/index-copy";

  /** How often a serving node writes its row in {@link IndexNodes}. */
  static final Duration ANNOUNCE_EVERY = Duration.ofSeconds(30);

  /** A copy that receives no byte for this long is given up. */
  static final Duration STALL = Duration.ofSeconds(30);

  private static final String MAGIC = "paperboy-index-copy/1";
  private static final int BUFFER = 1 << 16;

  /** The names of a commit's files: segment files ({@code _0.cfs}) and the commit point. */
  private static final Pattern FILE_NAME =
      Pattern.compile("_[a-z0-9]+(_[A-Za-z0-9]+)*\\.[A-Za-z0-9]+|segments_[a-z0-9]+");

  /** No copying: the index is always built from the database, and nothing is served. */
  public static final IndexCopies NONE = new IndexCopies(null, null);

  private final IndexNodes nodes;
  private final String token;
  private final HttpClient http;
  private volatile URI self;
  private volatile long lastAnnounced;

  private IndexCopies(IndexNodes nodes, String token) {
    this.nodes = nodes;
    this.token = token;
    this.http =
        nodes == null
            ? null
            : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * Copies between the nodes announced in {@code nodes}, authenticated by a token derived from the
   * cluster's key in {@code keyFile} (base64, as the digest's manage links use it); none when the
   * file does not exist.
   */
  public static IndexCopies between(IndexNodes nodes, Path keyFile) {
    if (!Files.exists(keyFile)) {
      return NONE;
    }
    try {
      byte[] key = Base64.getDecoder().decode(Files.readString(keyFile).strip());
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String token =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(mac.doFinal("index-copy".getBytes(StandardCharsets.UTF_8)));
      return new IndexCopies(nodes, token);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot read the key file " + keyFile, e);
    }
  }

  /** Whether this node copies and serves copies at all. */
  boolean enabled() {
    return nodes != null;
  }

  /** Whether an {@code Authorization} header carries this cluster's token. */
  boolean authorized(String authorization) {
    if (token == null || authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    return MessageDigest.isEqual(
        token.getBytes(StandardCharsets.UTF_8),
        authorization.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8));
  }

  /** Announces this node at {@code url} now, and from then on every {@link #ANNOUNCE_EVERY}. */
  void serveAt(URI url, String model, long change) {
    if (!enabled()) {
      return;
    }
    self = url;
    lastAnnounced = 0;
    announceIfDue(model, change);
  }

  /** Writes this node's row again when {@link #ANNOUNCE_EVERY} has passed. */
  void announceIfDue(String model, long change) {
    URI url = self;
    long now = System.nanoTime();
    if (url == null || (lastAnnounced != 0 && now - lastAnnounced < ANNOUNCE_EVERY.toNanos())) {
      return;
    }
    nodes.announce(url, model, IndexField.VERSION, change);
    lastAnnounced = now;
  }

  /** Removes this node's row: it no longer serves copies. */
  void withdraw() {
    URI url = self;
    if (url != null) {
      self = null;
      nodes.withdraw(url);
    }
  }

  /** Whether {@code dir} holds no index of the current schema version for {@code model}. */
  static boolean wanted(Path dir, String model) throws IOException {
    if (!Files.isDirectory(dir)) {
      return true;
    }
    try (Directory d = FSDirectory.open(dir)) {
      if (!org.apache.lucene.index.DirectoryReader.indexExists(d)) {
        return true;
      }
    }
    Map<String, String> data = PaperIndex.committedData(dir);
    return !String.valueOf(IndexField.VERSION).equals(data.get(PaperIndex.VERSION_KEY))
        || !model.equals(data.get(PaperIndex.MODEL_KEY));
  }

  /**
   * Copies the index of the first peer that sends a whole, valid one into {@code dir} (replacing
   * what is there); returns the peer, or empty when none did.
   */
  Optional<URI> copyInto(Path dir, String model) {
    if (!enabled()) {
      return Optional.empty();
    }
    List<URI> peers;
    try {
      peers = nodes.peers(model, IndexField.VERSION, self);
    } catch (RuntimeException e) {
      LOG.warn("Cannot read the index nodes from the database; building the index", e);
      return Optional.empty();
    }
    for (URI peer : peers) {
      long t0 = System.nanoTime();
      try {
        long bytes = copyFrom(peer, dir, model);
        LOG.info(
            "Copied the search index of {} ({} MB) in {} ms",
            peer,
            bytes >> 20,
            (System.nanoTime() - t0) / 1_000_000);
        return Optional.of(peer);
      } catch (IOException e) {
        LOG.warn("Could not copy the search index of {}: {}", peer, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private long copyFrom(URI peer, Path dir, String model) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(peer.resolve(PATH))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    // The request's timeout covers the answer's head only: a peer that stops sending midway is
    // cut off when no byte came for STALL, so a new node never waits on it for ever.
    AtomicLong received = new AtomicLong();
    InputStream raw = response.body();
    InputStream counted =
        new FilterInputStream(raw) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
              received.addAndGet(n);
            }
            return n;
          }
        };
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "paperboy-index-copy-watchdog");
              t.setDaemon(true);
              return t;
            });
    long[] seen = {-1};
    watchdog.scheduleAtFixedRate(
        () -> {
          long now = received.get();
          if (now == seen[0]) {
            LOG.warn("No bytes from {} for {} s: giving up on its copy", peer, STALL.toSeconds());
            try {
              raw.close();
            } catch (IOException e) {
              // closing is all that is wanted; the reader fails either way
            }
          }
          seen[0] = now;
        },
        STALL.toMillis(),
        STALL.toMillis(),
        TimeUnit.MILLISECONDS);
    try (InputStream body = counted) {
      if (response.statusCode() != 200) {
        throw new IOException("answered " + response.statusCode());
      }
      return receive(body, dir, model);
    } finally {
      watchdog.shutdownNow();
    }
  }

  /** Sends the files of {@code commit} in {@code directory} as the stream described above. */
  static void send(Directory directory, IndexCommit commit, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, BUFFER));
    data.writeUTF(MAGIC);
    List<String> files = new ArrayList<>(commit.getFileNames());
    String segments = commit.getSegmentsFileName();
    files.remove(segments);
    files.add(segments);
    byte[] buffer = new byte[BUFFER];
    for (String name : files) {
      data.writeBoolean(true);
      data.writeUTF(name);
      try (IndexInput in = directory.openInput(name, IOContext.READONCE)) {
        long left = in.length();
        data.writeLong(left);
        while (left > 0) {
          int n = (int) Math.min(buffer.length, left);
          in.readBytes(buffer, 0, n);
          data.write(buffer, 0, n);
          left -= n;
        }
      }
    }
    data.writeBoolean(false);
    data.flush();
  }

  /**
   * Reads a stream written by {@link #send} into a directory beside {@code dir}, checks it, and
   * moves it into {@code dir}; returns the bytes read. Fails, leaving {@code dir} as it was, when
   * the stream is cut short, a file's checksum is wrong or the commit is of another schema or
   * model.
   */
  static long receive(InputStream in, Path dir, String model) throws IOException {
    Path incoming = dir.resolveSibling(dir.getFileName() + ".incoming");
    deleteTree(incoming);
    Files.createDirectories(incoming);
    long bytes = 0;
    try {
      DataInputStream data = new DataInputStream(new BufferedInputStream(in, BUFFER));
      if (!MAGIC.equals(data.readUTF())) {
        throw new IOException("not an index copy");
      }
      byte[] buffer = new byte[BUFFER];
      while (data.readBoolean()) {
        String name = data.readUTF();
        if (!FILE_NAME.matcher(name).matches()) {
          throw new IOException("unexpected file name " + name);
        }
        Path file = incoming.resolve(name);
        long left = data.readLong();
        bytes += left;
        try (OutputStream out = Files.newOutputStream(file)) {
          while (left > 0) {
            int n = data.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
              throw new EOFException("the copy of " + name + " was cut short");
            }
            out.write(buffer, 0, n);
            left -= n;
          }
        }
      }
      check(incoming, model);
      deleteTree(dir);
      Files.move(incoming, dir);
      return bytes;
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      throw e;
    } finally {
      deleteTree(incoming);
    }
  }

  /** Checks every file of the copied commit against its checksum, and its schema and model. */
  private static void check(Path copy, String model) throws IOException {
    try (Directory d = FSDirectory.open(copy)) {
      SegmentInfos commit = SegmentInfos.readLatestCommit(d);
      Map<String, String> data = commit.getUserData();
      if (!String.valueOf(IndexField.VERSION).equals(data.get(PaperIndex.VERSION_KEY))
          || !model.equals(data.get(PaperIndex.MODEL_KEY))) {
        throw new IOException("the copy is of another schema version or model: " + data);
      }
      for (String name : commit.files(true)) {
        try (IndexInput in = d.openInput(name, IOContext.READONCE)) {
          CodecUtil.checksumEntireFile(in);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
