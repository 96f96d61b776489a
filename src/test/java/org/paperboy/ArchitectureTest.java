package org.paperboy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the "may import" table of ARCHITECTURE.md true. */
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
    MAY_IMPORT.put("search", Set.of("paper"));
    MAY_IMPORT.put("community", Set.of("paper", "store", "mail"));
    MAY_IMPORT.put("trending", Set.of("paper", "community"));
    MAY_IMPORT.put("digest", Set.of("paper", "search", "trending", "community", "mail"));
    MAY_IMPORT.put(
        "web",
        Set.of(
            "config",
            "store",
            "paper",
            "ingest",
            "search",
            "community",
            "trending",
            "digest",
            "mail"));
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
