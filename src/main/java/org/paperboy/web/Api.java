package org.paperboy.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.paperboy.foryou.Follows;
import org.paperboy.foryou.Muting;
import org.paperboy.lists.Lists;
import org.paperboy.lists.Period;
import org.paperboy.paper.Catalog;
import org.paperboy.paper.Json;
import org.paperboy.paper.ListEntry;
import org.paperboy.paper.Listing;
import org.paperboy.paper.Paper;
import org.paperboy.trending.TrendingRanker;
import org.paperboy.trending.TrendingScore;
import org.paperboy.web.ResponseCache.Rendered;

/**
 * The JSON API: {@link Routes#API_DAILY_PAPERS}, {@link Routes#API_PAPER}, {@link
 * Routes#API_PAPERS} and the OpenAPI document. Parameters follow Hugging Face's: {@code
 * date=|week=|month=}, {@code sort=publishedAt|trending}, {@code p} (page from 0), {@code limit}
 * (at most 100) and {@code submitter}. A signed-in reader who asked the lists to hide what they
 * muted gets {@code /api/daily_papers} without those papers, as their list pages ({@code
 * Cache-Control: private, no-store}); the shared answer says {@code Vary: Cookie}.
 */
final class Api {

  static final String JSON = "application/json";
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 100;

  private final Catalog catalog;
  private final Lists lists;
  private final Follows follows;
  private final ResponseCache cache;
  private final Clock clock;
  private final URI baseUrl;
  private final CachedAnswer openApi;

  Api(
      Catalog catalog,
      Lists lists,
      Follows follows,
      ResponseCache cache,
      URI baseUrl,
      Clock clock) {
    this.catalog = catalog;
    this.lists = lists;
    this.follows = follows;
    this.cache = cache;
    this.clock = clock;
    this.baseUrl = baseUrl;
    this.openApi =
        CachedAnswer.of(
            Rendered.of(200, JSON, openApiDocument(baseUrl)),
            WebApp.edgeHeaders(Routes.API_OPENAPI));
  }

  void dailyPapers(Context ctx) {
    List<String> given = new ArrayList<>();
    for (String name : List.of("date", "week", "month")) {
      if (present(ctx.queryParam(name))) {
        given.add(name);
      }
    }
    if (given.size() > 1) {
      throw HttpProblem.badParameter(
          "Give at most one of date, week and month, not " + String.join(" and ", given) + ".");
    }
    Period period =
        given.isEmpty()
            ? null
            : switch (given.get(0)) {
              case "date" -> Period.parseDay(ctx.queryParam("date"));
              case "week" -> Period.parseWeek(ctx.queryParam("week"));
              default -> Period.parseMonth(ctx.queryParam("month"));
            };
    String sort = ctx.queryParam("sort");
    if (present(sort) && !sort.equals("publishedAt") && !sort.equals("trending")) {
      throw HttpProblem.badParameter("sort must be publishedAt or trending, not \"" + sort + "\".");
    }
    int page = integer(ctx, "p", 0, 0, Integer.MAX_VALUE / MAX_LIMIT);
    int limit = integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    String submitter = ctx.queryParam("submitter");
    // A signed-in reader who asked the lists to hide what they muted gets an answer of their own,
    // which no cache keeps; everybody else shares the cached one. The same URL answers both.
    ctx.header("Vary", "Cookie");
    Optional<Muting> muting = Guard.session(ctx).flatMap(s -> follows.listMuting(s.user().id()));
    Function<Muting, Rendered> render =
        m -> {
          Optional<Period> p =
              period != null ? Optional.of(period) : lists.latestDay().map(Period::day);
          List<ListEntry> entries = List.of();
          if (p.isPresent()) {
            entries =
                "trending".equals(sort)
                    ? lists.trending(p.get(), null, clock.instant()).stream()
                        .map(TrendingRanker.Ranked::entry)
                        .toList()
                    : lists.entries(p.get(), null);
          }
          if (m != null) {
            entries = entries.stream().filter(e -> !m.hides(e.paper())).toList();
          }
          if (present(submitter)) {
            String who = submitter.strip();
            entries =
                entries.stream()
                    .filter(e -> who.equalsIgnoreCase(e.listing().submitter()))
                    .toList();
          }
          if ("publishedAt".equals(sort)) {
            entries = entries.stream().sorted(Lists.BY_PUBLISHED).toList();
          }
          int from = (int) Math.min((long) page * limit, entries.size());
          List<ApiJson.ApiDailyItem> items =
              entries.subList(from, Math.min(from + limit, entries.size())).stream()
                  .map(ApiJson::item)
                  .toList();
          return Rendered.of(200, JSON, ApiJson.bytes(items)).withHeader("Vary", "Cookie");
        };
    if (muting.isPresent()) {
      ResponseCache.sendPrivate(ctx, render.apply(muting.get()));
    } else {
      cache.send(
          ctx,
          ResponseCache.key(ctx, "date", "week", "month", "sort", "p", "limit", "submitter"),
          () -> render.apply(null));
    }
  }

  void paper(Context ctx) {
    String id = ctx.pathParam(Routes.ID_PARAM);
    // The trending score decays with time: rendered again at least every few minutes.
    long bucket = clock.instant().getEpochSecond() / ListPages.TRENDING_REFRESH_SECONDS;
    cache.send(
        ctx,
        ctx.path() + "@" + bucket,
        () -> {
          Paper p =
              catalog
                  .find(id)
                  .orElseThrow(
                      () -> HttpProblem.notFound("No paper with the id \"" + id + "\" is here."));
          List<Listing> listings = lists.listingsOf(p.id());
          Listing latest = listings.isEmpty() ? null : listings.get(0);
          ObjectNode doc = Json.MAPPER.valueToTree(ApiJson.paper(p, latest));
          if (latest != null) {
            TrendingScore score =
                TrendingRanker.score(new ListEntry(p, latest, Instant.EPOCH), clock.instant());
            doc.set("trending", Json.MAPPER.valueToTree(ApiJson.trending(score)));
          }
          return Rendered.of(200, JSON, ApiJson.bytes(doc));
        });
  }

  void papers(Context ctx) {
    String cursor = ctx.queryParam("cursor");
    String after = present(cursor) ? decodeCursor(cursor.strip()) : null;
    int limit = integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    cache.send(
        ctx,
        ResponseCache.key(ctx, "cursor", "limit"),
        () -> {
          List<Paper> papers = catalog.papersAfter(after, limit + 1);
          boolean more = papers.size() > limit;
          List<Paper> shown = more ? papers.subList(0, limit) : papers;
          Rendered r =
              Rendered.of(
                  200,
                  JSON,
                  ApiJson.bytes(shown.stream().map(x -> ApiJson.paper(x, null)).toList()));
          if (!more) {
            return r;
          }
          // Like the Hugging Face Hub's list endpoints: the next page is a Link header.
          String next =
              baseUrl
                  + Routes.API_PAPERS
                  + "?cursor="
                  + encodeCursor(shown.get(shown.size() - 1).id())
                  + "&limit="
                  + limit;
          return r.withHeader("Link", "<" + next + ">; rel=\"next\"");
        });
  }

  void openApi(Context ctx) {
    openApi.send(ctx);
  }

  static String encodeCursor(String id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(id.getBytes(StandardCharsets.UTF_8));
  }

  static String decodeCursor(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badParameter(
          "\"" + cursor + "\" is not a cursor. Use the Link header of the previous page.");
    }
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  private static int integer(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (!present(text)) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw HttpProblem.badParameter(
        String.format(
            Locale.ROOT,
            "%s must be a whole number from %d to %d, not \"%s\".",
            name,
            min,
            max,
            text));
  }

  /** The bundled OpenAPI document with this instance's base URL as its server. */
  private static byte[] openApiDocument(URI baseUrl) {
    try (InputStream in = Api.class.getResourceAsStream("/api/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      JsonNode doc = Json.MAPPER.readTree(in);
      ((ObjectNode) doc.get("servers").get(0)).put("url", baseUrl.toString());
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
