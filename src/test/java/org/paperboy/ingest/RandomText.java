package org.paperboy.ingest;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Seeded random strings for robustness tests: the same seed gives the same cases on every run, so a
 * failure is reproducible from the test alone.
 */
final class RandomText {

  private static final String PUNCTUATION = "{}[]\":,\\<>\n\t";

  private RandomText() {}

  /** Hands {@code tries} strings of up to {@code maxLength} characters to the check. */
  static void forEach(int tries, int maxLength, String alphabet, Consumer<String> check) {
    Random random = new Random(20261128L + maxLength);
    for (int i = 0; i < tries; i++) {
      int length = random.nextInt(maxLength + 1);
      StringBuilder sb = new StringBuilder(length);
      for (int j = 0; j < length; j++) {
        if (alphabet == null) {
          // Mostly printable ASCII, with JSON/markup punctuation and some arbitrary code points.
          int kind = random.nextInt(10);
          sb.append(
              kind < 6
                  ? (char) (32 + random.nextInt(95))
                  : kind < 9
                      ? PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()))
                      : (char) random.nextInt(0xD800));
        } else {
          sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      check.accept(sb.toString());
    }
  }

  /** Hands {@code tries} arbitrary strings of up to {@code maxLength} characters to the check. */
  static void forEach(int tries, int maxLength, Consumer<String> check) {
    forEach(tries, maxLength, null, check);
  }
}
