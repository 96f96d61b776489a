#!/bin/bash
# Load benchmark for the feeds of issue 15: wrk against /feeds/daily.atom, an author feed and a
# saved-search feed (natural language, with a similarity floor) on one server in one run, several
# rounds with the three targets taken in turn, so that a change in the machine's load hits all
# three alike. Every answer comes from the response cache (the first request of each renders it).
#
# Usage (from the project directory; needs Debian's wrk; other heavy jobs take the same lock):
#   ./mvnw -q -B -DskipTests package && cp target/paperboy.jar /tmp/h15f.jar
#   JAR=/tmp/h15f.jar flock /tmp/paperboy-cpu.lock bench/feeds-load.sh ../shared/data
# or set up outside the lock first (import and embed; prints the work directory), then measure:
#   WORK=$(SETUP_ONLY=1 JAR=/tmp/h15f.jar bench/feeds-load.sh ../shared/data)
#   WORK=$WORK SKIP_SETUP=1 JAR=/tmp/h15f.jar flock /tmp/paperboy-cpu.lock bench/feeds-load.sh
# Prints a Markdown table for BENCHMARKS.md: each round, then the median of the rounds with the
# ratio of each feed's requests/s to the daily feed's.
set -eu
DATA=${1:-../shared/data}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18150}
JAR=${JAR:-target/paperboy.jar}
AUTHOR=${AUTHOR:-Ziwei Liu}
QUERY=${QUERY:-video generation with diffusion models}
FLOOR=${FLOOR:-0.4}
WORK=${WORK:-$(mktemp -d /tmp/paperboy-feedload.XXXXXX)}

export PAPERBOY_DATA="$WORK/data" PAPERBOY_PORT=$PORT PAPERBOY_DEMO_DATA=false \
  PAPERBOY_HF_FOLLOW=false PAPERBOY_HARVEST=false
if [ -z "${SKIP_SETUP:-}" ]; then
  java -jar "$JAR" import "$DATA"/hf_daily_papers_2024-05-27_to_2026-06-30 > "$WORK/import.log" 2>&1 || true
  # Embed now: otherwise `serve` embeds in the background, right through the measurement.
  java -jar "$JAR" reindex --embed > "$WORK/reindex.log" 2>&1
fi
[ -n "${SETUP_ONLY:-}" ] && { echo "$WORK"; exit 0; }
java -Xmx512m -jar "$JAR" serve > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; true' EXIT
for i in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 1
done

enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$1"; }
# The URLs as the pages link them (parameters in alphabetical order): the cache's own keys.
DAILY="/feeds/daily.atom"
AUTHOR_FEED="/feeds/author.atom?name=$(enc "$AUTHOR")"
SAVED_FEED="/feeds/saved-search.atom?floor=$FLOOR&mode=semantic&q=$(enc "$QUERY")"
for path in "$DAILY" "$AUTHOR_FEED" "$SAVED_FEED"; do
  code=$(curl -s -o "$WORK/body" -w '%{http_code}' "http://127.0.0.1:$PORT$path")
  [ "$code" = 200 ] || { echo "$path answered $code" >&2; exit 1; }
  echo "$path: $(grep -o '<entry>' "$WORK/body" | wc -l) entries, $(wc -c < "$WORK/body") bytes" >&2
done

declare -A RPS P50 P99
# wrk's latency (850.00us, 1.20ms, 1.01s) in milliseconds.
ms() { awk '{v=$1; u=v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
  printf "%.2f", (u=="us" ? v/1000 : (u=="s" ? v*1000 : v))}'; }
run() { # label path round
  label=$1 url="http://127.0.0.1:$PORT$2"
  wrk -t2 -c32 -d3s "$url" >/dev/null 2>&1
  out=$(wrk -t2 -c32 -d"$DURATION" --latency "$url")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}' | ms)
  p99=$(echo "$out" | awk '$1=="99%" {print $2}' | ms)
  errs=$(echo "$out" | awk '/Non-2xx|Socket errors/ {printf "%s ", $0}')
  bytes=$(curl -s "$url" | wc -c)
  RPS[$label]="${RPS[$label]:-} $rps"
  P50[$label]="${P50[$label]:-} $p50"
  P99[$label]="${P99[$label]:-} $p99"
  echo "| $3 | $label | $bytes | $rps | $p50 | $p99 | ${errs:-none} |"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| round | feed | body bytes | requests/s | p50 ms | p99 ms | errors |"
echo "|---|---|---|---|---|---|---|"
for r in $(seq 1 "$ROUNDS"); do
  run daily "$DAILY" "$r"
  run author "$AUTHOR_FEED" "$r"
  run saved-search "$SAVED_FEED" "$r"
done
echo
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
daily=$(echo "${RPS[daily]}" | median)
echo "| feed (median of $ROUNDS rounds) | requests/s | × daily | p50 ms | p99 ms |"
echo "|---|---|---|---|---|"
for label in daily author saved-search; do
  rps=$(echo "${RPS[$label]}" | median)
  ratio=$(awk -v a="$rps" -v b="$daily" 'BEGIN {printf "%.2f", a / b}')
  p50=$(echo "${P50[$label]}" | median)
  p99=$(echo "${P99[$label]}" | median)
  echo "| $label | $rps | $ratio | $p50 | $p99 |"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "page cache: $(curl -s "http://127.0.0.1:$PORT/metrics" | grep -E '^paperboy_page_cache' | tr '\n' ' ')"
