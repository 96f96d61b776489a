package org.paperboy.ingest;

import org.paperboy.paper.PaperRecord;

/** Receives what a {@link RecordReader} finds. */
interface RecordSink {

  /** A well-formed record. */
  void accept(PaperRecord record);

  /**
   * A record that was skipped.
   *
   * @param location where in the source, e.g. "line 12" or "record 37 (id 1308.2218)"
   * @param reason why, in words a user can act on
   */
  void reject(String location, String reason);
}
