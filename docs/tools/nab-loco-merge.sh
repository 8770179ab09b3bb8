#!/usr/bin/env bash
# nab-loco-merge.sh - put the outputs of several nab-loco.sh runs side by side as variants of one run, so that the
# hold-out protocol also chooses between training settings (epochs, ensembles), which one run cannot vary.
#
# Usage:
#   docs/tools/nab-loco-merge.sh OUT NAME=WORK[:VARIANT] [NAME=WORK[:VARIANT] ...]
#   docs/tools/nab-loco.sh --work OUT [--seeds ...] NAME [NAME ...]
#
#   NAME     the merged variant's name (NAB's rules: letters and digits, starting with a letter)
#   WORK     a nab-loco.sh work directory (its seed-S/ directories); VARIANT the variant in it (default seqscore)
#
# For every seed directory WORK/seed-S the variant's results are copied to OUT/seed-S/NAME/<category>/NAME_<file>,
# and OUT/seed-S/.done is written as nab-loco.sh writes it for the variants NAME..., so that nab-loco.sh reuses the
# copies instead of evaluating, scores them fold by fold, and (with --candidates) chooses between them per fold
# on each fold's training part. Every WORK must hold the same seeds; run nab-loco.sh with those seeds.
set -euo pipefail
die() { echo "nab-loco-merge.sh: $*" >&2; exit 2; }
[ $# -ge 2 ] || die "usage: nab-loco-merge.sh OUT NAME=WORK[:VARIANT] ... (see the header)"
out=$1; shift
names=(); seeds=""
for arg in "$@"; do
  name=${arg%%=*}; src=${arg#*=}
  [ "$name" != "$arg" ] || die "expected NAME=WORK[:VARIANT], got '$arg'"
  [[ "$name" =~ ^[A-Za-z][A-Za-z0-9]*$ ]] || die "variant name '$name': letters and digits starting with a letter"
  variant=seqscore
  if [[ "$src" == *:* ]]; then variant=${src##*:}; src=${src%:*}; fi
  ls -d "$src"/seed-*/ > /dev/null 2>&1 || die "no seed-S directories in $src"
  these=$(cd "$src" && ls -d seed-*/ | sed 's/^seed-//; s:/$::' | sort | paste -sd, -)
  [ -z "$seeds" ] || [ "$seeds" = "$these" ] || die "$src holds seeds $these, not $seeds"
  seeds=$these
  for d in "$src"/seed-*/; do
    d=${d%/}; s=${d##*/seed-}
    [ -d "$d/$variant" ] || die "no variant $variant in $d"
    rm -rf "$out/seed-$s/$name"
    for c in "$d/$variant"/*/; do
      c=${c%/}; cat=${c##*/}
      mkdir -p "$out/seed-$s/$name/$cat"
      for f in "$c/${variant}_"*; do
        cp "$f" "$out/seed-$s/$name/$cat/${name}_${f##*/${variant}_}"
      done
    done
  done
  names+=("$name")
done
IFS=, read -r -a seed_list <<< "$seeds"
for s in "${seed_list[@]}"; do
  printf '%s' "$(printf '%s\n' "${names[@]}" "epochs=")" > "$out/seed-$s/.done"
done
echo "merged ${names[*]} for seeds $seeds into $out; now: docs/tools/nab-loco.sh --work $out --seeds $seeds ${names[*]}"
