package org.paperboy.community;

import java.time.Instant;

/**
 * A comment on a paper.
 *
 * @param id the random comment id
 * @param paperId the paper it is on
 * @param authorId the author's account id
 * @param authorName the author's display name (user-written: escape it)
 * @param body the Markdown as written, for editing
 * @param html the body rendered by {@link Markdown}: safe to insert as it is
 * @param createdAt when it was posted
 * @param editedAt when it was last edited, or null
 * @param hidden whether a curator hid it
 * @param authorBanned whether its author is banned (then only moderators see it)
 * @param parentId the top-level comment this one replies to, or null for a top-level comment
 */
public record Comment(
    String id,
    String paperId,
    String authorId,
    String authorName,
    String body,
    String html,
    Instant createdAt,
    Instant editedAt,
    boolean hidden,
    boolean authorBanned,
    String parentId) {

  /** Whether it answers another comment. */
  public boolean isReply() {
    return parentId != null;
  }

  /** Whether readers see it. */
  public boolean visible() {
    return !hidden && !authorBanned;
  }
}
