#!/usr/bin/env bash
# nab-loco.sh - the NAB hold-out protocol: leave one category out, several seeds.
#
# Usage:
#   docs/tools/nab-loco.sh [options] [VARIANT ...]
#
#   VARIANT  a scorer configuration, as `evaluate nab --variant` takes it:
#            NAME or NAME:KEY=VALUE[,KEY=VALUE...] (KEY a seqscore.* setting).
#            Default: one variant, seqscore (the evaluate command's defaults).
#
# Options:
#   --jar JAR        the seqscore jar (default app/target/seqscore.jar)
#   --nab DIR        NAB's development part with score.sh, data/ and labels/ (default ../shared/nab)
#   --work DIR       where the outputs and scores go (default nab-loco); reruns reuse what is there
#   --seeds LIST     training seeds, comma-separated, at least 3 (default 42,1,2)
#   --epochs N       training epochs (default: the recipe's)
#   --parallel N     seeds evaluated at the same time (default 1)
#   --candidates LIST  variants a fold may choose among (default: all); the others are only reported
#   -h, --help
#
# For every seed, `seqscore evaluate nab --seed S` trains the 41 files once and scores them once per
# variant (WORK/seed-S/<variant>/...). Then, for each of the 4 categories with anomaly windows
# (artificialWithAnomaly, realAdExchange, realAWSCloudwatch, realTraffic) held out in turn, NAB's scorer
# (`score.sh --categories`) scores every variant on the fold's training part (the other 3 categories
# plus artificialNoAnomaly) and on the held-out category alone. It prints:
#   - per variant: the held-out standard score of each category (mean over seeds and its standard error),
#     their mean (the LOCO mean; standard error over the seeds' LOCO means), and reward_low_FP / low_FN;
#   - the protocol's choice: per fold, the candidate with the best mean training-part standard score,
#     and the mean of the chosen candidates' held-out scores;
#   - per variant: artificialNoAnomaly's raw standard score at each fold's training threshold (mean over
#     folds and seeds), and the flag rate (share of rows after the probation with anomaly_score > 0.5,
#     the range and adaptive detectors' flag) on artificialNoAnomaly and outside the labelled windows
#     of the other 4 categories, and by the stream's age (events 1-288, 289-2016, later: a day and a
#     week at 5-minute spacing) over all rows outside the windows. Only this evaluation reads labels/;
#     the detector never does.
# The full report is also written to WORK/report.txt and WORK/report.json.
set -euo pipefail

jar=app/target/seqscore.jar; nab=../shared/nab; work=nab-loco; seeds=42,1,2; epochs=""; parallel=1
candidates=""; variants=()
usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; }
die() { echo "nab-loco.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) [ $# -ge 2 ] || die "--jar needs a file"; jar=$2; shift ;;
    --nab) [ $# -ge 2 ] || die "--nab needs a directory"; nab=$2; shift ;;
    --work) [ $# -ge 2 ] || die "--work needs a directory"; work=$2; shift ;;
    --seeds) [ $# -ge 2 ] || die "--seeds needs a list"; seeds=$2; shift ;;
    --epochs) [ $# -ge 2 ] || die "--epochs needs a number"; epochs=$2; shift ;;
    --parallel) [ $# -ge 2 ] || die "--parallel needs a number"; parallel=$2; shift ;;
    --candidates) [ $# -ge 2 ] || die "--candidates needs a list"; candidates=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) variants+=("$1") ;;
  esac
  shift
done
[ -f "$jar" ] || die "no jar at $jar (build it: ./mvnw -B -pl app -am package -DskipTests)"
[ -x "$nab/score.sh" ] && [ -d "$nab/data" ] && [ -f "$nab/labels/combined_windows.json" ] \
  || die "$nab is not NAB's development part (score.sh, data/, labels/)"
IFS=, read -r -a seed_list <<< "$seeds"
[ ${#seed_list[@]} -ge 3 ] || die "--seeds needs at least 3 seeds, got '$seeds'"
for s in "${seed_list[@]}"; do case "$s" in ''|*[!0-9]*) die "seeds are whole numbers, got '$s'" ;; esac; done
case "$parallel" in ''|*[!0-9]*|0) die "--parallel needs a positive number" ;; esac
[ ${#variants[@]} -gt 0 ] || variants=(seqscore)
names=(); vargs=()
for v in "${variants[@]}"; do names+=("${v%%:*}"); vargs+=(--variant "$v"); done
[ -n "$candidates" ] || candidates=$(IFS=,; echo "${names[*]}")
nab=$(cd "$nab" && pwd); mkdir -p "$work"; work=$(cd "$work" && pwd)
spec=$(printf '%s\n' "${variants[@]}" "epochs=$epochs")

# --- 1. one evaluate run per seed (skipped when its outputs for these variants exist) ---------------
run_seed() {
  local s=$1 out=$work/seed-$1
  if [ -f "$out/.done" ] && [ "$(cat "$out/.done")" = "$spec" ]; then return 0; fi
  local extra=(); [ -z "$epochs" ] || extra=(--epochs "$epochs")
  echo "nab-loco.sh: evaluating seed $s" >&2
  nice -n 10 java --add-modules jdk.incubator.vector -jar "$jar" evaluate nab --data "$nab/data" --out "$out" \
    --seed "$s" --threads 1 "${extra[@]}" "${vargs[@]}" > "$work/seed-$s.log" 2>&1 \
    || { echo "nab-loco.sh: evaluate nab failed for seed $s (see $work/seed-$s.log)" >&2; return 1; }
  printf '%s' "$spec" > "$out/.done"
}
pids=()
for s in "${seed_list[@]}"; do
  run_seed "$s" & pids+=($!)
  if [ ${#pids[@]} -ge "$parallel" ]; then wait "${pids[0]}" || exit 1; pids=("${pids[@]:1}"); fi
done
for p in "${pids[@]}"; do wait "$p" || exit 1; done

# --- 2. NAB's scorer on each fold's training part and held-out category -----------------------------
held=(artificialWithAnomaly realAdExchange realAWSCloudwatch realTraffic)
for s in "${seed_list[@]}"; do
  dir=$work/seed-$s; mkdir -p "$dir/scores"
  for h in "${held[@]}"; do
    train=artificialNoAnomaly
    for c in "${held[@]}"; do [ "$c" = "$h" ] || train=$train,$c; done
    for part in held train; do
      f=$dir/scores/$part-$h.json
      [ ! -s "$f" ] || [ "$(head -c 1 "$f")" != "{" ] || [ "$(cat "$f.spec" 2>/dev/null)" != "$spec" ] || continue
      cats=$h; keep=()
      if [ "$part" = train ]; then cats=$train; keep=(--keep "$dir/scores/ws"); rm -rf "$dir/scores/ws"; fi
      nice -n 10 "$nab/score.sh" --json -n 1 --categories "$cats" "${keep[@]}" "$dir" "${names[@]}" > "$f.tmp"
      if [ "$part" = train ]; then
        # artificialNoAnomaly's rows of the per-file standard score tables, at the fold's threshold
        for n in "${names[@]}"; do
          grep ',artificialNoAnomaly/' "$dir/scores/ws/results/$n/${n}_standard_scores.csv" || true
        done > "$dir/scores/noanomaly-$h.csv"
        rm -rf "$dir/scores/ws"
      fi
      mv "$f.tmp" "$f"; printf '%s' "$spec" > "$f.spec"
    done
  done
done

# --- 3. the report -----------------------------------------------------------------------------------
python3 - "$work" "$nab" "$seeds" "$(IFS=,; echo "${names[*]}")" "$candidates" <<'EOF' | tee "$work/report.txt"
import csv, json, math, os, sys
from datetime import datetime

work, nab, seeds, names, candidates = sys.argv[1], sys.argv[2], sys.argv[3].split(','), sys.argv[4].split(','), \
    sys.argv[5].split(',')
held = ['artificialWithAnomaly', 'realAdExchange', 'realAWSCloudwatch', 'realTraffic']
profiles = ['standard', 'reward_low_FP', 'reward_low_FN']

def mean(xs): return sum(xs) / len(xs)
def se(xs):
    if len(xs) < 2: return float('nan')
    m = mean(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1) / len(xs))

def load(seed, part, h):
    with open(os.path.join(work, 'seed-' + seed, 'scores', part + '-' + h + '.json')) as f:
        return json.load(f)

score = {}   # (name, seed, part, h, profile) -> normalized score
for s in seeds:
    for h in held:
        for part in ('held', 'train'):
            j = load(s, part, h)
            for n in names:
                for p in profiles:
                    score[(n, s, part, h, p)] = j[n][p]

noanomaly = {}  # (name, seed, h) -> raw standard score of artificialNoAnomaly at the fold's threshold
for s in seeds:
    for h in held:
        for n in names:
            noanomaly[(n, s, h)] = 0.0
        with open(os.path.join(work, 'seed-' + s, 'scores', 'noanomaly-' + h + '.csv')) as f:
            for row in csv.reader(f):
                noanomaly[(row[0], s, h)] += float(row[4])

# flag rates: rows after the probation with anomaly_score > 0.5
windows = json.load(open(os.path.join(nab, 'labels', 'combined_windows.json')))
def ts(text): return datetime.strptime(text.replace('T', ' ').rstrip('Z')[:19], '%Y-%m-%d %H:%M:%S')
AGES = [('events 1-288', 0, 288), ('events 289-2016', 288, 2016), ('events 2017-', 2016, 10 ** 9)]
flags = {}  # (name, seed, 'noanomaly'|'outside'|age) -> (flagged, rows)
for s in seeds:
    for n in names:
        counts = {'noanomaly': [0, 0], 'outside': [0, 0]}
        for a in AGES:
            counts[a[0]] = [0, 0]
        root = os.path.join(work, 'seed-' + s, n)
        for cat in sorted(os.listdir(root)):
            if cat != 'artificialNoAnomaly' and cat not in held:
                continue
            for fn in sorted(os.listdir(os.path.join(root, cat))):
                key = cat + '/' + fn[len(n) + 1:]
                wins = [(ts(a), ts(b)) for a, b in windows.get(key, [])]
                with open(os.path.join(root, cat, fn)) as f:
                    rows = list(csv.reader(f))[1:]
                probation = min(int(0.15 * len(rows)), 750)
                c = counts['noanomaly' if cat == 'artificialNoAnomaly' else 'outside']
                for i, r in enumerate(rows):
                    t = ts(r[0])
                    if any(a <= t <= b for a, b in wins):
                        continue
                    flagged = float(r[2]) > 0.5
                    for a in AGES:
                        if a[1] <= i < a[2]:
                            counts[a[0]][1] += 1
                            counts[a[0]][0] += flagged
                    if i >= probation:
                        c[1] += 1
                        c[0] += flagged
        for k, v in counts.items():
            flags[(n, s, k)] = v

out = {'seeds': seeds, 'variants': {}, 'protocol': {}}
print('NAB leave-one-category-out, seeds %s (mean ± standard error over seeds); held-out = scored on that'
      ' category alone, thresholds by NAB on it' % ','.join(seeds))
print()
print('%-14s %8s %14s %14s %14s %14s %16s %9s %9s' % ('variant', 'profile', 'artWithAnom', 'realAdExch',
      'realAWS', 'realTraffic', 'LOCO mean', 'noAn raw', 'noAn flag'))
for n in names:
    v = out['variants'][n] = {}
    for p in profiles:
        per = {h: [score[(n, s, 'held', h, p)] for s in seeds] for h in held}
        loco = [mean([score[(n, s, 'held', h, p)] for h in held]) for s in seeds]
        v[p] = {'held_out': {h: {'mean': mean(per[h]), 'se': se(per[h])} for h in held},
                'loco_mean': mean(loco), 'loco_se': se(loco),
                'train': {h: mean([score[(n, s, 'train', h, p)] for s in seeds]) for h in held}}
        extra = ('', '')
        if p == 'standard':
            raw = [noanomaly[(n, s, h)] for s in seeds for h in held]
            fl = sum(flags[(n, s, 'noanomaly')][0] for s in seeds) / max(1, sum(flags[(n, s, 'noanomaly')][1]
                                                                                 for s in seeds))
            fo = sum(flags[(n, s, 'outside')][0] for s in seeds) / max(1, sum(flags[(n, s, 'outside')][1]
                                                                               for s in seeds))
            v['noanomaly_raw_standard'] = mean(raw)
            v['flag_rate_noanomaly'] = fl
            v['flag_rate_outside_windows'] = fo
            extra = ('%.2f' % mean(raw), '%.3f%%' % (100 * fl))
        print('%-14s %8s %14s %14s %14s %14s %16s %9s %9s' % (n, p[:8] if p == 'standard' else p[7:],
              *['%.2f ± %.2f' % (mean(per[h]), se(per[h])) for h in held],
              '%.2f ± %.2f' % (mean(loco), se(loco)), *extra))
print()
print('flag rate outside the labelled windows (4 categories with windows, rows after the probation):')
for n in names:
    print('  %-14s %.3f%%' % (n, 100 * out['variants'][n]['flag_rate_outside_windows']))
print()
print('flag rate by the stream\'s age (all rows of the 5 categories outside the labelled windows, probation included):')
for n in names:
    rates = []
    for a in AGES:
        f = sum(flags[(n, s, a[0])][0] for s in seeds)
        r = sum(flags[(n, s, a[0])][1] for s in seeds)
        rates.append('%s %.3f%%' % (a[0], 100 * f / max(1, r)))
        out['variants'][n]['flag_rate_' + a[0]] = f / max(1, r)
    print('  %-14s %s' % (n, '   '.join(rates)))
print()
print('protocol: per fold, the candidate (%s) with the best mean training-part standard score' % ','.join(candidates))
chosen = {}
for h in held:
    best = max(candidates, key=lambda n: mean([score[(n, s, 'train', h, 'standard')] for s in seeds]))
    chosen[h] = best
    print('  held out %-22s chosen %-14s (training part %.2f)   held-out %.2f ± %.2f' % (
        h, best, mean([score[(best, s, 'train', h, 'standard')] for s in seeds]),
        mean([score[(best, s, 'held', h, 'standard')] for s in seeds]),
        se([score[(best, s, 'held', h, 'standard')] for s in seeds])))
for p in profiles:
    loco = [mean([score[(chosen[h], s, 'held', h, p)] for h in held]) for s in seeds]
    out['protocol'][p] = {'loco_mean': mean(loco), 'loco_se': se(loco)}
    print('  LOCO mean of the chosen, %-13s %.2f ± %.2f' % (p, mean(loco), se(loco)))
out['protocol']['chosen'] = chosen
json.dump(out, open(os.path.join(work, 'report.json'), 'w'), indent=2)
EOF
