// Paperboy's one script. It renders the LaTeX in titles and abstracts (elements with the class
// "math") with KaTeX, loaded from this site, sends the forms marked data-inplace without leaving
// the page, asks in place before a curator's "Remove", and previews comments in place. Without
// JavaScript everything still works: the text stays as written, e.g. Adapt-$\infty$, every form
// posts and comes back to the page it was sent from, "Remove" leads to a page that asks, and
// "Preview" comes back with the preview under the text.
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
    // A collection's button shows whether it holds the paper; pressed, it takes the paper out.
    save: function (form, answer) {
      form.querySelectorAll(".save-toggle").forEach(function (button) {
        if (button.value !== answer.collectionId) {
          return;
        }
        button.name = answer.saved ? "remove" : "add";
        button.setAttribute("aria-pressed", String(answer.saved));
        button.title = answer.saved
          ? "In this collection: press to take it out"
          : "Save to this collection";
        var check = button.querySelector(".check");
        if (check) {
          check.textContent = answer.saved ? "\u2713 " : "+ ";
        }
      });
      form.querySelector(".form-status").textContent = answer.message;
    }
  };

  // A flash stays in sight while the page scrolls; a button puts it away.
  function dismissable(flash) {
    if (!flash || !flash.firstChild || flash.querySelector(".flash-dismiss")) {
      return;
    }
    var close = document.createElement("button");
    close.type = "button";
    close.className = "flash-dismiss";
    close.setAttribute("aria-label", "Dismiss");
    close.textContent = "\u00d7";
    close.addEventListener("click", function () {
      flash.replaceChildren();
    });
    flash.append(close);
  }

  // The flash of the page a form led to ("Removed …", with its Undo) replaces this page's own,
  // in the same live region, so that it is read out.
  function takeFlash(fresh) {
    var flash = document.getElementById("flash");
    var next = fresh.querySelector("#flash");
    if (!flash || !next) {
      return flash;
    }
    next.remove();
    flash.replaceChildren.apply(flash, Array.prototype.slice.call(next.childNodes));
    renderMath(flash);
    dismissable(flash);
    return flash;
  }

  // A card's place in its list: its <li>, or the card itself.
  function itemOf(card) {
    return card.parentElement && card.parentElement.tagName === "LI" ? card.parentElement : card;
  }

  // A note in place of a removed card: the flash's words and its Undo form, before the card that
  // followed it (or at the end of the list).
  function noteInPlace(flash, afterId) {
    var next = afterId ? partsOf(afterId)[0] : null;
    var some = document.querySelector("main .card");
    if (!next && !some) {
      return null;
    }
    var place = itemOf(next || some);
    var note = document.createElement(place.tagName === "LI" ? "li" : "div");
    note.className = "removed-note";
    Array.prototype.forEach.call(flash.children, function (child) {
      if (!child.classList.contains("flash-dismiss")) {
        note.append(child.cloneNode(true));
      }
    });
    if (next) {
      place.before(note);
    } else {
      place.parentNode.append(note);
    }
    return note;
  }

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
    var named = form.querySelector("input[name=paper]");
    var paperId = card ? card.getAttribute("data-paper") : named && named.value;
    // what stays put on the screen: the card, or the note of a removal being undone
    var spot = card || form.closest(".removed-note");
    var top = spot ? spot.getBoundingClientRect().top : 0;
    var after = card ? itemOf(card).nextElementSibling : null;
    var afterCard = after && (after.matches("[data-paper]") ? after : after.querySelector("[data-paper]"));
    var afterId = afterCard && afterCard.getAttribute("data-paper");
    var flash = takeFlash(fresh);
    var children = Array.prototype.slice.call(fresh.childNodes);
    main.replaceChildren.apply(main, flash ? [flash].concat(children) : children);
    renderMath(main);
    var moved = paperId ? partsOf(paperId)[0] : null;
    if (!moved) {
      // Gone from the list (removed): what the flash says, and its Undo, also where it was.
      moved = card && flash && flash.querySelector("form") ? noteInPlace(flash, afterId) : null;
      if (!moved) {
        return true;
      }
    }
    var shift = moved.getBoundingClientRect().top - top;
    if (spot && Math.abs(shift) < window.innerHeight) {
      window.scrollBy(0, shift);
    }
    var same = button
      ? moved.querySelector('button[name="' + button.name + '"][value="' + button.value + '"]')
      : null;
    var focus =
      same ||
      moved.querySelector(".curate button") ||
      moved.querySelector("button") ||
      moved.querySelector("a");
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

  // "Remove" asks first, next to the button: "Remove it" sends the form with confirm=yes (as the
  // page the server shows without script does), "Keep it" puts the button back.
  function askToRemove(form, button) {
    var box = document.createElement("span");
    box.className = "confirm-remove";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Confirm the removal");
    var confirm = document.createElement("input");
    confirm.type = "hidden";
    confirm.name = "confirm";
    confirm.value = "yes";
    var yes = document.createElement("button");
    yes.type = "submit";
    yes.name = "action";
    yes.value = "remove";
    yes.className = "confirm-yes";
    yes.textContent = "Remove it";
    var no = yes.cloneNode(false);
    no.type = "button";
    no.className = "confirm-no";
    no.textContent = "Keep it";
    no.removeAttribute("name");
    no.addEventListener("click", function () {
      box.remove();
      button.hidden = false;
      button.focus();
    });
    box.append("Remove from this list? ", confirm, yes, " ", no);
    button.hidden = true;
    button.after(box);
    yes.focus();
  }

  // A comment form's "Preview" shows the text as it would be posted, rendered by the server with
  // the comments' own renderer, under the text; without script the button posts the form, and the
  // page comes back with the preview and the text.
  function preview(event) {
    var button = event.submitter;
    var form = event.target;
    var path = form.getAttribute("data-preview");
    if (!button || button.name !== "preview" || !path || typeof window.fetch !== "function") {
      return false;
    }
    event.preventDefault();
    var body = new URLSearchParams(new FormData(form));
    fetch(path, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("no preview: " + response.status);
        }
        return response.json();
      })
      .then(
        function (answer) {
          var box = form.querySelector(".comment-preview");
          var label = document.createElement("p");
          label.className = "preview-label";
          label.textContent = "Preview";
          var html = document.createElement("div");
          html.className = "comment-body";
          // made safe by the server: the same renderer and sanitizer as a posted comment
          html.innerHTML = answer.html;
          box.replaceChildren(label, html);
          renderMath(box);
        },
        function () {
          // the server's own page then shows the preview, or says what is wrong
          form.removeAttribute("data-preview");
          form.requestSubmit(button);
        }
      );
    return true;
  }

  function send(event) {
    var form = event.target;
    if (preview(event)) {
      return;
    }
    var kind = form.getAttribute("data-inplace");
    if (!kind || typeof window.fetch !== "function") {
      return;
    }
    var button = event.submitter || null;
    if (
      kind === "curate" &&
      button &&
      button.value === "remove" &&
      !form.querySelector("input[name=confirm]")
    ) {
      event.preventDefault();
      askToRemove(form, button);
      return;
    }
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") {
      return; // one change at a time per form: a click while the last one is on its way is ignored
    }
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

  // The account menu (a <details>, which works without script) closes as menus do: on a click
  // elsewhere, and on Escape, which gives the focus back to its button.
  function closeMenus(event) {
    document.querySelectorAll(".account-menu details[open]").forEach(function (menu) {
      if (event.type === "click" && menu.contains(event.target)) {
        return;
      }
      if (event.type === "keydown" && event.key !== "Escape") {
        return;
      }
      menu.open = false;
      if (event.type === "keydown") {
        menu.querySelector("summary").focus();
      }
    });
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
  document.addEventListener("click", closeMenus);
  document.addEventListener("keydown", closeMenus);
  document.addEventListener("DOMContentLoaded", function () {
    renderMath(document);
    dismissable(document.getElementById("flash"));
    followSubmissions();
  });
})();
