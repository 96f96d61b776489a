/**
 * The catalog: {@link org.paperboy.paper.Paper}, {@link org.paperboy.paper.ArxivId}, the daily
 * lists, and {@link org.paperboy.paper.Catalog}, the repository that holds the upsert rules (a
 * newer version wins, re-imports change nothing). Also {@link org.paperboy.paper.Json}, the one
 * Jackson configuration every package that reads or writes JSON uses. May import {@code store}.
 */
package org.paperboy.paper;
