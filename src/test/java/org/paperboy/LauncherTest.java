package org.paperboy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./paperboy launcher's AOT cache: which commands make it and use it, what it is keyed by. The
 * launcher runs for real, in a copy of the project with a jar and no sources (so it builds
 * nothing), on a recording java that answers the version probe as the given Java and writes the
 * cache it is asked for as a JVM would.
 */
class LauncherTest {

  @TempDir Path dir;
  Path calls;

  @BeforeEach
  void copyTheLauncher() throws IOException {
    Files.copy(Path.of("paperboy"), dir.resolve("paperboy"));
    Files.createDirectories(dir.resolve("target"));
    Files.writeString(dir.resolve("target/paperboy.jar"), "jar 1");
    calls = dir.resolve("calls");
    Path java = dir.resolve("java");
    Files.writeString(
        java,
        """
        #!/bin/sh
        case "$1" in -XshowSettings*)
          echo "    java.home = /jdk$FAKE_VERSION" >&2
          echo "    java.specification.version = $FAKE_VERSION" >&2
          exit 0;;
        esac
        echo "$*" >> "%s"
        for a in "$@"; do
          case "$a" in -XX:AOTCacheOutput=*) echo cache > "${a#-XX:AOTCacheOutput=}";; esac
        done
        exit ${FAKE_STATUS:-0}
        """
            .formatted(calls));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void import_makes_the_cache_and_later_commands_start_from_it() throws Exception {
    assertThat(run(Map.of(), "import", "x.xml")).isZero();
    List<Path> caches = caches();
    assertThat(caches).hasSize(1);
    String cache = "target/" + caches.get(0).getFileName();
    assertThat(lastCall()).contains("-XX:AOTCacheOutput=" + cache + ".").endsWith("import x.xml");

    run(Map.of(), "reindex");
    assertThat(lastCall()).contains("-XX:AOTCache=" + cache + " ").doesNotContain("AOTCacheOutput");
    run(Map.of(), "stats");
    assertThat(lastCall()).contains("-XX:AOTCache=" + cache + " ");
    assertThat(caches()).hasSize(1);
  }

  @Test
  void commands_but_serve_compile_later_unless_the_options_say_otherwise() throws Exception {
    run(Map.of("FAKE_VERSION", "17"), "import", "x.xml");
    assertThat(lastCall()).contains("-XX:CompileThresholdScaling=4 ");
    run(Map.of("FAKE_VERSION", "17"), "serve");
    assertThat(lastCall()).doesNotContain("CompileThresholdScaling");
    run(
        Map.of("FAKE_VERSION", "17", "PAPERBOY_JAVA_OPTS", "-XX:CompileThresholdScaling=1"),
        "reindex");
    assertThat(lastCall())
        .containsSubsequence("-XX:CompileThresholdScaling=4", "-XX:CompileThresholdScaling=1");
  }

  @Test
  void only_import_and_reindex_make_a_cache() throws Exception {
    run(Map.of(), "stats");
    assertThat(lastCall()).doesNotContain("AOT");
    assertThat(caches()).isEmpty();
  }

  @Test
  void serve_java_before_25_and_paperboy_aot_false_run_without_it() throws Exception {
    run(Map.of(), "import", "x.xml");
    run(Map.of(), "serve");
    assertThat(lastCall()).doesNotContain("AOT");
    run(Map.of("PAPERBOY_AOT", "false"), "reindex");
    assertThat(lastCall()).doesNotContain("AOT");
    run(Map.of("FAKE_VERSION", "21"), "reindex");
    assertThat(lastCall()).doesNotContain("AOT");
  }

  @Test
  void another_jar_java_or_options_makes_a_new_cache_in_place_of_the_old() throws Exception {
    run(Map.of(), "import", "x.xml");
    Path first = caches().get(0);

    Files.writeString(dir.resolve("target/paperboy.jar"), "jar 2");
    run(Map.of(), "reindex");
    assertThat(lastCall()).contains("AOTCacheOutput");
    Path second = caches().get(0);
    assertThat(second).isNotEqualTo(first);

    run(Map.of("PAPERBOY_JAVA_OPTS", "-Xmx512m"), "reindex");
    assertThat(lastCall()).contains("AOTCacheOutput");
    run(Map.of("FAKE_VERSION", "26"), "reindex");
    assertThat(lastCall()).contains("AOTCacheOutput");
    assertThat(caches()).hasSize(1).doesNotContain(first, second);
  }

  @Test
  void the_training_run_ends_with_the_commands_exit_status() throws Exception {
    assertThat(run(Map.of("FAKE_STATUS", "3"), "import", "x.xml")).isEqualTo(3);
    assertThat(caches()).hasSize(1);
    try (Stream<Path> files = Files.list(dir.resolve("target"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("paperboy.jar", caches().get(0).getFileName().toString());
    }
  }

  private int run(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(Stream.concat(Stream.of("sh", "./paperboy"), Stream.of(args)).toList());
    pb.directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().remove("PAPERBOY_JAVA_OPTS");
    pb.environment().remove("PAPERBOY_AOT");
    pb.environment().put("PAPERBOY_JAVA", dir.resolve("java").toString());
    pb.environment().put("FAKE_VERSION", "25");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = p.waitFor();
    assertThat(out).as("launcher output").doesNotContain("rror");
    return status;
  }

  private String lastCall() throws IOException {
    List<String> lines = Files.readAllLines(calls);
    return lines.get(lines.size() - 1);
  }

  private List<Path> caches() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("target"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".aot")).sorted().toList();
    }
  }
}
