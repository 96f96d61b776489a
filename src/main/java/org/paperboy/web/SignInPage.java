package org.paperboy.web;

/**
 * The sign-in form.
 *
 * @param csrf the form's double-submit token
 * @param email the address entered before, or empty
 * @param error what was wrong with it, or null
 */
public record SignInPage(String csrf, String email, String error) {}
