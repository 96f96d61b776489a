package org.paperboy.paper;

import java.time.Instant;

/**
 * A paper on the daily lists of a period (a day, a week, a month), once per paper.
 *
 * @param paper the paper
 * @param listing its place in the period: the first day it was listed in the period, its position
 *     and submitter on that day, and the most upvotes and comments it had on any day of the period
 * @param firstSeen when this instance first stored the paper
 */
public record ListEntry(Paper paper, Listing listing, Instant firstSeen) {}
