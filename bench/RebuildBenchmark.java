import com.sun.management.OperatingSystemMXBean;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.paperboy.Paperboy;
import org.paperboy.config.Settings;
import org.paperboy.search.PaperSearch;

/**
 * Where a rebuild of the keyword index spends its time: the same rebuild as {@code paperboy
 * reindex}, several times in one JVM, so that the first (cold: the JIT compiles the indexing code
 * while it runs) can be set beside the later ones (warm). A breakdown of the user's figure, which
 * is the command's own ({@code bench/cold-build.sh}), not a replacement for it.
 *
 * <p>Run from the project directory after {@code ./mvnw -q -DskipTests package}, on a data
 * directory filled by {@code paperboy import} (stop any serve on it first):
 *
 * <pre>
 * PAPERBOY_DATA=DIR java -Xmx512m --add-modules jdk.incubator.vector \
 *   -cp target/paperboy.jar bench/RebuildBenchmark.java [ROUNDS]
 * </pre>
 *
 * Prints per round: wall seconds, papers per second, CPU seconds of the process (every thread: the
 * indexing threads, the JIT compiler's, the collector's), of which JIT compiling and GC (as the
 * management beans count them), and CPU milliseconds per paper.
 */
public class RebuildBenchmark {

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    try (Paperboy paperboy = Paperboy.create(Settings.fromEnvironment())) {
      PaperSearch search = paperboy.search().orElseThrow();
      System.out.printf("round\twall s\tpapers/s\tCPU s\tJIT s\tGC s\tCPU ms/paper\tload%n");
      for (int round = 1; round <= rounds; round++) {
        long cpu0 = os.getProcessCpuTime();
        long jit0 = jit.getTotalCompilationTime();
        long gc0 = gcMillis();
        long t0 = System.nanoTime();
        int papers = search.rebuild(n -> {});
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "%d\t%.2f\t%.0f\t%.1f\t%.1f\t%.1f\t%.3f\t%.2f%n",
            round,
            wall,
            papers / wall,
            cpu,
            (jit.getTotalCompilationTime() - jit0) / 1e3,
            (gcMillis() - gc0) / 1e3,
            cpu * 1e3 / papers,
            os.getSystemLoadAverage());
      }
    }
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }
}
