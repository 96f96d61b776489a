#!/bin/bash
# Search latency through the HTTP API (issue 3) as a client in its own process sees it: `paperboy
# serve` on a data directory that `SearchBenchmark full` (or `paperboy reindex --embed`) prepared,
# and wrk on one keep-alive connection requesting queries in order (bench/search-paths.lua): per
# mode, 300 warm-up queries for 10 s, then other queries for 8-15 s, each once (the list of 1,994
# outlasts the run).
#
# Usage (from the project directory; needs Debian's wrk; other heavy jobs take the same lock):
#   ./mvnw -q -B -DskipTests package && flock /tmp/paperboy-cpu.lock bench/search-latency.sh ../shared/data WORK
# Prints a Markdown table for BENCHMARKS.md.
set -eu
DATA=${1:-../shared/data}
WORK=$2
PORT=${PORT:-18190}
JAR=${JAR:-target/paperboy.jar}
FILES=$(mktemp -d /tmp/paperboy-searchlat.XXXXXX)

java -cp "$JAR" bench/SearchBenchmark.java paths "$DATA" "$WORK" "$FILES" > "$FILES/paths.log" 2>&1
PAPERBOY_DATA=$WORK PAPERBOY_PORT=$PORT java -Xmx1g -jar "$JAR" serve > "$FILES/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$FILES"' EXIT
for i in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 1
done

echo "java: $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| request (wrk, one connection, each query once) | requests | p50 ms | p90 ms | p99 ms |"
echo "|---|---|---|---|---|"
for mode in keyword hybrid semantic; do
  case $mode in keyword) seconds=8 ;; hybrid) seconds=15 ;; *) seconds=10 ;; esac
  wrk -t1 -c1 -d10s -s bench/search-paths.lua "http://127.0.0.1:$PORT" -- "$FILES/warm-$mode.txt" > /dev/null
  wrk -t1 -c1 -d${seconds}s -s bench/search-paths.lua "http://127.0.0.1:$PORT" -- "$FILES/timed-$mode.txt" \
    | awk -v mode="$mode" '
        $1 == "requests" { n = $2; errors = $4 }
        $1 == "p50" { p50 = $2 } $1 == "p90" { p90 = $2 } $1 == "p99" { p99 = $2 }
        $1 == "status" { bad++ }
        END { printf "| /api/papers/search?mode=%s | %s | %s | %s | %s |%s\n", mode, n, p50, p90, p99,
              (errors + bad > 0 ? " errors: " errors + bad : "") }'
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
