#!/bin/bash
# Cost of metrics (issue 13): wrk against `/` and `/api/papers/search` on two `serve` processes
# over copies of the same data directory, one with PAPERBOY_METRICS=true and one with false, in the
# same run, taking turns (off, on, off, on) so that a change in the machine's load hits both.
#
# Usage (from the project directory; needs Debian's wrk; other heavy jobs take the same lock):
#   ./mvnw -q -B -DskipTests package && cp target/paperboy.jar /tmp/h13.jar &&
#   JAR=/tmp/h13.jar flock /tmp/paperboy-cpu.lock bench/metrics-cost.sh ../shared/data
# Prints a Markdown table for BENCHMARKS.md.
set -eu
DATA=${1:-../shared/data}
DURATION=${DURATION:-15s}
WORK=$(mktemp -d /tmp/paperboy-metricscost.XXXXXX)
ON_PORT=${ON_PORT:-18280}
OFF_PORT=${OFF_PORT:-18281}
JAR=${JAR:-target/paperboy.jar}
SEARCH='/api/papers/search?q=attention%20transformer&mode=keyword'

export PAPERBOY_DEMO_DATA=false
PAPERBOY_DATA="$WORK/on" java -jar "$JAR" import "$DATA"/hf_daily_papers_2024-05-27_to_2026-06-30 > "$WORK/import.log" 2>&1 || true
# Embed now, so that neither server embeds in the background during the measurement.
PAPERBOY_DATA="$WORK/on" java -jar "$JAR" reindex --embed > "$WORK/reindex.log" 2>&1
cp -r "$WORK/on" "$WORK/off"
PAPERBOY_DATA="$WORK/on" PAPERBOY_PORT=$ON_PORT PAPERBOY_METRICS=true \
  java -Xmx512m -jar "$JAR" serve > "$WORK/on.log" 2>&1 &
ON=$!
PAPERBOY_DATA="$WORK/off" PAPERBOY_PORT=$OFF_PORT PAPERBOY_METRICS=false \
  java -Xmx512m -jar "$JAR" serve > "$WORK/off.log" 2>&1 &
OFF=$!
trap 'kill $ON $OFF 2>/dev/null; wait $ON $OFF 2>/dev/null; rm -rf "$WORK"' EXIT
for port in $ON_PORT $OFF_PORT; do
  for i in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$port/health/live" >/dev/null 2>&1 && break
    sleep 1
  done
done
curl -sf "http://127.0.0.1:$ON_PORT/metrics" > /dev/null
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$OFF_PORT/metrics")" = 404 ]

rps() { # url: requests per second over DURATION after a 5 s warm-up
  wrk -t2 -c32 -d5s "$1" > /dev/null 2>&1
  wrk -t2 -c32 -d"$DURATION" "$1" | awk '/Requests\/sec/ {print $2}'
}

echo "java: $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| path | metrics off, req/s (2 runs) | metrics on, req/s (2 runs) | on vs off |"
echo "|---|---|---|---|"
for path in / "$SEARCH"; do
  off1=$(rps "http://127.0.0.1:$OFF_PORT$path")
  on1=$(rps "http://127.0.0.1:$ON_PORT$path")
  off2=$(rps "http://127.0.0.1:$OFF_PORT$path")
  on2=$(rps "http://127.0.0.1:$ON_PORT$path")
  awk -v p="$path" -v a="$off1" -v b="$off2" -v c="$on1" -v d="$on2" 'BEGIN {
    off = (a + b) / 2; on = (c + d) / 2
    printf "| `%s` | %.0f, %.0f | %.0f, %.0f | %+.1f%% |\n", p, a, b, c, d, (on - off) / off * 100 }'
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
