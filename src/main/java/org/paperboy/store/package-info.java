/**
 * The database: the pooled {@code DataSource}, Flyway migrations shared by SQLite and PostgreSQL,
 * and the JDBI handle. The one place that knows which engine is in use. May import {@code config}.
 */
package org.paperboy.store;
