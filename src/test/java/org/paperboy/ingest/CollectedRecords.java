package org.paperboy.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/** A sink that keeps what a reader found, for the reader tests. */
final class CollectedRecords implements RecordSink {

  /** A rejected record as the reader reported it. */
  record Rejection(String location, String reason) {}

  final List<PaperRecord> accepted = new ArrayList<>();
  final List<Rejection> rejected = new ArrayList<>();

  @Override
  public void accept(PaperRecord record) {
    accepted.add(record);
  }

  @Override
  public void reject(String location, String reason) {
    rejected.add(new Rejection(location, reason));
  }

  List<Paper> papers() {
    return accepted.stream().map(PaperRecord::paper).toList();
  }

  Paper paper(String id) {
    return papers().stream()
        .filter(p -> p.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no paper " + id));
  }

  /** Reads a test resource, e.g. {@code samples/arxiv_kaggle_oai_snapshot_first200.jsonl}. */
  static CollectedRecords readResource(RecordReader reader, String resource, LocalDate today) {
    String name = resource.substring(resource.lastIndexOf('/') + 1);
    try (InputStream in = CollectedRecords.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new AssertionError("missing test resource " + resource);
      }
      return read(reader, in, new Source(name, null, today));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads text given inline, as if it were the file {@code name}. */
  static CollectedRecords readText(RecordReader reader, String name, String text)
      throws IOException {
    return read(
        reader,
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        new Source(name, null, LocalDate.of(2025, 3, 20)));
  }

  static CollectedRecords read(RecordReader reader, InputStream in, Source source)
      throws IOException {
    CollectedRecords sink = new CollectedRecords();
    reader.read(in, source, sink);
    return sink;
  }
}
