package io.seqscore.trainer.cli;

import io.seqscore.trainer.sessions.SessionTrainConfig;
import io.seqscore.trainer.sessions.SessionTraining;
import io.seqscore.trainer.sessions.ThresholdRule;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of a next-symbol model trained on sessions, a picocli mixin of cross-validate and evaluate sessions
 * (train --sessions reads its own). The end symbol is each command's own: its default differs.
 */
public final class SessionModelOptions {
    @Option(names = "--embedding", paramLabel = "E", defaultValue = "" + SessionTrainConfig.DEFAULT_EMBEDDING,
            description = "Values per symbol of the trained embedding. Default: ${DEFAULT-VALUE}.")
    int embedding;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "" + SessionTrainConfig.DEFAULT_HIDDEN,
            description = "LSTM units per layer. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--layers", paramLabel = "N", defaultValue = "" + SessionTrainConfig.DEFAULT_LAYERS,
            description = "Stacked LSTM layers. Default: ${DEFAULT-VALUE}.")
    int layers;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + SessionTrainConfig.DEFAULT_EPOCHS,
            description = "Passes over the training sessions. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "" + SessionTrainConfig.DEFAULT_BATCH,
            description = "Sessions per batch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--learning-rate", paramLabel = "LR", defaultValue = "" + SessionTrainConfig.DEFAULT_LEARNING_RATE,
            description = "Adam's learning rate. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--min-count", paramLabel = "N", defaultValue = "1",
            description = "Symbols seen fewer times in the training sessions share the unknown slot. Default: ${DEFAULT-VALUE}.")
    long minCount;

    @Option(names = "--calibration-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Fraction of the distinct normal sessions held out to calibrate g and the threshold on."
                    + " Default: ${DEFAULT-VALUE}.")
    double calibrationFraction;

    @Option(names = "--target-fpr", paramLabel = "P", defaultValue = "0.003",
            description = "Most held-out normal sessions g and the threshold may flag, as a fraction. Default: ${DEFAULT-VALUE}.")
    double targetFpr;

    @Option(names = "--threshold-rule", paramLabel = "RULE", defaultValue = "empirical",
            description = "How the threshold is chosen on the held-out sessions: empirical (the smallest flagging no"
                    + " more than --target-fpr) or smoothed (a Harrell-Davis quantile of their surprisal)."
                    + " Default: ${DEFAULT-VALUE}.")
    String thresholdRule;

    /** The training configuration, a usage error of {@code cli} where a value is out of range. */
    public SessionTrainConfig config(CommandLine cli, long seed) {
        try {
            return new SessionTrainConfig(embedding, hidden, layers, epochs, batch, learningRate,
                    SessionTrainConfig.DEFAULT_CLIP_NORM, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, e.getMessage());
        }
    }

    /** The vocabulary and calibration options, {@code endSymbol} null for none. */
    public SessionTraining.Options options(CommandLine cli, String endSymbol) {
        return options(cli, endSymbol, 1);
    }

    /** As {@link #options(CommandLine, String)}, for an ensemble of {@code members} models. */
    public SessionTraining.Options options(CommandLine cli, String endSymbol, int members) {
        try {
            return new SessionTraining.Options(minCount, calibrationFraction, targetFpr, endSymbol, members,
                    ThresholdRule.named(thresholdRule));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, e.getMessage());
        }
    }
}
