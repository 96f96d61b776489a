package org.paperboy.web;

import java.util.function.IntSupplier;

/**
 * What every page's frame ({@code layout.jte}) shows of the signed-in reader: their name and the
 * account menu (account, collections, upvotes, moderation for curators, sign out, which posts with
 * the session's form token), the {@link Flash} left by their last form, and "3 new from your
 * follows" when their follows brought new papers. Signed out there is none, so the pages shared
 * through the response cache carry nobody's name.
 *
 * <p>Public only for the templates, which read it through {@link Templates#frame()}.
 */
public final class Frame {

  private final String name;
  private final String csrf;
  private final boolean curator;
  private final Flash flash;
  private final IntSupplier followNews;
  private boolean flashShown;
  private Integer newFromFollows;

  Frame(String name, String csrf, boolean curator, Flash flash, IntSupplier followNews) {
    this.name = name;
    this.csrf = csrf;
    this.curator = curator;
    this.flash = flash;
    this.followNews = followNews;
  }

  /**
   * "3 new from your follows", or null when the reader's follows brought nothing new; counted on
   * the first call (pages that do not show the frame cost nothing).
   */
  public String followNews() {
    if (newFromFollows == null) {
      newFromFollows = followNews.getAsInt();
    }
    return newFromFollows == 0 ? null : newFromFollows + " new from your follows";
  }

  /** The list of the new papers from the reader's follows. */
  public String followNewsHref() {
    return Routes.FOLLOWS_NEW;
  }

  /** The reader's display name (user-written: escaped when shown). */
  public String name() {
    return name;
  }

  /** The session's form token, for the sign-out form and a flash's undo. */
  public String csrf() {
    return csrf;
  }

  /** Whether the menu links to the moderation page. */
  public boolean curator() {
    return curator;
  }

  /** The message left by the last form, or null; asking for it counts as showing it. */
  public Flash flash() {
    flashShown |= flash != null;
    return flash;
  }

  /** Whether a page showed the flash, so that the cookie that carried it can go. */
  boolean flashShown() {
    return flashShown;
  }

  /** The account page. */
  public String accountHref() {
    return Routes.ACCOUNT;
  }

  /** The reader's collections. */
  public String collectionsHref() {
    return Routes.COLLECTIONS;
  }

  /** The reader's upvotes. */
  public String upvotesHref() {
    return Routes.MY_UPVOTES;
  }

  /** The moderation page. */
  public String adminHref() {
    return Routes.ADMIN;
  }

  /** Where signing out posts. */
  public String signOutAction() {
    return Routes.SIGN_OUT;
  }
}
