package org.paperboy.web;

import java.util.function.LongSupplier;
import org.paperboy.backup.CommunityExport;
import org.paperboy.community.Accounts;
import org.paperboy.community.Comments;
import org.paperboy.community.Curation;
import org.paperboy.community.Moderation;
import org.paperboy.community.PaperCollections;
import org.paperboy.community.Sessions;
import org.paperboy.community.SignIn;
import org.paperboy.community.Submissions;
import org.paperboy.community.Votes;
import org.paperboy.digest.Digests;
import org.paperboy.foryou.FeedTokens;
import org.paperboy.foryou.FollowNews;
import org.paperboy.foryou.ForYou;

/**
 * The community and mail services the web app serves: accounts and sign-in, votes, submissions,
 * curation, comments, collections, moderation and digest subscriptions. The composition root
 * ({@code org.paperboy.Paperboy}) builds them; the web app only calls them.
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
 * @param changeMarker the community's change counter in the database, which every vote, comment,
 *     curation change, ban and submission advances in its transaction (read at most every few
 *     hundred milliseconds); cached lists are keyed on it next to the catalog's
 * @param forYou the readers' personal feeds, follows and mutes
 * @param followNews the readers' new papers from their follows (the header's count, {@code
 *     /follows/new})
 * @param feedTokens the tokens of readers' private {@code /for-you} feeds
 * @param export what people made, of which a reader downloads their own ({@code
 *     /account/export.json})
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
    Digests digests,
    LongSupplier changeMarker,
    ForYou forYou,
    FollowNews followNews,
    FeedTokens feedTokens,
    CommunityExport export) {}
