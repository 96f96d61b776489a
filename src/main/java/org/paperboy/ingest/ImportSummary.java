package org.paperboy.ingest;

import java.time.Duration;
import java.util.List;

/**
 * What one import did.
 *
 * @param source the file or resource name
 * @param format the detected format
 * @param added records that created a paper
 * @param updated records that changed a paper or its list entry
 * @param unchanged records that changed nothing
 * @param skipped records reported as bad and left out
 * @param problems the first few skipped records, as "location: reason"
 * @param elapsed wall time
 * @param stored false for a dry run, where {@code added} counts the well-formed records read
 */
public record ImportSummary(
    String source,
    Format format,
    long added,
    long updated,
    long unchanged,
    long skipped,
    List<String> problems,
    Duration elapsed,
    boolean stored) {

  /** Records read, good and bad. */
  public long records() {
    return added + updated + unchanged + skipped;
  }

  /** Records per second over the whole import. */
  public double recordsPerSecond() {
    return records() / Math.max(1e-3, elapsed.toNanos() / 1e9);
  }

  @Override
  public String toString() {
    if (!stored) {
      return String.format(
          "%s (%s): %d well-formed records, %d skipped in %.1f s (%.0f records/s, dry run)",
          source, format, added, skipped, elapsed.toNanos() / 1e9, recordsPerSecond());
    }
    return String.format(
        "%s (%s): %d new, %d updated, %d unchanged, %d skipped in %.1f s (%.0f records/s)",
        source,
        format,
        added,
        updated,
        unchanged,
        skipped,
        elapsed.toNanos() / 1e9,
        recordsPerSecond());
  }
}
