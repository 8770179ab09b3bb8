package io.seqscore.trainer.sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * k-fold cross-validation of the next-symbol model's false positives over the distinct normal sessions, and
 * its recall on anomalous sessions. Per seed, the distinct normal sessions are shuffled and cut into k folds;
 * for each fold, a model is trained and calibrated ({@link SessionTraining}) on the sessions of the other
 * folds only, then flags the fold's distinct sessions (false positives) and every anomalous session (recall).
 * Both flag rules are measured: rank &gt; g and score ≥ threshold, each with its calibrated limit.
 */
public final class SessionCrossValidation {
    private SessionCrossValidation() {
    }

    /** One fold of one seed: counts under the g rule and under the threshold rule. */
    public record Fold(long seed, int fold, SessionCalibration calibration, int normal, int normalCopies,
                       int fpAtG, int fpCopiesAtG, int fpAtThreshold, int fpCopiesAtThreshold,
                       int abnormal, int tpAtG, int tpAtThreshold, double trainingLoss) {
    }

    public static List<Fold> run(List<Session> normal, List<Session> abnormal, int k, List<Long> seeds,
                                 SessionTrainConfig base, SessionTraining.Options options, Consumer<Fold> done) {
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + k);
        }
        List<Fold> folds = new ArrayList<>();
        for (long seed : seeds) {
            SessionSplit split = new SessionSplit(normal, seed);
            for (int f = 0; f < k; f++) {
                List<Session> train = new ArrayList<>();
                List<List<Session>> test = new ArrayList<>();
                for (int i = 0; i < split.distinct(); i++) {
                    if (SessionSplit.inFold(i, f, k)) {
                        test.add(split.groups().get(i));
                    } else {
                        train.addAll(split.groups().get(i));
                    }
                }
                SessionTrainConfig config = new SessionTrainConfig(base.embedding(), base.hidden(), base.layers(),
                        base.epochs(), base.batchSize(), base.learningRate(), base.clipNorm(), seed * 1000 + f);
                SessionTraining training = SessionTraining.run(train, config, options, e -> { });
                SessionCalibration cal = training.calibration();
                SessionScorer scorer = new SessionScorer(training.model());
                int copies = 0;
                int fpG = 0;
                int fpGc = 0;
                int fpT = 0;
                int fpTc = 0;
                for (List<Session> group : test) {
                    SessionTrace trace = scorer.trace(group.get(0).withEnd(options.endSymbol()).symbols());
                    copies += group.size();
                    if (trace.firstFlag(cal.g(), cal.threshold()) > 0) {
                        fpG++;
                        fpGc += group.size();
                    }
                    if (trace.firstFlag(0, cal.threshold()) > 0) {
                        fpT++;
                        fpTc += group.size();
                    }
                }
                int tpG = 0;
                int tpT = 0;
                for (Session s : abnormal) {
                    SessionTrace trace = scorer.trace(s.withEnd(options.endSymbol()).symbols());
                    tpG += trace.firstFlag(cal.g(), cal.threshold()) > 0 ? 1 : 0;
                    tpT += trace.firstFlag(0, cal.threshold()) > 0 ? 1 : 0;
                }
                Fold fold = new Fold(seed, f, cal, test.size(), copies, fpG, fpGc, fpT, fpTc, abnormal.size(), tpG, tpT,
                        training.model().trainingLoss());
                folds.add(fold);
                done.accept(fold);
            }
        }
        return folds;
    }

    /** Wilson score interval of a proportion x/n at 95 %: {low, high}. */
    public static double[] wilson(long x, long n) {
        double z = 1.959963984540054;
        double p = (double) x / n;
        double d = 1 + z * z / n;
        double c = (p + z * z / (2.0 * n)) / d;
        double h = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / d;
        return new double[] {Math.max(0, c - h), Math.min(1, c + h)};
    }
}
