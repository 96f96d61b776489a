package org.paperboy.web;

/**
 * The form that submits a paper to today's list, with the outcome of the last submission.
 *
 * @param csrf the session's form token
 * @param value what was entered, or empty
 * @param error why it was refused, or null
 * @param done what was submitted, or null
 * @param doneHref the paper's page after a submission, or null
 * @param maxAgeDays how many days after publication a paper may be submitted
 */
public record SubmitPage(
    String csrf, String value, String error, String done, String doneHref, int maxAgeDays) {}
