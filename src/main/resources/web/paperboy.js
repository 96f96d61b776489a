// Paperboy's one script. It renders the LaTeX in titles and abstracts (elements with the class
// "math") with KaTeX, loaded from this site, and sends the forms marked data-inplace without leaving
// the page. Without JavaScript everything still works: the text stays as written, e.g.
// Adapt-$\infty$, and every form posts and comes back to the page it was sent from.
"use strict";

(function () {
  var mathOptions = {
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

  function renderMath(root) {
    if (typeof window.renderMathInElement !== "function") {
      return;
    }
    root.querySelectorAll(".math").forEach(function (element) {
      window.renderMathInElement(element, mathOptions);
    });
  }

  // The parts of the page that show one paper (its card, or its page), by the paper's id.
  function partsOf(paperId) {
    return Array.prototype.filter.call(document.querySelectorAll("[data-paper]"), function (part) {
      return part.getAttribute("data-paper") === paperId;
    });
  }

  // A count is followed by its noun ("1 upvote", "8 upvotes"), which follows it.
  function setCount(count, n) {
    count.textContent = String(n);
    var noun = count.nextSibling;
    if (noun && noun.nodeType === Node.TEXT_NODE) {
      noun.nodeValue = noun.nodeValue.replace(/upvotes?/, n === 1 ? "upvote" : "upvotes");
    }
  }

  // What each kind of form does with the server's answer. The server says the new state (JSON);
  // every place on the page that shows it is updated from that, never by guessing.
  var apply = {
    vote: function (form, answer) {
      partsOf(answer.paperId).forEach(function (part) {
        part.querySelectorAll(".vote-count").forEach(function (count) {
          setCount(count, answer.upvotes);
        });
        part.querySelectorAll(".vote-button").forEach(function (button) {
          button.setAttribute("aria-pressed", String(answer.upvoted));
          button.title = answer.upvoted ? "Take back your upvote" : "Upvote";
        });
      });
    },
    "not-for-me": function (form, answer) {
      form.querySelector("input[name=action]").value = answer.notForMe ? "undo" : "mark";
      var button = form.querySelector("button");
      button.setAttribute("aria-pressed", String(answer.notForMe));
      button.title = answer.notForMe
        ? "Marked not for me: press to undo"
        : "Leave it out of your digest and picks";
    },
    save: function (form, answer) {
      form.querySelector(".form-status").textContent = answer.message;
    }
  };

  // Curation changes the list's order and flags: the page the redirect leads to (this same list,
  // rendered again) gives its main part. An entry that moved a little (up or down a place) stays
  // where it was on the screen, the page scrolling with it; one that moved further (pinned to the
  // top of a long list) goes without taking the page along. The focus stays on the same button of
  // the entry, or the first one it has.
  function swapMain(html, form, button) {
    var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("main");
    var main = document.querySelector("main");
    if (!fresh || !main) {
      return false;
    }
    var card = form.closest("[data-paper]");
    var paperId = card && card.getAttribute("data-paper");
    var top = card ? card.getBoundingClientRect().top : 0;
    main.replaceChildren.apply(main, Array.prototype.slice.call(fresh.childNodes));
    renderMath(main);
    var moved = paperId ? partsOf(paperId)[0] : null;
    if (!moved) {
      return true;
    }
    var shift = moved.getBoundingClientRect().top - top;
    if (Math.abs(shift) < window.innerHeight) {
      window.scrollBy(0, shift);
    }
    var same = button
      ? moved.querySelector('button[name="' + button.name + '"][value="' + button.value + '"]')
      : null;
    var focus = same || moved.querySelector(".curate button") || moved.querySelector("a");
    if (focus) {
      focus.focus({ preventScroll: true });
    }
    return true;
  }

  // The form sent as the browser would, when sending it in place failed: the server's own page
  // (sign-in, a refusal, an error) then explains.
  function sendPlainly(form, button) {
    form.removeAttribute("data-inplace");
    form.requestSubmit(button);
  }

  function send(event) {
    var form = event.target;
    var kind = form.getAttribute("data-inplace");
    if (!kind || typeof window.fetch !== "function") {
      return;
    }
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") {
      return; // one change at a time per form: a click while the last one is on its way is ignored
    }
    var button = event.submitter || null;
    var body = new URLSearchParams(new FormData(form));
    if (button && button.name) {
      body.append(button.name, button.value);
    }
    form.setAttribute("aria-busy", "true");
    // getAttribute: form.action would be the curation form's buttons named "action".
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: kind === "curate" ? "text/html" : "application/json" }
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (kind === "curate" && response.redirected) {
          // Done: the page it leads to shows the list, or is the sign-in page.
          return response.text().then(function (html) {
            var url = new URL(response.url);
            if (url.pathname !== window.location.pathname || !swapMain(html, form, button)) {
              window.location.assign(response.url);
            }
          });
        }
        if (!response.ok || type.indexOf("application/json") !== 0 || !apply[kind]) {
          throw new Error("not done in place: " + response.status);
        }
        return response.json().then(function (answer) {
          apply[kind](form, answer);
        });
      })
      .then(
        function () {
          form.removeAttribute("aria-busy");
        },
        function () {
          form.removeAttribute("aria-busy");
          sendPlainly(form, button);
        }
      );
  }

  // The reader's submissions while one waits for arXiv: the list is fetched again every few
  // seconds and replaced in place (a polite live region says what changed), until none waits.
  function followSubmissions() {
    var box = document.getElementById("submissions");
    if (!box || !box.hasAttribute("data-pending") || typeof window.fetch !== "function") {
      return;
    }
    var checks = 0;
    function check() {
      if (++checks > SUBMISSION_CHECKS) {
        return;
      }
      fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (response) {
          return response.ok ? response.text() : Promise.reject(response.status);
        })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html");
          var list = fresh.getElementById("submissions");
          if (!list) {
            return;
          }
          box.replaceChildren.apply(box, Array.prototype.slice.call(list.childNodes));
          renderMath(box);
          if (list.hasAttribute("data-pending")) {
            window.setTimeout(check, SUBMISSION_PAUSE);
          } else {
            box.removeAttribute("data-pending");
          }
        })
        .catch(function () {
          window.setTimeout(check, SUBMISSION_PAUSE * 3);
        });
    }
    window.setTimeout(check, SUBMISSION_PAUSE);
  }

  // A lookup is one arXiv request, a few seconds apart from the others: checking every 2 s for 10
  // minutes covers the queue, then the reader can reload.
  var SUBMISSION_PAUSE = 2000;
  var SUBMISSION_CHECKS = 300;

  // "Load more papers" on a long list: a link to the list's next page (which works without
  // script); here the next page's cards are appended to this list and the link moves on to the
  // page after, or goes when there is none. The focus goes to the first new card.
  function loadMore(event) {
    var link = event.target.closest ? event.target.closest("a[data-load-more]") : null;
    var list = document.querySelector("ol.cards");
    if (!link || !list || typeof window.fetch !== "function" || event.button !== 0) {
      return;
    }
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return; // a new tab or window: the plain link
    }
    event.preventDefault();
    if (link.getAttribute("aria-busy") === "true") {
      return;
    }
    link.setAttribute("aria-busy", "true");
    fetch(link.getAttribute("href"), { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var first = null;
        fresh.querySelectorAll("ol.cards > li").forEach(function (item) {
          var added = document.importNode(item, true);
          list.appendChild(added);
          first = first || added;
        });
        renderMath(list);
        var next = fresh.querySelector("a[data-load-more]");
        if (next) {
          link.setAttribute("href", next.getAttribute("href"));
          link.removeAttribute("aria-busy");
        } else {
          link.remove();
        }
        var target = first ? first.querySelector("a") : null;
        if (target) {
          target.focus({ preventScroll: true });
        }
      })
      .catch(function () {
        window.location.assign(link.getAttribute("href"));
      });
  }

  document.addEventListener("click", loadMore);
  document.addEventListener("submit", send);
  document.addEventListener("DOMContentLoaded", function () {
    renderMath(document);
    followSubmissions();
  });
})();
