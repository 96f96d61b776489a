package org.paperboy.web;

/**
 * The subscribe form.
 *
 * @param email the address typed so far (or the signed-in reader's)
 * @param frequency {@code daily} or {@code weekly}
 * @param topics free words typed so far
 * @param categories categories typed so far
 * @param error what was wrong with the last submission, or null
 * @param signedIn whether a reader is signed in (their own address needs no confirmation mail)
 */
public record SubscribePage(
    String email,
    String frequency,
    String topics,
    String categories,
    String error,
    boolean signedIn) {}
