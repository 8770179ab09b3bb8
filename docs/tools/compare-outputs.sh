#!/usr/bin/env bash
# Runs `evaluate nab` and `evaluate m4` with two builds of seqscore and compares their outputs byte for byte.
#
#   docs/tools/compare-outputs.sh BASE_JAR NEW_JAR [NAB_DATA] [M4_TRAIN] [M4_SERIES]
#
# BASE_JAR, NEW_JAR  runnable jars (app/target/seqscore.jar), e.g. one built before a change with
#                    ./mvnw -B -q package -Dmaven.test.skip=true -Dtarget.suffix=-base  (-> app/target-base/)
# NAB_DATA           NAB's data directory (default ../shared/nab/data, relative to the repository root)
# M4_TRAIN           M4's Hourly-train.csv (default ../shared/m4/Hourly-train.csv)
# M4_SERIES          how many series of M4_TRAIN to forecast (default 20; the whole file takes several minutes a run)
# NEW_M4_OPTIONS     (environment) extra options of the new jar's evaluate m4, e.g. "--ensemble 1" to compare a
#                    build whose default is an ensemble with one from before ensembles
#
# Exits 0 when both outputs are identical, 1 when they differ (the differing files are named), 2 on a failed run.
# The runs' logs and outputs stay in a temporary directory, named at the end.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  sed -n '2,15s/^# \{0,1\}//p' "$0" >&2
  exit 2
fi
repo=$(cd "$(dirname "$0")/../.." && pwd)
base_jar=$(realpath "$1")
new_jar=$(realpath "$2")
nab_data=$(realpath "${3:-$repo/../shared/nab/data}")
m4_train=$(realpath "${4:-$repo/../shared/m4/Hourly-train.csv}")
m4_series=${5:-20}
work=$(mktemp -d -t seqscore-compare-XXXXXX)

head -n "$((m4_series + 1))" "$m4_train" > "$work/m4-train.csv"

run() {
  local name=$1 jar=$2
  local m4_options=()
  [[ $name == new && -n ${NEW_M4_OPTIONS:-} ]] && read -r -a m4_options <<< "$NEW_M4_OPTIONS"
  echo "$name: evaluate nab ($nab_data)"
  java --add-modules jdk.incubator.vector -jar "$jar" evaluate nab --data "$nab_data" --out "$work/$name-nab" \
    > "$work/$name-nab.log" 2>&1 || { echo "$name: evaluate nab failed, see $work/$name-nab.log" >&2; exit 2; }
  echo "$name: evaluate m4 (first $m4_series series of $m4_train)"
  java --add-modules jdk.incubator.vector -jar "$jar" evaluate m4 --train "$work/m4-train.csv" --horizon 48 \
    --holdout 48 --out "$work/$name-m4.csv" ${m4_options[@]+"${m4_options[@]}"} \
    > "$work/$name-m4.log" 2>&1 || { echo "$name: evaluate m4 failed, see $work/$name-m4.log" >&2; exit 2; }
}

run base "$base_jar"
run new "$new_jar"

status=0
if diff -r -q "$work/base-nab" "$work/new-nab"; then
  echo "evaluate nab: identical ($(find "$work/new-nab" -type f | wc -l) files)"
else
  echo "evaluate nab: DIFFERENT"
  status=1
fi
if cmp "$work/base-m4.csv" "$work/new-m4.csv"; then
  echo "evaluate m4: identical ($m4_series forecasts)"
else
  echo "evaluate m4: DIFFERENT"
  status=1
fi
echo "outputs and logs in $work"
exit $status
