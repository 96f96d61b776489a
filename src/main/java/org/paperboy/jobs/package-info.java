/**
 * Background jobs that outlive their failures: {@link org.paperboy.jobs.BackgroundTask} runs one
 * step of a job (an index sync, an embedding round, a digest check), and when the step throws,
 * anything at all, logs it, counts it and lets the schedule run it again, so no job dies silently.
 * Imports no other Paperboy package.
 */
package org.paperboy.jobs;
