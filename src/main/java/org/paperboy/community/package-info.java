/**
 * The community around the catalog: passwordless accounts (magic links by mail, sessions, roles,
 * bans), rate limits, upvotes, submissions to the daily list and its curation, Markdown comments
 * with reports, collections with JSON and BibTeX export, "not for me" marks, and the moderation
 * queries. Services take the acting {@link org.paperboy.community.User} and check its role
 * themselves, so a handler cannot forget to; they know nothing of HTTP. May import {@code paper},
 * {@code store} and {@code mail}.
 */
package org.paperboy.community;
