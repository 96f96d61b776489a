package org.paperboy.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperboy.paper.Json;
import org.paperboy.store.ChangeCounters;
import org.paperboy.store.Database;

/**
 * Everything people made on an instance, as JSON Lines, and back: accounts, votes, comments and
 * their reports, collections, "not for me" marks, interests, follows, mutes and list settings,
 * subscriptions with their history, and the curators' work on the daily lists (pins, hides, order,
 * submissions). One file per kind ({@code users.jsonl}, …) and a {@code manifest.json} with the
 * counts. Papers are not in it: they come from their sources, so import those into the other
 * instance first.
 *
 * <p>Importing merges: a row already there is kept; an account or subscription whose address the
 * other instance already has is joined to that one (its votes, comments and collections follow); a
 * row about a paper the other catalog lacks is skipped and counted.
 */
public final class CommunityExport {

  /** One kind of row: its file, the query that exports it, and the columns that name a paper. */
  private record Kind(String table, String file, String where, boolean paperRow) {}

  /** In the order they are imported: accounts before what they made. */
  private static final List<Kind> KINDS =
      List.of(
          new Kind("users", "users", "", false),
          new Kind("collections", "collections", "", false),
          new Kind("collection_papers", "collection_papers", "", true),
          new Kind("votes", "votes", "", true),
          new Kind("comments", "comments", "", true),
          new Kind("comment_reports", "comment_reports", "", false),
          new Kind("unwanted_papers", "unwanted_papers", "", true),
          new Kind("reader_interests", "reader_interests", "", false),
          new Kind("follows", "follows", "", false),
          new Kind("mutes", "mutes", "", false),
          new Kind("reader_settings", "reader_settings", "", false),
          new Kind("subscriptions", "subscriptions", "", false),
          new Kind("subscription_events", "subscription_events", "", false),
          new Kind(
              "daily_entries",
              "curation",
              " WHERE pinned OR hidden OR curated_position IS NOT NULL OR submitted_by IS NOT NULL",
              true));

  /** The columns that hold an account id, by table. */
  private static final Map<String, String> USER_COLUMN =
      Map.ofEntries(
          Map.entry("collections", "user_id"),
          Map.entry("votes", "user_id"),
          Map.entry("comments", "user_id"),
          Map.entry("comment_reports", "user_id"),
          Map.entry("unwanted_papers", "user_id"),
          Map.entry("reader_interests", "user_id"),
          Map.entry("follows", "user_id"),
          Map.entry("mutes", "user_id"),
          Map.entry("reader_settings", "user_id"),
          Map.entry("subscriptions", "user_id"),
          Map.entry("daily_entries", "submitted_by"));

  /**
   * Rows that belong to another imported row: skipped when that one was (its paper is not here).
   */
  private static final Map<String, String[]> PARENT =
      Map.of(
          "comment_reports", new String[] {"comment_id", "comments"},
          "collection_papers", new String[] {"collection_id", "collections"},
          "subscription_events", new String[] {"subscription_id", "subscriptions"});

  /** What an import did per kind. */
  public record Imported(
      Map<String, Integer> added, Map<String, Integer> kept, Map<String, Integer> skipped) {}

  private final Database database;
  private final Clock clock;

  /** Exports from and imports into this database. */
  public CommunityExport(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Writes every kind into {@code dir} (created; must be empty); returns the rows per file. */
  public Map<String, Long> export(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (var existing = Files.list(dir)) {
      if (existing.findAny().isPresent()) {
        throw new IOException(dir + " is not empty; export into a new directory");
      }
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (Kind k : KINDS) {
        long n = 0;
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + k.table() + k.where());
            BufferedWriter w =
                Files.newBufferedWriter(dir.resolve(k.file() + ".jsonl"), StandardCharsets.UTF_8)) {
          Map<String, Integer> types = Tables.columnTypes(c, k.table());
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            ObjectNode row = Json.MAPPER.createObjectNode();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              String col = meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT);
              put(row, col, types.getOrDefault(col, Types.VARCHAR), rs.getObject(i));
            }
            w.write(Json.MAPPER.writeValueAsString(row));
            w.write('\n');
            n++;
          }
        }
        counts.put(k.file(), n);
      }
    } catch (SQLException e) {
      throw new IOException("the export failed: " + e.getMessage(), e);
    }
    ObjectNode manifest = Json.MAPPER.createObjectNode();
    manifest.put("format", "paperboy-community-export");
    manifest.put("version", 1);
    manifest.put("exportedAt", clock.instant().toString());
    manifest.set("rows", Json.MAPPER.valueToTree(counts));
    Files.writeString(
        dir.resolve("manifest.json"),
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
    return counts;
  }

  /**
   * The rows of one kind that belong to one account, as {@link #readerRows} selects them: its own
   * row, what it made, the papers of its collections, its subscriptions (by account or address) and
   * their history; other kinds by their account column.
   */
  private static final Map<String, String> READER_WHERE =
      Map.of(
          "users", " WHERE id = ?",
          "collection_papers",
              " WHERE collection_id IN (SELECT id FROM collections WHERE user_id = ?)",
          "subscription_events",
              " WHERE subscription_id IN (SELECT id FROM subscriptions WHERE user_id = ? OR email"
                  + " = (SELECT email FROM users WHERE id = ?))",
          "daily_entries", " WHERE submitted_by = ?",
          "subscriptions", " WHERE user_id = ? OR email = (SELECT email FROM users WHERE id = ?)");

  /**
   * Columns an account's own export leaves out: secrets (the links' tokens and their hashes, the
   * private feed's nonce) and the embeddings of their words, which are derived.
   */
  private static final Set<String> NOT_FOR_THE_READER =
      Set.of("manage_token", "confirm_hash", "nonce", "token_hash", "topic_vector", "query_vector");

  /**
   * Everything one account owns, as one JSON document for its reader to download: the kinds of
   * {@link #export} (the account, collections and their papers, votes, comments and their reports,
   * "not for me" marks, interests, follows, mutes, list settings, subscriptions and their history,
   * the papers they submitted as {@code curation}) plus their private feed's token row ({@code
   * feed_tokens}, without the secret), each kind a list of rows as {@link #export} writes them,
   * without secrets. {@code null} when there is no such account.
   */
  public ObjectNode readerRows(String userId) throws IOException {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("format", "paperboy-account-export");
    doc.put("version", 1);
    doc.put("exportedAt", clock.instant().toString());
    List<Kind> kinds = new ArrayList<>(KINDS);
    kinds.add(new Kind("feed_tokens", "feed_tokens", "", false));
    try (Connection c = database.dataSource().getConnection()) {
      for (Kind k : kinds) {
        String where =
            READER_WHERE.getOrDefault(
                k.table(), " WHERE " + USER_COLUMN.getOrDefault(k.table(), "user_id") + " = ?");
        Map<String, Integer> types = Tables.columnTypes(c, k.table());
        var rows = doc.putArray(k.file());
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + k.table() + where)) {
          for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
            ps.setString(i, userId);
          }
          try (ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
              ObjectNode row = rows.addObject();
              for (int i = 1; i <= meta.getColumnCount(); i++) {
                String col = meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT);
                if (!NOT_FOR_THE_READER.contains(col)) {
                  put(row, col, types.getOrDefault(col, Types.VARCHAR), rs.getObject(i));
                }
              }
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IOException("the export failed: " + e.getMessage(), e);
    }
    return doc.path("users").isEmpty() ? null : doc;
  }

  /** Reads an export made by {@link #export} into this instance. */
  public Imported importFrom(Path dir) throws IOException {
    Path manifest = dir.resolve("manifest.json");
    if (!Files.exists(manifest)
        || !"paperboy-community-export"
            .equals(Json.MAPPER.readTree(manifest.toFile()).path("format").asText())) {
      throw new IOException(dir + " holds no Paperboy export (manifest.json is missing)");
    }
    Map<String, Integer> added = new LinkedHashMap<>();
    Map<String, Integer> kept = new LinkedHashMap<>();
    Map<String, Integer> skipped = new LinkedHashMap<>();
    Map<String, String> userIds = new HashMap<>();
    Map<String, String> subscriptionIds = new HashMap<>();
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      for (Kind k : KINDS) {
        Path file = dir.resolve(k.file() + ".jsonl");
        if (!Files.exists(file)) {
          continue;
        }
        Map<String, Integer> types = Tables.columnTypes(c, k.table());
        int[] counts = new int[3];
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          String line;
          int lineNo = 0;
          while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
              continue;
            }
            JsonNode row;
            try {
              row = Json.MAPPER.readTree(line);
            } catch (IOException e) {
              throw new IOException(file + " line " + lineNo + " is not JSON: " + e.getMessage());
            }
            Map<String, Object> values = values(row, types.keySet());
            counts[importRow(c, k, values, types, userIds, subscriptionIds)]++;
          }
        }
        c.commit();
        added.put(k.file(), counts[0]);
        kept.put(k.file(), counts[1]);
        skipped.put(k.file(), counts[2]);
      }
    } catch (SQLException e) {
      throw new IOException(
          "the import failed (nothing of the current file was kept): " + e.getMessage(), e);
    }
    // Votes, comments and curated entries came in: cached lists on every node render afresh.
    database
        .jdbi()
        .useTransaction(h -> database.changeCounters().bump(h, ChangeCounters.COMMUNITY));
    return new Imported(added, kept, skipped);
  }

  /**
   * Imports one row; returns 0 added, 1 kept (there already), 2 skipped (its paper is not here).
   */
  private static int importRow(
      Connection c,
      Kind k,
      Map<String, Object> values,
      Map<String, Integer> types,
      Map<String, String> userIds,
      Map<String, String> subscriptionIds)
      throws SQLException {
    String userColumn = USER_COLUMN.get(k.table());
    if (userColumn != null && values.get(userColumn) != null) {
      values.put(
          userColumn,
          userIds.getOrDefault(values.get(userColumn), (String) values.get(userColumn)));
    }
    if (k.table().equals("subscription_events")) {
      Object sub = values.get("subscription_id");
      values.put("subscription_id", subscriptionIds.getOrDefault(sub, (String) sub));
    }
    if (k.paperRow() && !exists(c, "SELECT 1 FROM papers WHERE id = ?", values.get("paper_id"))) {
      return 2;
    }
    String[] parent = PARENT.get(k.table());
    if (parent != null
        && !exists(c, "SELECT 1 FROM " + parent[1] + " WHERE id = ?", values.get(parent[0]))) {
      return 2;
    }
    if (k.table().equals("users") || k.table().equals("subscriptions")) {
      String existing = idByEmail(c, k.table(), (String) values.get("email"));
      Map<String, String> ids = k.table().equals("users") ? userIds : subscriptionIds;
      if (existing != null) {
        ids.put((String) values.get("id"), existing);
        return 1;
      }
      ids.put((String) values.get("id"), (String) values.get("id"));
    }
    List<String> columns = new ArrayList<>(values.keySet());
    String sql =
        "INSERT INTO "
            + k.table()
            + " ("
            + String.join(", ", columns)
            + ") VALUES ("
            + String.join(", ", columns.stream().map(x -> "?").toList())
            + ")";
    if (k.table().equals("daily_entries")) {
      sql +=
          " ON CONFLICT (list_date, paper_id) DO UPDATE SET pinned = excluded.pinned, hidden ="
              + " excluded.hidden, curated_position = excluded.curated_position, submitted_by ="
              + " excluded.submitted_by";
    } else {
      sql += " ON CONFLICT DO NOTHING";
    }
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < columns.size(); i++) {
        Tables.set(p, i + 1, types.get(columns.get(i)), values.get(columns.get(i)));
      }
      return p.executeUpdate() > 0 ? 0 : 1;
    }
  }

  private static Map<String, Object> values(JsonNode row, Set<String> columns) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String col : columns) {
      JsonNode v = row.get(col);
      if (v == null) {
        continue;
      }
      out.put(
          col,
          v.isNull()
              ? null
              : v.isBoolean()
                  ? (Object) v.asBoolean()
                  : v.isNumber() ? v.numberValue() : v.asText());
    }
    return out;
  }

  private static void put(ObjectNode row, String col, int type, Object v) {
    if (v == null) {
      row.putNull(col);
    } else if (type == Types.BOOLEAN || type == Types.BIT) {
      row.put(col, v instanceof Boolean b ? b.booleanValue() : ((Number) v).intValue() != 0);
    } else if (v instanceof Number n) {
      row.put(col, n.longValue());
    } else {
      row.put(col, v.toString());
    }
  }

  private static boolean exists(Connection c, String sql, Object key) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, String.valueOf(key));
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static String idByEmail(Connection c, String table, String email) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT id FROM " + table + " WHERE email = ?")) {
      p.setString(1, email);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
