package org.paperboy.ingest;

import java.io.IOException;

/**
 * arXiv answered, but with an error instead of records: an OAI-PMH {@code <error code="…">}, an
 * arXiv API entry titled "Error", or an HTTP 4xx status. Retrying the same request does not help,
 * so the harvester and fetcher pass it on at once.
 */
public final class ArxivException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final String reason;

  ArxivException(String code, String reason) {
    super("arXiv answered " + code + ": " + reason);
    this.code = code;
    this.reason = reason;
  }

  /** The error code, e.g. {@code badResumptionToken}, {@code incorrect_id_format_for_1234}. */
  public String code() {
    return code;
  }

  /** The explanation arXiv gave, e.g. "incorrect id format for 1234". */
  public String reason() {
    return reason;
  }
}
