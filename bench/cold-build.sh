#!/bin/bash
# Cold start (issue 16 item 4): what a user waits for when importing a catalog from the command line
# and rebuilding its index, per JVM setting. For each configuration, in turn (A B C A B C ...):
# `./paperboy import OAI_DIR` into an empty data directory, then `./paperboy reindex` of it, both as
# the launcher runs them, heap 512 MB. Prints one tab-separated row per command: configuration, run,
# command, UTC start, load before → after, wall s, CPU s (user + sys, /usr/bin/time), the rate end
# to end (records or papers over wall), the rate the command logs itself (reindex: papers over its
# "indexed N papers in S s"; import: records over the sum of its per-file times), peak RSS.
#
# Usage (from the project directory; take /tmp/paperboy-cpu.lock around each call yourself):
#   bench/cold-build.sh [-n RUNS] [-f FIRST RUN'S NUMBER] OAI_DIR WORK 'NAME=JVM OPTIONS' ...
#   bench/cold-build.sh -n 1 ../shared/data/arxiv_oai_cs_2016-03-09 /work/scratch-x \
#     default= c1=-XX:TieredStopAtLevel=1 java17=@/usr/lib/jvm/java-17-openjdk-amd64/bin/java
# OPTIONS go to PAPERBOY_JAVA_OPTS (after -Xmx512m); `@JAVA` instead runs that java (PAPERBOY_JAVA),
# `@JAVA OPTIONS` both. The launcher's AOT cache (README, PAPERBOY_AOT) is off except in a
# configuration whose options include the word +aot (`launcher=+aot`).
# Logs are kept in WORK/logs.
set -eu
runs=3 first=1
if [ "${1:-}" = -n ]; then runs=$2; shift 2; fi
if [ "${1:-}" = -f ]; then first=$2; shift 2; fi
oai=$1 work=$2
shift 2
mkdir -p "$work/logs"
load() { cut -d' ' -f1 /proc/loadavg; }
# run NAME RUN LOG COMMAND [ARGUMENT...]: one command, timed; prints its row.
run() {
  local name=$1 i=$2 log=$3 cmd=$4 start l0 l1 wall user sys cpu rss n own rate
  shift 3
  start=$(date -u +%H:%M:%S) l0=$(load)
  /usr/bin/time -o "$log.time" -f '%e %U %S %M' ./paperboy "$@" > "$log" 2>&1 ||
    { echo "$name $cmd failed, see $log" >&2; return 1; }
  l1=$(load)
  read -r wall user sys rss < "$log.time"
  cpu=$(echo "$user + $sys" | bc)
  if [ "$cmd" = import ]; then
    # "DIR (OAI_PMH): 102538 new, 0 updated, ... in 17.6 s (5823 records/s)"
    n=$(sed -n 's/.*): \([0-9]*\) new, \([0-9]*\) updated, \([0-9]*\) unchanged.*/\1+\2+\3/p' "$log" | tail -n 1 | bc)
    # the import prints a rate per file only: the records over the sum of the files' times (0.1 s each)
    own=$(sed -n 's/.* in \([0-9.]*\) s ([0-9]* records\/s)$/\1/p' "$log" | paste -sd+ | sed "s|^|$n / (|; s|$|)|" | bc)
  else
    # "indexed 102538 papers in 10.8 s"
    n=$(sed -n 's/^indexed \([0-9]*\) papers in .*/\1/p' "$log" | tail -n 1)
    own=$(sed -n 's/^indexed \([0-9]*\) papers in \([0-9.]*\) s.*/\1 \/ \2/p' "$log" | tail -n 1 | bc)
  fi
  rate=$(echo "$n / $wall" | bc)
  printf '%s\t%s\t%s\t%s\t%s → %s\t%s\t%s\t%s\t%s\t%s MB\n' "$name" "$i" "$cmd" "$start" "$l0" "$l1" \
    "$wall" "$cpu" "$rate" "$own" $((rss / 1024))
}
printf 'config\trun\tcommand\tUTC\tload\twall s\tCPU s\tper s (wall)\tper s (logged)\tpeak RSS\n'
for i in $(seq "$first" $((first + runs - 1))); do
  for config in "$@"; do
    name=${config%%=*} opts=${config#*=} java=""
    if [ "${opts#@}" != "$opts" ]; then
      java=${opts#@} java=${java%% *}
      opts=$(echo "${opts#@}" | sed -n 's/^[^ ]* *//p')
    fi
    data=$work/data-$name
    rm -rf "$data"
    if [ -n "$java" ]; then export PAPERBOY_JAVA=$java; else unset PAPERBOY_JAVA; fi
    # the launcher's AOT cache only where asked for (+aot), so that the others compare JVM options
    case " $opts " in
      *" +aot "*) opts=$(echo " $opts " | sed 's/ +aot / /; s/^ *//; s/ *$//') && unset PAPERBOY_AOT ;;
      *) if grep -q PAPERBOY_AOT paperboy; then export PAPERBOY_AOT=false; fi ;;
    esac
    export PAPERBOY_DATA=$data PAPERBOY_DEMO_DATA=false PAPERBOY_JAVA_OPTS="-Xmx512m $opts"
    log=$work/logs/$name-$i
    run "$name" "$i" "$log-import.log" import "$oai"
    run "$name" "$i" "$log-reindex.log" reindex
  done
done
