package org.paperboy.web;

/**
 * A page that only says something: errors, empty states and placeholders.
 *
 * @param title the document title
 * @param heading the page's main heading
 * @param message one or two sentences under the heading
 */
public record MessagePage(String title, String heading, String message) {

  static MessagePage notFound() {
    return new MessagePage(
        "Page not found",
        "Page not found",
        "There is nothing at this address. The daily papers are on the home page.");
  }

  static MessagePage paperNotFound(String id) {
    return new MessagePage(
        "Paper not found",
        "Paper not found",
        "No paper with the id \"" + id + "\" is in this catalog.");
  }

  static MessagePage badDate(String text) {
    return new MessagePage(
        "Bad date",
        "That is not a date",
        "\"" + text + "\" is not a date. Write days as yyyy-mm-dd, for example 2025-03-17.");
  }

  static MessagePage serverError() {
    return new MessagePage(
        "Something went wrong",
        "Something went wrong",
        "The server could not show this page. The error has been logged; please try again later.");
  }

  static MessagePage noListsYet() {
    return new MessagePage(
        "Daily papers",
        "No papers yet",
        "No day has a list of papers yet. Once papers are imported they appear here.");
  }
}
