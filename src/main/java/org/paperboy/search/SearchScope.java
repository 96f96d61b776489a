package org.paperboy.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scope a query names with {@code in:}: the papers a reader owns. {@code in:saved} (in any of
 * their collections), {@code in:upvoted}, {@code in:collection:NAME} or {@code
 * in:collection:"reading group"}. The search package knows only the syntax: the caller, who knows
 * the reader, turns the scopes into the set of paper ids the search may answer with ({@link
 * SearchRequest#within}); a query with a scope and no such set is refused, so it never searches
 * everybody's papers.
 *
 * @param kind which papers
 * @param name the collection's name for {@link Kind#COLLECTION}, else null
 */
public record SearchScope(Kind kind, String name) {

  /** Which of a reader's papers a scope names. */
  public enum Kind {
    /** The papers in any of the reader's collections. */
    SAVED,
    /** The papers the reader upvoted. */
    UPVOTED,
    /** The papers of one of the reader's collections, by name. */
    COLLECTION
  }

  /**
   * {@code in:} and what follows it: a quoted collection name, or a run of characters up to a space
   * or a quotation mark. Not inside a word ({@code login:x} is no scope).
   */
  static final Pattern PATTERN =
      Pattern.compile("(?i)(?<![\\w.-])in:(collection:(?:\"[^\"]*\"|[^\\s\"()]*)|[^\\s\"()]*)");

  /** The scopes a query names, in order; throws {@link QueryException} for one it cannot read. */
  public static List<SearchScope> in(String query) {
    List<SearchScope> out = new ArrayList<>();
    Matcher m = PATTERN.matcher(query == null ? "" : query);
    while (m.find()) {
      out.add(read(m.group(1)));
    }
    return out;
  }

  /** Whether the query names a scope. */
  public static boolean named(String query) {
    return query != null && PATTERN.matcher(query).find();
  }

  private static SearchScope read(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (v.equals("saved")) {
      return new SearchScope(Kind.SAVED, null);
    }
    if (v.equals("upvoted")) {
      return new SearchScope(Kind.UPVOTED, null);
    }
    if (v.startsWith("collection:")) {
      String name = value.substring("collection:".length());
      if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
        name = name.substring(1, name.length() - 1);
      }
      name = name.strip();
      if (name.isEmpty()) {
        throw new QueryException(
            "in:collection: needs a collection's name, e.g. in:collection:toread or"
                + " in:collection:\"reading group\"");
      }
      return new SearchScope(Kind.COLLECTION, name);
    }
    throw new QueryException(
        "in: searches your own papers: in:saved, in:upvoted or in:collection:NAME, not \"in:"
            + value
            + "\"");
  }

  /** The scope as a query writes it. */
  @Override
  public String toString() {
    return switch (kind) {
      case SAVED -> "in:saved";
      case UPVOTED -> "in:upvoted";
      case COLLECTION -> "in:collection:\"" + name + "\"";
    };
  }
}
