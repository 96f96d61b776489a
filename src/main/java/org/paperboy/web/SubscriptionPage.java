package org.paperboy.web;

/**
 * A subscription's preferences page, reached by the token in every digest.
 *
 * @param action where the preferences form posts
 * @param unsubscribeAction where the unsubscribe button posts
 * @param email the address
 * @param state what the reader is told about the subscription's state
 * @param active whether digests go out (confirmed)
 * @param suppressed whether the address is suppressed (nothing can be changed)
 * @param frequency {@code daily} or {@code weekly}
 * @param topics the topics
 * @param categories the categories, space separated
 * @param notice a line about what just happened, or null
 * @param error what was wrong with the last submission, or null
 */
public record SubscriptionPage(
    String action,
    String unsubscribeAction,
    String email,
    String state,
    boolean active,
    boolean suppressed,
    String frequency,
    String topics,
    String categories,
    String notice,
    String error) {}
