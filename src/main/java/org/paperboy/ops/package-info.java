/**
 * Running Paperboy in production: {@link org.paperboy.ops.BackgroundTask}, which runs one step of a
 * background job (an index sync, an embedding round, a digest check) and, when it throws, logs,
 * counts and lets the schedule run it again, so no job dies silently; the health checks behind
 * {@code /health/ready} and the background jobs they watch; the metrics registry behind {@code
 * /metrics}, and the log format (dates with zones, JSON lines, e-mail addresses masked). The
 * composition root wires the checks and gauges from the services; {@code web} serves them. Imports
 * no other Paperboy package.
 */
package org.paperboy.ops;
