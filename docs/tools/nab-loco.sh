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
#   --ensemble K     networks per file, released fused as one forecasting their mean (default 1)
#   --parallel N     seeds evaluated, and scored, at the same time (default 1)
#   --candidates LIST  variants a fold may choose among (default: all); the others are only reported
#   -h, --help
#
# For every seed, `seqscore evaluate nab --seed S` trains the 41 files once and scores them once per
# variant (WORK/seed-S/<variant>/...). Then, for each of the 4 categories with anomaly windows
# (artificialWithAnomaly, realAdExchange, realAWSCloudwatch, realTraffic) held out in turn, NAB's scorer
# (`score.sh --categories`) scores every variant on the fold's training part (the other 3 categories
# plus artificialNoAnomaly), where NAB's optimizer chooses each variant's threshold, and on the held-out
# category alone. The held-out category is scored twice: at the threshold chosen on the training part
# (nab-fixed-threshold.py: NAB's own Sweeper at that threshold; the PRIMARY figure, because one threshold
# for a whole corpus is what the full benchmark applies, and a detector whose scores mean different things
# on different kinds of series loses there), and at a threshold NAB's optimizer chooses on the held-out
# category itself (secondary; optimistic). It prints:
#   - per variant, both ways: the held-out standard score of each category (mean over seeds and its standard
#     error), their mean (the LOCO mean; standard error over the seeds' LOCO means), and reward_low_FP / low_FN;
#   - the protocol's choice: per fold, the candidate with the best mean training-part standard score,
#     and the mean of the chosen candidates' held-out scores, both ways;
#   - per variant: artificialNoAnomaly's raw standard score at each fold's training threshold (mean over
#     folds and seeds), and the flag rate (share of rows after the probation with anomaly_score > 0.5,
#     the range and adaptive detectors' flag) on artificialNoAnomaly and outside the labelled windows
#     of the other 4 categories, and by the stream's age (events 1-288, 289-2016, later: a day and a
#     week at 5-minute spacing) over all rows outside the windows; the labelled windows with an alarm
#     and where in its window the first one came. Only this evaluation reads labels/;
#     the detector never does.
# The full report is also written to WORK/report.txt and WORK/report.json.
set -euo pipefail

jar=app/target/seqscore.jar; nab=../shared/nab; work=nab-loco; seeds=42,1,2; epochs=""; ensemble=""; parallel=1
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
    --ensemble) [ $# -ge 2 ] || die "--ensemble needs a number"; ensemble=$2; shift ;;
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
case "${ensemble:-1}" in ''|*[!0-9]*|0) die "--ensemble needs a positive number" ;; esac
case "$parallel" in ''|*[!0-9]*|0) die "--parallel needs a positive number" ;; esac
[ ${#variants[@]} -gt 0 ] || variants=(seqscore)
names=(); vargs=()
for v in "${variants[@]}"; do names+=("${v%%:*}"); vargs+=(--variant "$v"); done
[ -n "$candidates" ] || candidates=$(IFS=,; echo "${names[*]}")
nab=$(cd "$nab" && pwd); mkdir -p "$work"; work=$(cd "$work" && pwd)
spec=$(printf '%s\n' "${variants[@]}" "epochs=$epochs")
[ -z "$ensemble" ] || spec=$(printf '%s\n' "$spec" "ensemble=$ensemble")

# --- 1. one evaluate run per seed (skipped when its outputs for these variants exist) ---------------
run_seed() {
  local s=$1 out=$work/seed-$1
  if [ -f "$out/.done" ] && [ "$(cat "$out/.done")" = "$spec" ]; then return 0; fi
  local extra=(); [ -z "$epochs" ] || extra=(--epochs "$epochs")
  [ -z "$ensemble" ] || extra+=(--ensemble "$ensemble")
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
# The training part first: its thresholds (NAB's optimizer, one per variant and profile) are then applied to
# the held-out category (nab-fixed-threshold.py on the held-out scoring's kept workspace).
held=(artificialWithAnomaly realAdExchange realAWSCloudwatch realTraffic)
fixed_tool=$(cd "$(dirname "$0")" && pwd)/nab-fixed-threshold.py
py=${NAB_PYTHON:-python3}; [ -n "${NAB_PYTHON:-}" ] || [ ! -x /usr/bin/python3 ] || py=/usr/bin/python3  # score.sh's
score_seed() {
  local s=$1 dir=$work/seed-$1 h train part f done_file cats ws c n
  mkdir -p "$dir/scores"
  for h in "${held[@]}"; do
    train=artificialNoAnomaly
    for c in "${held[@]}"; do [ "$c" = "$h" ] || train=$train,$c; done
    for part in train held; do
      f=$dir/scores/$part-$h.json
      done_file=$f; [ "$part" = train ] || done_file=$dir/scores/fixed-$h.json
      [ ! -s "$done_file" ] || [ "$(head -c 1 "$done_file")" != "{" ] || [ "$(cat "$f.spec" 2>/dev/null)" != "$spec" ] \
        || continue
      cats=$h; [ "$part" = held ] || cats=$train
      ws=$dir/scores/ws; rm -rf "$ws"
      nice -n 10 "$nab/score.sh" --json -n 1 --categories "$cats" --keep "$ws" "$dir" "${names[@]}" > "$f.tmp" 2> "$dir/scores/score.log"
      if [ "$part" = train ]; then
        # artificialNoAnomaly's rows of the per-file standard score tables, at the fold's threshold
        for n in "${names[@]}"; do
          grep ',artificialNoAnomaly/' "$ws/results/$n/${n}_standard_scores.csv" || true
        done > "$dir/scores/noanomaly-$h.csv"
      else
        # the held-out category at the thresholds chosen on the training part
        nice -n 10 "$py" "$fixed_tool" "$ws" "$dir/scores/train-$h.json" "$f.tmp" "${names[@]}" \
          > "$dir/scores/fixed-$h.json.tmp"
      fi
      rm -rf "$ws"
      mv "$f.tmp" "$f"; printf '%s' "$spec" > "$f.spec"
      [ "$part" = train ] || mv "$dir/scores/fixed-$h.json.tmp" "$dir/scores/fixed-$h.json"
    done
  done
}
pids=()
for s in "${seed_list[@]}"; do
  score_seed "$s" & pids+=($!)
  if [ ${#pids[@]} -ge "$parallel" ]; then wait "${pids[0]}" || exit 1; pids=("${pids[@]:1}"); fi
done
for p in "${pids[@]}"; do wait "$p" || exit 1; done

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
        j = load(s, 'fixed', h)
        for n in names:
            for p in profiles:
                score[(n, s, 'fixed', h, p)] = j[n][p]['score']

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
detections = {}  # (name, seed) -> per labelled window, where in it the first alarm came (0-1), or None
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
                first = [None] * len(wins)
                for i, r in enumerate(rows):
                    t = ts(r[0])
                    inside = [k for k, (a, b) in enumerate(wins) if a <= t <= b]
                    if inside:
                        k = inside[0]
                        if i >= probation and first[k] is None and float(r[2]) > 0.5:
                            a, b = wins[k]
                            first[k] = (t - a).total_seconds() / max(1.0, (b - a).total_seconds())
                        continue
                    flagged = float(r[2]) > 0.5
                    for a in AGES:
                        if a[1] <= i < a[2]:
                            counts[a[0]][1] += 1
                            counts[a[0]][0] += flagged
                    if i >= probation:
                        c[1] += 1
                        c[0] += flagged
                detections.setdefault((n, s), []).extend(first)
        for k, v in counts.items():
            flags[(n, s, k)] = v

out = {'seeds': seeds, 'variants': {}, 'protocol': {}}
HEAD = '%-14s %8s %14s %14s %14s %14s %16s %9s %9s'
TITLE = {'fixed': 'PRIMARY: each held-out category at the threshold NAB\'s optimizer chose on the fold\'s training'
                  ' part (what one threshold for a whole corpus does)',
         'held': 'secondary: each held-out category at its own threshold (NAB\'s optimizer on that category'
                 ' alone; optimistic)'}
print('NAB leave-one-category-out, seeds %s (mean ± standard error over seeds); each category normalized alone'
      % ','.join(seeds))
for part in ('fixed', 'held'):
    print()
    print(TITLE[part])
    print(HEAD % ('variant', 'profile', 'artWithAnom', 'realAdExch', 'realAWS', 'realTraffic', 'LOCO mean',
                  'noAn raw', 'noAn flag'))
    for n in names:
        v = out['variants'].setdefault(n, {})
        for p in profiles:
            per = {h: [score[(n, s, part, h, p)] for s in seeds] for h in held}
            loco = [mean([score[(n, s, part, h, p)] for h in held]) for s in seeds]
            key = 'held_out_at_training_threshold' if part == 'fixed' else 'held_out'
            v.setdefault(p, {})[key] = {h: {'mean': mean(per[h]), 'se': se(per[h])} for h in held}
            v[p][key + '_loco'] = {'mean': mean(loco), 'se': se(loco)}
            v[p]['train'] = {h: mean([score[(n, s, 'train', h, p)] for s in seeds]) for h in held}
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
            print(HEAD % (n, p[:8] if p == 'standard' else p[7:],
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
print('labelled windows with an alarm (score > 0.5 after the probation), mean over seeds, and where in its window the'
      ' first alarm came (0 its start, 0.5 the labelled anomaly, 1 its end; median over seeds and windows):')
for n in names:
    hits = [x for s in seeds for x in detections[(n, s)] if x is not None]
    total = len(detections[(n, seeds[0])])
    hits.sort()
    median = hits[len(hits) // 2] if hits else float('nan')
    out['variants'][n]['windows_detected'] = len(hits) / len(seeds)
    out['variants'][n]['windows'] = total
    out['variants'][n]['median_first_alarm_position'] = median
    print('  %-14s %.1f of %d   position %.2f' % (n, len(hits) / len(seeds), total, median))
print()
print('protocol: per fold, the candidate (%s) with the best mean training-part standard score' % ','.join(candidates))
chosen = {}
for h in held:
    best = max(candidates, key=lambda n: mean([score[(n, s, 'train', h, 'standard')] for s in seeds]))
    chosen[h] = best
    print('  held out %-22s chosen %-14s (training part %.2f)   held-out at its training threshold %.2f ± %.2f'
          '   at its own %.2f ± %.2f' % (
        h, best, mean([score[(best, s, 'train', h, 'standard')] for s in seeds]),
        mean([score[(best, s, 'fixed', h, 'standard')] for s in seeds]),
        se([score[(best, s, 'fixed', h, 'standard')] for s in seeds]),
        mean([score[(best, s, 'held', h, 'standard')] for s in seeds]),
        se([score[(best, s, 'held', h, 'standard')] for s in seeds])))
for p in profiles:
    fixed = [mean([score[(chosen[h], s, 'fixed', h, p)] for h in held]) for s in seeds]
    own = [mean([score[(chosen[h], s, 'held', h, p)] for h in held]) for s in seeds]
    out['protocol'][p] = {'loco_mean_at_training_threshold': mean(fixed), 'loco_se_at_training_threshold': se(fixed),
                          'loco_mean': mean(own), 'loco_se': se(own)}
    print('  LOCO mean of the chosen, %-13s at the training threshold %.2f ± %.2f   at its own %.2f ± %.2f' % (
        p, mean(fixed), se(fixed), mean(own), se(own)))
out['protocol']['chosen'] = chosen
json.dump(out, open(os.path.join(work, 'report.json'), 'w'), indent=2)
EOF
