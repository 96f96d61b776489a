/**
 * The jobs that keep a running site fresh and tidy, and the {@link org.paperboy.jobs.Scheduler}
 * that runs them inside {@code serve} on any number of nodes, each run on exactly one node through
 * a lease in the database; its state feeds the admin "Sources" page and {@code paperboy jobs}. The
 * sources' own jobs (the Hugging Face follower, the arXiv harvest) live in {@code ingest}; this
 * package holds the scheduler and {@link org.paperboy.jobs.Housekeeping}. May import {@code store},
 * {@code community} and {@code digest}.
 */
package org.paperboy.jobs;
