#!/usr/bin/env bash
# Key-count sweep of `seqscore perf`: the scorer against the baseline at growing numbers of keys, each with at
# least three events per key, and one Markdown table row per key count. Not a CI step: 1M keys take long.
#
#   docs/tools/perf-keys.sh JAR [KEYS ...] [-- PERF_OPTIONS ...]
#
# JAR           a runnable jar (app/target/seqscore.jar)
# KEYS          key counts (default: 1000 10000 100000 1000000)
# PERF_OPTIONS  passed to every perf run after the defaults below, e.g. -- --no-warmup
#               or -- -s statestore.cache.max.bytes=209715200
# REPEATS       environment variable: scorer/baseline pairs per key count (default 3)
#
# Every run: perf --keys K --events max(300000, 3 K) --hidden 64 --guarantee exactly-once --repeats REPEATS
#            --sweep none --latency-seconds 1 --swap-releases 0 --restore-keys 0
# The reports stay in a temporary directory, named at the end. Exits 2 on a failed run.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  sed -n '2,14s/^# \{0,1\}//p' "$0" >&2
  exit 2
fi
jar=$(realpath "$1")
shift
keys=()
while [[ $# -gt 0 && "$1" != "--" ]]; do
  keys+=("$1")
  shift
done
[[ $# -gt 0 ]] && shift
[[ ${#keys[@]} -eq 0 ]] && keys=(1000 10000 100000 1000000)
work=$(mktemp -d -t seqscore-perf-keys-XXXXXX)

echo "| keys | events | state bytes | record cache per thread, MiB | states, MiB | scorer events/s | baseline events/s | ratio | scorer / baseline app CPU us/event | cpu ratio |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for k in "${keys[@]}"; do
  events=$((3 * k > 300000 ? 3 * k : 300000))
  report="$work/perf-$k.txt"
  if ! java --add-modules jdk.incubator.vector -jar "$jar" perf --keys "$k" --events "$events" --hidden 64 \
      --guarantee exactly-once --repeats "${REPEATS:-3}" --sweep none --latency-seconds 1 --swap-releases 0 --restore-keys 0 \
      "$@" > "$report" 2> "$work/perf-$k.err"; then
    echo "perf failed for $k keys: $(tail -n 1 "$work/perf-$k.err")" >&2
    exit 2
  fi
  state=$(sed -n 's/^state: \([0-9]*\) bytes per key.*/\1/p' "$report")
  cache=$(sed -n 's/^record cache: \([0-9.]*\) MiB per stream thread.*take \([0-9.]*\) MiB of it.*/\1 | \2/p' "$report")
  guarantee=$(sed -n 's/^headline: [^,]*, [^,]*, [^,]*, \([a-z-]*\):.*/\1/p' "$report")
  row=$(grep "^| $guarantee |" "$report" | head -n 1)
  scorer=$(echo "$row" | cut -d'|' -f3 | xargs)
  baseline=$(echo "$row" | cut -d'|' -f4 | xargs)
  ratio=$(echo "$row" | cut -d'|' -f5 | xargs)
  cpu_scorer=$(echo "$row" | cut -d'|' -f6 | cut -d/ -f1 | xargs)
  cpu_baseline=$(echo "$row" | cut -d'|' -f7 | cut -d/ -f1 | xargs)
  cpu_ratio=$(sed -n 's/^cpu ratio scorer\/baseline = //p' "$report")
  echo "| $k | $events | $state | $cache | $scorer | $baseline | $ratio | $cpu_scorer / $cpu_baseline | $cpu_ratio |"
done
echo "reports: $work" >&2
