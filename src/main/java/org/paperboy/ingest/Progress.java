package org.paperboy.ingest;

import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how far a long job has come: a redrawn bar on a terminal, a log line every few seconds
 * otherwise (CI logs, services), so either way someone watching knows it is alive.
 */
final class Progress implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
  private static final long TERMINAL_EVERY_NANOS = 200_000_000L;
  private static final long LOG_EVERY_NANOS = 5_000_000_000L;
  private static final int WIDTH = 30;

  private final String label;
  private final long total;
  private final PrintStream terminal;
  private final long startNanos = System.nanoTime();
  private long lastShownNanos = startNanos;
  private long done;
  private long items;

  private Progress(String label, long total, PrintStream terminal) {
    this.label = label;
    this.total = total;
    this.terminal = terminal;
  }

  /** A bar on stderr when a person is watching a terminal, log lines otherwise. */
  static Progress start(String label, long total) {
    boolean tty = System.console() != null && !"true".equalsIgnoreCase(System.getenv("CI"));
    return new Progress(label, total, tty ? System.err : null);
  }

  /** Records that {@code done} of {@code total} units and {@code items} records are finished. */
  void update(long done, long items) {
    this.done = done;
    this.items = items;
    long now = System.nanoTime();
    long every = terminal != null ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS;
    if (now - lastShownNanos >= every) {
      lastShownNanos = now;
      show(false);
    }
  }

  private void show(boolean last) {
    double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    double fraction = total > 0 ? Math.min(1.0, (double) done / total) : 0;
    String rate = String.format(Locale.ROOT, "%,.0f records/s", items / seconds);
    if (terminal != null) {
      int filled = (int) Math.round(fraction * WIDTH);
      String bar =
          "=".repeat(filled)
              + (filled < WIDTH ? ">" : "")
              + " ".repeat(Math.max(0, WIDTH - filled - 1));
      String eta =
          fraction > 0 && !last
              ? String.format(Locale.ROOT, " ETA %ds", Math.round(seconds / fraction - seconds))
              : "";
      terminal.printf(
          Locale.ROOT,
          "\r%s [%s] %3.0f%% %,d records, %s%s   %s",
          label,
          bar,
          fraction * 100,
          items,
          rate,
          eta,
          last ? "\n" : "");
      terminal.flush();
    } else {
      LOG.info(
          String.format(
              Locale.ROOT, "%s: %.0f%%, %,d records, %s", label, fraction * 100, items, rate));
    }
  }

  @Override
  public void close() {
    if (terminal != null) {
      done = total;
      show(true);
    }
  }
}
