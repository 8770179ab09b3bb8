package io.seqscore.app.evaluate.nab;

import io.seqscore.app.command.CommandFailure;
import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.pipeline.QuietLogging;
import io.seqscore.app.service.ServiceStartException;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.train.Recipes;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code seqscore evaluate nab --data DIR --out RESULTS_DIR}: see {@link NabEvaluation}. */
@Command(name = "nab", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Run the Numenta Anomaly Benchmark through the real pipeline: for every DIR/<category>/<file>.csv,"
                + " train a SEASONAL_CHANGES forecaster (the trainer's 'nab' recipe) on the file's probationary rows"
                + " (the first min(floor(0.15 rows), 750)), publish it signed to the models topic of a Kafka broker in"
                + " this process, stream every row through the scorer (range detector) and write"
                + " RESULTS_DIR/seqscore/<category>/seqscore_<file>.csv (timestamp,value,anomaly_score, one row per row).",
                "Score the results with NAB's scorer, e.g. ../shared/nab/score.sh RESULTS_DIR seqscore."})
public final class NabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "The data directory: <category>/<file>.csv with the header timestamp,value.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "RESULTS_DIR",
            description = "Where the results go (RESULTS_DIR/seqscore/...; existing files of the same names are replaced).")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + Recipes.NAB_EPOCHS,
            description = "Training epochs per file. Default: the recipe's ${DEFAULT-VALUE}; fewer only for a quick check.")
    int epochs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + Recipes.NAB_SEED,
            description = "Weight seed of every file's training (the shuffle seed stays the recipe's). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--ensemble", paramLabel = "K", defaultValue = "1",
            description = "Networks trained per file (seeds seed..seed+K-1, shuffle seeds likewise), released fused as one"
                    + " whose forecast is their mean. Default: ${DEFAULT-VALUE}.")
    int ensemble;

    @Option(names = "--variant", paramLabel = "NAME[:KEY=VALUE,...]",
            description = {"A scorer configuration: its results go to RESULTS_DIR/NAME/..., scored with the seqscore.*"
                    + " settings given over the run's (detector range, gap reset off, late policy score), e.g."
                    + " adaptive1:seqscore.anomaly.detector=adaptive,seqscore.anomaly.adaptive.step=0.1; a list value"
                    + " separates its items with ';' (seqscore.anomaly.range.level.scales=8;32;128)."
                    + " Repeatable: the files are trained once and scored once per variant. Default: one variant"
                    + " 'seqscore' with no settings."})
    List<String> variantTexts;

    @Option(names = "--threads", paramLabel = "N",
            description = "Files trained at the same time. Default: the available processors.")
    Integer threads;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900",
            description = "Most seconds loading the models, and then scoring, may each take. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        if (epochs < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs must be >= 1, got " + epochs);
        }
        if (ensemble < 1) {
            throw new ParameterException(spec.commandLine(), "--ensemble must be >= 1, got " + ensemble);
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be >= 1, got " + n);
        }
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be >= 1, got " + timeoutSeconds);
        }
        if (!Files.isDirectory(data)) {
            throw new ParameterException(spec.commandLine(), "--data: not a directory: " + data);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out: not a directory: " + out);
        }
        List<NabVariant> variants = new ArrayList<>();
        try {
            for (String v : variantTexts == null ? List.<String>of() : variantTexts) {
                variants.add(NabVariant.parse(v));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--variant: " + e.getMessage());
        }
        if (variants.isEmpty()) {
            variants.add(NabVariant.DEFAULT);
        }
        if (variants.stream().map(NabVariant::name).distinct().count() != variants.size()) {
            throw new ParameterException(spec.commandLine(), "--variant: names must be distinct");
        }
        NabEvaluation evaluation = new NabEvaluation(
                Recipes.nab(epochs, seed).toBuilder().ensemble(ensemble).build(), n, Duration.ofSeconds(timeoutSeconds),
                variants);
        NabEvaluation.Summary s;
        try (QuietLogging quiet = QuietLogging.kafka()) {
            s = evaluation.run(data, out);
        } catch (NabFormatException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "evaluate nab failed: " + e.getMessage(), e);
        } catch (TrainerException | KafkaException | ServiceStartException | IllegalStateException
                 | IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "evaluate nab failed: " + e.getMessage(), e);
        }
        PrintWriter w = spec.commandLine().getOut();
        String scored = variants.size() == 1 ? "" : " for " + variants.size() + " variants";
        w.printf(Locale.ROOT, "evaluated %d files (%d rows): training %.1f s on %d threads (%d epochs, %s), scoring"
                + " %.1f s%s; results in %s%n", s.files(), s.rows(), s.trainSeconds(), n, epochs,
                ensemble == 1 ? "seed " + seed : ensemble + " networks, seeds " + seed + ".." + (seed + ensemble - 1),
                s.scoreSeconds(),
                scored, s.results());
        w.flush();
        return ExitCodes.OK;
    }
}
