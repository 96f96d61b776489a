package org.paperboy.search;

/** A search query that cannot be understood; the message says why, in words for the user. */
public final class QueryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A query error with a message for the user. */
  public QueryException(String message) {
    super(message);
  }
}
