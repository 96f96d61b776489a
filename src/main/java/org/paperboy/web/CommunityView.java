package org.paperboy.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.paperboy.community.Curation;
import org.paperboy.community.Upvotes;
import org.paperboy.community.User;
import org.paperboy.paper.ListEntry;
import org.paperboy.paper.Listing;

/**
 * What the community adds to every list the site shows: counts (imported upvotes and comments plus
 * those cast here), the curators' order and pins of a day, and the entries they hid. Lists, the API
 * and the feeds all read through it, so they agree. Without a {@link Community} (a read-only site)
 * it changes nothing.
 *
 * <p>{@link #marker()} counts the changes made through this process (votes, comments, curation,
 * bans…); the {@link ResponseCache} keys its rendered lists on it, next to the catalog's marker.
 */
final class CommunityView {

  /** A day's list in curated order, with the curators' flags of each entry. */
  record CuratedDay(List<ListEntry> entries, Map<String, Curation.CuratedEntry> flags) {}

  private final Community community;
  private final AtomicLong marker = new AtomicLong();

  CommunityView(Community community) {
    this.community = community;
  }

  boolean enabled() {
    return community != null;
  }

  /** Bumped after every change a list may show. */
  void changed() {
    marker.incrementAndGet();
  }

  long marker() {
    return marker.get();
  }

  /** The entries with their counts as shown: imported plus those cast here. */
  List<ListEntry> counted(List<ListEntry> entries) {
    if (community == null || entries.isEmpty()) {
      return entries;
    }
    List<String> ids = entries.stream().map(e -> e.paper().id()).distinct().toList();
    Map<String, Upvotes> votes = community.votes().counts(ids);
    Map<String, Integer> comments = community.comments().counts(ids);
    List<ListEntry> out = new ArrayList<>(entries.size());
    for (ListEntry e : entries) {
      String id = e.paper().id();
      out.add(
          new ListEntry(
              e.paper(),
              add(e.listing(), votes.get(id), comments.getOrDefault(id, 0)),
              e.firstSeen()));
    }
    return out;
  }

  /** One listing with the paper's counts as shown. */
  Listing counted(String paperId, Listing listing) {
    if (community == null || listing == null) {
      return listing;
    }
    Upvotes votes = community.votes().counts(List.of(paperId)).get(paperId);
    return add(
        listing, votes, community.comments().counts(List.of(paperId)).getOrDefault(paperId, 0));
  }

  private static Listing add(Listing l, Upvotes votes, int comments) {
    int community = votes == null ? 0 : votes.community();
    return new Listing(
        l.date(), l.position(), l.submitter(), l.upvotes() + community, l.comments() + comments);
  }

  /** Which of the entries' papers the viewer upvoted. */
  Set<String> votedBy(User viewer, List<ListEntry> entries) {
    if (community == null || viewer == null) {
      return Set.of();
    }
    return community.votes().votedBy(viewer, entries.stream().map(e -> e.paper().id()).toList());
  }

  /** Leaves out the entries curators hid (readers' view of weeks, months and trending). */
  List<ListEntry> visible(List<ListEntry> entries, LocalDate from, LocalDate to) {
    if (community == null || entries.isEmpty()) {
      return entries;
    }
    Map<LocalDate, Set<String>> hidden = community.curation().hiddenBetween(from, to);
    if (hidden.isEmpty()) {
      return entries;
    }
    return entries.stream()
        .filter(e -> !hidden.getOrDefault(e.listing().date(), Set.of()).contains(e.paper().id()))
        .toList();
  }

  /**
   * A day's entries in the curators' order (pinned first), hidden ones left out unless the viewer
   * curates.
   */
  CuratedDay curatedDay(LocalDate day, List<ListEntry> entries, User viewer) {
    if (community == null) {
      return new CuratedDay(entries, Map.of());
    }
    Map<String, ListEntry> byId = new HashMap<>();
    entries.forEach(e -> byId.put(e.paper().id(), e));
    Map<String, Curation.CuratedEntry> flags = new LinkedHashMap<>();
    List<ListEntry> out = new ArrayList<>();
    for (Curation.CuratedEntry c : community.curation().list(day, viewer)) {
      ListEntry e = byId.get(c.entry().paper().id());
      if (e != null) {
        out.add(e);
        flags.put(e.paper().id(), c);
      }
    }
    return new CuratedDay(out, flags);
  }
}
