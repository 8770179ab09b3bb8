package io.seqscore.app.evaluate.m4;

import io.seqscore.app.command.CliContext;
import io.seqscore.app.command.CommandFailure;
import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.scoring.ForecastSettings;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.HeadSpec;
import io.seqscore.model.core.QuantileHead;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.release.QualityGate;
import io.seqscore.trainer.train.EpochSummary;
import io.seqscore.trainer.train.TrainingProgress;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code seqscore evaluate m4}: one forecaster trained over every series of an M4 file ({@link M4Model}),
 * published and served by the real scorer ({@link M4Scoring}); writes each series' H-step forecast in M4's
 * layout and, with {@code --holdout}, scores it against the series' held-out end ({@link M4Report}).
 */
@Command(name = "m4", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Forecast the M4 competition's series through the real pipeline: train one model over all"
                + " series (per-series normalization), publish it through the models topic of a broker in this process,"
                + " stream every series' values through the scorer (one event per hour) and write the forecast it"
                + " emitted after each series' last value: id,F1,...,FH.",
                "With --holdout H, the last H values of every series are held out, forecast and scored (sMAPE, MASE,"
                        + " OWA against Naive2) beside the seasonal-naive forecast."})
public final class M4Command implements Callable<Integer> {
    static final int SEASONALITY = M4Model.SEASON;
    /** The quantile head's levels by default: chosen on the M4 hold-out (QUALITY.md, "Quantile head"). */
    static final String DEFAULT_QUANTILES = "0.01,0.99";

    @Spec
    CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "FILE",
            description = "M4 training file (e.g. Hourly-train.csv): a header row, then id,value,value,...")
    Path train;

    @Option(names = "--horizon", paramLabel = "H", defaultValue = "48",
            description = "Steps to forecast. Default: ${DEFAULT-VALUE}.")
    int horizon;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the forecasts (CSV).")
    Path out;

    @Option(names = "--holdout", paramLabel = "H", defaultValue = "0",
            description = "Hold out the last H values of every series (H = --horizon), forecast them and print the"
                    + " accuracy. Default: ${DEFAULT-VALUE} (forecast beyond the end).")
    int holdout;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20", description = "Training epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "64", description = "LSTM units. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Training seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--features", paramLabel = "KIND", defaultValue = "offsets",
            description = "offsets: the LSTM reads seasonal changes and forecasts offsets from the same hour of the latest"
                    + " day (SEASONAL_OFFSETS); values: it reads the scaled values and forecasts them (VALUES);"
                    + " es-hybrid: per-series exponential smoothing (daily and weekly seasons) corrected by the LSTM"
                    + " (ES_HYBRID)."
                    + " Default: ${DEFAULT-VALUE}.")
    String features;

    @Option(names = "--combine", paramLabel = "W", defaultValue = "0.5",
            description = "offsets and es-hybrid: the weight of the network in the forecast, seasonal naive + W x the network's"
                    + " offset (1: the network alone; 0.5: the equal-weight combination of the two forecasts)."
                    + " Default: ${DEFAULT-VALUE}.")
    float combine;

    @Option(names = "--quantiles", paramLabel = "LO,HI|none", defaultValue = DEFAULT_QUANTILES,
            description = "offsets and es-hybrid: train a quantile head whose bounds at these levels are the interval the"
                    + " scores carry, instead of the calibrated residual quantiles (none). Default: ${DEFAULT-VALUE}"
                    + " (for a 95%% interval: the levels 0.025,0.975 undercover, see QUALITY.md); values features: none.")
    String quantilesOption;

    /** The quantile head's levels, or null for the calibrated interval. */
    private List<Double> quantiles;

    @Option(names = "--ensemble", paramLabel = "K", defaultValue = "3",
            description = "Train K networks (seeds --seed .. --seed+K-1) and serve them as one release whose forecast is"
                    + " their mean, calibrated as one; 1 trains one network. Default: ${DEFAULT-VALUE} (chosen on the"
                    + " development hold-out, QUALITY.md).")
    int ensemble;

    @Option(names = "--season-selection", paramLabel = "on|off|both",
            description = "The scorer's per-series season selection (seqscore.forecast.season.selection: each series"
                    + " is served the release's forecast, weekly seasonal naive or their mean, whichever of its daily,"
                    + " weekly and mean seasonal predictors had the smallest recent error); both: score the one trained"
                    + " release twice, off then on, print both and write the forecasts of on. Default: the scorer's"
                    + " default (docs/forecasting.md).")
    String seasonSelection;

    @Option(names = "--threads", paramLabel = "N", description = "Training threads. Default: up to 2 (the processors).")
    Integer threads;

    @Option(names = QualityGate.ALLOW_OPTION,
            description = "values only: serve and score the model even when it is worse than the better of the"
                    + " last-value and seasonal-naive forecasts on its validation part (the quality gate); without it"
                    + " such a run stops with exit code 1. offsets trains on every value: its gate is recorded, never"
                    + " enforced.")
    boolean allowWorseThanNaive;

    private final CliContext context;

    public M4Command(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        validate();
        PrintWriter w = context.out();
        long t0 = System.nanoTime();
        List<M4Series> all = read();
        int minimum = holdout + 2 * SEASONALITY + 1;
        for (M4Series s : all) {
            if (s.length() < minimum) {
                throw new CommandFailure(ExitCodes.FAILURE, "series " + s.id() + " has " + s.length() + " values; need at"
                        + " least " + minimum + " (two seasons of " + SEASONALITY + " and one more"
                        + (holdout > 0 ? ", beyond the hold-out of " + holdout : "") + ")", null);
            }
        }
        List<M4Series> fitted = new ArrayList<>(all.size());
        List<double[]> actual = new ArrayList<>(all.size());
        for (M4Series s : all) {
            fitted.add(s.head(s.length() - holdout));
            actual.add(s.tail(s.length() - holdout));
        }
        say(w, "Read %d series (%d values) from %s%s", all.size(), fitted.stream().mapToLong(M4Series::length).sum(),
                train, holdout > 0 ? "; the last " + holdout + " values of each are held out" : "");
        ModelRelease release = trainModel(w, fitted);
        QualityGate.of(release).ifPresent(g -> say(w, "Quality gate: %s", QualityGate.describe(g)));
        try {
            QualityGate.check(release, allowWorseThanNaive);
        } catch (QualityGate.WorseThanNaiveException e) {
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), null);
        }
        long t1 = System.nanoTime();
        say(w, "Trained in %.0f s; publishing it and streaming every value through the scorer...", (t1 - t0) / 1e9);
        if (seasonSelection.equals("both")) {
            Map<String, M4Scoring.Served> off = score(fitted, release, false);
            say(w, "Scored with the season selection off in %.0f s", (System.nanoTime() - t1) / 1e9);
            if (holdout > 0) {
                report(w, fitted, actual, off, "season selection off");
            }
            t1 = System.nanoTime();
        }
        boolean selecting = !seasonSelection.equals("off");
        Map<String, M4Scoring.Served> served = score(fitted, release, selecting);
        long t2 = System.nanoTime();
        Map<String, double[]> forecasts = new HashMap<>();
        served.forEach((id, s) -> forecasts.put(id, s.forecast()));
        try {
            ForecastsCsv.write(out, fitted.stream().map(M4Series::id).toList(), forecasts, horizon);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot write " + out + ": " + e.getMessage(), e);
        }
        say(w, "Scored in %.0f s; wrote %d forecasts of %d steps to %s", (t2 - t1) / 1e9, forecasts.size(), horizon, out);
        if (holdout > 0) {
            report(w, fitted, actual, served, "season selection " + (selecting ? "on" : "off"));
        }
        say(w, "Total %.0f s", (System.nanoTime() - t0) / 1e9);
        w.flush();
        return ExitCodes.OK;
    }

    private static Map<String, M4Scoring.Served> score(List<M4Series> fitted, ModelRelease release, boolean selecting) {
        try {
            return M4Scoring.lastScores(fitted, release, selecting);
        } catch (KafkaException | IllegalStateException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "scoring failed: " + e.getMessage(), e);
        }
    }

    private void report(PrintWriter w, List<M4Series> fitted, List<double[]> actual, Map<String, M4Scoring.Served> served,
                        String variant) {
        List<double[]> model = fitted.stream().map(s -> served.get(s.id()).forecast()).toList();
        M4Report.of(fitted, actual, model, SEASONALITY).lines(variant).forEach(w::println);
        M4Interval.lines(fitted, actual, fitted.stream().map(s -> served.get(s.id()).lower()).toList(),
                fitted.stream().map(s -> served.get(s.id()).upper()).toList(), SEASONALITY,
                quantiles != null ? "the model's own quantiles " + quantiles.get(0) + " and " + quantiles.get(1)
                        : "the release's calibrated residual quantiles").forEach(w::println);
    }

    private void validate() {
        if (seasonSelection == null) {
            seasonSelection = ForecastSettings.DEFAULTS.seasonSelection() ? "on" : "off";
        }
        if (!seasonSelection.equals("on") && !seasonSelection.equals("off") && !seasonSelection.equals("both")) {
            throw new ParameterException(spec.commandLine(), "--season-selection must be on, off or both, was "
                    + seasonSelection);
        }
        if (horizon < 1) {
            throw new ParameterException(spec.commandLine(), "--horizon must be >= 1, was " + horizon);
        }
        if (holdout != 0 && holdout != horizon) {
            throw new ParameterException(spec.commandLine(), "--holdout must equal --horizon (" + horizon
                    + ") or be 0, was " + holdout);
        }
        if (epochs < 1 || hidden < 1 || ensemble < 1 || (threads != null && threads < 1)) {
            throw new ParameterException(spec.commandLine(), "--epochs, --hidden, --ensemble and --threads must be >= 1");
        }
        if (!features.equals("offsets") && !features.equals("values") && !features.equals("es-hybrid")) {
            throw new ParameterException(spec.commandLine(), "--features must be offsets, values or es-hybrid, was "
                    + features);
        }
        if (!(combine >= 0f && combine <= 1f)) {
            throw new ParameterException(spec.commandLine(), "--combine must be between 0 and 1, was " + combine);
        }
        quantiles = quantileLevels();
        if (!Files.isRegularFile(train)) {
            throw new ParameterException(spec.commandLine(), "--train " + train + " is not a readable file");
        }
    }

    private List<M4Series> read() {
        try {
            return M4File.read(train);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot read " + train + ": " + e.getMessage(), e);
        } catch (M4FormatException e) {
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    private ModelRelease trainModel(PrintWriter w, List<M4Series> fitted) {
        int t = threads != null ? threads : Math.min(2, Runtime.getRuntime().availableProcessors());
        M4Model.Features kind = switch (features) {
            case "values" -> M4Model.Features.VALUES;
            case "es-hybrid" -> M4Model.Features.ES_HYBRID;
            default -> M4Model.Features.OFFSETS;
        };
        M4Model.Settings settings = new M4Model.Settings(horizon, hidden, epochs, seed, t, kind, combine, head(),
                ensemble);
        say(w, "Training %s (%d units, %d-step %shead, %s features%s) over all %d series for %d epochs on %d thread%s...",
                ensemble == 1 ? "one LSTM" : ensemble + " LSTMs (seeds " + seed + ".." + (seed + ensemble - 1)
                        + ", served as one)", hidden, horizon, quantiles != null ? "quantile " : "", features,
                kind != M4Model.Features.VALUES ? ", combine " + combine : "",
                fitted.size(), epochs, t, t == 1 ? "" : "s");
        TrainingProgress progress = new TrainingProgress() {
            @Override
            public void batch(int epoch, int epochs, int done, int batches, double loss, long windows) {
            }

            @Override
            public void epoch(EpochSummary s) {
                String validation = Double.isNaN(s.validationLoss()) ? ""
                        : String.format(Locale.ROOT, ", validation loss %.4f", s.validationLoss());
                say(w, "  epoch %d/%d: training loss %.4f%s%s", s.epoch(), s.epochs(), s.trainLoss(), validation,
                        s.best() && !validation.isEmpty() ? " (best)" : "");
            }
        };
        try {
            return M4Model.train(fitted, settings, "csv:" + train.getFileName(), progress);
        } catch (TrainerException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "training failed: " + e.getMessage(), e);
        }
    }

    /** --quantiles parsed: null for none, and for values features unless the levels were asked for. */
    private List<Double> quantileLevels() {
        String text = quantilesOption.trim();
        if (text.equals("none")) {
            return null;
        }
        if (features.equals("values")) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--quantiles")) {
                throw new ParameterException(spec.commandLine(), "--quantiles trains with offsets or es-hybrid, not values");
            }
            return null;
        }
        String[] parts = text.split(",", -1);
        try {
            if (parts.length == 2) {
                double lo = Double.parseDouble(parts[0].trim());
                double hi = Double.parseDouble(parts[1].trim());
                if (lo > 0 && lo < hi && hi < 1) {
                    return List.of(lo, hi);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--quantiles needs two levels 0 < LO < HI < 1 or none, was "
                + quantilesOption);
    }

    private HeadSpec head() {
        if (quantiles == null) {
            return HeadSpec.REGRESSION;
        }
        return QuantileHead.of(quantiles.get(0), quantiles.get(1));
    }

    private static void say(PrintWriter w, String format, Object... args) {
        w.println(String.format(Locale.ROOT, format, args));
        w.flush();
    }
}
