package org.paperboy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/ARCHITECTURE.md true: its "may import" table (the same table as below), no cycles
 * between packages, only the composition root and the CLI in the root package, the web framework
 * only in {@code web}, and a package-info per package that states the same table.
 */
class ArchitectureTest {

  /**
   * Each feature package and the Paperboy packages it may import; anything else is a cycle risk.
   */
  static final Map<String, Set<String>> MAY_IMPORT = new LinkedHashMap<>();

  static {
    MAY_IMPORT.put("config", Set.of());
    MAY_IMPORT.put("store", Set.of("config"));
    MAY_IMPORT.put("paper", Set.of("store"));
    MAY_IMPORT.put("ingest", Set.of("paper", "config"));
    MAY_IMPORT.put("mail", Set.of("config"));
    MAY_IMPORT.put("search", Set.of("paper", "ops"));
    MAY_IMPORT.put("community", Set.of("paper", "store", "mail"));
    MAY_IMPORT.put("trending", Set.of("paper"));
    MAY_IMPORT.put("lists", Set.of("paper", "community", "trending"));
    MAY_IMPORT.put("backup", Set.of("config", "store", "paper"));
    MAY_IMPORT.put("foryou", Set.of("community", "paper", "search", "store"));
    MAY_IMPORT.put(
        "digest",
        Set.of("paper", "search", "lists", "trending", "community", "foryou", "mail", "ops"));
    MAY_IMPORT.put("ops", Set.of());
    MAY_IMPORT.put("jobs", Set.of("store", "community", "digest"));
    MAY_IMPORT.put(
        "web",
        Set.of(
            "backup",
            "config",
            "paper",
            "search",
            "community",
            "trending",
            "lists",
            "digest",
            "foryou",
            "mail",
            "ops",
            "jobs"));
  }

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.paperboy");
  }

  @Test
  void each_package_imports_only_what_the_table_allows() {
    for (Map.Entry<String, Set<String>> e : MAY_IMPORT.entrySet()) {
      String pkg = e.getKey();
      String[] forbidden =
          MAY_IMPORT.keySet().stream()
              .filter(other -> !other.equals(pkg) && !e.getValue().contains(other))
              .map(other -> "org.paperboy." + other + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage("org.paperboy." + pkg + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(forbidden)
          .allowEmptyShould(true)
          .because("ARCHITECTURE.md: " + pkg + " may import only " + e.getValue())
          .check(classes);
    }
  }

  @Test
  void packages_are_free_of_cycles() {
    slices().matching("org.paperboy.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void every_package_is_in_the_table_and_the_document() throws IOException {
    Set<String> packages = new TreeSet<>();
    classes.stream()
        .map(c -> c.getPackageName())
        .filter(p -> p.startsWith("org.paperboy."))
        .map(p -> p.substring("org.paperboy.".length()).split("\\.")[0])
        .forEach(packages::add);
    assertThat(packages).isEqualTo(new TreeSet<>(MAY_IMPORT.keySet()));
    String doc = Files.readString(Path.of("docs/ARCHITECTURE.md"));
    for (Map.Entry<String, Set<String>> e : MAY_IMPORT.entrySet()) {
      String allowed =
          e.getValue().isEmpty()
              ? "—"
              : e.getValue().stream()
                  .sorted()
                  .map(p -> "`" + p + "`")
                  .collect(Collectors.joining(", "));
      assertThat(doc)
          .as("docs/ARCHITECTURE.md's row for " + e.getKey())
          .containsPattern(
              "(?m)^\\| `" + e.getKey() + "` \\|[^|\\n]*\\| " + Pattern.quote(allowed) + " \\|$");
    }
  }

  @Test
  void each_package_info_names_what_its_package_may_import() throws IOException {
    for (Map.Entry<String, Set<String>> e : MAY_IMPORT.entrySet()) {
      String info =
          Files.readString(Path.of("src/main/java/org/paperboy", e.getKey(), "package-info.java"))
              .replaceAll("\\s*\\*\\s*", " ");
      Matcher m = MAY_IMPORT_LINE.matcher(info);
      assertThat(m.find()).as(e.getKey() + "/package-info.java says what it may import").isTrue();
      Set<String> named = new TreeSet<>();
      Matcher name =
          Pattern.compile("\\{@code (\\w+)\\}").matcher(m.group(1) == null ? "" : m.group(1));
      while (name.find()) {
        named.add(name.group(1));
      }
      assertThat(named)
          .as(e.getKey() + "/package-info.java")
          .isEqualTo(new TreeSet<>(e.getValue()));
    }
  }

  /** "May import {@code a}, {@code b} and {@code c}." or "Imports no other Paperboy package." */
  private static final Pattern MAY_IMPORT_LINE =
      Pattern.compile("(?:May import ([^.]*)\\.|Imports no other Paperboy package())");

  @Test
  void nothing_but_the_cli_imports_main() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.paperboy")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.paperboy")
        .check(classes);
  }

  @Test
  void only_web_uses_the_web_framework() {
    List<String> features =
        List.of(
            "config",
            "store",
            "paper",
            "ingest",
            "mail",
            "search",
            "community",
            "trending",
            "lists",
            "backup",
            "digest");
    for (String pkg : features) {
      noClasses()
          .that()
          .resideInAPackage("org.paperboy." + pkg + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.javalin..", "gg.jte..", "org.eclipse.jetty..")
          .allowEmptyShould(true)
          .check(classes);
    }
  }
}
