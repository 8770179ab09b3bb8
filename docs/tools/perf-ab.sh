#!/usr/bin/env bash
# Two builds of seqscore compared by `seqscore perf`, runs alternated (old, new, old, new, ...) so that a busy moment
# of a shared machine falls on both; one Markdown table row per run.
#
#   docs/tools/perf-ab.sh OLD_JAR NEW_JAR [ROUNDS] [-- PERF_OPTIONS ...]
#
# OLD_JAR, NEW_JAR  runnable jars (app/target/seqscore.jar of each build; copy them elsewhere before rebuilding)
# ROUNDS            old/new pairs of runs (default 3)
# PERF_OPTIONS      perf's options for every run instead of the defaults below (perf takes each option once)
#
# Default: perf --events 300000 --keys 10000 --hidden 64 --guarantee exactly-once --repeats 2 --sweep 16
#          --sweep-categorical none --latency-seconds 10 --swap-releases 10 --restore-keys 0
# Columns: the 1-minute load average at the start, state bytes per key (headline; sweep hidden 16), the headline's
# throughput and CPU ratios and model work (exactly-once), the sweep's hidden-16 CPU ratio (empty without it), latency
# p99 at the paced rate and swap p99. The reports stay in a temporary directory, named at the end. Exits 2 on a failed
# run.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  sed -n '2,17s/^# \{0,1\}//p' "$0" >&2
  exit 2
fi
old_jar=$(realpath "$1")
new_jar=$(realpath "$2")
shift 2
rounds=3
if [[ $# -gt 0 && "$1" != "--" ]]; then
  rounds=$1
  shift
fi
[[ $# -gt 0 && "$1" == "--" ]] && shift
options=(--events 300000 --keys 10000 --hidden 64 --guarantee exactly-once --repeats 2 --sweep 16
  --sweep-categorical none --latency-seconds 10 --swap-releases 10 --restore-keys 0)
[[ $# -gt 0 ]] && options=("$@")
work=$(mktemp -d -t seqscore-perf-ab-XXXXXX)

echo "| run | jar | load | state bytes (and h16) | ratio | CPU ratio | model work us/event | CPU ratio h16 | latency p99 ms | swap p99 ms |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for round in $(seq 1 "$rounds"); do
  for side in old new; do
    jar=$old_jar
    [[ $side == new ]] && jar=$new_jar
    load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
    report="$work/$side-$round.txt"
    java --add-modules jdk.incubator.vector -jar "$jar" perf "${options[@]}" > "$report" 2> "$work/$side-$round.log" \
      || { echo "$side run $round failed, see $work/$side-$round.log" >&2; exit 2; }
    awk -v run="$round" -v side="$side" -v load="$load" '
      /^state: / { state = $2 }
      /^throughput/ { section = "throughput" }
      /^latency/ { section = "latency" }
      /^model swap/ { section = "swap" }
      /^sweep/ { section = "sweep" }
      /^\| / {
        n = split($0, c, "|")
        for (i = 1; i <= n; i++) gsub(/^ +| +$/, "", c[i])
        if (section == "throughput" && c[2] == "exactly-once") { ratio = c[5]; cpu = c[8]; work = c[9] }
        if (section == "latency" && c[2] == "exactly-once") { p99 = c[5] }
        if (section == "swap" && c[2] == "exactly-once") { swap = c[6] }
        if (section == "sweep" && c[2] == "16") { state16 = c[3]; cpu16 = c[7] }
      }
      END { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", run, side, load, state " / " state16, ratio, cpu, work, cpu16, p99, swap }
    ' "$report"
  done
done
echo "reports in $work"
