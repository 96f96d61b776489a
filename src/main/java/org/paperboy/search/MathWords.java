package org.paperboy.search;

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

  /** The char map for {@code MappingCharFilter}; built once, immutable. */
  static final NormalizeCharMap MAP = build();

  private MathWords() {}

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
