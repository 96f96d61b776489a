package org.paperboy.web;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import org.paperboy.community.Accounts;
import org.paperboy.community.Comments;
import org.paperboy.community.Curation;
import org.paperboy.community.Moderation;
import org.paperboy.community.PaperCollections;
import org.paperboy.community.PaperLookup;
import org.paperboy.community.RateLimiter;
import org.paperboy.community.Sessions;
import org.paperboy.community.SignIn;
import org.paperboy.community.Submissions;
import org.paperboy.community.Votes;
import org.paperboy.config.Settings;
import org.paperboy.digest.DigestOptions;
import org.paperboy.digest.Digests;
import org.paperboy.mail.Mailer;
import org.paperboy.paper.Catalog;
import org.paperboy.search.PaperSearch;
import org.paperboy.store.Database;

/**
 * The community services the web app serves: accounts and sign-in, votes, submissions, curation,
 * comments, collections and moderation. {@code serve} and the tests build it with {@link #create}.
 *
 * @param accounts the accounts
 * @param signIn magic-link sign-in
 * @param sessions the signed-in sessions
 * @param votes upvotes
 * @param submissions submissions to today's list
 * @param curation curators' control of the daily lists
 * @param comments comments on papers
 * @param collections readers' collections and "not for me" marks
 * @param moderation the moderation queries and actions
 * @param digests subscriptions and the digest outbox
 */
public record Community(
    Accounts accounts,
    SignIn signIn,
    Sessions sessions,
    Votes votes,
    Submissions submissions,
    Curation curation,
    Comments comments,
    PaperCollections collections,
    Moderation moderation,
    Digests digests) {

  /**
   * The services on one database: sign-in links are mailed through {@code mailer} and point at the
   * settings' base URL; submissions of papers not in the catalog are looked up with {@code lookup}.
   */
  public static Community create(
      Database database,
      Catalog catalog,
      Mailer mailer,
      PaperLookup lookup,
      Settings settings,
      Clock clock) {
    return create(database, catalog, null, mailer, lookup, settings, clock);
  }

  /**
   * As {@link #create(Database, Catalog, Mailer, PaperLookup, Settings, Clock)}, with the search
   * index whose vectors pick digest papers for each subscriber's topics (null for none: picks then
   * match topic words).
   */
  public static Community create(
      Database database,
      Catalog catalog,
      PaperSearch search,
      Mailer mailer,
      PaperLookup lookup,
      Settings settings,
      Clock clock) {
    Accounts accounts = new Accounts(database, clock);
    Sessions sessions = new Sessions(database, clock);
    Votes votes = new Votes(database, clock);
    return new Community(
        accounts,
        new SignIn(database, accounts, sessions, mailer, settings.baseUrl(), clock),
        sessions,
        votes,
        new Submissions(database, catalog, lookup, settings.submitMaxAgeDays(), clock),
        new Curation(database, catalog),
        new Comments(database, clock),
        new PaperCollections(database, catalog, clock),
        new Moderation(database, clock),
        digests(database, catalog, search, mailer, votes, settings, clock));
  }

  /**
   * The digest service as {@code serve} runs it, for commands that need it alone ({@code digest
   * send}).
   */
  public static Digests digests(
      Database database,
      Catalog catalog,
      PaperSearch search,
      Mailer mailer,
      Settings settings,
      Clock clock) {
    return digests(database, catalog, search, mailer, new Votes(database, clock), settings, clock);
  }

  private static Digests digests(
      Database database,
      Catalog catalog,
      PaperSearch search,
      Mailer mailer,
      Votes votes,
      Settings settings,
      Clock clock) {
    return Digests.create(
        database.jdbi(),
        catalog,
        search,
        mailer,
        votes,
        new RateLimiter(database, clock),
        digestOptions(settings),
        clock);
  }

  /** The digest's options from the settings. */
  public static DigestOptions digestOptions(Settings settings) {
    Settings.Digest d = settings.digest();
    return new DigestOptions(
        settings.baseUrl(),
        d.time(),
        d.zone(),
        d.weeklyDay(),
        d.ratePerSecond(),
        d.unsubscribeMailto() != null ? d.unsubscribeMailto() : address(settings.mailFrom()),
        d.connections(),
        DigestOptions.FIRST_BACKOFF);
  }

  /** The bare address of {@code Name <address>}. */
  private static String address(String from) {
    try {
      return new InternetAddress(from, true).getAddress();
    } catch (AddressException e) {
      throw new IllegalArgumentException("PAPERBOY_MAIL_FROM is not a mail address: " + from, e);
    }
  }
}
