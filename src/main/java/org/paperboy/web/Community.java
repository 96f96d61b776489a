package org.paperboy.web;

import java.time.Clock;
import org.paperboy.community.Accounts;
import org.paperboy.community.Comments;
import org.paperboy.community.Curation;
import org.paperboy.community.Moderation;
import org.paperboy.community.PaperCollections;
import org.paperboy.community.PaperLookup;
import org.paperboy.community.Sessions;
import org.paperboy.community.SignIn;
import org.paperboy.community.Submissions;
import org.paperboy.community.Votes;
import org.paperboy.config.Settings;
import org.paperboy.mail.Mailer;
import org.paperboy.paper.Catalog;
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
    Moderation moderation) {

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
    Accounts accounts = new Accounts(database, clock);
    Sessions sessions = new Sessions(database, clock);
    return new Community(
        accounts,
        new SignIn(database, accounts, sessions, mailer, settings.baseUrl(), clock),
        sessions,
        new Votes(database, clock),
        new Submissions(database, catalog, lookup, settings.submitMaxAgeDays(), clock),
        new Curation(database, catalog),
        new Comments(database, clock),
        new PaperCollections(database, catalog, clock),
        new Moderation(database, clock));
  }
}
