package io.seqscore.app.evaluate.m4;

import io.seqscore.app.testing.CommandLines.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.seqscore.app.testing.CommandLines.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code seqscore evaluate m4} end to end on a generated M4-layout file of a few series, and its argument checks. */
class EvaluateM4CommandTest {
    private static final int H = 48;
    @TempDir
    Path dir;

    /** Three daily-seasonal series of different levels, lengths and phases, with a deterministic wobble. */
    private static List<M4Series> series() {
        List<M4Series> out = new ArrayList<>();
        int[] lengths = {300, 288, 312};
        for (int k = 0; k < lengths.length; k++) {
            double[] v = new double[lengths[k]];
            for (int t = 0; t < v.length; t++) {
                v[t] = 100 * (k + 1) + 20 * (k + 1) * Math.sin(2 * Math.PI * (t + 5 * k) / 24) + 3 * Math.sin(0.7 * t * (k + 1))
                        + 0.05 * t;
            }
            out.add(new M4Series("H" + (k + 1), v));
        }
        return out;
    }

    private Path m4File(List<M4Series> series) throws IOException {
        int width = series.stream().mapToInt(M4Series::length).max().orElseThrow();
        StringBuilder b = new StringBuilder("\"V1\"");
        for (int c = 2; c <= width + 1; c++) {
            b.append(",\"V").append(c).append('"');
        }
        b.append('\n');
        for (M4Series s : series) {
            b.append('"').append(s.id()).append('"');
            double[] v = s.values();
            for (int c = 0; c < width; c++) {
                b.append(',');
                if (c < v.length) {
                    b.append('"').append(v[c]).append('"');
                }
            }
            b.append('\n');
        }
        Path f = dir.resolve("Hourly-train.csv");
        Files.writeString(f, b);
        return f;
    }

    @Test
    void shouldWriteOneFiniteForecastRowPerSeriesAndScoreTheHoldout() throws IOException {
        List<M4Series> series = series();
        Path out = dir.resolve("out/forecasts.csv");

        Result r = run("evaluate", "m4", "--train", m4File(series).toString(), "--horizon", Integer.toString(H), "--out",
                out.toString(), "--holdout", Integer.toString(H), "--epochs", "2", "--hidden", "8", "--threads", "1");

        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(1 + series.size());
        String[] header = lines.get(0).split(",");
        assertThat(header).hasSize(1 + H);
        assertThat(header[0]).isEqualTo("id");
        assertThat(header[1]).isEqualTo("F1");
        assertThat(header[H]).isEqualTo("F" + H);
        for (int k = 0; k < series.size(); k++) {
            String[] row = lines.get(1 + k).split(",");
            assertThat(row).hasSize(1 + H);
            assertThat(row[0]).isEqualTo(series.get(k).id());
            for (int s = 1; s <= H; s++) {
                assertThat(Double.parseDouble(row[s])).isFinite();
            }
        }
        // the benchmark rows are M4's measures of the reference forecasts on the same hold-out
        List<M4Accuracy> snaive = new ArrayList<>();
        List<M4Accuracy> naive2 = new ArrayList<>();
        for (M4Series s : series) {
            double[] x = s.head(s.length() - H).values();
            double[] y = s.tail(s.length() - H);
            snaive.add(M4Accuracy.of(x, y, M4Benchmarks.seasonalNaive(x, H, 24), 24));
            naive2.add(M4Accuracy.of(x, y, M4Benchmarks.naive2(x, H, 24), 24));
        }
        M4Accuracy sn = M4Accuracy.mean(snaive);
        M4Accuracy n2 = M4Accuracy.mean(naive2);
        assertRow(r.out(), "seasonal naive", sn.smape(), sn.mase(), sn.owa(n2));
        assertRow(r.out(), "Naive2", n2.smape(), n2.mase(), 1.0);
        double[] model = row(r.out(), "seqscore");
        for (double v : model) {
            assertThat(v).isFinite().isPositive();
        }
        assertThat(r.out()).containsPattern("Quality gate: MAE in normalized units on in-sample pairs \\(\\d+\\): model"
                + " [0-9.]+, last value [0-9.]+, seasonal naive \\(period 24\\) [0-9.]+: ");
    }

    /**
     * A series that repeats every week (168 values) and two daily ones: with the season selection on, the weekly
     * series is served weekly seasonal naive, which is its held-out end exactly; both prints the hold-out table off,
     * then on.
     */
    @Test
    void shouldServeAWeeklySeriesItsWeekAgoValuesWithTheSeasonSelectionOn() throws IOException {
        List<M4Series> series = new ArrayList<>(series().subList(0, 2));
        double[] weekly = new double[400];
        for (int t = 0; t < weekly.length; t++) {
            int phase = t % 168;
            weekly[t] = 50 + 20 * Math.sin(2 * Math.PI * phase / 168) + 7 * (phase % 5);
        }
        series.add(new M4Series("W1", weekly));
        Path out = dir.resolve("selected.csv");

        Result r = run("evaluate", "m4", "--train", m4File(series).toString(), "--horizon", Integer.toString(H), "--out",
                out.toString(), "--holdout", Integer.toString(H), "--epochs", "1", "--hidden", "4", "--threads", "1",
                "--ensemble", "1", "--season-selection", "both");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsSubsequence("(season selection off)", "seqscore", "(season selection on)", "seqscore");
        String[] row = Files.readAllLines(out).get(3).split(",");
        assertThat(row[0]).isEqualTo("W1");
        int end = weekly.length - H;
        for (int h = 1; h <= H; h++) {
            assertThat(Double.parseDouble(row[h])).as("step %d", h).isEqualTo((double) (float) weekly[end + h - 1 - 168])
                    .isEqualTo((double) (float) weekly[end + h - 1]);
        }
    }

    /** The default interval is the quantile head's at 0.01 / 0.99; none serves the calibrated residual quantiles. */
    @Test
    void shouldCarryTheModelsOwnQuantilesByDefaultAndTheCalibratedIntervalWithNone() throws IOException {
        String[] common = {"evaluate", "m4", "--train", m4File(series()).toString(), "--horizon", Integer.toString(H),
                "--holdout", Integer.toString(H), "--epochs", "1", "--hidden", "4", "--threads", "1", "--ensemble", "1"};

        Result byDefault = run(concat(common, "--out", dir.resolve("q.csv").toString()));
        Result none = run(concat(common, "--out", dir.resolve("c.csv").toString(), "--quantiles", "none"));

        assertThat(byDefault.code()).as(byDefault.err()).isZero();
        assertThat(byDefault.out()).contains("Training one LSTM (4 units, " + H + "-step quantile head")
                .contains("95% interval (the model's own quantiles 0.01 and 0.99)");
        assertThat(none.code()).as(none.err()).isZero();
        assertThat(none.out()).doesNotContain("quantile head")
                .contains("95% interval (the release's calibrated residual quantiles)");
    }

    @Test
    void shouldRejectQuantileLevelsOutOfOrderInOneLine() throws IOException {
        Result r = run("evaluate", "m4", "--train", m4File(series()).toString(), "--out", dir.resolve("f.csv").toString(),
                "--quantiles", "0.9,0.1");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--quantiles needs two levels 0 < LO < HI < 1 or none, was 0.9,0.1");
        assertThat(dir.resolve("f.csv")).doesNotExist();
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void shouldRejectAnUnknownSeasonSelectionInOneLine() throws IOException {
        Result r = run("evaluate", "m4", "--train", m4File(series()).toString(), "--out", dir.resolve("f.csv").toString(),
                "--season-selection", "auto");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--season-selection must be on, off or both, was auto");
        assertThat(dir.resolve("f.csv")).doesNotExist();
    }

    @Test
    void shouldRefuseAValuesModelWorseThanNaiveInOneLineBeforeScoring() throws IOException {
        Path out = dir.resolve("refused.csv");
        Result r = run("evaluate", "m4", "--train", m4File(series()).toString(), "--horizon", "4", "--out",
                out.toString(), "--features", "values", "--epochs", "1", "--hidden", "4", "--threads", "1");

        assertThat(r.code()).as(r.out()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("m4 version 1 is worse than the seasonal-naive forecast on the held-out end of each"
                + " key's history").contains("--allow-worse-than-naive");
        assertThat(r.out()).contains("Quality gate: MAE in normalized units on held-out pairs").contains("FAILED")
                .doesNotContain("Scored in");
        assertThat(out).doesNotExist();
    }

    private static double[] row(String out, String name) {
        for (String line : out.split("\\R")) {
            if (line.length() > 16 && line.substring(0, 16).strip().equals(name)) {
                String[] cells = line.substring(16).trim().split("\\s+");
                return new double[] {Double.parseDouble(cells[0]), Double.parseDouble(cells[1]), Double.parseDouble(cells[2])};
            }
        }
        throw new AssertionError("no row '" + name + "' in:\n" + out);
    }

    private static void assertRow(String out, String name, double smape, double mase, double owa) {
        double[] v = row(out, name);
        assertThat(v[0]).as("%s sMAPE", name).isCloseTo(Double.parseDouble(String.format(Locale.ROOT, "%.3f", smape)),
                within(1e-9));
        assertThat(v[1]).as("%s MASE", name).isCloseTo(Double.parseDouble(String.format(Locale.ROOT, "%.3f", mase)),
                within(1e-9));
        assertThat(v[2]).as("%s OWA", name).isCloseTo(Double.parseDouble(String.format(Locale.ROOT, "%.3f", owa)),
                within(1e-9));
    }

    @Test
    void shouldRejectAnUnknownFeatureKindInOneLine() throws IOException {
        Result r = run("evaluate", "m4", "--train", m4File(series()).toString(), "--out", dir.resolve("f.csv").toString(),
                "--features", "changes");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--features must be offsets, values or es-hybrid, was changes");
        assertThat(dir.resolve("f.csv")).doesNotExist();
    }

    @Test
    void shouldRejectACombinationWeightOutsideZeroToOneInOneLine() throws IOException {
        Result r = run("evaluate", "m4", "--train", m4File(series()).toString(), "--out", dir.resolve("f.csv").toString(),
                "--combine", "1.5");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--combine must be between 0 and 1, was 1.5");
        assertThat(dir.resolve("f.csv")).doesNotExist();
    }

    @Test
    void shouldRejectAnEnsembleOfNoNetworkInOneLine() throws IOException {
        Result r = run("evaluate", "m4", "--train", m4File(series()).toString(), "--out", dir.resolve("f.csv").toString(),
                "--ensemble", "0");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--epochs, --hidden, --ensemble and --threads must be >= 1");
        assertThat(dir.resolve("f.csv")).doesNotExist();
    }

    @Test
    void shouldRejectAHoldoutOtherThanTheHorizonInOneLine() throws IOException {
        Result r = run("evaluate", "m4", "--train", m4File(series()).toString(), "--out", dir.resolve("f.csv").toString(),
                "--holdout", "24");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--holdout");
        assertThat(dir.resolve("f.csv")).doesNotExist();
    }

    @Test
    void shouldRejectAMissingTrainingFileInOneLine() {
        Result r = run("evaluate", "m4", "--train", dir.resolve("absent.csv").toString(), "--out",
                dir.resolve("f.csv").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("absent.csv");
    }

    @Test
    void shouldFailInOneLineOnAMalformedFileOrTooShortSeries() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "V1,V2\nH1,1\nH2,oops\n");
        Result r = run("evaluate", "m4", "--train", bad.toString(), "--out", dir.resolve("f.csv").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("line 3");

        Path shortSeries = m4File(List.of(new M4Series("H1", new double[60])));
        Result s = run("evaluate", "m4", "--train", shortSeries.toString(), "--out", dir.resolve("f.csv").toString(),
                "--holdout", "48");
        assertThat(s.code()).isEqualTo(1);
        assertThat(s.err().strip().lines()).hasSize(1);
        assertThat(s.err()).contains("H1");
    }
}
