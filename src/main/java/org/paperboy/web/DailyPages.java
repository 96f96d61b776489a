package org.paperboy.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.paperboy.paper.Catalog;

/**
 * The daily list pages: the latest day at {@link Routes#HOME} and any day at {@link Routes#DAY}.
 */
final class DailyPages {

  private final Catalog catalog;
  private final DateLabels dates;
  private final Templates templates;

  DailyPages(Catalog catalog, DateLabels dates, Templates templates) {
    this.catalog = catalog;
    this.dates = dates;
    this.templates = templates;
  }

  void latest(Context ctx) {
    Optional<LocalDate> latest = catalog.latestListDate();
    if (latest.isEmpty()) {
      templates.send(ctx, 200, "message.jte", MessagePage.noListsYet());
      return;
    }
    show(ctx, latest.get());
  }

  void day(Context ctx) {
    String text = ctx.pathParam(Routes.DATE_PARAM);
    LocalDate date;
    try {
      date = LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      templates.send(ctx, 400, "message.jte", MessagePage.badDate(text));
      return;
    }
    show(ctx, date);
  }

  private void show(Context ctx, LocalDate date) {
    DayPage page = page(date);
    // A day without a list is still a useful page (it links to the days around it), but it is
    // not a resource, so crawlers and scripts get a 404.
    templates.send(ctx, page.cards().isEmpty() ? 404 : 200, "day.jte", page);
  }

  DayPage page(LocalDate date) {
    List<PaperCard> cards = catalog.dailyList(date).stream().map(PaperCard::of).toList();
    return new DayPage(
        "Daily Papers, " + dates.full(date),
        dates.relative(date),
        date.toString(),
        Routes.day(date),
        catalog.previousListDate(date).map(this::link).orElse(null),
        catalog.nextListDate(date).map(this::link).orElse(null),
        cards);
  }

  private DayPage.DayLink link(LocalDate date) {
    return new DayPage.DayLink(Routes.day(date), dates.relative(date), date.toString());
  }
}
