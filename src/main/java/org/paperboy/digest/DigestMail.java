package org.paperboy.digest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.mail.Html;
import org.paperboy.mail.MailMessage;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

/**
 * Writes one digest as a mail: HTML that common mail clients render (a single-column table with
 * inline styles, system fonts, no script, no remote resources) and a plain-text part with the same
 * content; every paper links to its page. Headers for list mail: {@code List-Unsubscribe} with an
 * https URL and a mailto, {@code List-Unsubscribe-Post} for RFC 8058 one-click, and {@code
 * List-Id}. Every text from the catalog is escaped.
 */
final class DigestMail {

  private static final int EXCERPT = 280;
  private static final String FONT =
      "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";

  private final String baseUrl;
  private final String listId;
  private final String unsubscribeMailto;

  /**
   * @param baseUrl the site's public URL, without a trailing slash
   * @param unsubscribeMailto the address of the mailto in List-Unsubscribe
   */
  DigestMail(String baseUrl, String unsubscribeMailto) {
    this.baseUrl = baseUrl;
    String host = java.net.URI.create(baseUrl).getHost();
    this.listId = "Paperboy digest <digest." + (host == null ? "localhost" : host) + ">";
    this.unsubscribeMailto = unsubscribeMailto;
  }

  /** The subject line: names the period's date. */
  static String subject(DigestPeriod period) {
    return (period.frequency() == Frequency.DAILY ? "Trending papers, " : "This week's papers, ")
        + period.label();
  }

  /** The mail for one subscriber; papers missing from {@code papers} are skipped. */
  MailMessage write(
      Subscription s,
      DigestPeriod period,
      List<String> trending,
      List<String> picks,
      Map<String, List<String>> reasons,
      Map<String, Paper> papers,
      Map<String, Integer> upvotes,
      String messageId) {
    String manage = baseUrl + Subscriptions.MANAGE_PATH + s.manageToken();
    String unsubscribe = baseUrl + Subscriptions.UNSUBSCRIBE_PATH + s.manageToken();
    StringBuilder text = new StringBuilder(4096);
    StringBuilder html = new StringBuilder(16384);
    String subject = subject(period);
    text.append(subject).append("\n\n");
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width\">")
        .append("<title>")
        .append(Html.escape(subject))
        .append("</title></head>\n<body style=\"margin:0;padding:0;background:#f4f4f5;\">\n")
        .append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"")
        .append(
            " style=\"background:#f4f4f5;\"><tr><td align=\"center\" style=\"padding:16px;\">\n")
        .append("<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\"")
        .append(" style=\"max-width:600px;width:100%;background:#ffffff;border-radius:8px;\">\n")
        .append("<tr><td style=\"padding:20px 24px 4px;")
        .append(FONT)
        .append("\"><h1 style=\"margin:0;font-size:20px;color:#111827;\">")
        .append(Html.escape(subject))
        .append("</h1></td></tr>\n");
    section(text, html, "Trending", trending, Map.of(), papers, upvotes);
    section(text, html, "Picked for you", picks, reasons, papers, upvotes);
    text.append("--\nChange what this digest brings: ")
        .append(manage)
        .append("\nUnsubscribe: ")
        .append(unsubscribe)
        .append("\n");
    html.append("<tr><td style=\"padding:16px 24px 24px;color:#6b7280;font-size:13px;")
        .append(FONT)
        .append("\">You get this ")
        .append(s.frequency().label())
        .append(" digest because you subscribed on Paperboy. <a href=\"")
        .append(Html.escape(manage))
        .append("\" style=\"color:#4b5563;\">Change what it brings</a> or <a href=\"")
        .append(Html.escape(unsubscribe))
        .append("\" style=\"color:#4b5563;\">unsubscribe</a>.</td></tr>\n")
        .append("</table>\n</td></tr></table>\n</body></html>\n");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        "List-Unsubscribe",
        "<"
            + unsubscribe
            + ">, <mailto:"
            + unsubscribeMailto
            + "?subject="
            + URLEncoder.encode("unsubscribe " + s.manageToken(), StandardCharsets.UTF_8)
                .replace("+", "%20")
            + ">");
    headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    headers.put("List-Id", listId);
    return new MailMessage(s.email(), subject, text.toString(), html.toString(), headers)
        .withMessageId(messageId);
  }

  private void section(
      StringBuilder text,
      StringBuilder html,
      String heading,
      List<String> ids,
      Map<String, List<String>> reasons,
      Map<String, Paper> papers,
      Map<String, Integer> upvotes) {
    List<Paper> shown = ids.stream().map(papers::get).filter(p -> p != null).toList();
    if (shown.isEmpty()) {
      return;
    }
    text.append(heading.toUpperCase(java.util.Locale.ROOT)).append("\n\n");
    html.append("<tr><td style=\"padding:16px 24px 0;")
        .append(FONT)
        .append("\"><h2 style=\"margin:0;font-size:13px;letter-spacing:.05em;text-transform:")
        .append("uppercase;color:#6b7280;\">")
        .append(Html.escape(heading))
        .append("</h2></td></tr>\n");
    for (Paper p : shown) {
      String link = baseUrl + "/papers/" + p.id();
      String title = oneLine(p.title());
      String authors = authors(p.authors());
      String excerpt = excerpt(p.abstractText());
      Integer votes = upvotes.get(p.id());
      text.append("* ").append(title).append("\n  ").append(authors).append("\n  ");
      if (votes != null && votes > 0) {
        text.append("▲ ").append(votes).append(" · ");
      }
      text.append(link).append("\n");
      List<String> why = reasons.getOrDefault(p.id(), List.of());
      if (!why.isEmpty()) {
        text.append("  Why: ").append(oneLine(String.join("; ", why))).append("\n");
      }
      text.append("\n");
      html.append("<tr><td style=\"padding:12px 24px;border-bottom:1px solid #f0f0f0;")
          .append(FONT)
          .append("\"><a href=\"")
          .append(Html.escape(link))
          .append(
              "\" style=\"font-size:16px;font-weight:600;color:#1d4ed8;text-decoration:none;\">")
          .append(Html.escape(title))
          .append("</a><div style=\"font-size:13px;color:#4b5563;margin-top:4px;\">")
          .append(Html.escape(authors));
      if (votes != null && votes > 0) {
        html.append(" · ▲ ").append(votes);
      }
      html.append(
              "</div><div style=\"font-size:14px;color:#374151;margin-top:6px;line-height:1.45;\">")
          .append(Html.escape(excerpt))
          .append("</div>");
      if (!why.isEmpty()) {
        html.append("<div style=\"font-size:13px;color:#6b7280;margin-top:6px;\">Why: ")
            .append(Html.escape(oneLine(String.join("; ", why))))
            .append("</div>");
      }
      html.append("</td></tr>\n");
    }
  }

  private static String authors(List<Author> authors) {
    if (authors.isEmpty()) {
      return "";
    }
    List<String> names = authors.stream().limit(3).map(a -> oneLine(a.name())).toList();
    return String.join(", ", names) + (authors.size() > 3 ? " et al." : "");
  }

  private static String excerpt(String abstractText) {
    String s = oneLine(abstractText);
    if (s.length() <= EXCERPT) {
      return s;
    }
    int cut = s.lastIndexOf(' ', EXCERPT);
    return s.substring(0, cut > 0 ? cut : EXCERPT) + " …";
  }

  private static String oneLine(String s) {
    return Preferences.oneLine(s);
  }
}
