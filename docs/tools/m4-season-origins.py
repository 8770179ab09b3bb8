#!/usr/bin/env python3
"""The season selection's rule with naive candidates only, at earlier forecast origins of the M4 hourly series.

Usage: python3 docs/tools/m4-season-origins.py HOURLY_TRAIN_CSV [CUT ...]

For each CUT (default 96 144 192 240 48) the series are truncated so that the 48 values ending CUT - 48 values
before their end are the "actuals" (CUT 48: M4's hold-out itself). At that origin every series is forecast by
daily seasonal naive (sn24) and by the selection's rule over naive candidates only: the smallest mean absolute
error over the last 168 values of the day, week and mean predictors chooses sn24, weekly seasonal naive or their
mean. No network is involved, so origins before the hold-out test the rule on values its design never looked at.
Prints sMAPE and MASE (seasonality 24) of both and 1/2 (sMAPE_sel / sMAPE_sn24 + MASE_sel / MASE_sn24).
"""
import csv
import sys

import numpy as np

H = 48


def smape(a, f):
    return np.mean(200 * np.abs(a - f) / (np.abs(a) + np.abs(f)))


def mase(insample, a, f, m=24):
    return np.mean(np.abs(a - f)) / np.mean(np.abs(insample[m:] - insample[:-m]))


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: m4-season-origins.py HOURLY_TRAIN_CSV [CUT ...]")
    cuts = [int(c) for c in sys.argv[2:]] or [96, 144, 192, 240, 48]
    with open(sys.argv[1]) as f:
        rows = list(csv.reader(f))[1:]
    for cut in cuts:
        acc = {"sn24": ([], []), "sel": ([], [])}
        for r in rows:
            y = np.array([float(v) for v in r[1:] if v != ""])
            y = y[: len(y) - cut + H]
            ins, a = y[:-H], y[-H:]
            day = np.array([ins[-24 + (s % 24)] for s in range(H)])
            week = np.array([ins[-168 + s] for s in range(H)])
            t = np.arange(len(ins) - 168, len(ins))
            errors = [np.mean(np.abs(ins[t] - ins[t - 24])), np.mean(np.abs(ins[t] - ins[t - 168])),
                      np.mean(np.abs(ins[t] - (ins[t - 24] + ins[t - 168]) / 2))]
            chosen = [day, week, (day + week) / 2][int(np.argmin(errors))]
            for name, forecast in (("sn24", day), ("sel", chosen)):
                acc[name][0].append(smape(a, forecast))
                acc[name][1].append(mase(ins, a, forecast))
        s24, m24 = np.mean(acc["sn24"][0]), np.mean(acc["sn24"][1])
        ss, ms = np.mean(acc["sel"][0]), np.mean(acc["sel"][1])
        print(f"origin -{cut}: sn24 sMAPE {s24:.3f} MASE {m24:.3f}; selection sMAPE {ss:.3f} MASE {ms:.3f};"
              f" relative {0.5 * (ss / s24 + ms / m24):.3f}")


if __name__ == "__main__":
    main()
