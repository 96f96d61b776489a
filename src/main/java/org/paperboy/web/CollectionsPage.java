package org.paperboy.web;

import java.util.List;

/**
 * The viewer's collections and the form that makes one.
 *
 * @param csrf the session's form token
 * @param collections the viewer's collections, by name
 * @param maxName the longest name accepted
 */
public record CollectionsPage(String csrf, List<Item> collections, int maxName) {

  /**
   * One collection.
   *
   * @param name its name
   * @param href its page
   * @param isPublic whether anyone may see it
   * @param size how many papers it holds
   */
  public record Item(String name, String href, boolean isPublic, int size) {}
}
