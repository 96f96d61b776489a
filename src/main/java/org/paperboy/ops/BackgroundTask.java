package org.paperboy.ops;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of a background job, run on a schedule. A step that throws, whatever it throws, is
 * logged, counted and returns normally, so that the scheduler runs it again: a {@link
 * java.util.concurrent.ScheduledExecutorService} stops a task for good, and silently, the first
 * time it throws, and an {@link Error} (a class that fails to load, a stack overflow) ended the
 * index sync and the digest schedule while the site went on answering (issue 17). An {@link
 * OutOfMemoryError} ends the process before it gets here ({@code -XX:+ExitOnOutOfMemoryError} in
 * the launcher), so that a supervisor starts it afresh.
 *
 * <p>The first failure of a run of failures is logged with its stack trace, the following ones as
 * one line each with the count, and the recovery once.
 */
public final class BackgroundTask implements Runnable {

  /** The work of one step. */
  @FunctionalInterface
  public interface Step {
    /** Does the work once; throws when it fails. */
    void run() throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundTask.class);

  private final String name;
  private final Step step;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong inARow = new AtomicLong();

  /** A step named for the log ("Search index sync"), doing {@code step}. */
  public BackgroundTask(String name, Step step) {
    this.name = name;
    this.step = step;
  }

  /** A scheduler of one daemon thread with the given name, for background tasks. */
  public static ScheduledExecutorService scheduler(String threadName) {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, threadName);
          t.setDaemon(true);
          return t;
        });
  }

  @Override
  public void run() {
    runOnce();
  }

  /** Runs the step once; true when it succeeded. Never throws. */
  public boolean runOnce() {
    try {
      step.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Throwable t) {
      long total = failures.incrementAndGet();
      long row = inARow.incrementAndGet();
      if (row == 1) {
        LOG.error("{} failed ({} failures so far); it runs again on schedule", name, total, t);
      } else {
        LOG.error(
            "{} failed again, {} times in a row ({} in all): {}", name, row, total, t.toString());
      }
      return false;
    }
    long row = inARow.getAndSet(0);
    if (row > 0) {
      LOG.info("{} works again after {} failures in a row", name, row);
    }
    return true;
  }

  /** How often the step has failed since the process started. */
  public long failures() {
    return failures.get();
  }

  /** How many of the latest runs failed in a row (0 when the last one succeeded). */
  public long failuresInARow() {
    return inARow.get();
  }
}
