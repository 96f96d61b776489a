/**
 * Trending papers by mail: subscriptions with double opt-in ({@link
 * org.paperboy.digest.Subscriptions}), digests chosen per subscriber ({@link
 * org.paperboy.digest.DigestComposer}), and a transactional outbox in the database that a sender
 * works through ({@link org.paperboy.digest.DigestSender}), so that no crash, restart or second
 * node sends a digest twice or skips one. {@link org.paperboy.digest.Digests} ties them together
 * and runs the schedule; the trending papers and what curators hid come from the list service. May
 * import {@code paper}, {@code search}, {@code lists}, {@code trending}, {@code community}, {@code
 * foryou} (the readers' profile), {@code mail} and {@code ops} (for its background task runner).
 */
package org.paperboy.digest;
