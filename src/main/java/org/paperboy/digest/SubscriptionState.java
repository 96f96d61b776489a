package org.paperboy.digest;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a subscription stands. The moves allowed are few and explicit, and {@link
 * Subscriptions#move} is the only code that changes a state:
 *
 * <pre>
 *   UNCONFIRMED ──confirm──▶ CONFIRMED ──unsubscribe──▶ UNSUBSCRIBED ──subscribe again──▶ UNCONFIRMED
 *        │                       │                            │
 *        └────────── hard bounce or complaint ───────────────┴──────────▶ SUPPRESSED (final)
 * </pre>
 *
 * An unconfirmed address may also be unsubscribed (the "this was not me" link in the confirmation
 * mail). Suppressed is final: an address that bounced or complained gets no more mail from a form
 * anyone can fill in.
 */
public enum SubscriptionState {
  UNCONFIRMED,
  CONFIRMED,
  UNSUBSCRIBED,
  SUPPRESSED;

  /** Whether a subscription in this state may move to {@code target}. */
  public boolean canMoveTo(SubscriptionState target) {
    return next().contains(target);
  }

  private Set<SubscriptionState> next() {
    return switch (this) {
      case UNCONFIRMED -> EnumSet.of(CONFIRMED, UNSUBSCRIBED, SUPPRESSED);
      case CONFIRMED -> EnumSet.of(UNSUBSCRIBED, SUPPRESSED);
      case UNSUBSCRIBED -> EnumSet.of(UNCONFIRMED, SUPPRESSED);
      case SUPPRESSED -> EnumSet.noneOf(SubscriptionState.class);
    };
  }
}
