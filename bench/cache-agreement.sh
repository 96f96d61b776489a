#!/bin/bash
# Cache agreement (issue 16): two `serve` nodes on Debian's PostgreSQL 15, each with its own data
# directory; 100 changes through node A by a curator (votes, comments, hides and shows in turn, or
# the kinds in KINDS), each timed until node B's cached day page and /api/daily_papers show it
# (bench/cache-agreement.py). With VIA_NGINX=1 (not NGINX: nginx itself reads that variable) both
# nodes are also put behind nginx (deploy/nginx-cluster.conf with the nodes on loopback) and B is
# read through it (so half the reads go to A, half to B).
#
# Usage (from the project directory, as root, PostgreSQL 15 running: pg_ctlcluster 15 main start):
#   ./mvnw -q -B -DskipTests package && cp target/paperboy.jar /tmp/h16a.jar
#   JAR=/tmp/h16a.jar bench/cache-agreement.sh [N]
set -eu
N=${1:-100}
JAR=${JAR:-target/paperboy.jar}
DB=paperboy_cache_bench
WORK=$(mktemp -d /tmp/paperboy-cache.XXXXXX)
su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS $DB' -c \"DO \\\$\\\$ BEGIN CREATE ROLE paperboy_cache_bench LOGIN PASSWORD 'paperboy'; EXCEPTION WHEN duplicate_object THEN NULL; END \\\$\\\$\" -c 'CREATE DATABASE $DB OWNER paperboy_cache_bench'"
PIDS=()
trap 'kill ${PIDS[@]} 2>/dev/null; wait; rm -rf "$WORK"' EXIT
paperboy() { # data-directory port command...
  mkdir -p "$WORK/$1"
  [ -f "$WORK/a/secret.key" ] && cp "$WORK/a/secret.key" "$WORK/$1/"
  PAPERBOY_DATA=$WORK/$1 PAPERBOY_PORT=$2 PAPERBOY_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
    PAPERBOY_DB_USER=paperboy_cache_bench PAPERBOY_DB_PASSWORD=paperboy PAPERBOY_HF_FOLLOW=false \
    PAPERBOY_HARVEST=false PAPERBOY_TRUSTED_PROXIES=127.0.0.1 \
    exec java -Xmx512m -jar "$JAR" "${@:3}"
}
node() { # name port
  paperboy "$1" "$2" serve > "$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 300); do
    curl -fs -o /dev/null "http://127.0.0.1:$2/health/ready" && return 0
    sleep 1
  done
  echo "node $1 did not get ready"; tail -20 "$WORK/$1.log"; exit 1
}
node a 18081   # loads the demo set into the empty database, runs the migrations
(paperboy cli 0 user add --curator bench@example.org)   # hides and shows need a curator
node b 18082
B=http://127.0.0.1:18082
if [ "${VIA_NGINX:-0}" = 1 ]; then
  sed 's/node1:8080/127.0.0.1:18081/; s/node2:8080/127.0.0.1:18082/; s/listen 80;/listen 18080;/' \
    deploy/nginx-cluster.conf > "$WORK/site.conf"
  printf 'pid %s/nginx.pid;\nerror_log %s/nginx.err;\nevents {}\nhttp {\n access_log off;\n include %s/site.conf;\n}\n' \
    "$WORK" "$WORK" "$WORK" > "$WORK/nginx.conf"
  nginx -c "$WORK/nginx.conf"
  trap 'nginx -c "$WORK/nginx.conf" -s stop; kill ${PIDS[@]} 2>/dev/null; wait; rm -rf "$WORK"' EXIT
  B=http://127.0.0.1:18080
fi
echo "load before: $(uptime)"
python3 bench/cache-agreement.py http://127.0.0.1:18081 "$B" "$WORK/a/outbox" bench@example.org "$N"
echo "load after: $(uptime)"
