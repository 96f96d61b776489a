package org.paperboy.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The log format of src/main/resources/logback.xml, text and JSON (issue 13). */
class LogFormatTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void addresses_are_masked_to_their_first_character_and_domain() {
    assertThat(LogMask.mask("sent to ada.lovelace@example.org, bob+x@mail.x.io; done"))
        .isEqualTo("sent to a***@example.org, b***@mail.x.io; done");
    assertThat(LogMask.mask("no address @ all")).isEqualTo("no address @ all");
    assertThat(LogMask.mask(null)).isNull();
  }

  @Test
  void text_lines_carry_a_date_with_its_zone_and_mask_addresses() throws Exception {
    String out =
        logged(
            "text",
            log ->
                log.warn(
                    "Digest to {} failed",
                    "ada@example.org",
                    new IllegalStateException("relay refused ada@example.org")));
    assertThat(out)
        .containsPattern(
            "(?m)^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) WARN  test - Digest to a\\*\\*\\*@example.org failed$")
        .contains("IllegalStateException: relay refused a***@example.org")
        .doesNotContain("ada@");
  }

  @Test
  void json_lines_are_one_object_per_line_with_the_key_values_as_fields() throws Exception {
    String out =
        logged(
            "json",
            log -> {
              log.atInfo()
                  .addKeyValue("route", "/papers/<id>")
                  .addKeyValue("status", 200)
                  .log("GET for {}", "ada@example.org");
              log.error("failed", new IllegalStateException("boom\nsecond line"));
            });
    String[] lines = out.split("\n");
    assertThat(lines).hasSize(2);
    JsonNode first = JSON.readTree(lines[0]);
    assertThat(first.get("time").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*(Z|[+-]\\d{2}:\\d{2})");
    assertThat(first.get("level").asText()).isEqualTo("INFO");
    assertThat(first.get("logger").asText()).isEqualTo("test");
    assertThat(first.get("message").asText()).isEqualTo("GET for a***@example.org");
    assertThat(first.get("route").asText()).isEqualTo("/papers/<id>");
    assertThat(first.get("status").isNumber()).isTrue();
    assertThat(JSON.readTree(lines[1]).get("exception").asText()).contains("boom\nsecond line");
  }

  /** What logback.xml writes to standard error in a format while {@code body} logs. */
  private static String logged(String format, java.util.function.Consumer<Logger> body)
      throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LoggerContext context = new LoggerContext();
    try {
      System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
      context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
      context.putProperty("PAPERBOY_LOG_FORMAT", format);
      JoranConfigurator config = new JoranConfigurator();
      config.setContext(context);
      config.doConfigure(Path.of("src/main/resources/logback.xml").toFile());
      body.accept(context.getLogger("test"));
    } finally {
      context.stop();
      System.setErr(err);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
