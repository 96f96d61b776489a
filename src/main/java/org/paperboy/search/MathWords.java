package org.paperboy.search;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;

/**
 * Math in titles and abstracts as words, so {@code Adapt-$\infty$} is found by "Adapt infinity" and
 * by "Adapt-∞". A char filter maps each LaTeX command and its Unicode symbol to the same word
 * before tokenizing, at index and at query time. Formatting commands ({@code \mathcal}, {@code
 * \text}) become spaces, so their arguments stay searchable words.
 */
final class MathWords {

  /** Symbol name, its LaTeX commands and Unicode characters. */
  private static final String[][] WORDS = {
    {"infinity", "\\infty", "∞"},
    {"alpha", "\\alpha", "α"},
    {"beta", "\\beta", "β"},
    {"gamma", "\\gamma", "γ", "\\Gamma", "Γ"},
    {"delta", "\\delta", "δ", "\\Delta", "Δ"},
    {"epsilon", "\\epsilon", "\\varepsilon", "ε", "ϵ"},
    {"zeta", "\\zeta", "ζ"},
    {"eta", "\\eta", "η"},
    {"theta", "\\theta", "θ", "\\Theta", "Θ"},
    {"kappa", "\\kappa", "κ"},
    {"lambda", "\\lambda", "λ", "\\Lambda", "Λ"},
    {"mu", "\\mu", "μ"},
    {"nu", "\\nu", "ν"},
    {"xi", "\\xi", "ξ"},
    {"pi", "\\pi", "π", "\\Pi", "Π"},
    {"rho", "\\rho", "ρ"},
    {"sigma", "\\sigma", "σ", "\\Sigma", "Σ"},
    {"tau", "\\tau", "τ"},
    {"phi", "\\phi", "\\varphi", "φ", "\\Phi", "Φ"},
    {"chi", "\\chi", "χ"},
    {"psi", "\\psi", "ψ", "\\Psi", "Ψ"},
    {"omega", "\\omega", "ω", "\\Omega", "Ω"},
    {"sum", "\\sum", "∑"},
    {"integral", "\\int", "∫"},
    {"partial", "\\partial", "∂"},
    {"nabla", "\\nabla", "∇"},
    {"sqrt", "\\sqrt", "√"},
  };

  private static final String[] FORMATTING = {
    "\\mathcal",
    "\\mathbf",
    "\\mathrm",
    "\\mathbb",
    "\\mathit",
    "\\mathsf",
    "\\text",
    "\\textbf",
    "\\textit",
    "\\emph",
    "\\boldsymbol",
    "\\operatorname"
  };

  private static final Pattern COMMAND = Pattern.compile("\\\\[A-Za-z]+");

  /** The char map for {@code MappingCharFilter}; built once, immutable. */
  static final NormalizeCharMap MAP = build();

  private MathWords() {}

  /**
   * The text with math written as words, for the sentence model: the model's vocabulary has no
   * {@code \\infty} and maps {@code ∞} to an unknown token, so both become "infinity"; dollar signs
   * and formatting commands go.
   */
  static String toWords(String text) {
    if (text.indexOf('$') < 0 && text.indexOf('\\') < 0 && text.chars().allMatch(c -> c < 0x370)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    outer:
    while (i < text.length()) {
      for (String[] entry : WORDS) {
        for (int j = 1; j < entry.length; j++) {
          if (text.startsWith(entry[j], i)
              && !(entry[j].startsWith("\\") && continuesCommand(text, i + entry[j].length()))) {
            out.append(' ').append(entry[0]).append(' ');
            i += entry[j].length();
            continue outer;
          }
        }
      }
      Matcher m = COMMAND.matcher(text).region(i, text.length());
      if (m.lookingAt()) {
        out.append(' ');
        i = m.end();
        continue;
      }
      char c = text.charAt(i++);
      out.append(c == '$' ? ' ' : c);
    }
    return out.toString().replaceAll(" {2,}", " ").strip();
  }

  private static boolean continuesCommand(String text, int at) {
    return at < text.length() && Character.isLetter(text.charAt(at));
  }

  private static NormalizeCharMap build() {
    NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
    for (String[] entry : WORDS) {
      for (int i = 1; i < entry.length; i++) {
        b.add(entry[i], " " + entry[0] + " ");
      }
    }
    for (String command : FORMATTING) {
      b.add(command, " ");
    }
    return b.build();
  }
}
