package org.paperboy.community;

import java.time.Duration;
import java.util.Optional;

/**
 * A request the community services refuse, with a message meant for the person who made it and a
 * reason the web layer maps to a status code.
 */
public final class CommunityException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a request was refused. */
  public enum Reason {
    /** Malformed or out-of-bounds input (400). */
    BAD_INPUT,
    /** The acting account may not do this (403). */
    FORBIDDEN,
    /** The thing named does not exist or is not visible to the actor (404). */
    NOT_FOUND,
    /** It was done already, or clashes with what exists (409). */
    CONFLICT,
    /** A sign-in link that is unknown, used or expired (400 with a "send a new link" page). */
    INVALID_TOKEN,
    /** Too many requests in the current window (429). */
    RATE_LIMITED,
    /** Something outside Paperboy (arXiv, the mail relay) failed; trying later may work (503). */
    UNAVAILABLE
  }

  private final Reason reason;
  private final Duration retryAfter;

  public CommunityException(Reason reason, String message) {
    this(reason, message, null, null);
  }

  public CommunityException(Reason reason, String message, Throwable cause) {
    this(reason, message, cause, null);
  }

  private CommunityException(Reason reason, String message, Throwable cause, Duration retryAfter) {
    super(message, cause);
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  /** A {@code RATE_LIMITED} refusal that may be tried again after {@code retryAfter}. */
  public static CommunityException rateLimited(String message, Duration retryAfter) {
    return new CommunityException(Reason.RATE_LIMITED, message, null, retryAfter);
  }

  /** Why the request was refused. */
  public Reason reason() {
    return reason;
  }

  /** When a rate-limited request may be tried again (the limit's window ends), if known. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  static CommunityException badInput(String message) {
    return new CommunityException(Reason.BAD_INPUT, message);
  }

  static CommunityException forbidden(String message) {
    return new CommunityException(Reason.FORBIDDEN, message);
  }

  static CommunityException notFound(String message) {
    return new CommunityException(Reason.NOT_FOUND, message);
  }

  static CommunityException conflict(String message) {
    return new CommunityException(Reason.CONFLICT, message);
  }
}
