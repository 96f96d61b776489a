#!/bin/bash
# The random-query-string hammer (issue 17): 10,000 requests with made-up parameters on `/`,
# `/api/daily_papers?month=…&limit=100&x=N` and `/search?q=…` against `serve -Xmx512m`; the heap
# after a full GC before and after, and the number of errors (non-200 answers or failed requests).
# Before issue 17 about 900 such requests ran the heap out of memory.
#
# Usage (from the project directory; other heavy jobs take the same lock):
#   ./mvnw -q -B -DskipTests package && cp target/paperboy.jar /tmp/h17a.jar
#   JAR=/tmp/h17a.jar flock /tmp/paperboy-cpu.lock bench/hammer.sh ../shared/data
set -eu
DATA=${1:-../shared/data}
REQUESTS=${REQUESTS:-10000}
DAYS=${DAYS:-30}
WORK=$(mktemp -d /tmp/paperboy-hammer.XXXXXX)
PORT=${PORT:-18190}
JAR=${JAR:-target/paperboy.jar}

export PAPERBOY_DATA="$WORK/data" PAPERBOY_PORT=$PORT PAPERBOY_DEMO_DATA=false
# The last $DAYS days of Hugging Face lists (a month of 2026-06 answers ~440 KB at limit=100).
mkdir -p "$WORK/in"
ls "$DATA"/hf_daily_papers_2024-05-27_to_2026-06-30/*.json.gz | tail -n "$DAYS" |
  while read -r f; do ln -s "$f" "$WORK/in/"; done
java -jar "$JAR" import "$WORK/in" > "$WORK/import.log" 2>&1
# Embed first, so that the background embedding does not move the heap during the run.
java -jar "$JAR" reindex --embed > "$WORK/reindex.log" 2>&1
java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar "$JAR" serve > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; true' EXIT
for i in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 1
done

heap() {
  jcmd $SERVER GC.run > /dev/null
  jcmd $SERVER GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+'
}

run() {
python3 - "$PORT" "$1" "$2" <<'PY'
import http.client, random, sys, urllib.parse
port, n, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(seed)
words = ("attention diffusion video language model agent reasoning vision robot graph "
         "retrieval scaling reinforcement learning benchmark token memory speech 3d").split()
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
errors = 0
for i in range(n):
    junk = "&".join(f"{rnd.choice('xyzuvw')}{rnd.randrange(10**6)}={rnd.randrange(10**9)}"
                    for _ in range(rnd.randrange(1, 4)))
    kind = i % 3
    if kind == 0:
        path = f"/?{junk}"
    elif kind == 1:
        path = f"/api/daily_papers?month=2026-0{rnd.choice('56')}&limit=100&x={rnd.randrange(10**9)}&{junk}"
    else:
        q = " ".join(rnd.choice(words) for _ in range(rnd.randrange(1, 5)))
        path = f"/search?q={urllib.parse.quote(q)}&{junk}"
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        r.read()
        if r.status != 200:
            errors += 1
    except Exception:
        errors += 1
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
print(errors)
PY
}
# Warm up (the model, the caches, the templates), then measure.
run 300 1 > /dev/null
BEFORE=$(heap)
START=$(date +%s)
ERRORS=$(run "$REQUESTS" 17)
END=$(date +%s)
AFTER=$(heap)
ALIVE=$(curl -sf "http://127.0.0.1:$PORT/health" || echo dead)
echo "| requests | errors | heap after GC before | after | difference | seconds | /health after |"
echo "|---|---|---|---|---|---|---|"
echo "| $REQUESTS | $ERRORS | $((BEFORE / 1024)) MB | $((AFTER / 1024)) MB | $(((AFTER - BEFORE) / 1024)) MB | $((END - START)) | $ALIVE |"
