package org.paperboy.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/**
 * Reads the plain text of a daily-papers page as a browser copies it: page chrome ("new", "Get
 * trending papers in your email inbox!", "Subscribe", "byAK and the research community", bare
 * numbers such as upvote counts), an optional date heading, then one paper after another as a title
 * line followed by an abstract line, with blank lines between.
 *
 * <p>Mapping: each paper gets {@link Paper#localId(String)} as id, so that the catalog can merge it
 * with the arXiv paper of the same title later, and the text verbatim (only whitespace is trimmed).
 * A date heading is "Mar 17", "March 17", "Mar 17, 2024" or "2024-03-17"; without a year it means
 * the most recent such day on or before {@link Source#today()}. Under a heading each paper gets a
 * {@link Listing} (that day, its position among the day's papers from 0, no submitter, no votes or
 * comments); before any heading papers have no listing. A title is a line of at most {@value
 * #MAX_TITLE} characters; the line after a title is its abstract when it is longer than that or is
 * a sentence ({@value #MIN_SENTENCE}+ characters ending in a full stop), otherwise the title is
 * rejected as having no abstract and the line starts the next paper. A long line with no title
 * before it is rejected as an abstract without a title. Rejections name the line (1-based).
 */
final class SeedPageReader implements RecordReader {

  static final String SOURCE = "seed";

  /** Longer than any real title (the seed's longest is 178), shorter than any real abstract. */
  static final int MAX_TITLE = 300;

  static final int MIN_SENTENCE = 100;

  /**
   * Page chrome, compared in lower case without spaces ("byAK" is "by AK" copied from the page).
   */
  private static final Set<String> CHROME =
      Set.of(
          "new",
          "gettrendingpapersinyouremailinbox!",
          "subscribe",
          "byakandtheresearchcommunity",
          "dailypapers",
          "trendingpapers",
          "submitpaper",
          "submit",
          "search",
          "previous",
          "next",
          "viewall",
          "upvote",
          "signup",
          "login");

  private static final Pattern COUNT = Pattern.compile("[\\d,.]+[kK]?");
  private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern MONTH_DAY =
      Pattern.compile("([A-Za-z]{3,9})\\.? (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?");

  @Override
  public void read(InputStream in, Source source, RecordSink sink) throws IOException {
    BufferedInputStream buffered = InputStart.buffered(in);
    InputStart start = InputStart.peek(buffered);
    char first = start.firstChar();
    if (start.isBinary() || first == '<' || first == '{' || first == '[') {
      throw new IOException(
          source.name()
              + " is not the plain text of a daily-papers page: it starts with "
              + start.describe());
    }
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(buffered, StandardCharsets.UTF_8));
    Map<LocalDate, Integer> positions = new HashMap<>();
    LocalDate day = null;
    String title = null;
    int titleLine = 0;
    int number = 0;
    for (String raw = lines.readLine(); raw != null; raw = lines.readLine()) {
      number++;
      String line = LatexText.normalizeSpace(raw.replace("\uFEFF", ""));
      if (line.isEmpty() || isChrome(line)) {
        continue;
      }
      Heading heading = heading(line, source.today());
      if (heading != null) {
        if (title != null) {
          sink.reject("line " + titleLine, "title without an abstract: '" + title + "'");
          title = null;
        }
        if (heading.problem() != null) {
          sink.reject("line " + number, heading.problem());
        }
        day = heading.date();
        continue;
      }
      if (title == null) {
        if (line.length() > MAX_TITLE) {
          sink.reject(
              "line " + number,
              "a " + line.length() + "-character line with no title before it (an abstract?)");
        } else {
          title = line;
          titleLine = number;
        }
        continue;
      }
      if (!isAbstract(line)) {
        sink.reject("line " + titleLine, "title without an abstract: '" + title + "'");
        title = line;
        titleLine = number;
        continue;
      }
      Paper paper = Paper.builder(Paper.localId(title), title, SOURCE).abstractText(line).build();
      Listing listing =
          day == null
              ? null
              : new Listing(day, positions.merge(day, 1, Integer::sum) - 1, null, 0, 0);
      sink.accept(new PaperRecord(paper, listing));
      title = null;
    }
    if (title != null) {
      sink.reject("line " + titleLine, "title without an abstract: '" + title + "'");
    }
  }

  private static boolean isAbstract(String line) {
    return line.length() > MAX_TITLE || (line.length() >= MIN_SENTENCE && line.endsWith("."));
  }

  private static boolean isChrome(String line) {
    return CHROME.contains(line.replace(" ", "").toLowerCase(Locale.ROOT))
        || COUNT.matcher(line).matches();
  }

  /** A date heading: its day, or null with the reason it gives none. */
  private record Heading(LocalDate date, String problem) {}

  /** The heading {@code line} stands for, or null when it is not a date heading. */
  private static Heading heading(String line, LocalDate today) {
    Matcher iso = ISO_DATE.matcher(line);
    if (iso.matches()) {
      return dated(line, iso.group(1), Integer.parseInt(iso.group(2)), iso.group(3), today);
    }
    Matcher m = MONTH_DAY.matcher(line);
    if (!m.matches()) {
      return null;
    }
    Month month = month(m.group(1));
    return month == null ? null : dated(line, m.group(3), month.getValue(), m.group(2), today);
  }

  private static Heading dated(String line, String year, int month, String day, LocalDate today) {
    int d = Integer.parseInt(day);
    try {
      if (year != null) {
        return new Heading(LocalDate.of(Integer.parseInt(year), month, d), null);
      }
      MonthDay monthDay = MonthDay.of(month, d);
      if (today == null) {
        return new Heading(null, "date heading '" + line + "' has no year and no today to go by");
      }
      // Feb 29 may lie several years back; any other day at most one.
      for (int y = today.getYear(); y >= today.getYear() - 8; y--) {
        if (monthDay.isValidYear(y) && !monthDay.atYear(y).isAfter(today)) {
          return new Heading(monthDay.atYear(y), null);
        }
      }
      return new Heading(null, "date heading '" + line + "' names no day before " + today);
    } catch (DateTimeException e) {
      return new Heading(null, "date heading '" + line + "' is not a real date");
    }
  }

  /** The month a word names ("Mar", "March", "Sept"), or null. */
  private static Month month(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    for (Month m : Month.values()) {
      if (m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT).startsWith(w)) {
        return m;
      }
    }
    return null;
  }
}
