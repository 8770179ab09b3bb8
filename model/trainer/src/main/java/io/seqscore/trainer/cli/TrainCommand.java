package io.seqscore.trainer.cli;

import io.seqscore.avro.ModelRelease;
import io.seqscore.input.InputMapping;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.HeadSpec;
import io.seqscore.model.core.QuantileHead;
import io.seqscore.model.core.features.EsHybridFeatures;
import io.seqscore.model.core.features.FeatureKinds;
import io.seqscore.model.core.features.FeatureParameters;
import io.seqscore.model.core.features.SeasonalChangesFeatures;
import io.seqscore.model.core.features.SeasonalOffsetsFeatures;
import io.seqscore.model.core.features.ValuesFeatures;
import io.seqscore.trainer.Releases;
import io.seqscore.trainer.calibrate.CalibrationOptions;
import io.seqscore.trainer.calibrate.ScaleEstimator;
import io.seqscore.trainer.calibrate.ScoreStatistic;
import io.seqscore.trainer.data.Dataset;
import io.seqscore.trainer.data.DatasetBuilder;
import io.seqscore.trainer.data.DatasetOptions;
import io.seqscore.trainer.data.NormalizationMode;
import io.seqscore.trainer.data.WindowPlacement;
import io.seqscore.trainer.data.WindowShape;
import io.seqscore.trainer.kafka.KafkaSettings;
import io.seqscore.trainer.kafka.ModelsTopic;
import io.seqscore.trainer.release.ReleaseBuilder;
import io.seqscore.trainer.release.ReleaseFiles;
import io.seqscore.trainer.release.QualityGate;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.release.TrainerVersion;
import io.seqscore.trainer.sessions.SessionTrainConfig;
import io.seqscore.trainer.source.BadInputPolicy;
import io.seqscore.trainer.source.CsvFormat;
import io.seqscore.trainer.source.CsvSource;
import io.seqscore.trainer.source.HeaderMode;
import io.seqscore.trainer.source.SessionsTopicSource;
import io.seqscore.trainer.source.SourceResult;
import io.seqscore.trainer.source.SymbolValuesTopicSource;
import io.seqscore.trainer.source.TopicSource;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.train.EpochSummary;
import io.seqscore.trainer.train.JobSettings;
import io.seqscore.trainer.train.OptimizerKind;
import io.seqscore.trainer.train.EsHybridFit;
import io.seqscore.trainer.train.Recipes;
import io.seqscore.trainer.train.Sampling;
import io.seqscore.trainer.train.ScheduleKind;
import io.seqscore.trainer.train.TrainConfig;
import io.seqscore.trainer.train.TrainingJob;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "train", sortOptions = false, usageHelpAutoWidth = true,
        description = "Train a model on history from CSV files or the events topic, evaluate it against the last-value"
                + " and seasonal-naive forecasts, calibrate its anomaly scores and intervals on validation, and"
                + " release it: to a file (--out) and/or the models topic (--publish). A model worse than the better"
                + " of the two forecasts on the validation part is not released unless --allow-worse-than-naive.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommandHelp help;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nHistory (one of):%n")
    SourceChoice source;

    static final class SourceChoice {
        @Option(names = "--csv", paramLabel = "PATH", required = true,
                description = "A CSV file, or a directory whose *.csv files are read (repeatable).")
        List<Path> csv;

        @Option(names = "--events-topic", paramLabel = "TOPIC", required = true,
                description = "The events topic, read from the earliest offset to its current end (values as"
                        + " --input-format says).")
        String eventsTopic;

        @Option(names = "--sessions", paramLabel = "FILE", required = true,
                description = "Normal sessions of symbols, one per line, separated by spaces: trains a next-symbol"
                        + " model (features SYMBOLS, softmax head) and calibrates g and its threshold on held-out sessions.")
        Path sessions;

        @Option(names = "--sessions-topic", paramLabel = "TOPIC", required = true,
                description = "As --sessions, from the events topic read from the earliest offset to its current end:"
                        + " each key's events with a symbol, in event-time order, are a session (with --end-symbol: cut"
                        + " after each end symbol, a key's unended last session left out).")
        String sessionsTopic;
    }

    @Option(names = "--embedding", paramLabel = "E", defaultValue = "" + SessionTrainConfig.DEFAULT_EMBEDDING,
            description = "With --sessions or --csv-format symbols: values per symbol of the trained embedding."
                    + " Default: ${DEFAULT-VALUE}.")
    int embedding;

    @Option(names = "--min-count", paramLabel = "N", defaultValue = "1",
            description = "With --sessions or --csv-format symbols: symbols seen fewer times share the unknown slot."
                    + " Default: ${DEFAULT-VALUE}.")
    long minCount;

    @Option(names = "--calibration-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "With --sessions: fraction of the distinct sessions held out to calibrate g and the threshold"
                    + " on (with --csv-format symbols: of the keys). Default: ${DEFAULT-VALUE}.")
    double calibrationFraction;

    @Option(names = "--value-weight", paramLabel = "W", defaultValue = "1",
            description = "With --csv-format symbols or --symbol-values: the weight w of the values' squared error (in σ"
                    + " units) against the"
                    + " symbol's cross-entropy in the loss, CE + w·MSE; 0 trains the symbol alone. Default: ${DEFAULT-VALUE}.")
    double valueWeight;

    @Option(names = "--symbol-values",
            description = "With --sessions-topic: the events carry a symbol and values; trains a model of both, each key"
                    + " one sequence (as --csv FILE --csv-format symbols).")
    boolean symbolValues;

    @Option(names = "--threshold-rule", paramLabel = "RULE", defaultValue = "empirical",
            description = "With --sessions: how the threshold is chosen on the held-out sessions: empirical (the"
                    + " smallest flagging no more than --target-fpr) or smoothed (a Harrell-Davis quantile of their"
                    + " surprisal). Default: ${DEFAULT-VALUE}.")
    String thresholdRule;

    @Option(names = "--end-symbol", paramLabel = "SYMBOL",
            description = "With --sessions: a symbol appended to every session as its last event (the scorer must then"
                    + " receive it when a session ends). Default: none.")
    String endSymbol;

    @Option(names = "--csv-format", paramLabel = "FORMAT", defaultValue = "long", converter = CsvFormatConverter.class,
            description = "long: key,timestamp,v1[,v2...]; series: timestamp,v1[,v2...] with the file name as key"
                    + " (NAB's layout); symbols: key,timestamp,symbol,v1[,v2...], events with a symbol and values (trains"
                    + " a model of both, docs/categorical-events.md). Default: ${DEFAULT-VALUE}.")
    CsvFormat csvFormat;

    @Option(names = "--csv-header", paramLabel = "MODE", defaultValue = "auto", converter = HeaderConverter.class,
            description = "Whether line 1 is a header: auto (when no value column is a number), yes, no. Default: ${DEFAULT-VALUE}.")
    HeaderMode csvHeader;

    @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Zone of CSV timestamps and of --input-time values without an offset."
                    + " Default: ${DEFAULT-VALUE}.")
    ZoneId timeZone;

    @Mixin
    InputOptions input;

    /** The --events-topic records' mapping, checked by {@link #validate()}. */
    private InputMapping inputMapping;

    @Option(names = "--from", paramLabel = "TIME", converter = Converters.Time.class,
            description = "Only events at or after this event time (epoch ms or ISO-8601, UTC unless it has an offset).")
    Long from;

    @Option(names = "--to", paramLabel = "TIME", converter = Converters.Time.class,
            description = "Only events before this event time: the end time of the history.")
    Long to;

    @Option(names = "--on-bad-input", paramLabel = "POLICY", defaultValue = "fail", converter = PolicyConverter.class,
            description = "fail: stop at the first bad line or record, naming it; skip: skip, count and go on."
                    + " Default: ${DEFAULT-VALUE}.")
    BadInputPolicy onBadInput;

    @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "The latest fraction of each key's events kept for validation. Default: ${DEFAULT-VALUE}.")
    double validationFraction;

    @Option(names = "--split-time", paramLabel = "TIME", converter = Converters.Time.class,
            description = "Instead: events at or after this time are validation, earlier ones training.")
    Long splitTime;

    @Option(names = "--gap-reset", paramLabel = "DURATION", defaultValue = "0", converter = Converters.Millis.class,
            description = "A gap between a key's events longer than this starts a new segment with a fresh state, as"
                    + " the scorer's seqscore.gap.reset.ms does; 0 = never. Default: ${DEFAULT-VALUE}.")
    Duration gapReset;

    @Option(names = "--normalization", paramLabel = "MODE", defaultValue = "global", converter = NormalizationConverter.class,
            description = "none, global (one mean/std per feature) or per-key (each key its own). Default: ${DEFAULT-VALUE}.")
    NormalizationMode normalization;

    @Option(names = "--features", paramLabel = "KIND", defaultValue = "values", converter = FeaturesConverter.class,
            description = "What the network reads: values (the events' normalized values; it forecasts them; trained"
                    + " with a validation part), seasonal-changes (univariate events: the last step, the step one"
                    + " --period earlier and the level against it; it forecasts changes) or seasonal-offsets (the same"
                    + " inputs; it forecasts offsets from the value one period before each forecast step) or es-hybrid"
                    + " (univariate, evenly spaced events: per-key exponential smoothing with --es-periods seasons, whose"
                    + " forecast the network corrects; see docs/forecasting.md). These kinds train on every event of the"
                    + " history (no validation part). Default: ${DEFAULT-VALUE}.")
    FeatureKind features;

    @Option(names = "--period", paramLabel = "DURATION", defaultValue = "1d", converter = Converters.Millis.class,
            description = "Seasonal kinds: the season. Default: ${DEFAULT-VALUE}.")
    Duration period;

    @Option(names = "--tolerance", paramLabel = "DURATION", defaultValue = "30m", converter = Converters.Millis.class,
            description = "Seasonal kinds: how far before 'one period ago' the event found may lie."
                    + " Default: ${DEFAULT-VALUE}.")
    Duration tolerance;

    @Option(names = "--history", paramLabel = "N", defaultValue = "" + Recipes.NAB_HISTORY,
            description = "Seasonal kinds: a key's latest events the look-back searches (the scorer keeps them per"
                    + " key; at least one period of events). Default: ${DEFAULT-VALUE}.")
    int historySize;

    @Option(names = "--clip", paramLabel = "C", defaultValue = "5",
            description = "Seasonal kinds and es-hybrid: the bound of the clipped inputs. Default: ${DEFAULT-VALUE}.")
    float clip;

    @Option(names = "--es-periods", paramLabel = "P1[,P2]", defaultValue = "24,168", split = ",",
            description = "es-hybrid: the one or two seasons, in events (hourly events: 24 a day, 168 a week)."
                    + " Default: ${DEFAULT-VALUE}.")
    List<Integer> esPeriods;

    @Option(names = "--es-window", paramLabel = "N", defaultValue = "24",
            description = "es-hybrid: the key's latest events the network reads, normalized by the level and"
                    + " de-seasonalized. Default: ${DEFAULT-VALUE}.")
    int esWindow;

    @Option(names = "--head-weight", paramLabel = "W", defaultValue = "1",
            description = "The weight w in [0, 1] of the network in the released forecast, base + w x output (the base:"
                    + " the last value with seasonal-changes, the value one period earlier with seasonal-offsets; 0 with"
                    + " values); 0.5 averages the network with that base. Default: ${DEFAULT-VALUE}.")
    float headWeight;

    @Option(names = "--quantiles", paramLabel = "LO,HI", split = ",",
            description = "Train a quantile head: besides the forecast, the network forecasts its own quantiles of each"
                    + " value at the levels LO and HI (pinball loss), and the scores carry them as the prediction"
                    + " interval instead of the calibrated residual quantiles; e.g. 0.025,0.975 for a 95%% interval."
                    + " Default: none.")
    List<Double> quantiles;

    @Option(names = "--ensemble", paramLabel = "K", defaultValue = "1",
            description = "Train K networks (seeds --seed .. --seed+K-1, shuffle seeds likewise) and release them as one"
                    + " whose forecast is their mean, calibrated and gated as one (docs/forecasting.md#ensembles); with"
                    + " --sessions or --sessions-topic, K next-symbol models (seeds --seed .. --seed+K-1) whose"
                    + " distribution is the mean of theirs (docs/categorical-events.md#ensembles)."
                    + " Default: ${DEFAULT-VALUE}.")
    int ensemble;

    @Option(names = "--recipe", paramLabel = "NAME", converter = RecipeConverter.class,
            description = "A named set of settings; flags given explicitly override it. nab: --features seasonal-changes"
                    + " --cell lstm --layers 1 --hidden 16 --horizon 4 --window 48 --burn-in 8 --stride 4 --batch 16"
                    + " --epochs 90 --learning-rate 0.005 --lr-schedule cosine-floor --lr-min 0.0001 --clip-norm 1.0"
                    + " --seed 42 --shuffle-seed 7 --warmup-steps 8 (the NAB method; see QUALITY.md).")
    Recipe recipe;

    @Option(names = "--shuffle-seed", paramLabel = "N", defaultValue = "" + Recipes.NAB_SHUFFLE_SEED,
            description = "With a seasonal kind: seed of the window shuffling (--seed seeds the weights)."
                    + " Default: ${DEFAULT-VALUE}.")
    long shuffleSeed;

    @Option(names = "--cell", paramLabel = "CELL", defaultValue = "lstm", converter = CellConverter.class,
            description = "lstm, gru (reset after, as PyTorch), gru-reset-before, rnn-tanh (or rnn), rnn-relu."
                    + " Default: ${DEFAULT-VALUE}.")
    CellType cell;

    @Option(names = "--layers", paramLabel = "N", defaultValue = "1", description = "Stacked layers. Default: ${DEFAULT-VALUE}.")
    int layers;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "32", description = "Units per layer. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--horizon", paramLabel = "H", defaultValue = "1",
            description = "Steps ahead the head forecasts. Default: ${DEFAULT-VALUE}.")
    int horizon;

    @Option(names = "--window", paramLabel = "T", defaultValue = "64",
            description = "Events per training window, burn-in included. Default: ${DEFAULT-VALUE}.")
    int window;

    @Option(names = "--burn-in", paramLabel = "B", defaultValue = "16",
            description = "Leading events of a window that only build state (no loss). Default: ${DEFAULT-VALUE}.")
    int burnIn;

    @Option(names = "--stride", paramLabel = "S",
            description = "Events between window starts. Default: window - burn-in (trained steps tile the series).")
    Integer stride;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "32", description = "Windows per batch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30", description = "Most epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "5",
            description = "Stop after this many epochs without a better validation loss; 0 = never. The best"
                    + " epoch's weights are released. Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(names = "--min-delta", paramLabel = "D", defaultValue = "0",
            description = "Improvement of the validation loss that counts for early stopping. Default: ${DEFAULT-VALUE}.")
    double minDelta;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam", converter = OptimizerConverter.class,
            description = "adam, adamw or sgd (with momentum). Default: ${DEFAULT-VALUE}.")
    OptimizerKind optimizer;

    @Option(names = "--learning-rate", paramLabel = "LR", defaultValue = "0.003", description = "Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--lr-schedule", paramLabel = "NAME", defaultValue = "cosine", converter = ScheduleConverter.class,
            description = "constant, cosine (to --lr-min over all steps), step (x --lr-gamma every --lr-step-epochs) or"
                    + " cosine-floor (cosine to 0, floored at --lr-min). Default: ${DEFAULT-VALUE}.")
    ScheduleKind schedule;

    @Option(names = "--lr-min", paramLabel = "LR", defaultValue = "0", description = "Final rate of cosine. Default: ${DEFAULT-VALUE}.")
    double lrMin;

    @Option(names = "--lr-warmup", paramLabel = "STEPS", defaultValue = "0",
            description = "Optimizer steps of linear warm-up. Default: ${DEFAULT-VALUE}.")
    int lrWarmup;

    @Option(names = "--lr-step-epochs", paramLabel = "N", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
    int lrStepEpochs;

    @Option(names = "--lr-gamma", paramLabel = "G", defaultValue = "0.5", description = "Default: ${DEFAULT-VALUE}.")
    double lrGamma;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0.9", description = "SGD momentum. Default: ${DEFAULT-VALUE}.")
    double momentum;

    @Option(names = "--weight-decay", paramLabel = "L", defaultValue = "0.01",
            description = "AdamW decoupled weight decay. Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(names = "--clip-norm", paramLabel = "C", defaultValue = "1.0",
            description = "Clip gradients to this global norm; 0 = no clipping. Default: ${DEFAULT-VALUE}.")
    double clipNorm;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the initial weights and the shuffling. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--shards", paramLabel = "N", defaultValue = "2",
            description = "Groups each batch is split into for data-parallel steps (the result depends on it)."
                    + " Default: ${DEFAULT-VALUE}.")
    int shards;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads (the result does not depend on it). Default: min(shards, available processors).")
    Integer threads;

    @Option(names = "--season", paramLabel = "M", defaultValue = "0",
            description = "Period in events of the seasonal-naive baseline; 0 = detect from the training data."
                    + " Default: ${DEFAULT-VALUE}.")
    int season;

    @Option(names = "--target-fpr", paramLabel = "P", defaultValue = "0.01",
            description = "Fraction of validation events the anomaly threshold flags. Default: ${DEFAULT-VALUE}.")
    double targetFpr;

    @Option(names = "--interval-coverage", paramLabel = "P", defaultValue = "0.95",
            description = "Coverage of the prediction intervals. Default: ${DEFAULT-VALUE}.")
    double intervalCoverage;

    @Option(names = "--scale-estimator", paramLabel = "NAME", defaultValue = "mad", converter = ScaleConverter.class,
            description = "mad (1.4826 x median absolute deviation) or std. Default: ${DEFAULT-VALUE}.")
    ScaleEstimator scaleEstimator;

    @Option(names = "--statistic", paramLabel = "NAME", defaultValue = "max-abs", converter = StatisticConverter.class,
            description = "max-abs or rms of the standardized one-step residuals. Default: ${DEFAULT-VALUE}.")
    ScoreStatistic statistic;

    @Option(names = "--score-quantiles", paramLabel = "K", defaultValue = "0",
            description = "K >= 2: score = empirical CDF of the statistic on validation at K knots; 0: erf(s/sqrt 2)."
                    + " Default: ${DEFAULT-VALUE}.")
    int scoreQuantiles;

    @Option(names = "--warmup-steps", paramLabel = "N",
            description = "Events a key folds into its state before it may be flagged (also skipped in evaluation)."
                    + " Default: the burn-in.")
    Integer warmupSteps;

    @Option(names = "--name", paramLabel = "NAME", required = true, description = "Model name (the models topic key).")
    String name;

    @Option(names = "--version", paramLabel = "N",
            description = "Release version. Default: one more than the models topic holds (1 without a broker or a"
                    + " Schema Registry).")
    Long version;

    @Option(names = "--created-at", paramLabel = "TIME", converter = Converters.Time.class,
            description = "The release's creation time, for reproducible builds. Default: $SOURCE_DATE_EPOCH if set, else now.")
    Long createdAt;

    @Option(names = "--canary", paramLabel = "PCT", description = "Release as a canary serving PCT%% of the keys.")
    Double canary;

    @Option(names = "--shadow", description = "Release as a shadow running beside the serving version.")
    boolean shadow;

    @Option(names = "--activate-at", paramLabel = "TIME", converter = Converters.Time.class,
            description = "Event time from which the release applies (deterministic replays). Default: on arrival.")
    Long activateAt;

    @Mixin
    SigningOptions signing;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the release to this file.")
    Path out;

    @Option(names = "--publish", description = "Publish the release to the models topic.")
    boolean publish;

    @Option(names = "--force", description = "Publish even when the topic holds this version or a later one.")
    boolean force;

    @Option(names = QualityGate.ALLOW_OPTION,
            description = "Write and publish the release even when its model is worse than the better of the"
                    + " last-value and seasonal-naive forecasts on the validation part (the quality gate, see"
                    + " docs/quality-gate.md). Without it such a run exits with 1 and releases nothing.")
    boolean allowWorseThanNaive;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto", converter = ProgressConverter.class,
            description = "auto (a bar on a terminal, else one line per epoch), bar, lines or none. Default: ${DEFAULT-VALUE}.")
    ConsoleProgress.Mode progress;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() {
        if (symbolValues && source.sessionsTopic == null) {
            throw usage("--symbol-values applies to --sessions-topic (a CSV of symbols and values: --csv-format symbols)");
        }
        if (symbolValues) {
            return trainSymbolValues();
        }
        if (source.sessions != null || source.sessionsTopic != null) {
            return trainSessions();
        }
        if (source.csv != null && csvFormat == CsvFormat.SYMBOLS) {
            return trainSymbolValues();
        }
        if (recipe != null) {
            applyRecipe(recipe);
        }
        validate();
        PrintWriter out = spec.commandLine().getOut();
        boolean validated = features.validated();
        int resolvedShards = validated || given("--shards") ? shards : 1;
        int resolvedThreads = threads != null ? threads
                : Math.min(resolvedShards, Runtime.getRuntime().availableProcessors());
        int warmup = warmupSteps != null ? warmupSteps : burnIn;
        KafkaSettings kafkaSettings = kafka.configured() ? kafka.settings() : null;
        SourceResult history = source.csv != null
                ? new CsvSource(csvFormat, csvHeader, timeZone, onBadInput, from, to).read(source.csv)
                : new TopicSource(kafkaSettings, source.eventsTopic, from, to, onBadInput, input.inputFormat(),
                        inputMapping).read();
        TrainingJob.Result result;
        FeatureParameters parameters = features.validated() ? FeatureParameters.of(features.kind)
                : features == FeatureKind.ES_HYBRID ? smoothing(history, out)
                : Recipes.seasonal(features.kind, period.toMillis(), tolerance.toMillis(), historySize, clip);
        JobSettings settings = jobSettings(resolvedShards, resolvedThreads, warmup, parameters);
        if (validated) {
            Dataset data = DatasetBuilder.build(history.history(),
                    new DatasetOptions(validationFraction, splitTime, gapReset.toMillis(), normalization));
            result = TrainingJob.run(data, settings, ConsoleProgress.create(progress, spec.commandLine().getErr()));
            out.print(EvaluationTable.format(result.model()));
        } else {
            if (history.history().keyCount() == 0) {
                throw new TrainerException("the history holds no usable event");
            }
            result = TrainingJob.run(history.history().series(), settings,
                    ConsoleProgress.create(progress, spec.commandLine().getErr()));
            List<EpochSummary> epochsRun = result.model().training().epochs();
            out.printf(Locale.ROOT, "%s: %d key(s), %d events, mean %s, std %s, spacing %d ms, %d epochs,"
                            + " final training loss %s%n", Converters.spelling(features), result.data().series().size(),
                    result.data().events(), result.model().normalization().global().mean(0),
                    result.model().normalization().global().std(0), result.features().getSpacingMillis(),
                    epochsRun.size(), epochsRun.isEmpty() ? "n/a"
                            : String.format(Locale.ROOT, "%.5f", epochsRun.get(epochsRun.size() - 1).trainLoss()));
        }
        long releaseVersion = releaseVersion(kafkaSettings);
        ReleaseOptions options = releaseOptions(releaseVersion, history.description(),
                hyperParameters(resolvedShards, warmup, validated, parameters));
        ModelRelease built = ReleaseBuilder.build(result.model(), result.data(), options, result.features(),
                result.head());
        QualityGate.of(built).ifPresent(g -> out.println("quality gate: " + QualityGate.describe(g)));
        out.flush();
        QualityGate.check(built, allowWorseThanNaive);
        return release(built, kafkaSettings, releaseVersion);
    }

    /** ES_HYBRID's smoothing, fitted on the history (stage 1 of its two-stage fit). */
    private FeatureParameters smoothing(SourceResult history, PrintWriter out) {
        if (history.history().keyCount() == 0) {
            throw new TrainerException("the history holds no usable event");
        }
        EsHybridFit.Result fit = EsHybridFit.fit(history.history().series(), esPeriods.get(0),
                esPeriods.size() > 1 ? esPeriods.get(1) : 0, esWindow, clip, horizon);
        out.printf(Locale.ROOT, "es-hybrid smoothing: %s, error %.4f (mean |z - forecast| over %d steps)%n",
                fit.parameters().named(), fit.error(), horizon);
        return fit.parameters();
    }

    /** The job's settings from the options (the kind's window placement, scaling and sampling unless given). */
    private JobSettings jobSettings(int resolvedShards, int resolvedThreads, int warmup, FeatureParameters parameters) {
        WindowShape shape = new WindowShape(window, burnIn, stride != null ? stride : window - burnIn, horizon);
        TrainConfig train = TrainConfig.builder().cell(cell).layers(layers).hidden(hidden).horizon(horizon).window(shape)
                .batchSize(batch).epochs(epochs).optimizer(optimizer).learningRate(learningRate).momentum(momentum)
                .weightDecay(weightDecay).schedule(schedule).minLearningRate(lrMin).learningRateWarmup(lrWarmup)
                .stepEpochs(lrStepEpochs).gamma(lrGamma).clipNorm(clipNorm)
                .patience(features.validated() ? patience : 0).minDelta(minDelta).seed(seed)
                .sampling(features.sampling).shuffleSeed(shuffleSeed).shards(resolvedShards).threads(resolvedThreads)
                .build();
        CalibrationOptions calibration = new CalibrationOptions(targetFpr, intervalCoverage, scaleEstimator, statistic,
                scoreQuantiles, warmup);
        return JobSettings.builder(train, calibration)
                .features(parameters)
                .placement(features.placement)
                .normalization(given("--normalization") || features.validated() ? normalization : features.normalization)
                .headWeight(headWeight)
                .season(season)
                .head(head())
                .ensemble(ensemble)
                .build();
    }

    /** The head --quantiles asks for, else the regression head. */
    private HeadSpec head() {
        if (quantiles == null) {
            return HeadSpec.REGRESSION;
        }
        return QuantileHead.of(quantiles.get(0), quantiles.get(1));
    }

    /** The next-symbol network's settings: the options given, else the session defaults; throws on a bad value. */
    private SessionTrainConfig sessionConfig() {
        return new SessionTrainConfig(embedding,
                given("--hidden") ? hidden : SessionTrainConfig.DEFAULT_HIDDEN,
                given("--layers") ? layers : SessionTrainConfig.DEFAULT_LAYERS,
                given("--epochs") ? epochs : SessionTrainConfig.DEFAULT_EPOCHS, batch,
                given("--learning-rate") ? learningRate : SessionTrainConfig.DEFAULT_LEARNING_RATE,
                given("--clip-norm") ? clipNorm : SessionTrainConfig.DEFAULT_CLIP_NORM, seed);
    }

    /** Options that only the training from series reads, refused with --sessions so that none is ignored. */
    private static final List<String> SERIES_OPTIONS = List.of("--csv-format", "--csv-header",
            "--validation-fraction", "--split-time", "--gap-reset", "--normalization", "--features", "--period",
            "--tolerance", "--history", "--clip", "--head-weight", "--quantiles", "--recipe", "--shuffle-seed", "--cell", "--horizon",
            "--window", "--burn-in", "--stride", "--patience", "--min-delta", "--optimizer", "--lr-schedule", "--lr-min",
            "--lr-warmup", "--lr-step-epochs", "--lr-gamma", "--momentum", "--weight-decay", "--shards", "--threads",
            "--season", "--interval-coverage", "--scale-estimator", "--statistic", "--score-quantiles", "--warmup-steps");

    /** Options of the series training that --sessions-topic reads too. */
    private static final List<String> TOPIC_OPTIONS = List.of("--from", "--to", "--on-bad-input", "--time-zone");

    /** train --sessions and --sessions-topic: the next-symbol model, its calibration and its release. */
    private int trainSessions() {
        boolean topic = source.sessionsTopic != null;
        String sourceOption = topic ? "--sessions-topic" : "--sessions";
        for (String option : SERIES_OPTIONS) {
            if (given(option)) {
                throw usage(option + " does not apply to " + sourceOption);
            }
        }
        for (String option : TOPIC_OPTIONS) {
            if (!topic && given(option)) {
                throw usage(option + " does not apply to --sessions");
            }
        }
        if (this.out == null && !publish) {
            throw usage("say where the release goes: --out FILE and/or --publish");
        }
        if (publish && (!kafka.configured() || !kafka.hasRegistry())) {
            throw usage("--publish needs --bootstrap-servers and --schema-registry");
        }
        if (from != null && to != null && from >= to) {
            throw usage("--from must be before --to");
        }
        InputMapping mapping;
        try {
            mapping = input.mapping(topic, topic, timeZone);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (topic && !kafka.configured()) {
            throw usage("--sessions-topic needs --bootstrap-servers");
        }
        if (topic && input.inputFormat().needsRegistry() && !kafka.hasRegistry()) {
            throw usage("--sessions-topic with --input-format " + input.format + " needs --schema-registry-url");
        }
        io.seqscore.trainer.sessions.SessionTrainConfig config;
        io.seqscore.trainer.sessions.SessionTraining.Options options;
        double target = given("--target-fpr") ? targetFpr : SESSION_TARGET_FPR;
        try {
            config = sessionConfig();
            if (ensemble < 1) {
                throw new IllegalArgumentException("--ensemble must be >= 1, got " + ensemble);
            }
            options = new io.seqscore.trainer.sessions.SessionTraining.Options(minCount, calibrationFraction, target,
                    endSymbol, ensemble, io.seqscore.trainer.sessions.ThresholdRule.named(thresholdRule));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        List<io.seqscore.trainer.sessions.Session> sessions;
        String description;
        if (topic) {
            SessionsTopicSource.Result read = new SessionsTopicSource(kafka.settings(), source.sessionsTopic, from, to,
                    onBadInput, input.inputFormat(), mapping).read(endSymbol);
            sessions = read.symbols();
            description = "topic:" + source.sessionsTopic;
            out.printf(Locale.ROOT, "%s: %d records, %d sessions, %d unended sessions left out, %d bad records"
                    + " skipped%n", source.sessionsTopic, read.records(), sessions.size(), read.unfinished(),
                    read.skipped());
            if (sessions.isEmpty()) {
                throw new TrainerException("topic " + source.sessionsTopic + " holds no " + (endSymbol == null
                        ? "event with a symbol" : "session ended by the end symbol " + endSymbol));
            }
        } else {
            sessions = io.seqscore.trainer.sessions.SessionsFile.read(source.sessions);
            description = "sessions:" + source.sessions.getFileName();
        }
        io.seqscore.trainer.sessions.SessionTraining training = io.seqscore.trainer.sessions.SessionTraining.run(
                sessions, config, options, e -> { });
        io.seqscore.trainer.sessions.SessionCalibration cal = training.calibration();
        long events = sessions.stream().mapToLong(io.seqscore.trainer.sessions.Session::size).sum();
        out.printf(Locale.ROOT, "sessions: %d read, %d trained on, %d distinct held out; vocabulary %d symbols + unknown;"
                        + " %d epochs, final loss %.5f; calibrated for %.4f of held-out sessions: g = %d (flags %d),"
                        + " threshold %.6f (flags %d)%n", sessions.size(), training.trained(), training.heldOut(),
                training.model().vocabulary().size() - 1, config.epochs(), training.model().trainingLoss(), target,
                cal.g(), cal.flaggedAtG(), cal.threshold(), cal.flaggedAtThreshold());
        out.printf(Locale.ROOT, "transitions: %d seen pairs released; the scorer flags an unseen one and judges %s by the"
                        + " threshold (docs/categorical-events.md)%n", training.rule().transitions().size(),
                training.rule().endOnly() ? "the end symbol only" : "every event");
        if (ensemble > 1) {
            out.printf(Locale.ROOT, "ensemble of %d models (seeds %d..%d; the loss above is the first's), released as one"
                    + " whose distribution is the mean of theirs, calibrated as such%n", ensemble, seed, seed + ensemble - 1);
        }
        KafkaSettings kafkaSettings = kafka.configured() ? kafka.settings() : null;
        long releaseVersion = releaseVersion(kafkaSettings);
        SortedMap<String, String> hyper = sessionHyperParameters(config, target);
        if (endSymbol != null) {
            hyper.put("end-symbol", endSymbol);
        }
        hyper.put("threshold-rule", options.rule().name());
        if (ensemble > 1) {
            hyper.put("ensemble", Integer.toString(ensemble));
        }
        ReleaseOptions releaseOptions = releaseOptions(releaseVersion, description, hyper);
        return release(io.seqscore.trainer.sessions.SessionRelease.build(training, events, releaseOptions, target),
                kafkaSettings, releaseVersion);
    }

    /** Options of the series training that --csv-format symbols does not read either. */
    private static final List<String> NOT_FOR_SYMBOLS = List.of("--from", "--to", "--validation-fraction",
            "--split-time", "--gap-reset", "--normalization", "--features", "--period", "--tolerance", "--history",
            "--clip", "--head-weight", "--recipe", "--shuffle-seed", "--cell", "--horizon", "--window", "--burn-in",
            "--stride", "--patience", "--min-delta", "--optimizer", "--lr-schedule", "--lr-min", "--lr-warmup",
            "--lr-step-epochs", "--lr-gamma", "--momentum", "--weight-decay", "--shards", "--threads", "--season",
            "--interval-coverage", "--scale-estimator", "--statistic", "--score-quantiles", "--warmup-steps",
            "--end-symbol", "--threshold-rule", "--ensemble");

    /**
     * train --csv FILE --csv-format symbols, or --sessions-topic TOPIC --symbol-values: a model of events with a symbol
     * and values, its calibration and release.
     */
    private int trainSymbolValues() {
        boolean topic = source.sessionsTopic != null;
        for (String option : NOT_FOR_SYMBOLS) {
            if (given(option) && !(topic && TOPIC_OPTIONS.contains(option))) {
                throw usage(option + " does not apply to " + (topic ? "--symbol-values" : "--csv-format symbols"));
            }
        }
        if (topic && given("--csv-format")) {
            throw usage("--csv-format does not apply to --sessions-topic");
        }
        if (this.out == null && !publish) {
            throw usage("say where the release goes: --out FILE and/or --publish");
        }
        if (publish && (!kafka.configured() || !kafka.hasRegistry())) {
            throw usage("--publish needs --bootstrap-servers and --schema-registry");
        }
        SessionTrainConfig config;
        io.seqscore.trainer.symbols.SymbolValuesTraining.Options options;
        double target = given("--target-fpr") ? targetFpr : SESSION_TARGET_FPR;
        try {
            config = sessionConfig();
            options = new io.seqscore.trainer.symbols.SymbolValuesTraining.Options(minCount, calibrationFraction, target,
                    valueWeight);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        io.seqscore.trainer.symbols.SymbolEvents events = new io.seqscore.trainer.symbols.SymbolEvents();
        long skipped;
        String description;
        if (topic) {
            skipped = readSymbolValues(events);
            description = "topic:" + source.sessionsTopic;
        } else {
            CsvSource csv = new CsvSource(csvFormat, csvHeader, timeZone, onBadInput);
            csv.stream(source.csv, events);
            if (events.count() == 0) {
                throw new TrainerException("no events read from " + source.csv);
            }
            skipped = csv.skipped();
            description = "csv:" + source.csv.get(0).getFileName();
        }
        io.seqscore.trainer.symbols.SymbolValuesTraining training = io.seqscore.trainer.symbols.SymbolValuesTraining.run(
                events.keys(), events.values(), config, options);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "events: %d of %d keys (%d skipped %s), %d values each; trained on %d keys, %d held out;"
                        + " vocabulary %d symbols + unknown; %d epochs, final loss %.5f (value weight %s); calibrated on %d"
                        + " held-out events for %.4f flagged: threshold %.6f (flags %d), g = %d%n",
                events.count(), events.keys().size(), skipped, topic ? "records" : "lines", events.values(),
                training.trainedKeys(),
                training.heldOutKeys(), training.vocabulary().size() - 1, config.epochs(), training.trainingLoss(),
                valueWeight, training.calibrationEvents(), target, training.threshold(), training.flaggedAtThreshold(),
                training.g());
        KafkaSettings kafkaSettings = kafka.configured() ? kafka.settings() : null;
        long releaseVersion = releaseVersion(kafkaSettings);
        SortedMap<String, String> hyper = sessionHyperParameters(config, target);
        hyper.put("value-weight", String.valueOf(valueWeight));
        ReleaseOptions releaseOptions = releaseOptions(releaseVersion, description, hyper);
        return release(io.seqscore.trainer.symbols.SymbolValuesRelease.build(training, events.count(), releaseOptions,
                target), kafkaSettings, releaseVersion);
    }

    /** --sessions-topic --symbol-values: the topic's events into {@code events}; returns the bad records skipped. */
    private long readSymbolValues(io.seqscore.trainer.symbols.SymbolEvents events) {
        if (from != null && to != null && from >= to) {
            throw usage("--from must be before --to");
        }
        InputMapping mapping;
        try {
            mapping = input.mapping(true, true, timeZone);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (!kafka.configured()) {
            throw usage("--sessions-topic needs --bootstrap-servers");
        }
        if (input.inputFormat().needsRegistry() && !kafka.hasRegistry()) {
            throw usage("--sessions-topic with --input-format " + input.format + " needs --schema-registry-url");
        }
        SymbolValuesTopicSource.Result read = new SymbolValuesTopicSource(kafka.settings(), source.sessionsTopic, from,
                to, onBadInput, input.inputFormat(), mapping).read(events);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %d records, %d events with a symbol and values, %d outside"
                + " --from/--to, %d bad records skipped%n", source.sessionsTopic, read.records(), read.events(),
                read.outside(), read.skipped());
        if (events.count() == 0) {
            throw new TrainerException("topic " + source.sessionsTopic + " holds no event with a symbol");
        }
        if (events.values() == 0) {
            throw new TrainerException("the events of topic " + source.sessionsTopic + " carry no values: train a"
                    + " model of their symbols alone without --symbol-values");
        }
        return read.skipped();
    }

    /** --version, else (with a registry) the models topic's next version of the model, else 1. */
    private long releaseVersion(KafkaSettings kafkaSettings) {
        return version != null ? version
                : kafkaSettings != null && kafka.hasRegistry()
                        ? new ModelsTopic(kafkaSettings, kafka.modelsTopic).nextVersion(name) : 1L;
    }

    /** The options given (name, creation time, rollout, seed) with this version, source and hyper-parameters. */
    private ReleaseOptions releaseOptions(long releaseVersion, String description, SortedMap<String, String> hyper) {
        return new ReleaseOptions(name, releaseVersion, creationTime(createdAt),
                new Rollout(canary, shadow, activateAt), description, seed, TrainerVersion.get(), hyper);
    }

    /** What every next-symbol network's release records: its settings, min count, calibration fraction, target. */
    private SortedMap<String, String> sessionHyperParameters(SessionTrainConfig config, double target) {
        SortedMap<String, String> hyper = new TreeMap<>();
        hyper.put("batch", String.valueOf(config.batchSize()));
        hyper.put("calibration-fraction", String.valueOf(calibrationFraction));
        hyper.put("embedding", String.valueOf(config.embedding()));
        hyper.put("epochs", String.valueOf(config.epochs()));
        hyper.put("hidden", String.valueOf(config.hidden()));
        hyper.put("layers", String.valueOf(config.layers()));
        hyper.put("learning-rate", String.valueOf(config.learningRate()));
        hyper.put("min-count", String.valueOf(minCount));
        hyper.put("target-fpr", String.valueOf(target));
        return hyper;
    }

    /** The default --target-fpr of --sessions: at most 0.3 % of held-out normal sessions flagged. */
    private static final double SESSION_TARGET_FPR = 0.003;

    /** Signs (with --sign-key), writes (--out) and publishes (--publish) the release. */
    private int release(ModelRelease built, KafkaSettings settings, long releaseVersion) {
        PrintWriter out = spec.commandLine().getOut();
        ModelRelease release = signing.sign(built);
        if (this.out != null) {
            ReleaseFiles.write(release, this.out);
            out.printf(Locale.ROOT, "wrote %s version %d to %s%n", name, releaseVersion, this.out);
        }
        if (publish) {
            RecordMetadata meta = Releases.publish(release, settings, kafka.modelsTopic, force);
            out.printf(Locale.ROOT, "published %s version %d to %s (partition %d, offset %d)%n", name, releaseVersion,
                    meta.topic(), meta.partition(), meta.offset());
        }
        out.flush();
        return 0;
    }

    /** The recipe's settings, for every option not given on the command line. */
    private void applyRecipe(Recipe r) {
        JobSettings c = switch (r) {
            case NAB -> Recipes.nab();
        };
        TrainConfig t = c.train();
        if (!given("--features")) {
            features = FeatureKind.SEASONAL_CHANGES;
        }
        if (!given("--cell")) {
            cell = t.cell();
        }
        if (!given("--layers")) {
            layers = t.layers();
        }
        if (!given("--hidden")) {
            hidden = t.hidden();
        }
        if (!given("--horizon")) {
            horizon = t.horizon();
        }
        if (!given("--window")) {
            window = t.window().length();
        }
        if (!given("--burn-in")) {
            burnIn = t.window().burnIn();
        }
        if (!given("--stride")) {
            stride = t.window().stride();
        }
        if (!given("--batch")) {
            batch = t.batchSize();
        }
        if (!given("--epochs")) {
            epochs = t.epochs();
        }
        if (!given("--learning-rate")) {
            learningRate = t.learningRate();
        }
        if (!given("--lr-schedule")) {
            schedule = t.schedule();
        }
        if (!given("--lr-min")) {
            lrMin = t.minLearningRate();
        }
        if (!given("--clip-norm")) {
            clipNorm = t.clipNorm();
        }
        if (!given("--seed")) {
            seed = t.seed();
        }
        if (!given("--shuffle-seed")) {
            shuffleSeed = t.shuffleSeed();
        }
        if (!given("--period")) {
            period = Duration.ofMillis(c.features().periodMillis());
        }
        if (!given("--tolerance")) {
            tolerance = Duration.ofMillis(c.features().toleranceMillis());
        }
        if (!given("--history")) {
            historySize = c.features().historySize();
        }
        if (!given("--clip")) {
            clip = c.features().clip();
        }
        if (!given("--warmup-steps")) {
            warmupSteps = c.calibration().warmupSteps();
        }
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** Options of the validated job that the seasonal kinds (trained on every event) refuse, so none is ignored. */
    private static final List<String> VALIDATION_OPTIONS = List.of("--validation-fraction", "--split-time",
            "--gap-reset", "--patience", "--min-delta", "--season");

    /** Options of the seasonal kinds that values refuses. */
    private static final List<String> SEASONAL_OPTIONS = List.of("--period", "--tolerance", "--history", "--clip",
            "--shuffle-seed");

    /** Options of es-hybrid that the other kinds refuse. */
    private static final List<String> ES_OPTIONS = List.of("--es-periods", "--es-window");

    /** Options of the seasonal kinds that es-hybrid refuses. */
    private static final List<String> LOOK_BACK_OPTIONS = List.of("--period", "--tolerance", "--history");

    private void validate() {
        for (String option : features.validated() ? SEASONAL_OPTIONS : VALIDATION_OPTIONS) {
            if (given(option)) {
                throw usage(option + " does not apply to --features " + Converters.spelling(features));
            }
        }
        for (String option : features == FeatureKind.ES_HYBRID ? LOOK_BACK_OPTIONS : ES_OPTIONS) {
            if (given(option)) {
                throw usage(option + " does not apply to --features " + Converters.spelling(features));
            }
        }
        if (!(headWeight >= 0 && headWeight <= 1)) {
            throw usage("--head-weight must be in [0, 1], got " + headWeight);
        }
        if (quantiles != null && (quantiles.size() != 2 || !(quantiles.get(0) > 0 && quantiles.get(0) < quantiles.get(1)
                && quantiles.get(1) < 1))) {
            throw usage("--quantiles needs two levels 0 < LO < HI < 1, got " + quantiles);
        }
        if (ensemble < 1) {
            throw usage("--ensemble must be >= 1, got " + ensemble);
        }
        if (this.out == null && !publish) {
            throw usage("say where the release goes: --out FILE and/or --publish");
        }
        try {
            inputMapping = input.mapping(source.eventsTopic != null, false, timeZone);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (publish || source.eventsTopic != null) {
            String what = source.eventsTopic != null ? "--events-topic" : "--publish";
            if (!kafka.configured()) {
                throw usage(what + " needs --bootstrap-servers");
            }
            boolean topicNeedsRegistry = source.eventsTopic != null && input.inputFormat().needsRegistry();
            if (!kafka.hasRegistry() && (publish || topicNeedsRegistry)) {
                throw usage((topicNeedsRegistry ? "--events-topic with --input-format " + input.format : "--publish")
                        + " needs --schema-registry-url");
            }
        }
        if (from != null && to != null && from >= to) {
            throw usage("--from must be before --to");
        }
        if (!(validationFraction > 0 && validationFraction < 1) && splitTime == null) {
            throw usage("--validation-fraction must be in (0, 1), got " + validationFraction);
        }
        if (canary != null && shadow) {
            throw usage("--canary and --shadow exclude each other");
        }
        if (canary != null && !(canary >= 0 && canary <= 100)) {
            throw usage("--canary must be a percentage in [0, 100], got " + canary);
        }
        if (version != null && version < 1) {
            throw usage("--version must be >= 1, got " + version);
        }
        signing.check();
        if (threads != null && (threads < 1 || threads > shards)) {
            throw usage("--threads must be in [1, --shards=" + shards + "], got " + threads);
        }
        try {
            WindowShape shape = new WindowShape(window, burnIn, stride != null ? stride : Math.max(1, window - burnIn),
                    horizon);
            TrainConfig.builder().cell(cell).layers(layers).hidden(hidden).horizon(horizon).window(shape)
                    .batchSize(batch).epochs(epochs).optimizer(optimizer).learningRate(learningRate).momentum(momentum)
                    .weightDecay(weightDecay).schedule(schedule).minLearningRate(lrMin).learningRateWarmup(lrWarmup)
                    .stepEpochs(lrStepEpochs).gamma(lrGamma).clipNorm(clipNorm).patience(patience).minDelta(minDelta)
                    .seed(seed).shards(shards).threads(threads != null ? threads : 1).build();
            if (features == FeatureKind.ES_HYBRID) {
                if (esPeriods.isEmpty() || esPeriods.size() > 2) {
                    throw usage("--es-periods takes one or two seasons, got " + esPeriods.size());
                }
                FeatureKinds.create(EsHybridFeatures.parameters(0, 0, 0, esPeriods.get(0),
                        esPeriods.size() > 1 ? esPeriods.get(1) : 0, esWindow, true, clip));
            } else if (!features.validated()) {
                FeatureKinds.create(new FeatureParameters(features.kind, period.toMillis(), 0, tolerance.toMillis(),
                        historySize, clip));
            }
            new CalibrationOptions(targetFpr, intervalCoverage, scaleEstimator, statistic, scoreQuantiles,
                    warmupSteps != null ? warmupSteps : burnIn);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** {@code createdAt} when given, else {@code $SOURCE_DATE_EPOCH} (seconds) when set, else now; epoch ms. */
    static long creationTime(Long createdAt) {
        if (createdAt != null) {
            return createdAt;
        }
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && epoch.matches("\\d+")) {
            return Long.parseLong(epoch) * 1000;
        }
        return System.currentTimeMillis();
    }

    private SortedMap<String, String> hyperParameters(int resolvedShards, int warmup, boolean validated,
                                                      FeatureParameters parameters) {
        SortedMap<String, String> p = new TreeMap<>();
        p.put("cell", Converters.spelling(cell));
        p.put("layers", Integer.toString(layers));
        p.put("hidden", Integer.toString(hidden));
        p.put("horizon", Integer.toString(horizon));
        p.put("window", Integer.toString(window));
        p.put("burn-in", Integer.toString(burnIn));
        p.put("stride", Integer.toString(stride != null ? stride : window - burnIn));
        p.put("batch", Integer.toString(batch));
        p.put("epochs", Integer.toString(epochs));
        p.put("patience", Integer.toString(patience));
        p.put("min-delta", Double.toString(minDelta));
        p.put("optimizer", Converters.spelling(optimizer));
        p.put("learning-rate", Double.toString(learningRate));
        p.put("lr-schedule", Converters.spelling(schedule));
        p.put("lr-min", Double.toString(lrMin));
        p.put("lr-warmup", Integer.toString(lrWarmup));
        p.put("lr-step-epochs", Integer.toString(lrStepEpochs));
        p.put("lr-gamma", Double.toString(lrGamma));
        p.put("momentum", Double.toString(momentum));
        p.put("weight-decay", Double.toString(weightDecay));
        p.put("clip-norm", Double.toString(clipNorm));
        p.put("seed", Long.toString(seed));
        p.put("shards", Integer.toString(resolvedShards));
        p.put("loss", "mse");
        p.put("validation-fraction", Double.toString(validationFraction));
        if (splitTime != null) {
            p.put("split-time", Long.toString(splitTime));
        }
        p.put("gap-reset", Long.toString(gapReset.toMillis()));
        p.put("normalization", Converters.spelling(given("--normalization") || validated ? normalization
                : features.normalization));
        p.put("season", season == 0 ? "auto" : Integer.toString(season));
        p.put("target-fpr", Double.toString(targetFpr));
        p.put("interval-coverage", Double.toString(intervalCoverage));
        p.put("scale-estimator", Converters.spelling(scaleEstimator));
        p.put("statistic", Converters.spelling(statistic));
        p.put("score-quantiles", Integer.toString(scoreQuantiles));
        p.put("warmup-steps", Integer.toString(warmup));
        p.put("features", Converters.spelling(features));
        if (headWeight != 1f) {
            p.put("head-weight", Float.toString(headWeight));
        }
        if (quantiles != null) {
            p.put("quantiles", quantiles.get(0) + "," + quantiles.get(1));
        }
        if (ensemble > 1) {
            p.put("ensemble", Integer.toString(ensemble));
        }
        if (recipe != null) {
            p.put("recipe", Converters.spelling(recipe));
        }
        if (!validated) {
            p.keySet().removeAll(List.of("validation-fraction", "split-time", "gap-reset", "season", "patience",
                    "min-delta"));
            p.put("shuffle-seed", Long.toString(shuffleSeed));
            p.put("period", Long.toString(period.toMillis()));
            p.put("tolerance", Long.toString(tolerance.toMillis()));
            p.put("history", Integer.toString(historySize));
            p.put("clip", Float.toString(clip));
        }
        if (features == FeatureKind.ES_HYBRID) {
            p.keySet().removeAll(List.of("period", "tolerance", "history"));
            parameters.named().forEach((k, v) -> p.put("es-" + k, Double.toString(v)));
        }
        return p;
    }

    static final class CsvFormatConverter extends EnumConverter<CsvFormat> {
        CsvFormatConverter() {
            super(CsvFormat.class);
        }
    }

    static final class HeaderConverter extends EnumConverter<HeaderMode> {
        HeaderConverter() {
            super(HeaderMode.class);
        }
    }

    static final class PolicyConverter extends EnumConverter<BadInputPolicy> {
        PolicyConverter() {
            super(BadInputPolicy.class);
        }
    }

    static final class NormalizationConverter extends EnumConverter<NormalizationMode> {
        NormalizationConverter() {
            super(NormalizationMode.class);
        }
    }

    static final class CellConverter extends EnumConverter<CellType> {
        CellConverter() {
            super(CellType.class, "gru", "GRU_RESET_AFTER", "gru-reset-after", "GRU_RESET_AFTER", "rnn", "RNN_TANH");
        }
    }

    static final class OptimizerConverter extends EnumConverter<OptimizerKind> {
        OptimizerConverter() {
            super(OptimizerKind.class);
        }
    }

    /**
     * The --features kinds: each names a registered feature kind and the way it trains by default (windows,
     * scaling, sampling). A new kind is one constant here besides its class and registration in model/core.
     */
    enum FeatureKind {
        VALUES(ValuesFeatures.KIND, true, WindowPlacement.COVER, NormalizationMode.GLOBAL, Sampling.PERMUTED),
        SEASONAL_CHANGES(SeasonalChangesFeatures.KIND, false, WindowPlacement.FORWARD, NormalizationMode.GLOBAL,
                Sampling.SHUFFLED_PADDED),
        SEASONAL_OFFSETS(SeasonalOffsetsFeatures.KIND, false, WindowPlacement.BACKWARD, NormalizationMode.PER_KEY,
                Sampling.SHUFFLED_PADDED),
        ES_HYBRID(EsHybridFeatures.KIND, false, WindowPlacement.BACKWARD, NormalizationMode.PER_KEY,
                Sampling.SHUFFLED_PADDED);

        final String kind;
        private final boolean validated;
        final WindowPlacement placement;
        final NormalizationMode normalization;
        final Sampling sampling;

        FeatureKind(String kind, boolean validated, WindowPlacement placement, NormalizationMode normalization,
                    Sampling sampling) {
            this.kind = kind;
            this.validated = validated;
            this.placement = placement;
            this.normalization = normalization;
            this.sampling = sampling;
        }

        /** Whether it trains with a validation part (the validated job), rather than on every event. */
        boolean validated() {
            return validated;
        }
    }

    /** The --recipe names. */
    enum Recipe {
        NAB
    }

    static final class FeaturesConverter extends EnumConverter<FeatureKind> {
        FeaturesConverter() {
            super(FeatureKind.class);
        }
    }

    static final class RecipeConverter extends EnumConverter<Recipe> {
        RecipeConverter() {
            super(Recipe.class);
        }
    }

    static final class ScheduleConverter extends EnumConverter<ScheduleKind> {
        ScheduleConverter() {
            super(ScheduleKind.class);
        }
    }

    static final class ScaleConverter extends EnumConverter<ScaleEstimator> {
        ScaleConverter() {
            super(ScaleEstimator.class);
        }
    }

    static final class StatisticConverter extends EnumConverter<ScoreStatistic> {
        StatisticConverter() {
            super(ScoreStatistic.class);
        }
    }

    static final class ProgressConverter extends EnumConverter<ConsoleProgress.Mode> {
        ProgressConverter() {
            super(ConsoleProgress.Mode.class);
        }
    }
}
