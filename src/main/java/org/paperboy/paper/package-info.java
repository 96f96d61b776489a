/**
 * The catalog: {@link org.paperboy.paper.Paper}, {@link org.paperboy.paper.ArxivId}, the daily
 * lists, and {@link org.paperboy.paper.Catalog}, the repository that holds the upsert rules (a
 * newer version wins, re-imports change nothing), and {@link org.paperboy.paper.PaperVectors}, the
 * papers' sentence vectors as stored, made once per cluster under a lease. Also {@link
 * org.paperboy.paper.Json}, the one Jackson configuration every package that reads or writes JSON
 * uses. May import {@code store}.
 */
package org.paperboy.paper;
