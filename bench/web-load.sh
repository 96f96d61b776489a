#!/bin/bash
# Load benchmark for the website (issue 4): wrk against Paperboy's `/` and `/api/daily_papers`,
# side by side in the same run with nginx serving a saved copy of the same bytes as static files.
#
# Usage (from the project directory; needs Debian's wrk and nginx-light; other heavy jobs take the
# same lock, so wait for it):
#   ./mvnw -q -B -DskipTests package && flock /tmp/paperboy-cpu.lock bench/web-load.sh ../shared/data
# Prints a Markdown table for BENCHMARKS.md.
set -eu
DATA=${1:-../shared/data}
DURATION=${DURATION:-20s}
WORK=$(mktemp -d /tmp/paperboy-webload.XXXXXX)
PORT=${PORT:-18180}
NGINX_PORT=${NGINX_PORT:-18181}
JAR=${JAR:-target/paperboy.jar}

export PAPERBOY_DATA="$WORK/data" PAPERBOY_PORT=$PORT PAPERBOY_DEMO_DATA=false
java -jar "$JAR" import "$DATA"/hf_daily_papers_2024-05-27_to_2026-06-30 > "$WORK/import.log" 2>&1 || true
# Embed now: otherwise `serve` embeds the ~8,800 abstracts in the background, which keeps both
# cores busy for minutes, right through the measurement.
java -jar "$JAR" reindex --embed > "$WORK/reindex.log" 2>&1
java -Xmx512m -jar "$JAR" serve > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; [ -f "$WORK/nginx.pid" ] && kill $(cat "$WORK/nginx.pid") 2>/dev/null; true' EXIT
for i in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 1
done

mkdir -p "$WORK/www/api"
curl -sf "http://127.0.0.1:$PORT/" -o "$WORK/www/index.html"
curl -sf "http://127.0.0.1:$PORT/api/daily_papers" -o "$WORK/www/api/daily_papers"
# nginx's workers run as another user: let them read the copies.
chmod 755 "$WORK"
chmod -R a+rX "$WORK/www"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    location = / { default_type text/html; try_files /index.html =404; }
    location = /api/daily_papers { default_type application/json; }
  }
}
CONF
nginx -c "$WORK/nginx.conf"
sleep 1
for path in / /api/daily_papers; do
  cmp -s <(curl -s "http://127.0.0.1:$PORT$path") <(curl -s "http://127.0.0.1:$NGINX_PORT$path") ||
    { echo "nginx does not serve the same bytes for $path" >&2; exit 1; }
done

run() { # label url [wrk options]
  label=$1 url=$2
  shift 2
  # Warm up, then measure.
  wrk -t2 -c32 -d5s "$@" "$url" >/dev/null 2>&1
  out=$(wrk -t2 -c32 -d"$DURATION" --latency "$@" "$url")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errs=$(echo "$out" | awk '/Non-2xx|Socket errors/ {printf "%s ", $0}')
  bytes=$(curl -s "$@" "$url" | wc -c)
  echo "| $label | $bytes | $rps | $p50 | $p99 | ${errs:-none} |"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| target | body bytes | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|---|"
run "Paperboy /" "http://127.0.0.1:$PORT/"
run "nginx static copy of /" "http://127.0.0.1:$NGINX_PORT/"
run "Paperboy /api/daily_papers" "http://127.0.0.1:$PORT/api/daily_papers"
run "nginx static copy of /api/daily_papers" "http://127.0.0.1:$NGINX_PORT/api/daily_papers"
# What a browser gets: the same list, gzip-compressed (nginx above serves identity only).
run "Paperboy / (Accept-Encoding: gzip)" "http://127.0.0.1:$PORT/" -H "Accept-Encoding: gzip"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
