package io.seqscore.app.evaluate.m4;

import io.seqscore.app.model.InputNormalization;
import io.seqscore.app.model.ModelReleaseDecoder;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.model.ServingModel;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.features.EncodedSeries;
import io.seqscore.model.core.norm.ZScoreNormalizer;
import io.seqscore.trainer.train.TrainingProgress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Development measure of ensembles on an M4 hold-out: trains the default {@code evaluate m4} model (SEASONAL_OFFSETS,
 * combine ½, 64 units) once per member seed, forecasts each series' hold-out by running the decoded release's
 * transform and network over the series (the computation M4ScoringTest holds equal to the pipeline's), keeps each
 * member's forecasts in {@code DIR/seed-S.csv} (a later run reuses them), and prints sMAPE, MASE and OWA of every
 * member alone and of every seed set's ensemble, the per-step mean and the per-step median of its members' forecasts.
 * A seed set of N members starting at seed S is S, S+1, ..., S+N−1, as {@code --ensemble N --seed S} trains it; the
 * mean is what that release serves ({@code M4ScoringTest.shouldServeAnEnsembleAsTheMeanOfItsMembersForecasts}), the
 * median is not served (a comparison only). Arguments: FILE HOLDOUT EPOCHS DIR N SEED [SEED...].
 */
public final class EnsembleHoldoutDev {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int h = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        Path dir = Path.of(args[3]);
        int n = Integer.parseInt(args[4]);
        List<Long> starts = Arrays.stream(args, 5, args.length).map(Long::parseLong).toList();
        Files.createDirectories(dir);
        List<M4Series> all = M4File.read(file);
        List<M4Series> fitted = new ArrayList<>();
        List<double[]> actual = new ArrayList<>();
        for (M4Series s : all) {
            fitted.add(s.head(s.length() - h));
            actual.add(s.tail(s.length() - h));
        }
        Map<Long, List<double[]>> members = new HashMap<>();
        for (long start : starts) {
            for (long seed = start; seed < start + n; seed++) {
                members.put(seed, forecasts(fitted, h, epochs, seed, dir.resolve("seed-" + seed + ".csv")));
            }
        }
        double[] single = new double[3];
        int singles = 0;
        double[][] sums = new double[2][3];
        System.out.printf(Locale.ROOT, "%-28s %8s %8s %8s%n", "forecast", "sMAPE", "MASE", "OWA");
        for (long start : starts) {
            List<List<double[]>> set = new ArrayList<>();
            for (long seed = start; seed < start + n; seed++) {
                set.add(members.get(seed));
                double[] m = print("seed " + seed, fitted, actual, members.get(seed));
                add(single, m);
                singles++;
            }
            add(sums[0], print("ensemble " + start + ".." + (start + n - 1) + " mean", fitted, actual, combine(set, false)));
            add(sums[1], print("ensemble " + start + ".." + (start + n - 1) + " median", fitted, actual, combine(set, true)));
        }
        System.out.printf(Locale.ROOT, "%-28s %8.3f %8.3f %8.3f%n", "mean of " + singles + " singles",
                single[0] / singles, single[1] / singles, single[2] / singles);
        System.out.printf(Locale.ROOT, "%-28s %8.3f %8.3f %8.3f%n", "mean of " + starts.size() + " ensembles (mean)",
                sums[0][0] / starts.size(), sums[0][1] / starts.size(), sums[0][2] / starts.size());
        System.out.printf(Locale.ROOT, "%-28s %8.3f %8.3f %8.3f%n", "mean of " + starts.size() + " ensembles (median)",
                sums[1][0] / starts.size(), sums[1][1] / starts.size(), sums[1][2] / starts.size());
    }

    private static void add(double[] sum, double[] m) {
        for (int i = 0; i < 3; i++) {
            sum[i] += m[i];
        }
    }

    private static double[] print(String what, List<M4Series> fitted, List<double[]> actual, List<double[]> f) {
        M4Report r = M4Report.of(fitted, actual, f, M4Model.SEASON);
        double[] m = {r.model().smape(), r.model().mase(), r.model().owa(r.naive2())};
        System.out.printf(Locale.ROOT, "%-28s %8.3f %8.3f %8.3f%n", what, m[0], m[1], m[2]);
        return m;
    }

    /** Per series and step, the mean (or median) of the members' forecasts. */
    static List<double[]> combine(List<List<double[]>> set, boolean median) {
        List<double[]> out = new ArrayList<>();
        int series = set.get(0).size();
        double[] values = new double[set.size()];
        for (int i = 0; i < series; i++) {
            int h = set.get(0).get(i).length;
            double[] f = new double[h];
            for (int s = 0; s < h; s++) {
                for (int m = 0; m < set.size(); m++) {
                    values[m] = set.get(m).get(i)[s];
                }
                if (median) {
                    Arrays.sort(values);
                    int k = values.length;
                    f[s] = k % 2 == 1 ? values[k / 2] : 0.5 * (values[k / 2 - 1] + values[k / 2]);
                } else {
                    f[s] = Arrays.stream(values).sum() / values.length;
                }
            }
            out.add(f);
        }
        return out;
    }

    private static List<double[]> forecasts(List<M4Series> fitted, int h, int epochs, long seed, Path csv)
            throws Exception {
        if (Files.exists(csv)) {
            return read(csv);
        }
        long t0 = System.nanoTime();
        M4Model.Settings settings = new M4Model.Settings(h, 64, epochs, seed, 2);
        ModelRelease release = M4Model.train(fitted, settings, "dev", TrainingProgress.NONE);
        ServingModel model = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED).decode(null, release);
        List<double[]> out = new ArrayList<>();
        for (M4Series s : fitted) {
            out.add(offline(model, s, h));
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < fitted.size(); i++) {
            StringBuilder b = new StringBuilder(fitted.get(i).id());
            for (double v : out.get(i)) {
                b.append(',').append(v);
            }
            lines.add(b.toString());
        }
        Files.write(csv, lines);
        System.out.printf(Locale.ROOT, "seed %d trained and forecast in %d s%n", seed, (System.nanoTime() - t0) / 1_000_000_000);
        return out;
    }

    /** The forecast at the series' last value: the release's transform and network stepped over the whole series. */
    static double[] offline(ServingModel model, M4Series s, int h) {
        InputNormalization norm = model.normalization();
        ZScoreNormalizer z = norm.forKey(s.id());
        float mu = z.mean(0);
        float sigma = z.std(0);
        EncodedSeries e = OfflineSteps.encode(model.features(), s, mu, sigma, h);
        float[] out = OfflineSteps.afterLastRow(model.network(), e, h);
        int last = e.rows() - 1;
        double[] f = new double[h];
        for (int i = 0; i < h; i++) {
            f[i] = (e.base(last, i, 0) + out[i]) * sigma + mu;
        }
        return f;
    }

    private static List<double[]> read(Path csv) throws IOException {
        List<double[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            String[] cells = line.split(",");
            double[] f = new double[cells.length - 1];
            for (int i = 1; i < cells.length; i++) {
                f[i - 1] = Double.parseDouble(cells[i]);
            }
            out.add(f);
        }
        return out;
    }
}
