package org.paperboy.foryou;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

/**
 * A reader's mutes as a rule over single papers: a paper is muted when one of its authors' names
 * folds ({@link Names#fold}) to a muted author, one of its categories is a muted category or lies
 * in a muted archive ({@code cs} mutes {@code cs.CL}), or a muted keyword is a word of its title or
 * abstract (whole words, any case). What {@code /for-you} leaves out, and what the lists leave out
 * for a reader who asked them to ({@link Follows#listMuting}).
 */
public final class Muting {

  private final Set<String> authors = new HashSet<>();
  private final Set<String> categories = new HashSet<>();
  private final Set<String> words = new HashSet<>();

  private Muting(List<Follows.Mute> mutes) {
    for (Follows.Mute m : mutes) {
      switch (m.kind()) {
        case AUTHOR -> authors.add(m.target());
        case CATEGORY -> categories.add(m.target());
        case KEYWORD -> words.add(m.target());
      }
    }
  }

  /** The rule of these mutes. */
  public static Muting of(List<Follows.Mute> mutes) {
    return new Muting(mutes);
  }

  /** Whether it mutes nothing. */
  public boolean isEmpty() {
    return authors.isEmpty() && categories.isEmpty() && words.isEmpty();
  }

  /** Whether the paper is muted. */
  public boolean hides(Paper p) {
    return hides(
        p.authors().stream().map(Author::name).toList(),
        p.categories(),
        p.title(),
        p.abstractText());
  }

  /** Whether a paper with these authors, categories, title and abstract is muted. */
  public boolean hides(
      List<String> authorNames, List<String> paperCategories, String title, String abstractText) {
    if (ForYou.in(paperCategories, categories)) {
      return true;
    }
    if (!authors.isEmpty()) {
      for (String name : authorNames) {
        if (authors.contains(Names.fold(name))) {
          return true;
        }
      }
    }
    return !words.isEmpty()
        && ForYou.containsAny((title + " " + abstractText).toLowerCase(Locale.ROOT), words);
  }
}
