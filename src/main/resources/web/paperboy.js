// Paperboy's one script. It renders the LaTeX in titles and abstracts (elements with the class
// "math") with KaTeX, loaded from this site. Without JavaScript, or when a formula does not parse,
// the text stays as written, e.g. Adapt-$\infty$.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  if (typeof window.renderMathInElement !== "function") {
    return;
  }
  var options = {
    delimiters: [
      { left: "$$", right: "$$", display: false },
      { left: "$", right: "$", display: false },
      { left: "\\(", right: "\\)", display: false }
    ],
    // A formula KaTeX cannot parse stays as text rather than an error message.
    throwOnError: false,
    // trust stays false: no \href, \url or \html… from imported text.
    trust: false,
    strict: "ignore"
  };
  document.querySelectorAll(".math").forEach(function (element) {
    window.renderMathInElement(element, options);
  });
});
