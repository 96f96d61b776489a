package org.paperboy.community;

/**
 * Where a submission stands. A paper the catalog has is placed at once ({@code ADDED}, or refused
 * before any row is made); one it lacks waits {@code PENDING} while arXiv is asked, and ends in one
 * of the other states. {@link #to} performs every transition and rejects the rest: only a pending
 * submission moves, and it may stay pending (a failed lookup waiting for its next try).
 */
public enum SubmissionState {
  /** Queued, or waiting to ask arXiv again. */
  PENDING("Looking it up on arXiv"),
  /** On the list of its day. */
  ADDED("Added to the list"),
  /** arXiv has no paper with that id. */
  NOT_FOUND("Not found on arXiv"),
  /** arXiv has it, but it may not go on the list (too old, already listed). */
  REFUSED("Not added"),
  /** arXiv could not be reached after every try. */
  FAILED("arXiv could not be reached");

  private final String label;

  SubmissionState(String label) {
    this.label = label;
  }

  /** The state in a few words, as the reader's submissions page shows it. */
  public String label() {
    return label;
  }

  /** Whether the submission still waits for arXiv. */
  public boolean pending() {
    return this == PENDING;
  }

  /** The state after moving to {@code next}; throws when that move is not allowed. */
  public SubmissionState to(SubmissionState next) {
    if (this != PENDING) {
      throw new IllegalStateException("a submission that is " + this + " does not change");
    }
    return next;
  }
}
