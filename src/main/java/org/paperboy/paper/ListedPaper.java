package org.paperboy.paper;

/** A paper as it stands on a day's list. */
public record ListedPaper(Paper paper, Listing listing) {}
