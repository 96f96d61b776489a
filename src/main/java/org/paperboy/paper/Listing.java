package org.paperboy.paper;

import java.time.LocalDate;

/**
 * A paper's place on a day's curated list.
 *
 * @param date the day of the list
 * @param position the order within the day, from 0
 * @param submitter who put it on the list, or null
 * @param upvotes the upvote count as imported (a snapshot from the source)
 * @param comments the comment count as imported
 */
public record Listing(LocalDate date, int position, String submitter, int upvotes, int comments) {}
