package org.paperboy.community;

import java.time.Instant;

/**
 * A named collection of papers.
 *
 * @param id the random collection id, used in its URL
 * @param ownerId the owner's account id
 * @param ownerName the owner's display name
 * @param name the collection's name, unique per owner
 * @param description a description, possibly empty
 * @param isPublic whether anyone may see it (otherwise only its owner)
 * @param createdAt when it was made
 * @param size how many papers it holds
 * @param hidden whether a moderator hid it (then only its owner and moderators see it)
 * @param ownerBanned whether its owner is banned (then only its owner and moderators see it)
 */
public record PaperCollection(
    String id,
    String ownerId,
    String ownerName,
    String name,
    String description,
    boolean isPublic,
    Instant createdAt,
    int size,
    boolean hidden,
    boolean ownerBanned) {}
