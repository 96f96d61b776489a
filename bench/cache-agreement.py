#!/usr/bin/env python3
"""Cache agreement (issue 16): how long a change made on one node takes to show on another node's
cached pages and API answers.

Signs in on node A as a curator (the account is made beforehand with `paperboy user add --curator`;
the sign-in link is read from A's outbox folder), then makes N changes through A, taking the kinds
in turn (KINDS, default vote,comment,hide,show):
  vote     toggles the account's vote on the day's first paper (A's JSON API);
  comment  posts a comment on that paper (A's JSON API);
  hide     hides the day's second paper from readers (A's curation form, as a curator's button);
  show     shows it again (the same form: the restore of a hidden entry).
Before each change it reads B's answers twice, so they come from B's cache; after A has answered,
it polls B, signed out, until each of B's answers shows the change:
  page     the day page (/papers/date/D, cached): the card's upvote count, the card's comment
           count, the entry gone or back;
  api      /api/daily_papers?date=D (cached): upvotes, numComments, the item gone or back;
  paper    (comments only) the paper's own page, "Comments (n)" (rendered afresh on every request,
           a check that the comment reached B's database reads at all).
Each answer is polled every 5 ms by its own thread; the lag of an answer is from A's answer to
the end of B's first agreeing one. Prints max, p50, p90, mean per
kind and answer, and over everything (the max over all cached answers is the figure).

Usage: cache-agreement.py A_URL B_URL A_OUTBOX_DIR EMAIL [N]
"""
import email, glob, http.cookiejar, json, os, re, statistics, sys, threading, time, urllib.request, urllib.parse

a, b, outbox, address = sys.argv[1:5]
n = int(sys.argv[5]) if len(sys.argv) > 5 else 100
kinds = os.environ.get("KINDS", "vote,comment,hide,show").split(",")
POLL = 0.005
NO_REDIRECT = type("NoRedirect", (urllib.request.HTTPRedirectHandler,),
                   {"redirect_request": lambda *args, **kw: None})
# A's requests carry the session; B's carry nothing (a cookie is not kept per port, so one jar
# would sign B's reads in too, and signed-in pages are not served from the cache).
signed_in = urllib.request.build_opener(
    urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NO_REDIRECT())
signed_out = urllib.request.build_opener(NO_REDIRECT())


def call(url, data=None, headers={}, opener=signed_in):
    req = urllib.request.Request(url, data=data, headers=headers)
    try:
        with opener.open(req, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def read_b(path):
    status, body = call(b + path, opener=signed_out)
    assert status == 200, (path, status, body[:300])
    return body


def csrf(page):
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


# Sign in on A with the mailed link.
before = set(glob.glob(os.path.join(outbox, "*.eml")))
_, page = call(a + "/signin")
call(a + "/signin", urllib.parse.urlencode({"csrf": csrf(page), "email": address}).encode())
for _ in range(100):
    new = set(glob.glob(os.path.join(outbox, "*.eml"))) - before
    if new:
        break
    time.sleep(0.05)
time.sleep(0.2)  # written aside and moved into place; let it land
msg = email.message_from_bytes(open(new.pop(), "rb").read())
text = "".join(part.get_payload(decode=True).decode("utf-8", "replace")
               for part in msg.walk() if part.get_content_type() == "text/plain")
token = re.search(r"token=([A-Za-z0-9_-]{43})", text).group(1)
status, page = call(a + "/auth/verify?token=" + token)
assert status == 200, (status, page[:300])
form = {"csrf": csrf(page), "token": token}
if 'name="confirm"' in page:
    form["confirm"] = "yes"
status, _ = call(a + "/auth/verify", urllib.parse.urlencode(form).encode())
assert status == 303, status
_, account = call(a + "/account")
token_header = csrf(account)

items = json.loads(read_b("/api/daily_papers"))
day = items[0]["publishedAt"][:10]
voted = items[0]["paper"]["id"]
hidden = items[1]["paper"]["id"]
PAGE = "/papers/date/" + day
API = "/api/daily_papers?date=" + day
PAPER = "/papers/" + voted


def item(answer, paper):
    for it in json.loads(answer):
        if it["paper"]["id"] == paper:
            return it


def card(page, paper):
    """The card of a paper on a list page: from its data-paper to the next card."""
    start = page.find('data-paper="%s"' % paper)
    if start < 0:
        return None
    end = page.find("data-paper=", start + 1)
    return page[start:end if end > 0 else len(page)]


def card_number(page, paper, pattern):
    return int(re.search(pattern, card(page, paper)).group(1))


def card_upvotes(page):
    return card_number(page, voted, r'class="vote-count">(\d+)<')


def card_comments(page):
    return card_number(page, voted, r'<li class="comments">(\d+) comment')


def paper_comments(page):
    return int(re.search(r'id="comments-heading">Comments \((\d+)\)', page).group(1))


def api_json(headers={}):
    return dict({"Content-Type": "application/json", "X-CSRF-Token": token_header}, **headers)


def vote():
    status, body = call(a + "/api/papers/%s/vote" % voted, b"{}", api_json())
    assert status == 200, (status, body)
    want = json.loads(body)["upvotes"]
    return {"page": (PAGE, lambda p: card_upvotes(p) == want),
            "api": (API, lambda p: item(p, voted)["paper"]["upvotes"] == want)}


comment_number = 0


def comment():
    global comment_number
    comment_number += 1
    on_page = card_comments(read_b(PAGE))
    on_api = item(read_b(API), voted)["numComments"]
    on_paper = paper_comments(read_b(PAPER))
    body = json.dumps({"body": "Cache agreement, comment %d." % comment_number}).encode()
    status, answer = call(a + "/api/papers/%s/comments" % voted, body, api_json())
    assert status == 201, (status, answer)
    return {"page": (PAGE, lambda p: card_comments(p) == on_page + 1),
            "api": (API, lambda p: item(p, voted)["numComments"] == on_api + 1),
            "paper": (PAPER, lambda p: paper_comments(p) == on_paper + 1)}


def curate(action, shown):
    form = urllib.parse.urlencode({"csrf": token_header, "paper": hidden, "action": action,
                                   "next": PAGE}).encode()
    status, answer = call(a + PAGE + "/curate", form)
    assert status == 303, (status, answer[:300])
    return {"page": (PAGE, lambda p: (card(p, hidden) is not None) == shown),
            "api": (API, lambda p: (item(p, hidden) is not None) == shown)}


changes = {"vote": vote, "comment": comment, "hide": lambda: curate("hide", False),
           "show": lambda: curate("show", True)}
records = []  # (kind, {answer: lag ms})


def poll(t0, name, path, ok, lag):
    """Reads B's answer every POLL s until it shows the change; its lag, or None after 10 s."""
    lag[name] = None
    while time.monotonic() - t0 < 10:
        if ok(read_b(path)):
            lag[name] = (time.monotonic() - t0) * 1000
            return
        time.sleep(POLL)


for i in range(n):
    kind = kinds[i % len(kinds)]
    for _ in range(2):  # B's answers are cached before the change
        read_b(PAGE), read_b(API)
    targets = changes[kind]()
    t0 = time.monotonic()
    lag = {}
    # Each answer polled by its own thread, so one slow answer does not delay seeing another.
    threads = [threading.Thread(target=poll, args=(t0, name, path, ok, lag))
               for name, (path, ok) in targets.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    missing = [name for name in targets if lag.get(name) is None]
    if missing:
        sys.exit("change %d (%s) not in B's %s after 10 s" % (i, kind, ", ".join(missing)))
    # The change is on B when both cached answers show it.
    lag["both"] = max(lag["page"], lag["api"])
    records.append((kind, lag))
    time.sleep(0.1)


def row(label, xs):
    xs = sorted(xs)
    return "%-16s %4d  max %5.0f  p50 %5.0f  p90 %5.0f  mean %5.0f  min %5.0f" % (
        label, len(xs), xs[-1], statistics.median(xs), xs[max(0, -(-9 * len(xs) // 10) - 1)],
        statistics.mean(xs), xs[0])


print("changes %d on A, read on B (ms): day %s, voted/commented %s, hidden/shown %s"
      % (n, day, voted, hidden))
for kind in kinds + ["all"]:
    for name in ("page", "api", "paper", "both"):
        xs = [lag[name] for k, lag in records if kind in (k, "all") and name in lag]
        if xs:
            print(row("%s %s" % (kind, name), xs))
