package org.paperboy.web;

/**
 * The form that submits a paper to today's list; after a refusal it shows why, with what was typed.
 *
 * @param csrf the session's form token
 * @param value what was entered, or empty
 * @param error why it was refused, or null
 * @param maxAgeDays how many days after publication a paper may be submitted
 */
public record SubmitPage(String csrf, String value, String error, int maxAgeDays) {}
