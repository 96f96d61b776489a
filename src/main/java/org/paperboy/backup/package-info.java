/**
 * Copies of an instance: consistent backups of the SQLite database while {@code serve} runs,
 * restores into an empty instance, migration of a whole instance from SQLite to PostgreSQL with row
 * counts verified, and an export of everything people made (accounts, votes, comments, collections,
 * subscriptions, curation) as JSON Lines that another instance imports. Works on tables through
 * plain JDBC, whichever engine; the search index is derived and never copied. May import {@code
 * config}, {@code store} and {@code paper}.
 */
package org.paperboy.backup;
