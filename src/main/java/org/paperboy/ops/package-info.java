/**
 * Running Paperboy in production: the health checks behind {@code /health/ready}, the background
 * jobs they watch, the metrics registry behind {@code /metrics}, and the log format (dates with
 * zones, JSON lines, e-mail addresses masked). The composition root wires the checks and gauges
 * from the services; {@code web} serves them. Imports no other Paperboy package.
 */
package org.paperboy.ops;
