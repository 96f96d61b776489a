package org.paperboy.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 16: subscriptions' manage tokens stop being stored in clear. Each {@code manage_token}
 * is replaced by its SHA-256 (hex, as {@code community.Secrets.hash} writes it), which still finds
 * the subscription of a link in a mail sent before, and a {@code manage_hash} column is added for
 * the hash of the token now derived from the id ({@code digest.ManageTokens}; the digest service
 * fills it for these rows on start, as only it holds the key). In Java because SQLite has no
 * SHA-256; it runs in Flyway's transaction, so a failure leaves every row as it was.
 */
final class HashManageTokens extends BaseJavaMigration {

  @Override
  protected void init() {
    // the version and description are given below, not parsed from the class name
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("16");
  }

  @Override
  public String getDescription() {
    return "hash manage tokens";
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE subscriptions ADD COLUMN manage_hash TEXT");
      s.execute("CREATE UNIQUE INDEX subscriptions_manage_hash ON subscriptions (manage_hash)");
    }
    List<String[]> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, manage_token FROM subscriptions")) {
      while (rs.next()) {
        rows.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    try (PreparedStatement u =
        c.prepareStatement("UPDATE subscriptions SET manage_token = ? WHERE id = ?")) {
      for (String[] row : rows) {
        u.setString(1, sha256(row[1]));
        u.setString(2, row[0]);
        u.executeUpdate();
      }
    }
  }

  private static String sha256(String token) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
  }
}
