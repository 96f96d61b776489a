package org.paperboy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.Accounts;
import org.paperboy.community.Role;
import org.paperboy.community.Writes;
import org.paperboy.config.Settings;
import org.paperboy.store.Database;
import picocli.CommandLine;

class UserAddTest {

  @Test
  void user_add_makes_the_first_admin_and_changes_roles(@TempDir Path dir) {
    Settings settings = Settings.from(Map.of()).withDataDir(dir);
    assertThat(run(settings, "--admin", "Root@Example.org", "--name", "Root")).isEqualTo(0);
    assertThat(run(settings, "--curator", "root@example.org")).isEqualTo(0);
    assertThat(run(settings, "not-an-address")).isEqualTo(Main.EXIT_USAGE);
    try (Database db = Database.open(settings)) {
      var user =
          new Accounts(db, new Writes(db, 10, Clock.systemUTC()), Clock.systemUTC())
              .findByEmail("root@example.org")
              .orElseThrow();
      assertThat(user.role()).isEqualTo(Role.CURATOR);
      assertThat(user.displayName()).isEqualTo("Root");
    }
  }

  @Test
  void admin_and_curator_cannot_be_given_together() {
    assertThat(Main.commandLine().execute("user", "add", "--admin", "--curator", "a@b.org"))
        .isNotZero();
  }

  private static int run(Settings settings, String... args) {
    Main.UserAdd cmd = new Main.UserAdd();
    new CommandLine(cmd).parseArgs(args);
    return cmd.add(settings);
  }
}
