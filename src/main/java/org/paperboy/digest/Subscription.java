package org.paperboy.digest;

import java.util.List;

/**
 * One address's subscription.
 *
 * @param id the random id
 * @param email the address, lower case
 * @param userId the account it belongs to, or null when subscribed without one
 * @param frequency daily or weekly
 * @param topics free words the "picked for you" part matches, possibly empty
 * @param categories arXiv categories the picks must be in (any of them), possibly empty
 * @param state where it stands
 * @param manageToken the secret in its preferences and unsubscribe links
 * @param createdAt when it was first made, epoch milliseconds
 */
public record Subscription(
    String id,
    String email,
    String userId,
    Frequency frequency,
    String topics,
    List<String> categories,
    SubscriptionState state,
    String manageToken,
    long createdAt) {

  public Subscription {
    categories = List.copyOf(categories);
  }
}
