package org.paperboy.web;

/**
 * A page with one button that posts a token: confirming a subscription or unsubscribing. Links in
 * mails lead here instead of acting on GET, because mail scanners open links.
 *
 * @param title the document title and heading
 * @param message what the button does
 * @param action where the button posts
 * @param token the token posted, or null when it is in the action's path
 * @param button the button's label
 */
public record ConfirmPage(
    String title, String message, String action, String token, String button) {}
