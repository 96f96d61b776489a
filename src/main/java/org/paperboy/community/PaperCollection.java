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
 */
public record PaperCollection(
    String id,
    String ownerId,
    String ownerName,
    String name,
    String description,
    boolean isPublic,
    Instant createdAt,
    int size) {}
