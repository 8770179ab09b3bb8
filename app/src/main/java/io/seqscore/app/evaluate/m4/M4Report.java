package io.seqscore.app.evaluate.m4;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The hold-out evaluation: each forecaster's mean sMAPE and MASE over the series, and OWA relative to Naive2. */
record M4Report(int series, int horizon, M4Accuracy model, M4Accuracy seasonalNaive, M4Accuracy naive2) {

    /** Scores the forecasts of every series (in the order of {@code fitted}) against its held-out values. */
    static M4Report of(List<M4Series> fitted, List<double[]> actual, List<double[]> modelForecasts, int m) {
        List<M4Accuracy> model = new ArrayList<>();
        List<M4Accuracy> snaive = new ArrayList<>();
        List<M4Accuracy> naive2 = new ArrayList<>();
        int h = actual.get(0).length;
        for (int i = 0; i < fitted.size(); i++) {
            double[] x = fitted.get(i).values();
            double[] y = actual.get(i);
            model.add(M4Accuracy.of(x, y, modelForecasts.get(i), m));
            snaive.add(M4Accuracy.of(x, y, M4Benchmarks.seasonalNaive(x, h, m), m));
            naive2.add(M4Accuracy.of(x, y, M4Benchmarks.naive2(x, h, m), m));
        }
        return new M4Report(fitted.size(), h, M4Accuracy.mean(model), M4Accuracy.mean(snaive), M4Accuracy.mean(naive2));
    }

    List<String> lines() {
        return lines(null);
    }

    /** The table; {@code variant}, when not null, names how the scorer served the forecasts. */
    List<String> lines(String variant) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "hold-out: last %d values of %d series%s", horizon, series,
                variant == null ? "" : " (" + variant + ")"));
        out.add(String.format(Locale.ROOT, "%-16s %8s %8s %8s", "forecast", "sMAPE", "MASE", "OWA"));
        out.add(row("seqscore", model));
        out.add(row("seasonal naive", seasonalNaive));
        out.add(row("Naive2", naive2));
        return out;
    }

    private String row(String name, M4Accuracy a) {
        return String.format(Locale.ROOT, "%-16s %8.3f %8.3f %8.3f", name, a.smape(), a.mase(), a.owa(naive2));
    }
}
