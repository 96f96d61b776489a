package org.paperboy.backup;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Paperboy's tables as plain JDBC sees them, on either engine: which there are (in an order that
 * satisfies their foreign keys, read from the schema, so a table added by a later migration is
 * included without a list to keep), how many rows each has, and copying rows between two databases
 * with the values converted to the target's column types (SQLite keeps booleans as 0 and 1,
 * PostgreSQL wants {@code BOOLEAN}).
 */
final class Tables {

  /** Flyway's own table: each database keeps its own history. */
  static final String FLYWAY = "flyway_schema_history";

  /** Rows per insert batch and per transaction when copying. */
  static final int BATCH = 1_000;

  private Tables() {}

  /**
   * The application's tables, parents before the tables that reference them, then by name. Flyway's
   * history and the engine's own tables are left out.
   */
  static List<String> ordered(Connection c) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    Set<String> tables = new TreeSet<>();
    try (ResultSet rs = meta.getTables(null, schema(c), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
        if (!name.equals(FLYWAY) && !name.startsWith("sqlite_")) {
          tables.add(name);
        }
      }
    }
    Map<String, Set<String>> parents = new TreeMap<>();
    for (String t : tables) {
      Set<String> ps = new TreeSet<>();
      try (ResultSet rs = meta.getImportedKeys(null, schema(c), t)) {
        while (rs.next()) {
          String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
          if (!parent.equals(t) && tables.contains(parent)) {
            ps.add(parent);
          }
        }
      }
      parents.put(t, ps);
    }
    List<String> out = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    while (placed.size() < tables.size()) {
      boolean progress = false;
      for (String t : tables) {
        if (!placed.contains(t) && placed.containsAll(parents.get(t))) {
          placed.add(t);
          out.add(t);
          progress = true;
        }
      }
      if (!progress) {
        throw new SQLException("the tables' foreign keys form a cycle: " + parents);
      }
    }
    return out;
  }

  /** Row counts of the tables, in the order given. */
  static Map<String, Long> counts(Connection c, List<String> tables) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Statement s = c.createStatement()) {
      for (String t : tables) {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
          rs.next();
          out.put(t, rs.getLong(1));
        }
      }
    }
    return out;
  }

  /**
   * Copies every row of a table from one database to the other (whose table must have the same
   * columns, as both were migrated by the same Flyway scripts); {@code progress} hears the table
   * and the rows copied so far. Returns the rows copied.
   */
  static long copy(Connection from, Connection to, String table, BiConsumer<String, Long> progress)
      throws SQLException {
    Map<String, Integer> types = columnTypes(to, table);
    List<String> columns = new ArrayList<>(types.keySet());
    String insert =
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", columns)
            + ") VALUES ("
            + String.join(", ", columns.stream().map(x -> "?").toList())
            + ")";
    boolean autoCommit = to.getAutoCommit();
    to.setAutoCommit(false);
    long n = 0;
    try (Statement read = from.createStatement();
        ResultSet rs =
            read.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table);
        PreparedStatement write = to.prepareStatement(insert)) {
      while (rs.next()) {
        for (int i = 0; i < columns.size(); i++) {
          set(write, i + 1, types.get(columns.get(i)), rs.getObject(i + 1));
        }
        write.addBatch();
        if (++n % BATCH == 0) {
          write.executeBatch();
          to.commit();
          progress.accept(table, n);
        }
      }
      write.executeBatch();
      to.commit();
      progress.accept(table, n);
    } catch (SQLException e) {
      to.rollback();
      throw e;
    } finally {
      to.setAutoCommit(autoCommit);
    }
    return n;
  }

  /** The table's columns and their JDBC types, in the table's order. */
  static Map<String, Integer> columnTypes(Connection c, String table) throws SQLException {
    Map<String, Integer> out = new LinkedHashMap<>();
    try (ResultSet rs = c.getMetaData().getColumns(null, schema(c), table, "%")) {
      List<Object[]> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(
            new Object[] {
              rs.getInt("ORDINAL_POSITION"),
              rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
              rs.getInt("DATA_TYPE")
            });
      }
      rows.sort((a, b) -> Integer.compare((Integer) a[0], (Integer) b[0]));
      for (Object[] r : rows) {
        out.put((String) r[1], (Integer) r[2]);
      }
    }
    if (out.isEmpty()) {
      throw new SQLException("no table " + table + " in the target database");
    }
    return out;
  }

  /** Binds a value read from one engine as the other engine's column type wants it. */
  static void set(PreparedStatement p, int i, int type, Object v) throws SQLException {
    if (v == null) {
      p.setNull(i, type);
      return;
    }
    switch (type) {
      case Types.BOOLEAN, Types.BIT -> p.setBoolean(i, bool(v));
      case Types.BIGINT -> p.setLong(i, ((Number) number(v)).longValue());
      case Types.INTEGER, Types.SMALLINT, Types.TINYINT ->
          p.setInt(i, ((Number) number(v)).intValue());
      case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL ->
          p.setDouble(i, ((Number) number(v)).doubleValue());
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
          p.setBytes(i, (byte[]) v);
      default -> p.setString(i, v instanceof byte[] b ? new String(b) : v.toString());
    }
  }

  private static boolean bool(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.intValue() != 0;
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    return s.equals("1") || s.equals("true") || s.equals("t");
  }

  private static Object number(Object v) {
    if (v instanceof Number) {
      return v;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    String s = v.toString().trim();
    return s.contains(".") ? (Object) Double.parseDouble(s) : (Object) Long.parseLong(s);
  }

  /** PostgreSQL's tables live in the connection's schema; SQLite has none. */
  private static String schema(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")
        ? c.getSchema()
        : null;
  }
}
