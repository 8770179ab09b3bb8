#!/usr/bin/env python3
"""nab-fixed-threshold.py - NAB's scores of outputs at GIVEN thresholds instead of optimized ones.

Usage: nab-fixed-threshold.py WORKSPACE THRESHOLDS_JSON SCORED_JSON [DETECTOR ...]

  WORKSPACE        a workspace kept by `score.sh --keep` (its nab/, labels/, data/ and results/<detector>/)
  THRESHOLDS_JSON  `score.sh --json` output whose details.<profile>.threshold are the thresholds to apply
                   (e.g. the scores of the training part of a fold)
  SCORED_JSON      `score.sh --json` output of the workspace itself: its null and perfect raw scores
                   normalize the result
  DETECTOR         detectors to score (default: every detector of THRESHOLDS_JSON)

For every detector and profile it scores each file of the workspace with NAB's own Sweeper at the given
threshold (a record is a detection when anomaly_score >= threshold), as NAB's scorer does after its optimizer
has chosen one, sums the files' raw scores and normalizes them as NAB does:
100 * (raw - null) / (perfect - null). Prints JSON: {detector: {profile: {threshold, raw_score, score}}}, profiles named as
score.sh --json names their scores (standard, reward_low_FP, reward_low_FN).
This is how one threshold chosen on other files scores held-out files, what a single corpus-wide threshold
does to them.
"""
import json
import os
import sys

# the scores' names of NAB's profiles (score.sh --json) and the profiles' names in NAB's config/profiles.json
PROFILES = {'standard': 'standard', 'reward_low_FP': 'reward_low_FP_rate', 'reward_low_FN': 'reward_low_FN_rate'}


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__.split('\n\n')[1])
    ws, thresholds_json, scored_json = sys.argv[1:4]
    ws = os.path.abspath(ws)
    sys.path.insert(0, ws)
    from nab.corpus import Corpus
    from nab.labeler import CorpusLabel
    from nab.sweeper import Sweeper
    from nab.util import convertResultsPathToDataPath

    thresholds = json.load(open(thresholds_json))
    scored = json.load(open(scored_json))
    names = sys.argv[4:] or sorted(thresholds)
    profiles = json.load(open(os.path.join(ws, 'config', 'profiles.json')))
    corpus = Corpus(os.path.join(ws, 'data'))
    labels = CorpusLabel(path=os.path.join(ws, 'labels', 'combined_windows.json'), corpus=corpus)
    reference = next(iter(scored.values()))['details']
    out = {}
    for det in names:
        results = Corpus(os.path.join(ws, 'results', det))
        files = [(convertResultsPathToDataPath(os.path.join(det, rel)), ds) for rel, ds in
                 sorted(results.dataFiles.items()) if '_scores.csv' not in rel]
        if len(files) != len(labels.windows):
            sys.exit('nab-fixed-threshold.py: %d outputs of %s for %d files' % (len(files), det,
                                                                               len(labels.windows)))
        out[det] = {}
        for short, prof in PROFILES.items():
            threshold = thresholds[det]['details'][prof]['threshold']
            raw = 0.0
            for rel, ds in files:
                sweeper = Sweeper(probationPercent=0.15, costMatrix=profiles[prof]['CostMatrix'])
                points = sweeper.calcSweepScore(labels.labels[rel]['timestamp'], ds.data['anomaly_score'],
                                                labels.windows[rel], rel)
                rows = sweeper.calcScoreByThreshold(points)
                # detections = records with anomaly_score >= threshold: the row of the smallest threshold >= it
                at = [r for r in rows if r.threshold >= threshold]
                row = min(at, key=lambda r: r.threshold) if at else min(rows, key=lambda r: r.threshold)
                raw += row.score
            null = reference[prof]['null_raw_score']
            perfect = reference[prof]['perfect_raw_score']
            out[det][short] = {'threshold': threshold, 'raw_score': raw,
                              'score': None if perfect == null else 100.0 * (raw - null) / (perfect - null)}
    print(json.dumps(out, indent=2, sort_keys=True))


if __name__ == '__main__':
    main()
