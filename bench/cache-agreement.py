#!/usr/bin/env python3
"""Cache agreement (issue 16): how long a vote made on one node takes to show on another node's
cached answers. Signs in on node A (the link is read from A's outbox folder), then N times:
toggles its vote on a paper through A's API, and polls B's /api/daily_papers (a cached answer)
every 5 ms until the paper's upvotes there are the ones A answered; the lag is from A's answer
to B's first agreeing answer. Prints max, p50, p90 and mean.

Usage: cache-agreement.py A_URL B_URL A_OUTBOX_DIR EMAIL [N]
"""
import email, glob, http.cookiejar, json, os, re, statistics, sys, time, urllib.request, urllib.parse

a, b, outbox, address = sys.argv[1:5]
n = int(sys.argv[5]) if len(sys.argv) > 5 else 100
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(
    urllib.request.HTTPCookieProcessor(jar), type("NoRedirect", (urllib.request.HTTPRedirectHandler,),
    {"redirect_request": lambda *args, **kw: None})())

def call(url, data=None, headers={}):
    req = urllib.request.Request(url, data=data, headers=headers)
    try:
        with opener.open(req, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()

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

_, day = call(b + "/api/daily_papers")
items = json.loads(day)
paper = items[0]["paper"]["id"]
api = b + "/api/daily_papers"

def upvotes_on_b():
    _, body = call(api)
    for it in json.loads(body):
        if it["paper"]["id"] == paper:
            return it["paper"]["upvotes"]

lags = []
for i in range(n):
    upvotes_on_b(); upvotes_on_b()  # B's answer is cached before the change
    status, body = call(a + "/api/papers/%s/vote" % paper, b"{}",
                        {"Content-Type": "application/json", "X-CSRF-Token": token_header})
    assert status == 200, (status, body)
    t0 = time.monotonic()
    want = json.loads(body)["upvotes"]
    while upvotes_on_b() != want:
        if time.monotonic() - t0 > 10:
            sys.exit("change %d not on B after 10 s" % i)
        time.sleep(0.005)
    lags.append((time.monotonic() - t0) * 1000)
    time.sleep(0.1)

lags.sort()
print("changes %d, paper %s: lag max %.0f ms, p50 %.0f ms, p90 %.0f ms, mean %.0f ms, min %.0f ms"
      % (n, paper, lags[-1], statistics.median(lags), lags[int(0.9 * n) - 1],
         statistics.mean(lags), lags[0]))
