package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatexTextTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "C. Bal\\'azs | C. Balázs",
        "Franz G\\\"ahler | Franz Gähler",
        "G{\\\"o}del | Gödel",
        "G\\\"{o}del | Gödel",
        "Fran\\c{c}ois | François",
        "Fran\\c cois | François",
        "Rastislav \\v{S}r\\'amek | Rastislav Šrámek",
        "Tom\\'a\\v{s} Vina\\v{r} | Tomáš Vinař",
        "Bro\\v{n}a Brejov\\'a | Broňa Brejová",
        "Mikkel {\\O}bro | Mikkel Øbro",
        "Bj\\o rn | Bjørn",
        "S{\\o}ren | Søren",
        "Stra\\ss e | Straße",
        "Pe\\~na | Peña",
        "Mu\\~{n}oz | Muñoz",
        "Mart\\'{\\i}nez | Martínez",
        "Mart\\'\\i nez | Martínez",
        "Mart{\\'\\i}nez | Martínez",
        "Erd\\H{o}s | Erdős",
        "\\L{}ukasz Micha\\l{} | Łukasz Michał",
        "W\\k{a}s | Wąs",
        "\\AA{}ngstr\\\"om | Ångström",
        "G\\\"{u}rel \\u{g} | Gürel ğ",
        "Ren\\`e \\^ete | Renè ête",
        "\\=a \\.z | ā ż",
        "Jos\\'e Mar\\'ia | José María",
        "\\ae{}ther | æther",
        "Nguy\\~ên | Nguyễn",
        "Tolúl\\d{o}pé | Tolúlọpé",
      })
  void decodes_accents_in_names(String latex, String unicode) {
    assertThat(LatexText.decodeAccents(latex)).isEqualTo(unicode);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "the $\\\"o$-norm and \\\"o | the $\\\"o$-norm and ö",
        "$$\\'a + b$$ then \\'a | $$\\'a + b$$ then á",
        "\\(\\'a\\) then \\'a | \\(\\'a\\) then á",
        "\\[\\~n\\] then \\~n | \\[\\~n\\] then ñ",
        "$(k,\\ell)$-pebble game | $(k,\\ell)$-pebble game",
        "$x$ costs \\$5, caf\\'e | $x$ costs \\$5, café",
        "\\$OneMillion-Bench: \\'e $y$ | \\$OneMillion-Bench: é $y$",
        "costs $5 for caf\\'e | costs $5 for café",
        "Prefill \\& Decode | Prefill \\& Decode",
        "today\\'s GPT-4o\\'s, don\\'t | today's GPT-4o's, don't",
        "Wi\\'sniewski, \\'s | Wiśniewski, ś",
        "\\emph{caf\\'e} \\cite{x} | \\emph{café} \\cite{x}",
        "line\\\\'e | line\\\\'e",
        "~user and \\~{} | ~user and ~",
        "\\cc and \\c | \\cc and \\c",
        "named \\b geometric \\b score | named \\b geometric \\b score",
        "match \\d digits and \\r returns | match \\d digits and \\r returns",
        "\\u00e9 stays | \\u00e9 stays",
        "\\'{ab} stays | \\'{ab} stays",
        "ends with \\ | ends with \\",
        "ends with \\' | ends with \\'",
      })
  void leaves_math_escapes_and_unknown_commands_alone(String latex, String expected) {
    assertThat(LatexText.decodeAccents(latex)).isEqualTo(expected);
  }

  @Test
  void text_without_backslash_is_returned_as_is() {
    String plain = "No accents here, {braces} and $math$ <script>alert(1)</script>";
    assertThat(LatexText.decodeAccents(plain)).isSameAs(plain);
    assertThat(LatexText.decodeAccents(null)).isNull();
  }

  @Test
  void normalizeSpace_joins_wrapped_lines() {
    assertThat(
            LatexText.normalizeSpace(
                "Calculation of prompt diphoton production cross sections at Tevatron and\n"
                    + "  LHC energies\n"))
        .isEqualTo(
            "Calculation of prompt diphoton production cross sections at Tevatron and LHC"
                + " energies");
    assertThat(LatexText.normalizeSpace("a\tb\u00A0c\nd")).isEqualTo("a b c d");
    assertThat(LatexText.normalizeSpace("already clean")).isEqualTo("already clean");
    assertThat(LatexText.normalizeSpace(" \t\u00A0\n ")).isEmpty();
    assertThat(LatexText.normalizeSpace(null)).isNull();
  }

  @Test
  void normalizeParagraphs_keeps_indented_lines_as_new_paragraphs() {
    String raw =
        "  A fully differential calculation is\npresented for the production.\n"
            + "  This is an expanded version\nof an earlier paper.\n";
    assertThat(LatexText.normalizeParagraphs(raw))
        .isEqualTo(
            "A fully differential calculation is presented for the production.\n"
                + "This is an expanded version of an earlier paper.");
    assertThat(LatexText.normalizeParagraphs("one\n\n\ntwo\r\nthree")).isEqualTo("one\ntwo three");
    assertThat(LatexText.normalizeParagraphs("   ")).isEmpty();
  }

  @Test
  void decodeAccents_never_fails_on_latex_like_text() {
    RandomText.forEach(
        2000,
        40,
        "\\{}$'\"~^()[]oOcvsialH \n",
        text -> {
          String decoded = LatexText.decodeAccents(text);
          assertThat(decoded).isNotNull();
          assertThat(decoded.length()).isLessThanOrEqualTo(text.length());
        });
  }

  @Test
  void normalized_text_has_no_runs_of_whitespace() {
    RandomText.forEach(
        1000,
        60,
        " \n\r\t\u00A0ab.",
        text -> {
          String line = LatexText.normalizeSpace(text);
          String paragraphs = LatexText.normalizeParagraphs(text);
          assertThat(line).doesNotContain("  ", "\n", "\t", "\u00A0").isEqualTo(line.strip());
          assertThat(paragraphs).doesNotContain("  ", "\n\n", " \n", "\n ", "\r", "\t");
          assertThat(paragraphs).isEqualTo(paragraphs.strip());
          assertThat(paragraphs.replace('\n', ' ')).isEqualTo(line);
        });
  }

  @Test
  void decodeAccents_keeps_text_without_commands() {
    RandomText.forEach(
        1000,
        80,
        text -> {
          String noBackslash = text.replace('\\', '/');
          assertThat(LatexText.decodeAccents(noBackslash)).isEqualTo(noBackslash);
        });
  }
}
