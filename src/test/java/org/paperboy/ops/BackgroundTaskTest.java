package org.paperboy.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundTaskTest {

  @Test
  void aStepThatThrowsAnything_isCountedAndRunsAgainOnSchedule() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch recovered = new CountDownLatch(1);
    BackgroundTask task =
        new BackgroundTask(
            "Test job",
            () -> {
              switch (runs.incrementAndGet()) {
                case 1 -> throw new IllegalStateException("database gone");
                case 2 -> throw new StackOverflowError();
                case 3 -> throw new java.io.IOException("disk full");
                case 4 -> throw new NoClassDefFoundError("org/example/Missing");
                default -> recovered.countDown();
              }
            });
    ScheduledExecutorService scheduler = BackgroundTask.scheduler("test-job");
    try {
      scheduler.scheduleWithFixedDelay(task, 0, 1, TimeUnit.MILLISECONDS);
      assertThat(recovered.await(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      scheduler.shutdown();
      // The step counted down inside its run: let that run finish before reading the counts.
      assertThat(scheduler.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(task.failures()).isEqualTo(4);
    assertThat(task.failuresInARow()).isZero();
  }

  @Test
  void runOnce_tellsWhetherTheStepSucceeded() {
    BackgroundTask failing =
        new BackgroundTask(
            "Failing",
            () -> {
              throw new Error("boom");
            });
    assertThat(failing.runOnce()).isFalse();
    assertThat(failing.runOnce()).isFalse();
    assertThat(failing.failuresInARow()).isEqualTo(2);
    assertThat(new BackgroundTask("Working", () -> {}).runOnce()).isTrue();
  }
}
