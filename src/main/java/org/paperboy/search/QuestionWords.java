package org.paperboy.search;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a question-shaped query that ask rather than say what the paper is about, taken off
 * the keyword query: "papers about …", "is there a paper on …", "how do …", "what is …", "I'm
 * looking for …". Only at the start of the query (where people put them, and where a topic word
 * such as "search" or "study" rarely is), and only from plain text: a query with syntax is taken as
 * written. A paper's abstract says "paper", "we" and "how" about anything, so left in they make the
 * all-words bonus ({@link KeywordQuery#ALL_WORDS_BONUS}) reward papers that happen to contain them,
 * and keep the bonus from the paper that has every topic word. The sentence model still reads the
 * whole question: it was trained on questions.
 */
final class QuestionWords {

  private QuestionWords() {}

  private static final String PAPER =
      "(?:papers?|works?|research|studies|articles?|publications?|literature|approaches|methods)";
  private static final String ABOUT =
      "(?:on|about|regarding|concerning|into|that|which|where|in which|showing|proposing|for)";

  /** Request phrases that may open a query, tried in order, repeatedly. */
  private static final List<Pattern> OPENINGS =
      List.of(
              "(?:hi|hello|hey|please)\\b[,!]?",
              "(?:can|could|would) you(?: please)?",
              "(?:please )?(?:find|show|give|get|recommend|list|suggest|search for|look for)(?: me| us)?",
              "(?:i'?m|i am|we'?re|we are) (?:looking|searching) for",
              "(?:i|we) (?:want|need|would like) to (?:find|read|know|understand|learn)(?: about)?",
              "(?:i|we) (?:want|need|would like)",
              "(?:is|are) there",
              "(?:do you know|what are|which are)",
              "(?:any|some|a|an|the)",
              "(?:(?:the|any|some|good|recent|new|latest|best) )?" + PAPER + " " + ABOUT,
              "(?:the )?(?:paper|one|work|article|study) (?:where|that|which|in which|with|about|on)",
              "(?:which|what) " + PAPER + "(?: (?:do|does|did|are|is|that|on|about))?",
              "(?:how|what|why|which|when|where|who)"
                  + "(?: (?:do|does|did|can|could|should|would|to|is|are|was|were|has|have|many|much))?"
                  + "(?: (?:i|we|you|one|people|they|it))?",
              "(?:do|does|did|can|could|is|are)(?: (?:i|we|you|one|people|they|it))?")
          .stream()
          .map(p -> Pattern.compile("^(?:" + p + ")\\s+", Pattern.CASE_INSENSITIVE))
          .toList();

  /** Characters of query syntax: with any of them the query is taken as written. */
  private static final Pattern SYNTAX =
      Pattern.compile("[\":()+*]|(?:^|\\s)-\\S|\\b(?:AND|OR|NOT)\\b");

  /** What closes a question such as "how do transformers work?". */
  private static final Pattern CLOSINGS =
      Pattern.compile("\\s+(?:work|works|do|does|mean|exist)$", Pattern.CASE_INSENSITIVE);

  private static final Pattern TRAILING = Pattern.compile("[\\s?!.]+$");

  /**
   * The query without the words that only ask; the query as it is when it has syntax, when nothing
   * asks, or when only asking words would be left.
   */
  static String keywords(String query) {
    if (SYNTAX.matcher(query).find()) {
      return query;
    }
    String rest = TRAILING.matcher(query.strip()).replaceAll("");
    boolean asked = false;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Pattern p : OPENINGS) {
        Matcher m = p.matcher(rest);
        if (m.find() && m.end() < rest.length()) {
          rest = rest.substring(m.end());
          changed = true;
          asked = true;
        }
      }
    }
    if (asked) {
      rest = CLOSINGS.matcher(rest).replaceAll("");
    }
    String words = rest.strip();
    return words.isEmpty() || !asked ? query : words;
  }
}
