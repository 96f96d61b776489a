package org.paperboy.web;

/**
 * The signed-in account's page.
 *
 * @param displayName the name shown beside comments and submissions
 * @param email the sign-in address (shown only here)
 * @param role the account's role, in words
 * @param moderator whether the account may open the moderation page
 * @param csrf the session's form token
 * @param maxName the longest display name accepted
 * @param digest what the account's address gets by mail, e.g. "the daily digest", or null
 * @param digestHref the digest's preferences page, or {@code /subscribe} when there is none
 * @param admin whether the account is an admin (links the mail page)
 * @param profile the reader's profile in plain words: what their papers are about, what they follow
 *     and muted ({@link FollowsPage}'s items), and their interests as written
 * @param hideMuted whether the lists leave out the papers this reader muted
 */
public record AccountPage(
    String displayName,
    String email,
    String role,
    boolean moderator,
    String csrf,
    int maxName,
    String digest,
    String digestHref,
    boolean admin,
    FollowsPage profile,
    boolean hideMuted) {}
