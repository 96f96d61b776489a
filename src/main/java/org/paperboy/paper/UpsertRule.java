package org.paperboy.paper;

import java.time.LocalDate;
import java.util.List;

/**
 * How an incoming record combines with the stored paper of the same id.
 *
 * <p>The incoming record is <em>newer</em> when it names a higher arXiv version, or when it names a
 * version and the stored one did not, or when neither version decides and its {@code updated} date
 * is later. A newer record's non-empty bibliographic fields replace the stored ones; an older or
 * equal record only fills fields the stored paper lacks. {@code published} keeps the earliest date,
 * {@code updated} and {@code version} the latest, code stars the highest (they are snapshots that
 * grow), and the Hugging Face extras (code URL, project page, AI summary and keywords,
 * organization) are filled when missing. Every rule is monotone, so importing the same files again,
 * in any order, converges and then changes nothing.
 */
final class UpsertRule {

  private UpsertRule() {}

  static boolean isNewer(Paper incoming, Paper stored) {
    if (incoming.version() > 0 && stored.version() > 0 && incoming.version() != stored.version()) {
      return incoming.version() > stored.version();
    }
    if (incoming.version() > 0 && stored.version() == 0) {
      return true;
    }
    if (incoming.version() == 0 && stored.version() > 0) {
      return false;
    }
    return incoming.updated() != null
        && stored.updated() != null
        && incoming.updated().isAfter(stored.updated());
  }

  static Paper merge(Paper stored, Paper incoming) {
    boolean newer = isNewer(incoming, stored);
    Paper first = newer ? incoming : stored;
    Paper second = newer ? stored : incoming;
    return Paper.builder(stored.id(), first.title(), first.source())
        .version(Math.max(stored.version(), incoming.version()))
        .abstractText(first.abstractText().isBlank() ? second.abstractText() : first.abstractText())
        .authors(first.authors().isEmpty() ? second.authors() : first.authors())
        .categories(first.categories().isEmpty() ? second.categories() : first.categories())
        .published(earliest(stored.published(), incoming.published()))
        .updated(latest(stored.updated(), incoming.updated()))
        .doi(either(first.doi(), second.doi()))
        .journalRef(either(first.journalRef(), second.journalRef()))
        .comments(either(first.comments(), second.comments()))
        .license(either(first.license(), second.license()))
        .codeUrl(either(stored.codeUrl(), incoming.codeUrl()))
        .codeStars(highest(stored.codeStars(), incoming.codeStars()))
        .projectPage(either(stored.projectPage(), incoming.projectPage()))
        .aiSummary(either(stored.aiSummary(), incoming.aiSummary()))
        .aiKeywords(nonEmpty(stored.aiKeywords(), incoming.aiKeywords()))
        .organization(either(stored.organization(), incoming.organization()))
        .build();
  }

  private static <T> T either(T a, T b) {
    return a != null ? a : b;
  }

  private static <T> List<T> nonEmpty(List<T> a, List<T> b) {
    return a.isEmpty() ? b : a;
  }

  private static Integer highest(Integer a, Integer b) {
    return a == null ? b : (b == null ? a : Integer.valueOf(Math.max(a, b)));
  }

  private static LocalDate earliest(LocalDate a, LocalDate b) {
    return a == null ? b : (b == null ? a : (b.isBefore(a) ? b : a));
  }

  private static LocalDate latest(LocalDate a, LocalDate b) {
    return a == null ? b : (b == null ? a : (b.isAfter(a) ? b : a));
  }
}
