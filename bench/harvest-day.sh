#!/bin/sh
# One announcement-sized harvest, end to end: `paperboy harvest` against a local OAI-PMH server
# that serves the shared 2016 cs harvest (bench/oai-server.py), with no polite delay, into an
# empty data directory, with PAPERBOY_DAILY_LIST=arxiv so each announcement day gets its list.
# Usage: bench/harvest-day.sh SHARED_DATA FROM UNTIL [JAR]
#   e.g. bench/harvest-day.sh ../shared/data 2016-02-29 2016-03-08
set -eu
data="$1"; from="$2"; until="$3"; jar="${4:-target/paperboy.jar}"
port=18765
dir=$(mktemp -d)
python3 "$(dirname "$0")/oai-server.py" "$data/arxiv_oai_cs_2016-03-09" $port >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
until grep -q loaded "$dir/server.log" 2>/dev/null; do sleep 0.2; done
export PAPERBOY_DATA="$dir/data" PAPERBOY_OAI_URL="http://127.0.0.1:$port/oai" \
  PAPERBOY_HARVEST_DELAY=0s PAPERBOY_DAILY_LIST=arxiv PAPERBOY_DEMO_DATA=false
java -jar "$jar" migrate >/dev/null 2>&1 || true
start=$(date +%s.%N)
java -jar "$jar" harvest --set cs --from "$from" --until "$until"
end=$(date +%s.%N)
echo "wall time: $(echo "$end - $start" | bc) s (load: $(cut -d' ' -f1-3 /proc/loadavg))"
java -jar "$jar" stats
