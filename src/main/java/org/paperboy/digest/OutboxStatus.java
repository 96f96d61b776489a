package org.paperboy.digest;

/**
 * Where one digest (one subscriber, one period) stands in the outbox.
 *
 * <pre>
 *   PENDING ─compose─▶ READY ─send─▶ SENT
 *      │                 │  ▲
 *      ▼                 │  └─ temporary failure, retried later (attempts + 1)
 *    EMPTY               ├─▶ BOUNCED (permanent 5xx: the address is suppressed)
 *                        └─▶ FAILED (temporary failures until the last attempt)
 * </pre>
 *
 * COMPOSING and SENDING are held under a lease by one node; a lease that runs out (the node
 * crashed) lets another node take the row over. PENDING and READY rows are CANCELLED when their
 * subscriber leaves.
 */
public enum OutboxStatus {
  PENDING,
  COMPOSING,
  READY,
  SENDING,
  SENT,
  EMPTY,
  FAILED,
  BOUNCED,
  CANCELLED
}
