package org.paperboy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings an operator meets first: port, base URL, proxies, secrets (issue 13). */
class OperationsSettingsTest {

  @Test
  void base_url_defaults_to_localhost_on_the_configured_port() {
    assertThat(Settings.from(Map.of("PAPERBOY_PORT", "9000")).baseUrl())
        .isEqualTo(URI.create("http://localhost:9000"));
    assertThat(Settings.from(Map.of()).baseUrl()).isEqualTo(URI.create("http://localhost:8080"));
    assertThat(
            Settings.from(
                    Map.of("PAPERBOY_PORT", "9000", "PAPERBOY_BASE_URL", "https://papers.example"))
                .baseUrl())
        .isEqualTo(URI.create("https://papers.example"));
  }

  @Test
  void variables_kubernetes_injects_for_a_service_named_paperboy_are_tolerated() {
    Settings s =
        Settings.from(
            Map.of(
                "PAPERBOY_PORT", "tcp://10.0.0.11:80",
                "PAPERBOY_PORT_80_TCP", "tcp://10.0.0.11:80",
                "PAPERBOY_PORT_80_TCP_ADDR", "10.0.0.11",
                "PAPERBOY_PORT_80_TCP_PORT", "80",
                "PAPERBOY_PORT_80_TCP_PROTO", "tcp",
                "PAPERBOY_SERVICE_HOST", "10.0.0.11",
                "PAPERBOY_SERVICE_PORT", "80",
                "PAPERBOY_SERVICE_PORT_HTTP", "80"));
    assertThat(s.port()).isEqualTo(8080);
    assertThat(s.baseUrl()).isEqualTo(URI.create("http://localhost:8080"));
  }

  @Test
  void a_port_that_is_neither_a_number_nor_kubernetes_says_what_is_expected() {
    assertThatThrownBy(() -> Settings.from(Map.of("PAPERBOY_PORT", "udp:80")))
        .hasMessageContaining("PAPERBOY_PORT must be a port number");
  }

  @Test
  void pool_size_and_digest_retention_have_small_defaults_and_bounds() {
    Settings defaults = Settings.from(Map.of());
    assertThat(defaults.operations().dbPoolSize()).isEqualTo(8);
    assertThat(defaults.digest().retention()).isEqualTo(Duration.ofDays(90));
    Settings set =
        Settings.from(Map.of("PAPERBOY_DB_POOL_SIZE", "3", "PAPERBOY_DIGEST_RETENTION", "30d"));
    assertThat(set.operations().dbPoolSize()).isEqualTo(3);
    assertThat(set.digest().retention()).isEqualTo(Duration.ofDays(30));
    assertThatThrownBy(() -> Settings.from(Map.of("PAPERBOY_DB_POOL_SIZE", "0")))
        .hasMessageContaining("PAPERBOY_DB_POOL_SIZE");
    assertThatThrownBy(() -> Settings.from(Map.of("PAPERBOY_DIGEST_RETENTION", "7d")))
        .hasMessageContaining("at least 14d");
  }

  @Test
  void secrets_never_appear_in_to_string() {
    Settings s =
        Settings.from(
            Map.of(
                "PAPERBOY_DB_URL",
                "jdbc:postgresql://db/paperboy?user=pb&password=urlsecret",
                "PAPERBOY_DB_PASSWORD",
                "dbsecret",
                "PAPERBOY_SMTP_HOST",
                "smtp.example.org",
                "PAPERBOY_SMTP_PASSWORD",
                "smtpsecret",
                "PAPERBOY_METRICS_TOKEN",
                "metricsecret"));
    assertThat(s.toString())
        .doesNotContain("urlsecret", "dbsecret", "smtpsecret", "metricsecret")
        .contains("jdbc:postgresql://db/paperboy", "smtp.example.org");
    assertThat(s.operations().metricsToken()).isEqualTo("metricsecret");
  }

  @Test
  void operations_settings_are_read_with_defaults() {
    Settings.Operations d = Settings.from(Map.of()).operations();
    assertThat(d.trustedProxies()).isEmpty();
    assertThat(d.metrics()).isTrue();
    assertThat(d.metricsToken()).isNull();
    assertThat(d.shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(d.minFreeBytes()).isEqualTo(500L * 1024 * 1024);
    Settings.Operations o =
        Settings.from(
                Map.of(
                    "PAPERBOY_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8,::1",
                    "PAPERBOY_METRICS", "false",
                    "PAPERBOY_SHUTDOWN_TIMEOUT", "5s",
                    "PAPERBOY_MIN_FREE_SPACE", "2GB",
                    "PAPERBOY_LOG_FORMAT", "json"))
            .operations();
    assertThat(o.trustedProxies()).isEqualTo(List.of("127.0.0.1", "10.0.0.0/8", "::1"));
    assertThat(o.metrics()).isFalse();
    assertThat(o.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.minFreeBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
  }

  @Test
  void bad_operations_values_say_what_is_expected() {
    assertThatThrownBy(() -> Settings.from(Map.of("PAPERBOY_LOG_FORMAT", "xml")))
        .hasMessageContaining("PAPERBOY_LOG_FORMAT must be text or json");
    assertThatThrownBy(() -> Settings.from(Map.of("PAPERBOY_TRUSTED_PROXIES", "proxy.local")))
        .hasMessageContaining("PAPERBOY_TRUSTED_PROXIES");
    assertThatThrownBy(() -> Settings.from(Map.of("PAPERBOY_MIN_FREE_SPACE", "lots")))
        .hasMessageContaining("PAPERBOY_MIN_FREE_SPACE");
  }

  @Test
  void serve_warns_when_mail_would_carry_http_or_localhost_links() {
    assertThat(Settings.from(Map.of()).warnings()).isEmpty();
    assertThat(Settings.from(Map.of("PAPERBOY_SMTP_HOST", "smtp.example.org")).warnings())
        .hasSize(2)
        .anySatisfy(w -> assertThat(w).contains("localhost"))
        .anySatisfy(w -> assertThat(w).contains("RFC 8058"));
    assertThat(
            Settings.from(
                    Map.of(
                        "PAPERBOY_SMTP_HOST",
                        "smtp.example.org",
                        "PAPERBOY_BASE_URL",
                        "https://papers.example.org"))
                .warnings())
        .isEmpty();
  }
}
