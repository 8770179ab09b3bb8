#!/usr/bin/env python3
"""Season selection on the M4 hold-out, offline, from a forecasts file of `seqscore evaluate m4 --holdout 48 --out F`.

At the hold-out origin T of each series, the mean absolute errors over its last W values of three predictors of x_t,
x_{t-24} (day), x_{t-168} (week) and (x_{t-24} + x_{t-168})/2 (mean), choose what is served: day -> the forecast in F,
week -> weekly seasonal naive x_{T+h-168}, mean -> the mean of the two (ties: day, then week). `--ew N` uses the
scorer's rule instead (seqscore.forecast.season.selection: a plain mean over a series' first N counted values, then
exponentially weighted with weight 1/N, counted from t = 168 on). Prints sMAPE, MASE and OWA (M4's definitions,
seasonality 24, Naive2 as in the command: sMAPE 19.225, MASE 2.455 on the 414 hourly series' hold-out).

usage: m4-season-selection.py HOURLY_TRAIN_CSV FORECASTS_CSV [--windows 48,96,168,336] [--ew 168]
"""
import argparse
import csv

import numpy as np

H, DAY, WEEK = 48, 24, 168
NAIVE2_SMAPE, NAIVE2_MASE = 19.225, 2.455


def read(path):
    with open(path) as f:
        rows = list(csv.reader(f))[1:]
    return {r[0]: np.array([float(v) for v in r[1:] if v != '']) for r in rows}


def smape(a, f):
    return np.mean(200 * np.abs(a - f) / (np.abs(a) + np.abs(f)))


def mase(x, a, f):
    return np.mean(np.abs(a - f)) / np.mean(np.abs(x[DAY:] - x[:-DAY]))


def window_errors(x, w):
    t = np.arange(len(x) - w, len(x))
    d, k = x[t - DAY], x[t - WEEK]
    return [np.mean(np.abs(x[t] - d)), np.mean(np.abs(x[t] - k)), np.mean(np.abs(x[t] - (d + k) / 2))]


def ew_errors(x, n_mem):
    e, n = np.zeros(3), 0
    for t in range(WEEK, len(x)):
        n += 1
        d, k = x[t - DAY], x[t - WEEK]
        e += max(1.0 / n, 1.0 / n_mem) * (np.abs(x[t] - np.array([d, k, (d + k) / 2])) - e)
    return list(e), n


def choose(e):
    if e[0] <= e[1] and e[0] <= e[2]:
        return 0
    return 1 if e[1] <= e[2] else 2


def main():
    p = argparse.ArgumentParser()
    p.add_argument('train')
    p.add_argument('forecasts')
    p.add_argument('--windows', default='48,96,168,336')
    p.add_argument('--ew', type=int, default=0, help='the scorer rule with this memory (events) instead of windows')
    args = p.parse_args()
    series, served = read(args.train), read(args.forecasts)
    variants = [('ew%d' % args.ew, None)] if args.ew else [('W%d' % int(w), int(w)) for w in args.windows.split(',')]
    rows = [('as given', None)] + variants
    for name, w in rows:
        s_all, m_all, counts = [], [], [0, 0, 0]
        for sid, y in series.items():
            x, a, f = y[:-H], y[-H:], served[sid]
            weekly = x[len(x) - WEEK + np.arange(H)]
            if name == 'as given':
                g = f
            else:
                if w is None:
                    e, n = ew_errors(x, args.ew)
                    c = choose(e) if n >= DAY else 0
                else:
                    c = choose(window_errors(x, w))
                counts[c] += 1
                g = (f, weekly, (f + weekly) / 2)[c]
            s_all.append(smape(a, g))
            m_all.append(mase(x, a, g))
        s, m = np.mean(s_all), np.mean(m_all)
        owa = 0.5 * (s / NAIVE2_SMAPE + m / NAIVE2_MASE)
        chosen = '' if name == 'as given' else '  (day %d, week %d, mean %d series)' % tuple(counts)
        print('%-9s sMAPE %7.3f  MASE %6.3f  OWA %6.3f%s' % (name, s, m, owa, chosen))


if __name__ == '__main__':
    main()
