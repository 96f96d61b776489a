package org.paperboy.community;

import java.time.LocalDate;
import java.util.List;
import org.paperboy.paper.Author;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperRecord;

/** Papers for community tests. */
final class Papers {

  private Papers() {}

  static Paper paper(String id, String title, LocalDate published) {
    return Paper.builder(id, title, "test")
        .version(1)
        .abstractText("An abstract of " + title)
        .authors(List.of(new Author("Ada Lovelace", null), new Author("Alan Turing", null)))
        .categories(List.of("cs.LG"))
        .published(published)
        .build();
  }

  /** Stores a paper without a list entry. */
  static Paper store(Catalog catalog, String id, String title, LocalDate published) {
    Paper p = paper(id, title, published);
    catalog.apply(List.of(PaperRecord.of(p)));
    return p;
  }

  /** Stores a paper on a day's list with imported upvotes. */
  static Paper listed(Catalog catalog, String id, LocalDate day, int position, int upvotes) {
    Paper p = paper(id, "Paper " + id, day.minusDays(1));
    catalog.apply(List.of(new PaperRecord(p, new Listing(day, position, "ak", upvotes, 0))));
    return p;
  }
}
