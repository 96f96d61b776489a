#!/bin/bash
# Cost of metrics (issue 13): wrk against `/` and `/api/papers/search` on two `serve` processes
# over copies of the same data directory, one with PAPERBOY_METRICS=true and one with false, in the
# same run, in ROUNDS paired runs (off then on, on then off, ...) so that a change in the machine's
# load hits both; the figure is the median of the rounds' on/off ratios.
#
# Usage (from the project directory; needs Debian's wrk; other heavy jobs take the same lock):
#   ./mvnw -q -B -DskipTests package && cp target/paperboy.jar /tmp/h13.jar &&
#   JAR=/tmp/h13.jar flock /tmp/paperboy-cpu.lock bench/metrics-cost.sh ../shared/data
# Prints a Markdown table for BENCHMARKS.md.
set -eu
DATA=${1:-../shared/data}
DURATION=${DURATION:-8s}
ROUNDS=${ROUNDS:-5}
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
trap 'kill $ON $OFF 2>/dev/null; wait $ON $OFF 2>/dev/null || true; rm -rf "$WORK"' EXIT
for port in $ON_PORT $OFF_PORT; do
  for i in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$port/health/live" >/dev/null 2>&1 && break
    sleep 1
  done
done
curl -sf "http://127.0.0.1:$ON_PORT/metrics" > /dev/null
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$OFF_PORT/metrics")" = 404 ]

rps() { # url: requests per second over DURATION
  wrk -t2 -c32 -d"$DURATION" "$1" | awk '/Requests\/sec/ {print $2}'
}

echo "java: $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| path | rounds: metrics off / on, req/s | median on/off |"
echo "|---|---|---|"
for path in / "$SEARCH"; do
  wrk -t2 -c32 -d5s "http://127.0.0.1:$OFF_PORT$path" > /dev/null 2>&1
  wrk -t2 -c32 -d5s "http://127.0.0.1:$ON_PORT$path" > /dev/null 2>&1
  pairs=""
  for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) = 1 ]; then
      off=$(rps "http://127.0.0.1:$OFF_PORT$path"); on=$(rps "http://127.0.0.1:$ON_PORT$path")
    else
      on=$(rps "http://127.0.0.1:$ON_PORT$path"); off=$(rps "http://127.0.0.1:$OFF_PORT$path")
    fi
    pairs="$pairs $off/$on"
  done
  rounds=$(echo "$pairs" | tr ' ' '\n' | grep . | awk -F/ '{ printf "%s%.0f / %.0f", (NR > 1 ? ", " : ""), $1, $2 }')
  median=$(echo "$pairs" | tr ' ' '\n' | grep . | awk -F/ '{ print $2 / $1 }' | sort -g |
    awk '{ r[NR] = $1 } END { print (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }')
  awk -v p="$path" -v s="$rounds" -v m="$median" 'BEGIN { printf "| `%s` | %s | %.3f (%+.1f%%) |\n", p, s, m, (m - 1) * 100 }'
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
