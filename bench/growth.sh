#!/bin/bash
# Growth curve (issue 16): grows one data directory step by step (the real papers of DATA, then
# synthetic ones from bench/GrowthBenchmark.java up to each size) and measures at each size: the
# `paperboy import` rate end to end, the keyword index build rate (from the import's log), the
# vectors (pseudo-random unit vectors under each paper's real text hash, bench/NewNodeBenchmark.java
# fill: nothing is embedded for real), the time `serve` takes to have every vector in its index,
# index size on disk, keyword and hybrid latency through HTTP (wrk, one connection, warm-up first,
# the query lists of bench/search-latency.sh) and the serve heap (-Xmx2g; jcmd GC.heap_info, RSS).
# Each size step takes /tmp/paperboy-cpu.lock and releases it before the next one.
#
# Usage (from the project directory):
#   ./mvnw -q -B -DskipTests package
#   bench/growth.sh ../shared/data WORK real 250000 500000 1000000
# PAPERBOY_DB_URL etc. in the environment select PostgreSQL instead of WORK/paperboy.db.
# Prints one Markdown table row per size (and keeps the logs in WORK/growth-logs).
set -eu
if [ "${1:-}" = step ]; then
  shift
  DATA=$1 WORK=$2 TARGET=$3
  JAR=${JAR:-target/paperboy.jar}
  PORT=${PORT:-18216}
  LOGS=$WORK/growth-logs
  mkdir -p "$LOGS"
  load0=$(cut -d' ' -f1-3 /proc/loadavg)
  export PAPERBOY_DATA=$WORK PAPERBOY_DEMO_DATA=false
  if [ -f "$WORK/imported-$TARGET" ]; then
    . "$WORK/imported-$TARGET" # imported by an earlier GROWTH_IMPORT_ONLY=1 run
  else
  if [ "$TARGET" = real ]; then
    files=("$DATA/arxiv_oai_cs_2016-03-09" "$DATA/arxiv_daily_dw-dengwei_2025-03-18_to_2026-07-01.jsonl.gz"
      "$DATA/hf_daily_papers_2024-05-27_to_2026-06-30")
  else
    have=$(cat "$WORK/papers")
    real=$(cat "$WORK/real")
    from=$((have - real)) to=$((TARGET - real))
    rm -rf "$WORK/synth-$TARGET"
    java -cp "$JAR" bench/GrowthBenchmark.java synth "$DATA" "$WORK/synth-$TARGET" $from $to \
      > "$LOGS/synth-$TARGET.log" 2>&1
    files=("$WORK/synth-$TARGET")
  fi
  t0=$(date +%s.%N)
  PAPERBOY_JAVA_OPTS=-Xmx1g ./paperboy import "${files[@]}" > "$LOGS/import-$TARGET.log" 2>&1
  t1=$(date +%s.%N)
  java -Xmx1g -cp "$JAR" bench/NewNodeBenchmark.java fill > "$LOGS/fill-$TARGET.log" 2>&1
  papers=$(sed -n 's/.*; \([0-9]*\) in the database.*/\1/p' "$LOGS/fill-$TARGET.log")
  echo "$papers" > "$WORK/papers"
  [ "$TARGET" = real ] && echo "$papers" > "$WORK/real"
  # Records: the total line's new + updated + unchanged + skipped; the files' own seconds are
  # summed, the rest of the wall time is JVM start, opening the index and bringing it up to date.
  records=$(sed -n 's/^total: .*: \([0-9]*\) new, \([0-9]*\) updated, \([0-9]*\) unchanged, \([0-9]*\) skipped.*/\1 \2 \3 \4/p' \
    "$LOGS/import-$TARGET.log" | awk '{print $1 + $2 + $3 + $4}')
  added=$(sed -n 's/^total: .*: \([0-9]*\) new,.*/\1/p' "$LOGS/import-$TARGET.log")
  fileseconds=$(sed -n 's/.* skipped in \([0-9.]*\) s (.*/\1/p' "$LOGS/import-$TARGET.log" | awk '{s += $1} END {print s + 0}')
  echo "papers=$papers records=$records added=$added fileseconds=$fileseconds t0=$t0 t1=$t1" \
    > "$WORK/imported-$TARGET"
  fi
  [ "${GROWTH_IMPORT_ONLY:-}" = 1 ] && exit 0

  t2=$(date +%s.%N)
  PAPERBOY_PORT=$PORT PAPERBOY_JAVA_OPTS=-Xmx2g ./paperboy serve > "$LOGS/serve-$TARGET.log" 2>&1 &
  SERVER=$!
  # The heap used, sampled every 5 s over the whole serve run (its maximum is reported).
  (while kill -0 $SERVER 2>/dev/null; do
    jcmd $SERVER GC.heap_info 2>/dev/null | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1
    sleep 5
  done > "$LOGS/heap-$TARGET.txt") &
  trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT
  # Ready: the index holds every paper, each with its vector.
  while true; do
    m=$(curl -sf "http://127.0.0.1:$PORT/metrics" 2>/dev/null || true)
    n=$(echo "$m" | awk '$1 == "paperboy_search_papers" {printf "%d", $2}')
    b=$(echo "$m" | awk '$1 == "paperboy_search_embedding_backlog" {printf "%d", $2}')
    [ -n "$n" ] && [ "$n" -ge "$papers" ] && [ "$b" = 0 ] && break
    kill -0 $SERVER
    sleep 2
  done
  t3=$(date +%s.%N)
  Q=$WORK/growth-queries
  if [ ! -f "$Q/timed-hybrid.txt" ]; then
    mkdir -p "$Q"
    java -cp "$JAR" bench/SearchBenchmark.java paths "$DATA" "$WORK" "$Q" > "$LOGS/paths.log" 2>&1
  fi
  lat() { # mode seconds -> "p50 p99 requests"
    wrk -t1 -c1 -d10s -s bench/search-paths.lua "http://127.0.0.1:$PORT" -- "$Q/warm-$1.txt" > /dev/null
    wrk -t1 -c1 -d$2s -s bench/search-paths.lua "http://127.0.0.1:$PORT" -- "$Q/timed-$1.txt" \
      | tee "$LOGS/wrk-$1-$TARGET.log" \
      | awk '$1 == "requests" {n = $2; e = $4} $1 == "p50" {p50 = $2} $1 == "p99" {p99 = $2}
             $1 == "status" {e++} END {printf "%s / %s (%d req%s)", p50, p99, n, e ? ", " e " errors" : ""}'
  }
  # Latency while serve merges the index into one segment (if it still does), then after that merge
  # (GROWTH_SETTLE_MAX seconds at most; the columns say "merging" if it had not ended).
  segs() { curl -sf "http://127.0.0.1:$PORT/metrics" | awk '$1 == "paperboy_search_segments" {printf "%d", $2}'; }
  during="-"
  if [ "$(segs)" != 1 ]; then
    during="keyword $(lat keyword 10), hybrid $(lat hybrid 15)"
  fi
  t4=$(date +%s.%N)
  settle=${GROWTH_SETTLE_MAX:-3600}
  while [ "$(segs)" != 1 ] && [ "$(echo "$(date +%s) - $t4 > $settle" | bc)" = 0 ]; do
    kill -0 $SERVER
    sleep 5
  done
  t5=$(date +%s.%N)
  merged="$(segs) segment(s) after $(printf %.0f "$(echo "$t5 - $t4" | bc)") s more"
  echo "during the merge: $during; $merged" > "$LOGS/merge-$TARGET.txt"
  kw=$(lat keyword 10)
  hy=$(lat hybrid 15)
  # WORK/hook-TARGET.sh, if there is one, runs here while serve still serves (on PORT; e.g. a new
  # node copying its index); its output goes to the logs.
  if [ -f "$WORK/hook-$TARGET.sh" ]; then
    PORT=$PORT bash "$WORK/hook-$TARGET.sh" > "$LOGS/hook-$TARGET.log" 2>&1 || true
  fi
  # "total 2097152K, used 160694K" (Java 17) or "total reserved 2097152K, committed ..., used 160694K".
  heap=$(jcmd $SERVER GC.heap_info 2>/dev/null \
    | sed -n 's/.*total \(reserved \)\{0,1\}\([0-9]*\)K,.* used \([0-9]*\)K.*/\3 \2/p' | head -1)
  maxheap=$(sort -n "$LOGS/heap-$TARGET.txt" | tail -1)
  heap="${maxheap:-0} ${heap#* }"
  rss=$(awk '/VmRSS/ {print int($2 / 1024)}' /proc/$SERVER/status)
  hwm=$(awk '/VmHWM/ {print int($2 / 1024)}' /proc/$SERVER/status)
  kill $SERVER
  wait $SERVER 2>/dev/null || true
  trap - EXIT
  index=$(du -sm "$WORK/index" | cut -f1)
  awk -v target="$TARGET" -v papers="$papers" -v records="$records" -v t0="$t0" -v t1="$t1" \
    -v t2="$t2" -v t3="$t3" -v added="$added" -v fs="$fileseconds" -v imb="$index" -v heap="$heap" -v rss="$rss" \
    -v hwm="$hwm" -v kw="$kw" -v hy="$hy" -v load0="$load0" -v load1="$(cut -d' ' -f1-3 /proc/loadavg)" \
    -v merge="$(cat "$LOGS/merge-$TARGET.txt")" \
    'BEGIN { split(heap, h, " ");
      printf "| %s (%s) | %d in %.0f s: %.0f/s | %d new in %.0f s: %.0f/s | %.0f s | %s | %d of %d MB used at most (RSS %d, peak %d MB) | %s | %s | %s -> %s |\n",
        papers, target, records, t1 - t0, records / (t1 - t0), added, t1 - t0 - fs, added / (t1 - t0 - fs), t3 - t2, imb, h[1] / 1024, h[2] / 1024,
        rss, hwm, kw, hy, load0, load1;
      printf "  (%s: %s)\n", papers, merge }'
  exit 0
fi

DATA=$1 WORK=$2
shift 2
mkdir -p "$WORK"
echo "java: $(./paperboy --version 2>/dev/null | head -1 || true); $(nproc) cores; start $(date -u +%FT%TZ)"
echo
echo "| papers (step) | import: records, s, records/s end to end | rest of the import: index update + JVM start (new papers/s) | serve: all vectors in the index | index MB | serve heap (jcmd) | keyword p50 / p99 ms | hybrid p50 / p99 ms | load average before -> after |"
echo "|---|---|---|---|---|---|---|---|---|"
for target in "$@"; do
  flock /tmp/paperboy-cpu.lock "$0" step "$DATA" "$WORK" "$target"
done
echo
echo "end $(date -u +%FT%TZ)"
