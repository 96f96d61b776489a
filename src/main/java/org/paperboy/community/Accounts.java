package org.paperboy.community;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.mail.EmailAddress;
import org.paperboy.store.Database;

/** The accounts: made on first sign-in or by {@code paperboy user add}, renamed by their owner. */
public final class Accounts {

  /** The longest display name accepted. */
  public static final int MAX_NAME = 50;

  static final String COLUMNS = "id, email, display_name, role, banned, created_at";

  private final Jdbi jdbi;
  private final Clock clock;
  private final Writes writes;

  /** Accounts in the given database, dated by the clock, renamed within the limits of writes. */
  public Accounts(Database database, Writes writes, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.writes = writes;
  }

  /**
   * Makes the account for an address, or changes the role (and the name, when given) of the one
   * that exists. This is what {@code paperboy user add} does, so it checks no actor.
   */
  public User add(String email, String displayName, Role role) {
    String address = normalizeEmail(email);
    String name = displayName == null ? null : Texts.line("Display name", displayName, MAX_NAME);
    return jdbi.inTransaction(
        h -> {
          User user = findOrCreate(h, address, name);
          h.createUpdate(
                  "UPDATE users SET role = :role, display_name = COALESCE(:name, display_name)"
                      + " WHERE id = :id")
              .bind("role", role.name())
              .bind("name", name)
              .bind("id", user.id())
              .execute();
          return byId(h, user.id()).orElseThrow();
        });
  }

  /** The account with this id. */
  public Optional<User> find(String id) {
    return jdbi.withHandle(h -> byId(h, id));
  }

  /** The account with this address; none for text that is not an address. */
  public Optional<User> findByEmail(String email) {
    String address;
    try {
      address = EmailAddress.parse(email);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM users WHERE email = :e")
                .bind("e", address)
                .map((rs, ctx) -> read(rs))
                .findOne());
  }

  /** Changes the actor's own display name. */
  public User rename(User actor, String displayName) {
    writes.check(actor, Writes.Kind.ACCOUNT, "Sign in to change your name");
    String name = Texts.line("Display name", displayName, MAX_NAME);
    jdbi.useHandle(
        h ->
            h.createUpdate("UPDATE users SET display_name = :n WHERE id = :id")
                .bind("n", name)
                .bind("id", actor.id())
                .execute());
    return find(actor.id()).orElseThrow();
  }

  /** The account for an address, made as a reader when there is none; safe when run at once. */
  User findOrCreate(String email) {
    String address = normalizeEmail(email);
    return jdbi.inTransaction(h -> findOrCreate(h, address, null));
  }

  private User findOrCreate(Handle h, String address, String name) {
    h.createUpdate(
            "INSERT INTO users (id, email, display_name, role, banned, created_at) VALUES (:id,"
                + " :email, :name, :role, FALSE, :now) ON CONFLICT (email) DO NOTHING")
        .bind("id", Secrets.id())
        .bind("email", address)
        .bind("name", name != null ? name : defaultName())
        .bind("role", Role.READER.name())
        .bind("now", clock.millis())
        .execute();
    return h.createQuery("SELECT " + COLUMNS + " FROM users WHERE email = :e")
        .bind("e", address)
        .map((rs, ctx) -> read(rs))
        .one();
  }

  /** Every account, newest first. */
  List<User> all() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM users ORDER BY created_at DESC, id")
                .map((rs, ctx) -> read(rs))
                .list());
  }

  /**
   * The canonical form of an address a reader typed, by {@link EmailAddress#parse}, the one rule
   * for sign-in and subscriptions; refused with {@code BAD_INPUT} and a message for the reader.
   */
  public static String normalizeEmail(String email) {
    try {
      return EmailAddress.parse(email);
    } catch (IllegalArgumentException e) {
      throw CommunityException.badInput(e.getMessage());
    }
  }

  // Not derived from the address: a display name is public, the address is not.
  private static String defaultName() {
    return "reader-" + Secrets.id().substring(0, 6);
  }

  static Optional<User> byId(Handle h, String id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> read(rs))
        .findOne();
  }

  /** Reads the {@link #COLUMNS} starting at column {@code first}. */
  static User read(ResultSet rs, int first) throws SQLException {
    return new User(
        rs.getString(first),
        rs.getString(first + 1),
        rs.getString(first + 2),
        Role.valueOf(rs.getString(first + 3)),
        rs.getBoolean(first + 4),
        Instant.ofEpochMilli(rs.getLong(first + 5)),
        null);
  }

  static User read(ResultSet rs) throws SQLException {
    return read(rs, 1);
  }
}
