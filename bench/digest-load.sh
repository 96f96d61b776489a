#!/bin/bash
# Digest benchmark (issue 6): 20,000 confirmed subscribers over an imported catalog, one daily
# digest composed and delivered to Debian postfix's smtp-sink on loopback, which writes every
# message it accepts to a file on tmpfs so the recipients can be counted afterwards.
#
# Usage (from the project directory; needs Debian's postfix for /usr/sbin/smtp-sink):
#   ./mvnw -q -B -DskipTests package && bench/digest-load.sh DATA_DIR [subscribers] [period]
# DATA_DIR is a data directory with an imported, embedded catalog (e.g. the Hugging Face days and
# the daily arXiv file, see BENCHMARKS.md); it is copied first, so it is left as it was.
set -eu
SRC=${1:?data directory with an imported catalog}
N=${2:-20000}
PERIOD=${3:-daily:2026-06-30}
PORT=${PORT:-12525}
WORK=$(mktemp -d /tmp/paperboy-digest.XXXXXX)
SINK=/dev/shm/paperboy-sink.$$
cp -a "$SRC" "$WORK/data"
mkdir -p "$SINK"
chmod 777 "$SINK"
/usr/sbin/smtp-sink -u nobody -d "$SINK/%H/" 127.0.0.1:$PORT 256 &
SINK_PID=$!
trap 'kill $SINK_PID 2>/dev/null; rm -rf "$WORK" "$SINK"' EXIT
sleep 1
java -Xmx512m -cp target/paperboy.jar bench/DigestBenchmark.java "$WORK/data" $PORT "$N" "$PERIOD"
sleep 1
received=$(find "$SINK" -type f | wc -l)
recipients=$(find "$SINK" -type f -exec grep -h -m1 '^X-Rcpt-Args:' {} + | sort | uniq -c)
unique=$(echo "$recipients" | grep -c . || true)
dups=$(echo "$recipients" | awk '$1 > 1' | grep -c . || true)
echo "smtp-sink: $received messages, $unique distinct recipients, $dups recipients with more than one"
