package org.paperboy.web;

/**
 * The page a sign-in link opens: one button that posts the token, so that fetching the link (as
 * mail scanners do) signs no one in. Opened in another browser than the one that asked for it, the
 * page names the account and the button confirms it.
 *
 * @param csrf the form's double-submit token
 * @param token the link's token
 * @param email the address the link signs into
 * @param sameBrowser whether this browser asked for the link
 * @param signedInAs the address this browser is signed in as now (that session ends), or null
 */
public record SignInLinkPage(
    String csrf, String token, String email, boolean sameBrowser, String signedInAs) {}
