/**
 * Outgoing mail: {@link org.paperboy.mail.MailMessage}, a message refused at construction when a
 * header could smuggle in another, and {@link org.paperboy.mail.Mailer}, which sends it through an
 * SMTP relay or writes it as an {@code .eml} file to the outbox folder when no relay is configured,
 * one at a time or as a {@link org.paperboy.mail.MailBatch} over one connection. Every message gets
 * a {@code Message-ID} on the From domain (stable when the caller gives one) and, with a key
 * configured, a DKIM signature; a failure is a {@link org.paperboy.mail.MailException} that says
 * whether it is permanent. Sign-in links and digests both go through it. Also the one {@link
 * org.paperboy.mail.Html} escaper for HTML written outside jte templates. May import {@code
 * config}.
 */
package org.paperboy.mail;
