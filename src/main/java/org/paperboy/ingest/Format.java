package org.paperboy.ingest;

import java.nio.charset.StandardCharsets;

/**
 * The file formats Paperboy imports, and how each is recognised from the first bytes of its
 * (decompressed) content rather than from its name.
 */
public enum Format {
  /** arXiv OAI-PMH ListRecords or GetRecord, in the arXiv or arXivRaw metadata format. */
  OAI_PMH,
  /** An arXiv API (Atom) response, legacy or 2026 layout. */
  ARXIV_ATOM,
  /** Lines of Kaggle's arxiv-metadata-oai-snapshot.json. */
  KAGGLE_SNAPSHOT,
  /** A Hugging Face daily_papers API response (a JSON array). */
  HF_DAILY_PAPERS,
  /** The daily arXiv JSON Lines (dw-dengwei/daily-arXiv-ai-enhanced). */
  DAILY_ARXIV_JSONL,
  /** The plain text of a daily list page: titles and abstracts under a date heading. */
  SEED_TEXT;

  /** How many leading bytes {@link #detect} wants to see. */
  static final int HEAD_BYTES = 16 * 1024;

  /**
   * Recognises the format from the first bytes of the content.
   *
   * @throws IllegalArgumentException with a message naming what was seen, when no format fits
   */
  static Format detect(byte[] head, int length) {
    String text = new String(head, 0, length, StandardCharsets.UTF_8);
    int start = 0;
    while (start < text.length()
        && (Character.isWhitespace(text.charAt(start)) || text.charAt(start) == '\uFEFF')) {
      start++;
    }
    if (start == text.length()) {
      throw new IllegalArgumentException("the file is empty");
    }
    char first = text.charAt(start);
    if (first == '<') {
      if (text.contains("<OAI-PMH")) {
        return OAI_PMH;
      }
      if (text.contains("<feed")) {
        return ARXIV_ATOM;
      }
      throw new IllegalArgumentException(
          "XML that is neither an OAI-PMH response nor an arXiv Atom feed");
    }
    if (first == '[') {
      return HF_DAILY_PAPERS;
    }
    if (first == '{') {
      int end = text.indexOf('\n', start);
      String line = end < 0 ? text.substring(start) : text.substring(start, end);
      if (line.contains("\"authors_parsed\"") || line.contains("\"versions\"")) {
        return KAGGLE_SNAPSHOT;
      }
      if (line.contains("\"summary\"") && (line.contains("\"abs\"") || line.contains("\"pdf\""))) {
        return DAILY_ARXIV_JSONL;
      }
      throw new IllegalArgumentException(
          "JSON lines that are neither a Kaggle arXiv snapshot nor a daily arXiv listing");
    }
    if (text.indexOf('\0') >= 0 || text.indexOf('\uFFFD') >= 0) {
      throw new IllegalArgumentException("binary content, not a known paper format");
    }
    return SEED_TEXT;
  }
}
