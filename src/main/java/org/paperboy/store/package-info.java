/**
 * The database: the pooled {@code DataSource}, Flyway migrations shared by SQLite and PostgreSQL,
 * the JDBI handle, and the change counters that every node's cached lists follow. The one place
 * that knows which engine is in use. May import {@code config}.
 */
package org.paperboy.store;
