package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.swing.text.MutableAttributeSet;
import javax.swing.text.html.HTML;
import javax.swing.text.html.HTMLEditorKit;
import javax.swing.text.html.parser.ParserDelegator;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.Author;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * RSS readers take {@code description} as HTML: imported text must reach them as text (issue 17).
 * Each description is parsed as XML, then as HTML, and no element or attribute may come from the
 * paper or the query. Also the daily feed's window: the last seven days of lists, no more.
 */
final class RssHtmlTest {

  static final String HOSTILE = "<img src=x onerror=alert(1)><b onclick=\"x()\">bold</b>";
  static final LocalDate TODAY = LocalDate.parse("2026-07-01");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-01T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  TestSite site;

  @BeforeEach
  void start() throws Exception {
    List<PaperRecord> records = new ArrayList<>();
    records.add(
        new PaperRecord(
            Paper.builder("2606.00001", "Hostile " + HOSTILE, "test")
                .abstractText("Attention " + HOSTILE + " &amp; more")
                .authors(List.of(Author.named("Ada")))
                .published(TODAY.minusDays(1))
                .build(),
            new Listing(TODAY, 0, null, 3, 0)));
    // One paper a day for eight days: the feed covers the seven up to the latest.
    for (int d = 1; d <= 7; d++) {
      records.add(
          new PaperRecord(
              Paper.builder(String.format("2606.%05d", 10 + d), "Day " + d, "test")
                  .abstractText("About day " + d + ".")
                  .authors(List.of(Author.named("Ada")))
                  .published(TODAY.minusDays(d + 1L))
                  .build(),
              new Listing(TODAY.minusDays(d), 0, null, 1, 0)));
    }
    site = new TestSite(dir, CLOCK, records);
    site.search.sync();
  }

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  void dailyRss_descriptionsAreTextAsHtml() throws Exception {
    Document feed = xml("/feeds/daily.rss");
    List<String> descriptions = texts(feed, "description");
    assertThat(descriptions).anySatisfy(d -> assertThat(d).contains("&lt;img src=x onerror"));
    for (String description : descriptions) {
      assertThat(htmlTags(description)).as(description).isEmpty();
    }
    String hostile =
        descriptions.stream().filter(d -> d.startsWith("Attention")).findFirst().orElseThrow();
    assertThat(htmlText(hostile)).contains(HOSTILE).contains("&amp; more");
  }

  @Test
  void searchRss_channelDescriptionIsTextAsHtml() throws Exception {
    String q = URLEncoder.encode("attention " + HOSTILE, StandardCharsets.UTF_8);
    Document feed = xml("/feeds/search.rss?mode=keyword&q=" + q);
    List<String> descriptions = texts(feed, "description");
    assertThat(descriptions).hasSizeGreaterThanOrEqualTo(2);
    for (String description : descriptions) {
      assertThat(htmlTags(description)).as(description).isEmpty();
    }
    assertThat(htmlText(descriptions.get(0))).contains(HOSTILE);
  }

  @Test
  void dailyFeed_coversTheLastSevenDaysOfLists() throws Exception {
    List<String> titles = texts(xml("/feeds/daily.rss"), "title");
    assertThat(titles).contains("Day 1", "Day 6").doesNotContain("Day 7");
    assertThat(titles.stream().filter(t -> t.startsWith("Day ") || t.startsWith("Hostile")))
        .hasSize(7);
  }

  private Document xml(String path) throws Exception {
    HttpResponse<String> res = site.get(path);
    assertThat(res.statusCode()).as(path).isEqualTo(200);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(res.body())));
  }

  private static List<String> texts(Document doc, String element) {
    NodeList nodes = doc.getElementsByTagName(element);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent());
    }
    return out;
  }

  /** The elements an HTML parser finds in the text (the parser adds html, head, body itself). */
  private static List<String> htmlTags(String html) throws Exception {
    List<String> tags = new ArrayList<>();
    new ParserDelegator()
        .parse(
            new StringReader(html),
            new HTMLEditorKit.ParserCallback() {
              @Override
              public void handleStartTag(HTML.Tag t, MutableAttributeSet a, int pos) {
                record(t, a);
              }

              @Override
              public void handleSimpleTag(HTML.Tag t, MutableAttributeSet a, int pos) {
                record(t, a);
              }

              private void record(HTML.Tag t, MutableAttributeSet a) {
                if (t != HTML.Tag.HTML
                    && t != HTML.Tag.HEAD
                    && t != HTML.Tag.BODY
                    && t != HTML.Tag.P
                    && t != HTML.Tag.IMPLIED) {
                  tags.add(t + " " + a);
                } else if (a.getAttributeCount() > 0
                    && !(a.getAttributeCount() == 1 && a.isDefined(HTML.Attribute.ENDTAG))
                    && !a.isDefined("_implied_")) {
                  tags.add(t + " " + a);
                }
              }
            },
            true);
    return tags;
  }

  /** The text an HTML reader shows for the markup. */
  private static String htmlText(String html) throws Exception {
    StringBuilder text = new StringBuilder();
    new ParserDelegator()
        .parse(
            new StringReader(html),
            new HTMLEditorKit.ParserCallback() {
              @Override
              public void handleText(char[] data, int pos) {
                text.append(data);
              }
            },
            true);
    return text.toString();
  }
}
