package io.seqscore.trainer.cli;

import io.seqscore.trainer.sessions.Session;
import io.seqscore.trainer.sessions.SessionCrossValidation;
import io.seqscore.trainer.sessions.SessionCrossValidation.Fold;
import io.seqscore.trainer.sessions.SessionRule;
import io.seqscore.trainer.sessions.SessionTrainConfig;
import io.seqscore.trainer.sessions.SessionTraining;
import io.seqscore.trainer.sessions.SessionsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "cross-validate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "k-fold cross-validation of a next-symbol model over the distinct sessions of a normal sessions"
                + " file: per fold, train and calibrate on the other folds, count the fold's flagged sessions (false"
                + " positives), and the flagged sessions of --abnormal files (recall). Repeated per seed; prints each"
                + " fold and the totals with 95 %% intervals, for the top-g rule and the threshold rule, each under the"
                + " flag rule 'threshold' (every event judged by the limit) and 'transitions' (an unseen transition"
                + " flagged, the limit judging the end symbol only; rows and totals named 'transitions'), from the same"
                + " models.")
final class CrossValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sessions", paramLabel = "FILE", required = true,
            description = "Normal sessions: one per line, symbols separated by spaces.")
    Path sessions;

    @Option(names = "--abnormal", paramLabel = "FILE",
            description = "Anomalous sessions to measure recall on (repeatable); never trained on.")
    List<Path> abnormal = new ArrayList<>();

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Folds. Default: ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--seeds", paramLabel = "N", split = ",", defaultValue = "1,2,3",
            description = "Seeds of the fold assignment and training, comma-separated. Default: ${DEFAULT-VALUE}.")
    List<Long> seeds;

    @picocli.CommandLine.Mixin
    SessionModelOptions model;

    @Option(names = "--end-symbol", paramLabel = "SYMBOL",
            description = "A symbol appended to every session as its last event, so that a session ending too early is"
                    + " flagged at its end; the scorer must then receive it at the end of every session. Default: none.")
    String endSymbol;

    @Option(names = "--ensemble", paramLabel = "K", defaultValue = "1",
            description = "Train K models per fold (seeds s, s+1, ...) and measure, on the same networks, member 0 alone"
                    + " and the ensemble forecasting the mean of their distributions. Default: ${DEFAULT-VALUE}.")
    int ensemble;

    @Option(names = "--also-target-fpr", paramLabel = "P", split = ",",
            description = "Other target rates to calibrate for, from the same models (rows and totals named"
                    + " rule@P), comma-separated. Default: none.")
    List<Double> otherTargets = new ArrayList<>();

    @Override
    public Integer call() {
        if (folds < 2) {
            throw new ParameterException(spec.commandLine(), "--folds must be >= 2, got " + folds);
        }
        SessionTrainConfig config = model.config(spec.commandLine(), 0);
        for (double p : otherTargets) {
            if (!(p >= 0 && p < 1)) {
                throw new ParameterException(spec.commandLine(), "--also-target-fpr must be in [0, 1), got " + p);
            }
        }
        if (ensemble < 1) {
            throw new ParameterException(spec.commandLine(), "--ensemble must be >= 1, got " + ensemble);
        }
        SessionTraining.Options options = model.options(spec.commandLine(), endSymbol, ensemble);
        List<Session> normal = SessionsFile.read(sessions);
        List<Session> bad = new ArrayList<>();
        for (Path p : abnormal) {
            bad.addAll(SessionsFile.read(p));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%d normal sessions, %d anomalous; %d folds, seeds %s; %s; %s%n", normal.size(),
                bad.size(), folds, seeds, config, options);
        out.println("seed,fold,model,rule,g,threshold,normal,fp_g,fp_threshold,normal_copies,fp_copies_g,fp_copies_threshold,"
                + "abnormal,tp_g,tp_threshold,training_loss");
        out.flush();
        List<Fold> results = SessionCrossValidation.run(normal, bad, folds, seeds, config, options, otherTargets, f -> {
            out.printf(Locale.ROOT, "%d,%d,%s,%s,%d,%.6f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%.4f%n", f.seed(), f.fold(),
                    f.model(), label(f.flags(), "/") + f.rule(),
                    f.calibration().g(), f.calibration().threshold(), f.normal(), f.fpAtG(), f.fpAtThreshold(),
                    f.normalCopies(), f.fpCopiesAtG(), f.fpCopiesAtThreshold(), f.abnormal(), f.tpAtG(),
                    f.tpAtThreshold(), f.trainingLoss());
            out.flush();
        });
        for (String flags : results.stream().map(Fold::flags).distinct().toList()) {
            String prefix = label(flags, " ");
            String limit = prefix.isEmpty() ? "threshold " : "";
            for (String m : results.stream().map(Fold::model).distinct().toList()) {
                List<Fold> ofModel = results.stream().filter(f -> f.model().equals(m) && f.flags().equals(flags))
                        .toList();
                String first = ofModel.get(0).rule();
                summary(out, ofModel.stream().filter(f -> f.rule().equals(first)).toList(), m + " " + prefix + "top-g",
                        true);
                for (String r : ofModel.stream().map(Fold::rule).distinct().toList()) {
                    List<Fold> ofRule = ofModel.stream().filter(f -> f.rule().equals(r)).toList();
                    summary(out, ofRule, m + " " + prefix + limit + r, false);
                    for (long s : seeds) {
                        summary(out, ofRule.stream().filter(f -> f.seed() == s).toList(),
                                "  seed " + s + " " + m + " " + prefix + limit + r, false);
                    }
                }
            }
        }
        return 0;
    }

    /** The flag rule as a label's prefix: none for the threshold rule (the lines before the transitions rule). */
    private static String label(String flags, String separator) {
        return SessionRule.THRESHOLD.name().equals(flags) ? "" : flags + separator;
    }

    private void summary(PrintWriter out, List<Fold> results, String rule, boolean g) {
        long normalCount = 0;
        long fp = 0;
        long copies = 0;
        long fpCopies = 0;
        long abnormalCount = 0;
        long tp = 0;
        for (Fold f : results) {
            normalCount += f.normal();
            fp += g ? f.fpAtG() : f.fpAtThreshold();
            copies += f.normalCopies();
            fpCopies += g ? f.fpCopiesAtG() : f.fpCopiesAtThreshold();
            abnormalCount += f.abnormal();
            tp += g ? f.tpAtG() : f.tpAtThreshold();
        }
        double[] ci = SessionCrossValidation.wilson(fp, normalCount);
        out.printf(Locale.ROOT, "%s: false positives %d of %d distinct held-out sessions = %.4f (95%% CI %.4f-%.4f);"
                        + " %d of %d counting copies = %.4f", rule, fp, normalCount, (double) fp / normalCount, ci[0], ci[1],
                fpCopies, copies, (double) fpCopies / copies);
        if (abnormalCount > 0) {
            double[] rci = SessionCrossValidation.wilson(tp, abnormalCount);
            out.printf(Locale.ROOT, "; recall %d of %d = %.4f (95%% CI %.4f-%.4f)", tp, abnormalCount,
                    (double) tp / abnormalCount, rci[0], rci[1]);
        }
        out.printf("%n");
        out.flush();
    }
}
