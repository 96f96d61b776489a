package org.paperboy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @Test
  void defaults_need_no_configuration() {
    Settings s = Settings.from(Map.of());
    assertThat(s.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(s.sqliteFile()).isEqualTo(Path.of("./data/paperboy.db"));
    assertThat(s.port()).isEqualTo(8080);
    assertThat(s.dbUrl()).isNull();
    assertThat(s.harvestSets()).containsExactly("cs");
    assertThat(s.harvestDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.demoData()).isTrue();
    assertThat(s.smtp().configured()).isFalse();
    assertThat(s.smtp().port()).isEqualTo(587);
    assertThat(s.smtp().startTls()).isTrue();
    assertThat(s.mailFrom()).isEqualTo("Paperboy <paperboy@localhost>");
    assertThat(s.submitMaxAgeDays()).isEqualTo(14);
    // what the site is, naming no one (Hugging Face's says "by AK and the research community")
    assertThat(s.tagline()).isEqualTo("Daily papers by the research community");
    assertThat(Settings.from(Map.of("PAPERBOY_TAGLINE", " Our lab's reading list ")).tagline())
        .isEqualTo("Our lab's reading list");
  }

  @Test
  void smtp_settings_are_read_and_the_password_is_not_printed() {
    Settings s =
        Settings.from(
            Map.of(
                "PAPERBOY_SMTP_HOST", "smtp.example.org",
                "PAPERBOY_SMTP_PORT", "2525",
                "PAPERBOY_SMTP_USER", "paperboy",
                "PAPERBOY_SMTP_PASSWORD", "hunter2",
                "PAPERBOY_SMTP_STARTTLS", "false"));
    assertThat(s.smtp())
        .isEqualTo(new Settings.Smtp("smtp.example.org", 2525, "paperboy", "hunter2", false));
    assertThat(s.smtp().configured()).isTrue();
    assertThat(s.smtp().toString()).doesNotContain("hunter2");
    assertThatThrownBy(() -> Settings.from(Map.of("PAPERBOY_SMTP_PORT", "99999")))
        .hasMessageContaining("PAPERBOY_SMTP_PORT");
    assertThatThrownBy(() -> Settings.from(Map.of("PAPERBOY_SUBMIT_MAX_AGE_DAYS", "-1")))
        .hasMessageContaining("PAPERBOY_SUBMIT_MAX_AGE_DAYS");
  }

  @Test
  void environment_wins_over_the_file(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("paperboy.properties");
    Files.writeString(file, "PAPERBOY_PORT=9000\nPAPERBOY_HARVEST_SETS=cs, math\n");
    Settings s = Settings.from(Map.of("PAPERBOY_CONFIG", file.toString(), "PAPERBOY_PORT", "9100"));
    assertThat(s.port()).isEqualTo(9100);
    assertThat(s.harvestSets()).containsExactly("cs", "math");
  }

  @Test
  void bad_values_are_refused_with_the_setting_named() {
    assertThatThrownBy(() -> Settings.from(Map.of("PAPERBOY_PORT", "eighty")))
        .hasMessageContaining("PAPERBOY_PORT");
    assertThatThrownBy(() -> Settings.from(Map.of("PAPERBOY_BASE_URL", "not a url")))
        .hasMessageContaining("PAPERBOY_BASE_URL");
    assertThatThrownBy(() -> Settings.from(Map.of("PAPERBOY_HARVEST_DELAY", "soon")))
        .hasMessageContaining("PAPERBOY_HARVEST_DELAY");
    assertThatThrownBy(() -> Settings.from(Map.of("PAPERBOY_PROT", "1")))
        .hasMessageContaining("unknown setting PAPERBOY_PROT");
  }

  @Test
  void durations_accept_units() {
    assertThat(Settings.parseDuration("x", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Settings.parseDuration("x", "2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Settings.parseDuration("x", "1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Settings.parseDuration("x", "4")).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void the_readme_lists_every_setting() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    List<String> missing =
        Settings.ALL.stream().map(Settings.Setting::name).filter(n -> !readme.contains(n)).toList();
    assertThat(missing).as("settings missing from README.md").isEmpty();
  }

  @Test
  void job_settings_have_defaults_and_reject_what_they_cannot_use() {
    Settings.Jobs d = Settings.from(Map.of()).jobs();
    assertThat(d.hfUrl()).hasToString("https://huggingface.co");
    assertThat(d.hfInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(d.harvestAt()).isEqualTo(java.time.LocalTime.of(1, 30));
    assertThat(d.harvest()).isTrue();
    assertThat(d.followsHf()).isTrue();
    Settings.Jobs off =
        Settings.from(
                Map.of(
                    "PAPERBOY_DAILY_LIST", "Curated",
                    "PAPERBOY_HARVEST", "false",
                    "PAPERBOY_HF_URL", "http://127.0.0.1:9000/"))
            .jobs();
    assertThat(off.followsHf()).isFalse();
    assertThat(off.harvest()).isFalse();
    assertThat(off.hfUrl()).hasToString("http://127.0.0.1:9000");
    Settings arxiv =
        Settings.from(
            Map.of("PAPERBOY_DAILY_LIST", "arxiv", "PAPERBOY_HARVEST_SETS", "cs, physics:hep-th"));
    assertThat(arxiv.jobs().dailyList()).isEqualTo(Settings.DailyList.ARXIV);
    assertThat(arxiv.jobs().followsHf()).isFalse();
    assertThat(arxiv.harvests("cs.LG")).isTrue();
    assertThat(arxiv.harvests("hep-th")).isTrue();
    assertThat(arxiv.harvests("math.OC")).isFalse();
    assertThat(arxiv.harvests("csx.LG")).isFalse();
    assertThatThrownBy(() -> Settings.from(Map.of("PAPERBOY_DAILY_LIST", "arxive")))
        .hasMessageContaining("PAPERBOY_DAILY_LIST must be huggingface, arxiv or curated");
    assertThatThrownBy(() -> Settings.from(Map.of("PAPERBOY_HARVEST_AT", "late")))
        .hasMessageContaining("PAPERBOY_HARVEST_AT");
  }
}
