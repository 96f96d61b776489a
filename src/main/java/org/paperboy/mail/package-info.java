/**
 * Outgoing mail: {@link org.paperboy.mail.MailMessage}, a message refused at construction when a
 * header could smuggle in another, and {@link org.paperboy.mail.Mailer}, which sends it through an
 * SMTP relay or writes it as an {@code .eml} file to the outbox folder when no relay is configured.
 * Sign-in links and digests both go through it. May import {@code config}.
 */
package org.paperboy.mail;
