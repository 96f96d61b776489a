package org.paperboy.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting Paperboy reads, typed, with its default. Values come from {@code PAPERBOY_*}
 * environment variables; a properties file named by {@code PAPERBOY_CONFIG} may supply the same
 * keys, and the environment wins over the file.
 *
 * @param dataDir the data directory holding the SQLite file, the index, the outbox and logs
 * @param port the HTTP port
 * @param dbUrl a JDBC URL, or null for SQLite under the data directory
 * @param dbUser the database user, when the URL does not carry one
 * @param dbPassword the database password, when the URL does not carry one
 * @param baseUrl the public URL used in emails and feeds
 * @param oaiBaseUrl the arXiv OAI-PMH endpoint the harvester talks to
 * @param arxivApiUrl the arXiv API query endpoint {@code fetch} talks to
 * @param harvestSets the OAI-PMH sets to harvest
 * @param harvestDelay the pause between two requests to arXiv
 * @param demoData whether an empty database is filled with the bundled demo set on first start
 * @param tagline the line under the site's name on every page
 * @param smtp the SMTP relay mail goes through; mail is written to the outbox folder when it has no
 *     host
 * @param mailFrom the {@code From} address of every mail Paperboy sends
 * @param submitMaxAgeDays how many days after its first publication a paper may still be submitted
 *     to a daily list (Hugging Face's rule is 14)
 * @param digest when and how fast digests go out
 * @param dkim the DKIM key mail is signed with, if any
 * @param operations what running in production needs: proxies, metrics, shutdown, free space
 * @param jobs what the scheduled jobs inside {@code serve} follow and when
 * @param embeddingModel the sentence model of semantic search and its word-piece limit, as {@code
 *     bge-small-en-v1.5-q/256}; changing it embeds the catalog again in the background
 */
public record Settings(
    Path dataDir,
    int port,
    String dbUrl,
    String dbUser,
    String dbPassword,
    URI baseUrl,
    URI oaiBaseUrl,
    URI arxivApiUrl,
    List<String> harvestSets,
    Duration harvestDelay,
    boolean demoData,
    String tagline,
    Smtp smtp,
    String mailFrom,
    int submitMaxAgeDays,
    Digest digest,
    Dkim dkim,
    Operations operations,
    Jobs jobs,
    String embeddingModel) {

  /** The tagline of a site that did not choose one: what the site is, naming no one. */
  public static final String DEFAULT_TAGLINE = "Daily papers by the research community";

  /** Every setting with its description and default, in the order the README lists them. */
  public static final List<Setting> ALL =
      List.of(
          new Setting("PAPERBOY_DATA", "./data", "data directory (SQLite file, index, outbox)"),
          new Setting("PAPERBOY_PORT", "8080", "HTTP port of `serve`"),
          new Setting("PAPERBOY_DB_URL", "", "JDBC URL; SQLite under the data dir when unset"),
          new Setting("PAPERBOY_DB_USER", "", "database user when the URL has none"),
          new Setting("PAPERBOY_DB_PASSWORD", "", "database password when the URL has none"),
          new Setting(
              "PAPERBOY_DB_POOL_SIZE",
              "8",
              "most PostgreSQL connections a node opens, on demand (SQLite: 4)"),
          new Setting(
              "PAPERBOY_BASE_URL",
              "",
              "public URL for mails/feeds; http://localhost:<port> if unset"),
          new Setting("PAPERBOY_OAI_URL", "https://oaipmh.arxiv.org/oai", "arXiv OAI-PMH endpoint"),
          new Setting(
              "PAPERBOY_ARXIV_API_URL", "https://export.arxiv.org/api/query", "arXiv API endpoint"),
          new Setting("PAPERBOY_HARVEST_SETS", "cs", "comma-separated OAI-PMH sets to harvest"),
          new Setting("PAPERBOY_HARVEST_DELAY", "3s", "pause between requests to arXiv"),
          new Setting(
              "PAPERBOY_ARXIV_LOOKUP_TIMEOUT",
              "10s",
              "longest a submission's arXiv lookup waits for an answer (then it is retried later)"),
          new Setting("PAPERBOY_HF_URL", "https://huggingface.co", "Hugging Face to follow"),
          new Setting("PAPERBOY_HF_FOLLOW", "true", "follow Hugging Face's daily lists in serve"),
          new Setting("PAPERBOY_HF_INTERVAL", "30m", "how often serve polls Hugging Face"),
          new Setting("PAPERBOY_HARVEST", "true", "harvest arXiv daily in serve"),
          new Setting("PAPERBOY_HARVEST_AT", "01:30", "UTC time of the daily arXiv harvest"),
          new Setting(
              "PAPERBOY_DAILY_LIST",
              "huggingface",
              "daily lists: huggingface (followed), arxiv (each announcement of the harvested sets)"
                  + " or curated (submissions only)"),
          new Setting("PAPERBOY_DEMO_DATA", "true", "load the bundled demo set into an empty db"),
          new Setting(
              "PAPERBOY_TAGLINE", DEFAULT_TAGLINE, "the line under the site's name on every page"),
          new Setting("PAPERBOY_SMTP_HOST", "", "SMTP relay; mail goes to the outbox when unset"),
          new Setting("PAPERBOY_SMTP_PORT", "587", "SMTP port"),
          new Setting("PAPERBOY_SMTP_USER", "", "SMTP user; no authentication when unset"),
          new Setting("PAPERBOY_SMTP_PASSWORD", "", "SMTP password"),
          new Setting("PAPERBOY_SMTP_STARTTLS", "true", "require STARTTLS before authenticating"),
          new Setting(
              "PAPERBOY_MAIL_FROM", "Paperboy <paperboy@localhost>", "From address of every mail"),
          new Setting(
              "PAPERBOY_SUBMIT_MAX_AGE_DAYS",
              "14",
              "days after publication a paper may be submitted to a list"),
          new Setting("PAPERBOY_DIGEST_TIME", "07:00", "time of day digests go out"),
          new Setting("PAPERBOY_DIGEST_ZONE", "UTC", "time zone of the digest time and days"),
          new Setting("PAPERBOY_DIGEST_WEEKLY_DAY", "MONDAY", "day the weekly digest goes out"),
          new Setting("PAPERBOY_DIGEST_RATE", "20", "digest mails per second; 0 for no limit"),
          new Setting("PAPERBOY_DIGEST_CONNECTIONS", "2", "SMTP connections digests go out on"),
          new Setting(
              "PAPERBOY_DIGEST_RETENTION",
              "90d",
              "how long digest outbox rows and delivery attempts are kept"),
          new Setting(
              "PAPERBOY_UNSUBSCRIBE_MAILTO",
              "",
              "address in List-Unsubscribe's mailto; the From address when unset"),
          new Setting("PAPERBOY_DKIM_KEY", "", "PKCS#8 PEM private key; mail is DKIM-signed"),
          new Setting("PAPERBOY_DKIM_SELECTOR", "paperboy", "DKIM selector (s=)"),
          new Setting("PAPERBOY_DKIM_DOMAIN", "", "DKIM domain (d=); the From domain when unset"),
          new Setting(
              "PAPERBOY_TRUSTED_PROXIES",
              "",
              "proxy addresses/CIDRs whose X-Forwarded-For/Forwarded are believed"),
          new Setting(
              "PAPERBOY_ACCOUNTS_PER_CLIENT",
              "10",
              "accounts' worth of votes, comments... one client address may write; 0: no limit"),
          new Setting("PAPERBOY_METRICS", "true", "serve Prometheus metrics at /metrics"),
          new Setting("PAPERBOY_METRICS_TOKEN", "", "bearer token /metrics asks for, if set"),
          new Setting(
              "PAPERBOY_INDEX_COPY",
              "true",
              "an empty search index is copied from another node instead of built"),
          new Setting(
              "PAPERBOY_NODE_HOST",
              "",
              "host name other nodes reach this one at; the machine's name when unset"),
          new Setting("PAPERBOY_LOG_FORMAT", "text", "log lines as text or json (one per line)"),
          new Setting("PAPERBOY_SHUTDOWN_TIMEOUT", "20s", "longest `serve` takes to stop"),
          new Setting(
              "PAPERBOY_MIN_FREE_SPACE", "500MB", "free space under which /health/ready fails"),
          new Setting(
              "PAPERBOY_EMBEDDING_MODEL",
              "all-MiniLM-L6-v2-q/128",
              "sentence model/word pieces of semantic search (all-MiniLM-L6-v2-q,"
                  + " bge-small-en-v1.5-q, e5-small-v2-q; 16 to 512); a change re-embeds in the"
                  + " background"),
          new Setting("PAPERBOY_CONFIG", "", "optional properties file with the same keys"),
          new Setting("PAPERBOY_JAVA_OPTS", "", "JVM options the ./paperboy launcher passes"),
          new Setting(
              "PAPERBOY_JAVA",
              "",
              "java binary the ./paperboy launcher runs; the newest Java 21+ installed, else java"),
          new Setting(
              "PAPERBOY_AOT",
              "true",
              "the ./paperboy launcher starts commands other than serve from an AOT cache (Java"
                  + " 25+)"));

  /** One documented setting. */
  public record Setting(String name, String defaultValue, String description) {}

  /**
   * The SMTP relay.
   *
   * @param host the relay's host name, or null to write mail to the outbox folder instead
   * @param port the relay's port (587 for submission with STARTTLS)
   * @param user the user to authenticate as, or null for no authentication
   * @param password the password, or null
   * @param startTls whether the connection must be upgraded with STARTTLS before anything is sent
   */
  public record Smtp(String host, int port, String user, String password, boolean startTls) {

    /** Whether a relay is configured. */
    public boolean configured() {
      return host != null;
    }

    @Override
    public String toString() {
      return "Smtp[host="
          + host
          + ", port="
          + port
          + ", user="
          + user
          + ", startTls="
          + startTls
          + "]";
    }
  }

  /**
   * When and how fast digests go out.
   *
   * @param time the time of day (in {@code zone}) daily digests go out on weekdays, and the weekly
   *     one on {@code weeklyDay}
   * @param zone the time zone of {@code time} and of the days
   * @param weeklyDay the day the weekly digest goes out
   * @param ratePerSecond the most digest mails sent per second, or 0 for no limit
   * @param unsubscribeMailto the address of the {@code mailto:} in {@code List-Unsubscribe}, or
   *     null for the From address
   * @param connections how many SMTP connections send digests at once
   * @param retention how long outbox rows, delivery attempts and planned periods are kept (papers
   *     sent stay at least as long as "never the same paper twice" looks back)
   */
  public record Digest(
      LocalTime time,
      ZoneId zone,
      DayOfWeek weeklyDay,
      double ratePerSecond,
      String unsubscribeMailto,
      int connections,
      Duration retention) {}

  /**
   * The DKIM key outgoing mail is signed with.
   *
   * @param keyFile a PKCS#8 PEM file with the RSA private key, or null to send unsigned mail
   * @param selector the selector ({@code s=}) under which the public key is published in DNS
   * @param domain the signing domain ({@code d=}), or null for the domain of the From address
   */
  public record Dkim(Path keyFile, String selector, String domain) {

    /** Whether mail is signed. */
    public boolean configured() {
      return keyFile != null;
    }
  }

  /**
   * What running in production needs.
   *
   * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code Forwarded} and
   *     {@code X-Forwarded-*} headers give the client's address and scheme; empty to believe none
   * @param accountsPerClient how many accounts' allowance of each kind of write (votes, comments,
   *     collections, reports, submissions) one client address has, all its accounts together; 0 for
   *     no per-client limit
   * @param metrics whether {@code /metrics} serves Prometheus metrics (and requests are timed)
   * @param metricsToken the bearer token {@code /metrics} asks for, or null to ask none
   * @param logFormat {@code text} or {@code json} (read by logback.xml from the environment)
   * @param shutdownTimeout the longest {@code serve} takes to stop once asked (SIGTERM)
   * @param minFreeBytes the free space in the data directory under which it is not ready
   * @param dbPoolSize the most PostgreSQL connections this node opens (opened on demand)
   * @param indexCopy whether a node with an empty search index copies another node's, and serves
   *     copies of its own to the nodes of the cluster
   * @param nodeHost the host name or address other nodes reach this one at, or null for the
   *     machine's name
   */
  public record Operations(
      List<String> trustedProxies,
      int accountsPerClient,
      boolean metrics,
      String metricsToken,
      String logFormat,
      Duration shutdownTimeout,
      long minFreeBytes,
      int dbPoolSize,
      boolean indexCopy,
      String nodeHost) {

    /** An address or a CIDR range, IPv4 or IPv6, as literals: no host names (no DNS at start). */
    private static final java.util.regex.Pattern PROXY =
        java.util.regex.Pattern.compile("(?:[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)(?:/\\d{1,3})?");

    static Operations from(Map<String, String> values) {
      List<String> proxies = new java.util.ArrayList<>();
      for (String p : values.get("PAPERBOY_TRUSTED_PROXIES").split("\\s*,\\s*")) {
        String proxy = p.trim();
        if (proxy.isEmpty()) {
          continue;
        }
        if (!PROXY.matcher(proxy).matches()) {
          throw new IllegalArgumentException(
              "PAPERBOY_TRUSTED_PROXIES must list IP addresses or CIDR ranges such as 10.0.0.0/8,"
                  + " not '"
                  + proxy
                  + "'");
        }
        proxies.add(proxy);
      }
      String format = values.get("PAPERBOY_LOG_FORMAT").trim().toLowerCase(Locale.ROOT);
      if (!format.equals("text") && !format.equals("json")) {
        throw new IllegalArgumentException(
            "PAPERBOY_LOG_FORMAT must be text or json, not '" + format + "'");
      }
      return new Operations(
          List.copyOf(proxies),
          parseInt(
              "PAPERBOY_ACCOUNTS_PER_CLIENT",
              values,
              0,
              100_000,
              "a number of accounts from 0 (no per-client limit) to 100000"),
          Boolean.parseBoolean(values.get("PAPERBOY_METRICS").trim()),
          blankToNull(values.get("PAPERBOY_METRICS_TOKEN")),
          format,
          parseDuration("PAPERBOY_SHUTDOWN_TIMEOUT", values.get("PAPERBOY_SHUTDOWN_TIMEOUT")),
          parseBytes("PAPERBOY_MIN_FREE_SPACE", values.get("PAPERBOY_MIN_FREE_SPACE")),
          parseInt(
              "PAPERBOY_DB_POOL_SIZE", values, 1, 1000, "a number of connections from 1 to 1000"),
          Boolean.parseBoolean(values.get("PAPERBOY_INDEX_COPY").trim()),
          blankToNull(values.get("PAPERBOY_NODE_HOST")));
    }

    @Override
    public String toString() {
      return "Operations[trustedProxies="
          + trustedProxies
          + ", accountsPerClient="
          + accountsPerClient
          + ", metrics="
          + metrics
          + ", metricsToken="
          + (metricsToken == null ? "none" : "(set)")
          + ", logFormat="
          + logFormat
          + ", shutdownTimeout="
          + shutdownTimeout
          + ", minFreeBytes="
          + minFreeBytes
          + ", dbPoolSize="
          + dbPoolSize
          + ", indexCopy="
          + indexCopy
          + ", nodeHost="
          + nodeHost
          + "]";
    }
  }

  /**
   * Whether a variable is one Kubernetes injects for a Service named {@code paperboy} ({@code
   * PAPERBOY_PORT=tcp://10.0.0.11:80}, {@code PAPERBOY_PORT_80_TCP_ADDR}, {@code
   * PAPERBOY_SERVICE_HOST}, ...): ignored, so the default port applies.
   */
  private static boolean injectedByKubernetes(String name, String value) {
    return (name.equals("PAPERBOY_PORT") && value.startsWith("tcp://"))
        || name.matches("PAPERBOY_PORT_\\d+_(TCP|UDP|SCTP)(_(ADDR|PORT|PROTO))?")
        || name.matches("PAPERBOY_SERVICE_(HOST|PORT)(_[A-Z0-9_]+)?");
  }

  /** The settings without their secrets: passwords and tokens, also inside the database URL. */
  @Override
  public String toString() {
    return "Settings[dataDir="
        + dataDir
        + ", port="
        + port
        + ", dbUrl="
        + (dbUrl == null ? null : dbUrl.replaceAll("(?i)(password=)[^&;]*", "$1(hidden)"))
        + ", dbUser="
        + dbUser
        + ", dbPassword="
        + (dbPassword == null ? "none" : "(hidden)")
        + ", baseUrl="
        + baseUrl
        + ", oaiBaseUrl="
        + oaiBaseUrl
        + ", arxivApiUrl="
        + arxivApiUrl
        + ", harvestSets="
        + harvestSets
        + ", harvestDelay="
        + harvestDelay
        + ", demoData="
        + demoData
        + ", smtp="
        + smtp
        + ", mailFrom="
        + mailFrom
        + ", submitMaxAgeDays="
        + submitMaxAgeDays
        + ", digest="
        + digest
        + ", dkim="
        + dkim
        + ", operations="
        + operations
        + ", jobs="
        + jobs
        + "]";
  }

  /** Parses {@code 500MB}, {@code 2GB}, {@code 64KB} or a number of bytes. */
  static long parseBytes(String name, String value) {
    String v = value.trim().toUpperCase(Locale.ROOT);
    long unit = 1;
    for (String[] u : new String[][] {{"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}}) {
      if (v.endsWith(u[0])) {
        unit = Long.parseLong(u[1]);
        v = v.substring(0, v.length() - 2).trim();
        break;
      }
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n * unit;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a size like 500MB or 2GB, not '" + value + "'");
    }
  }

  /**
   * What makes a day's list: Hugging Face's (followed), arXiv's announcements of the harvested
   * sets, or submissions only.
   */
  public enum DailyList {
    HUGGINGFACE,
    ARXIV,
    CURATED
  }

  /**
   * Whether a category belongs to the harvested sets: set {@code cs} covers {@code cs.*}, {@code
   * math} covers {@code math} and {@code math.*}, {@code physics:hep-th} covers {@code hep-th}. A
   * paper listed from a harvest whose primary category is not covered is a cross-list there.
   */
  public boolean harvests(String category) {
    if (category == null) {
      return false;
    }
    for (String set : harvestSets) {
      String archive = set.substring(set.lastIndexOf(':') + 1);
      if (category.equals(archive) || category.startsWith(archive + ".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The scheduled jobs' settings.
   *
   * @param hfUrl the Hugging Face instance whose daily papers are followed
   * @param hfFollow whether {@code serve} follows it (only when the daily list is Hugging Face's)
   * @param hfInterval how often it is polled
   * @param harvest whether {@code serve} harvests arXiv once a day
   * @param harvestAt the UTC time of day of that harvest (after arXiv's 20:00 US Eastern
   *     announcement)
   * @param dailyList what makes a day's list
   * @param arxivLookupTimeout how long a submission's arXiv lookup waits for an answer
   */
  public record Jobs(
      URI hfUrl,
      boolean hfFollow,
      Duration hfInterval,
      boolean harvest,
      LocalTime harvestAt,
      DailyList dailyList,
      Duration arxivLookupTimeout) {

    /** Whether the Hugging Face follower runs. */
    public boolean followsHf() {
      return hfFollow && dailyList == DailyList.HUGGINGFACE;
    }
  }

  /** Reads the settings of this process. */
  public static Settings fromEnvironment() {
    return from(System.getenv());
  }

  /** Reads settings from the given variables, falling back to the file they name, then defaults. */
  public static Settings from(Map<String, String> env) {
    Map<String, String> values = new HashMap<>();
    for (Setting s : ALL) {
      values.put(s.name(), s.defaultValue());
    }
    String file = env.get("PAPERBOY_CONFIG");
    if (file != null && !file.isBlank()) {
      values.putAll(readFile(Path.of(file)));
    }
    env.forEach(
        (k, v) -> {
          if (k.startsWith("PAPERBOY_") && !injectedByKubernetes(k, v)) {
            values.put(k, v);
          }
        });
    for (String key : values.keySet()) {
      if (ALL.stream().noneMatch(s -> s.name().equals(key))) {
        throw new IllegalArgumentException("unknown setting " + key);
      }
    }
    int port = parsePort("PAPERBOY_PORT", values);
    if (values.get("PAPERBOY_BASE_URL").isBlank()) {
      values.put("PAPERBOY_BASE_URL", "http://localhost:" + port);
    }
    return new Settings(
        Path.of(values.get("PAPERBOY_DATA")),
        port,
        blankToNull(values.get("PAPERBOY_DB_URL")),
        blankToNull(values.get("PAPERBOY_DB_USER")),
        blankToNull(values.get("PAPERBOY_DB_PASSWORD")),
        uri("PAPERBOY_BASE_URL", values),
        uri("PAPERBOY_OAI_URL", values),
        uri("PAPERBOY_ARXIV_API_URL", values),
        List.of(values.get("PAPERBOY_HARVEST_SETS").split("\\s*,\\s*")),
        parseDuration("PAPERBOY_HARVEST_DELAY", values.get("PAPERBOY_HARVEST_DELAY")),
        Boolean.parseBoolean(values.get("PAPERBOY_DEMO_DATA")),
        values.get("PAPERBOY_TAGLINE").isBlank()
            ? DEFAULT_TAGLINE
            : values.get("PAPERBOY_TAGLINE").strip(),
        new Smtp(
            blankToNull(values.get("PAPERBOY_SMTP_HOST")),
            parsePort("PAPERBOY_SMTP_PORT", values),
            blankToNull(values.get("PAPERBOY_SMTP_USER")),
            blankToNull(values.get("PAPERBOY_SMTP_PASSWORD")),
            Boolean.parseBoolean(values.get("PAPERBOY_SMTP_STARTTLS").trim())),
        values.get("PAPERBOY_MAIL_FROM").trim(),
        parseInt(
            "PAPERBOY_SUBMIT_MAX_AGE_DAYS",
            values,
            0,
            Integer.MAX_VALUE,
            "a number of days (0 or more)"),
        new Digest(
            parseTime("PAPERBOY_DIGEST_TIME", values.get("PAPERBOY_DIGEST_TIME")),
            parseZone("PAPERBOY_DIGEST_ZONE", values.get("PAPERBOY_DIGEST_ZONE")),
            parseDay("PAPERBOY_DIGEST_WEEKLY_DAY", values.get("PAPERBOY_DIGEST_WEEKLY_DAY")),
            parseRate("PAPERBOY_DIGEST_RATE", values.get("PAPERBOY_DIGEST_RATE")),
            blankToNull(values.get("PAPERBOY_UNSUBSCRIBE_MAILTO")),
            parseInt(
                "PAPERBOY_DIGEST_CONNECTIONS",
                values,
                1,
                64,
                "a number of connections from 1 to 64"),
            parseRetention(values.get("PAPERBOY_DIGEST_RETENTION"))),
        new Dkim(
            blankToNull(values.get("PAPERBOY_DKIM_KEY")) == null
                ? null
                : Path.of(values.get("PAPERBOY_DKIM_KEY").trim()),
            values.get("PAPERBOY_DKIM_SELECTOR").trim(),
            blankToNull(values.get("PAPERBOY_DKIM_DOMAIN"))),
        Operations.from(values),
        new Jobs(
            uri("PAPERBOY_HF_URL", values),
            Boolean.parseBoolean(values.get("PAPERBOY_HF_FOLLOW").trim()),
            parseDuration("PAPERBOY_HF_INTERVAL", values.get("PAPERBOY_HF_INTERVAL")),
            Boolean.parseBoolean(values.get("PAPERBOY_HARVEST").trim()),
            parseTime("PAPERBOY_HARVEST_AT", values.get("PAPERBOY_HARVEST_AT")),
            parseDailyList(values.get("PAPERBOY_DAILY_LIST")),
            parseDuration(
                "PAPERBOY_ARXIV_LOOKUP_TIMEOUT", values.get("PAPERBOY_ARXIV_LOOKUP_TIMEOUT"))),
        values.get("PAPERBOY_EMBEDDING_MODEL").strip());
  }

  /**
   * What {@code serve} warns about at start: mail that would carry an {@code http://} unsubscribe
   * link (RFC 8058's one-click unsubscribe asks for https) or a link to localhost while an SMTP
   * relay sends it to real people.
   */
  public List<String> warnings() {
    List<String> out = new java.util.ArrayList<>();
    if (!smtp.configured()) {
      return out;
    }
    String host = baseUrl.getHost().toLowerCase(Locale.ROOT);
    if (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")) {
      out.add(
          "PAPERBOY_BASE_URL is "
              + baseUrl
              + " while mail goes out through "
              + smtp.host()
              + ": links in sign-in and digest mail will point at localhost. Set"
              + " PAPERBOY_BASE_URL to the site's public address.");
    }
    if (!"https".equals(baseUrl.getScheme())) {
      out.add(
          "PAPERBOY_BASE_URL is "
              + baseUrl
              + ": the unsubscribe link in digest mail (List-Unsubscribe-Post, RFC 8058) will be"
              + " http://, which mail providers may ignore. Serve the site over https behind a"
              + " proxy and set PAPERBOY_BASE_URL to https://....");
    }
    return out;
  }

  /** The Lucene index directory. */
  public Path indexDir() {
    return dataDir.resolve("index");
  }

  /** The folder where mail is written as {@code .eml} files when no SMTP server is configured. */
  public Path outboxDir() {
    return dataDir.resolve("outbox");
  }

  /** The SQLite database file used when no {@code PAPERBOY_DB_URL} is set. */
  public Path sqliteFile() {
    return dataDir.resolve("paperboy.db");
  }

  /**
   * The instance's secret key (subscription links are derived from it): in every backup, and the
   * same on every node that shares a database.
   */
  public Path secretKeyFile() {
    return dataDir.resolve("secret.key");
  }

  /** Returns a copy with another data directory. */
  public Settings withDataDir(Path dir) {
    return new Settings(
        dir,
        port,
        dbUrl,
        dbUser,
        dbPassword,
        baseUrl,
        oaiBaseUrl,
        arxivApiUrl,
        harvestSets,
        harvestDelay,
        demoData,
        tagline,
        smtp,
        mailFrom,
        submitMaxAgeDays,
        digest,
        dkim,
        operations,
        jobs,
        embeddingModel);
  }

  /** Returns a copy with other digest settings. */
  public Settings withDigest(Digest d) {
    return new Settings(
        dataDir,
        port,
        dbUrl,
        dbUser,
        dbPassword,
        baseUrl,
        oaiBaseUrl,
        arxivApiUrl,
        harvestSets,
        harvestDelay,
        demoData,
        tagline,
        smtp,
        mailFrom,
        submitMaxAgeDays,
        d,
        dkim,
        operations,
        jobs,
        embeddingModel);
  }

  private static Map<String, String> readFile(Path file) {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read PAPERBOY_CONFIG file " + file, e);
    }
    Map<String, String> out = new HashMap<>();
    props.forEach((k, v) -> out.put(k.toString().trim(), v.toString().trim()));
    return out;
  }

  private static DailyList parseDailyList(String value) {
    try {
      return DailyList.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "PAPERBOY_DAILY_LIST must be huggingface, arxiv or curated, not '" + value + "'");
    }
  }

  private static LocalTime parseTime(String name, String value) {
    try {
      return LocalTime.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be a time like 07:00, not '" + value + "'");
    }
  }

  private static ZoneId parseZone(String name, String value) {
    try {
      return ZoneId.of(value.trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          name + " must be a time zone like UTC or Europe/Berlin, not '" + value + "'");
    }
  }

  private static DayOfWeek parseDay(String name, String value) {
    try {
      return DayOfWeek.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          name + " must be a day of the week like MONDAY, not '" + value + "'");
    }
  }

  private static int parsePort(String name, Map<String, String> values) {
    return parseInt(name, values, 0, 65535, "a port number");
  }

  /** The setting as a whole number from {@code min} to {@code max}; else an error saying what. */
  private static int parseInt(
      String name, Map<String, String> values, int min, int max, String expected) {
    String value = values.get(name);
    try {
      int n = Integer.parseInt(value.trim());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be " + expected + ", not '" + value + "'");
    }
  }

  private static double parseRate(String name, String value) {
    try {
      double rate = Double.parseDouble(value.trim());
      if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
        throw new NumberFormatException();
      }
      return rate;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a number of mails per second (0 for no limit), not '" + value + "'");
    }
  }

  private static URI uri(String name, Map<String, String> values) {
    String value = values.get(name);
    try {
      URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must be an absolute URL, not '" + value + "'");
    }
  }

  /**
   * The digest retention: at least {@link #MIN_DIGEST_RETENTION}, since a period is due up to a
   * week after it starts and a period whose record was purged could be planned again.
   */
  static Duration parseRetention(String value) {
    Duration d = parseDuration("PAPERBOY_DIGEST_RETENTION", value);
    if (d.compareTo(MIN_DIGEST_RETENTION) < 0) {
      throw new IllegalArgumentException(
          "PAPERBOY_DIGEST_RETENTION must be at least 14d (a weekly period stays due for a week),"
              + " not '"
              + value.trim()
              + "'");
    }
    return d;
  }

  /** The shortest digest retention. */
  public static final Duration MIN_DIGEST_RETENTION = Duration.ofDays(14);

  /**
   * Parses {@code 3s}, {@code 500ms}, {@code 2m}, {@code 6h}, {@code 90d} or a number of seconds.
   */
  static Duration parseDuration(String name, String value) {
    String v = value.trim().toLowerCase();
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      } else if (v.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
      } else if (v.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      } else if (v.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
      } else if (v.endsWith("d")) {
        return Duration.ofDays(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(v));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a duration like 3s or 500ms, not '" + value + "'");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
