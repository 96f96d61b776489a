package org.paperboy.web;

import java.util.List;

/**
 * The admin Sources page: where each background job stands.
 *
 * @param jobs one row per job, in the order the scheduler runs them
 * @param history the latest runs of every job, newest first
 */
public record SourcesPage(List<JobRow> jobs, List<RunRow> history) {

  /**
   * A job.
   *
   * @param name its name, as {@code paperboy jobs run NAME} takes it
   * @param description what it does
   * @param schedule when it runs
   * @param lastRun when its latest run started, or "never"
   * @param outcome how that run ended ("running" while it runs)
   * @param failed whether it failed
   * @param detail what it did, or why it failed
   * @param added records new in that run
   * @param updated records updated in that run
   * @param nextRun when the next run is due
   * @param lag the time since the latest success, or "no success yet"
   * @param counts runs by outcome, on all nodes
   */
  public record JobRow(
      String name,
      String description,
      String schedule,
      String lastRun,
      String outcome,
      boolean failed,
      String detail,
      long added,
      long updated,
      String nextRun,
      String lag,
      String counts) {}

  /** A past run. */
  public record RunRow(
      String job,
      String due,
      String started,
      String took,
      String outcome,
      boolean failed,
      long added,
      long updated,
      String detail,
      String node) {}
}
