package org.paperboy.ingest;

import java.io.IOException;

/**
 * An import that could not finish: the file is not a known format, or it is cut off or ill-formed
 * part way. What was read before the failure is kept; {@link #partial()} says how much.
 */
public final class ImportException extends IOException {

  private final transient ImportSummary partial;

  ImportException(String message, ImportSummary partial, Throwable cause) {
    super(message, cause);
    this.partial = partial;
  }

  /** What was imported before the failure, or null when nothing was read. */
  public ImportSummary partial() {
    return partial;
  }
}
