package org.paperboy.search;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;

/**
 * Math in titles and abstracts as words, so {@code Adapt-$\infty$} is found by "Adapt infinity" and
 * by "Adapt-∞". A char filter maps each LaTeX command and its Unicode symbol to the same word
 * before tokenizing, at index and at query time. Formatting commands ({@code \mathcal}, {@code
 * \text}) become spaces, so their arguments stay searchable words. And math as readable text
 * ({@link #readable}), where no KaTeX renders it: {@code Adapt-∞} in a page's title.
 */
public final class MathWords {

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

  /** Commands that are symbols, for {@link #readable}, beside the letters of {@link #WORDS}. */
  private static final String[][] SYMBOLS = {
    {"\\times", "×"}, {"\\cdot", "·"}, {"\\leq", "≤"}, {"\\le", "≤"}, {"\\geq", "≥"},
    {"\\ge", "≥"}, {"\\neq", "≠"}, {"\\approx", "≈"}, {"\\sim", "∼"}, {"\\pm", "±"},
    {"\\to", "→"}, {"\\rightarrow", "→"}, {"\\leftarrow", "←"}, {"\\in", "∈"}, {"\\ell", "ℓ"},
    {"\\circ", "∘"}, {"\\star", "⋆"}, {"\\dagger", "†"}, {"\\left", ""}, {"\\right", ""}
  };

  private static final Pattern COMMAND = Pattern.compile("\\\\[A-Za-z]+");

  /**
   * Whether the text holds anything {@link #MAP} maps: every key starts with a backslash or a
   * character from U+0370 (Greek) up, so a text without either is left as it is.
   */
  static boolean hasMath(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || c >= 0x370) {
        return true;
      }
    }
    return false;
  }

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

  /**
   * The text with its formulas as plain characters, for where no KaTeX renders them (a page's
   * {@code <title>}): delimiters go, Greek letters and common symbols become their Unicode
   * characters ({@code Adapt-$\infty$} is {@code Adapt-∞}, {@code $\mathcal{O}(n^{2})$} is {@code
   * O(n^2)}), formatting commands and braces go, any other command loses its backslash. Text
   * outside formulas stays as it is, but for an escaped {@code \$}.
   */
  public static String readable(String text) {
    if (text.indexOf('$') < 0 && !text.contains("\\(")) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (int[] formula : SnippetFormatter.math(text)) {
      out.append(text.substring(at, formula[0]).replace("\\$", "$"));
      int open = text.startsWith("$$", formula[0]) ? 2 : text.charAt(formula[0]) == '$' ? 1 : 2;
      out.append(symbols(text.substring(formula[0] + open, formula[1] - open)));
      at = formula[1];
    }
    out.append(text.substring(at).replace("\\$", "$"));
    return out.toString();
  }

  /** One formula's inside as plain characters. */
  private static String symbols(String tex) {
    StringBuilder out = new StringBuilder(tex.length());
    int i = 0;
    while (i < tex.length()) {
      char c = tex.charAt(i);
      Matcher m = COMMAND.matcher(tex).region(i, tex.length());
      if (m.lookingAt()) {
        out.append(symbol(m.group()));
        i = m.end();
      } else if (c == '\\' && i + 1 < tex.length()) {
        // \, \; \! are spaces; \{ \} \$ \% \_ the character itself.
        char next = tex.charAt(i + 1);
        out.append(",;:! ".indexOf(next) >= 0 ? (next == '!' ? "" : " ") : String.valueOf(next));
        i += 2;
      } else {
        out.append(c == '~' ? ' ' : c == '{' || c == '}' ? "" : String.valueOf(c));
        i++;
      }
    }
    return out.toString().replaceAll(" {2,}", " ").strip();
  }

  /** A command as a character: a Greek letter or symbol, nothing for formatting, else its name. */
  private static String symbol(String command) {
    for (String[] entry : WORDS) {
      for (int j = 1; j < entry.length; j++) {
        if (entry[j].equals(command)) {
          // A command's character is the first entry after it that is not a command.
          for (int k = j + 1; k < entry.length; k++) {
            if (!entry[k].startsWith("\\")) {
              return entry[k];
            }
          }
        }
      }
    }
    for (String[] entry : SYMBOLS) {
      if (entry[0].equals(command)) {
        return entry[1];
      }
    }
    return List.of(FORMATTING).contains(command) ? "" : command.substring(1);
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
