package org.paperboy.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one file format as a stream of records, in constant memory. A reader never stops at a bad
 * record: it reports it to the sink with where it is and why, and goes on. It throws only when the
 * input as a whole cannot be read (not the format at all, or cut off mid-way).
 */
interface RecordReader {

  /** Reads every record of {@code in} (already decompressed) and hands each to the sink. */
  void read(InputStream in, Source source, RecordSink sink) throws IOException;
}
