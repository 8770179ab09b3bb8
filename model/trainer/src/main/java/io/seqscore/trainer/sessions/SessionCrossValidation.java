package io.seqscore.trainer.sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * k-fold cross-validation of the next-symbol model's false positives over the distinct normal sessions, and
 * its recall on anomalous sessions. Per seed, the distinct normal sessions are shuffled and cut into k folds;
 * for each fold, a model is trained and calibrated ({@link SessionTraining}) on the sessions of the other
 * folds only, then flags the fold's distinct sessions (false positives) and every anomalous session (recall).
 * Both limits are measured: rank &gt; g and score ≥ threshold, each with its calibrated limit, the threshold
 * by every {@link ThresholdRule} from the same models; and each under both flag rules ({@link SessionRule}): the
 * threshold rule (every event judged by the limit) and the transitions rule (unseen transitions flagged, the limit
 * judging the end symbol only), each calibrated for itself. With an ensemble ({@code options.members()} &gt; 1) each
 * fold is measured twice on the same trained networks: member 0 alone (the single model of that seed) and the
 * ensemble.
 */
public final class SessionCrossValidation {
    private SessionCrossValidation() {
    }

    /** What is scored: member 0 alone, or the ensemble. */
    public static final String SINGLE = "single";
    public static final String ENSEMBLE = "ensemble";

    /**
     * One fold of one seed, one model, flag rule ({@link SessionRule#name()}) and threshold rule: counts under the g
     * limit and under the threshold.
     */
    public record Fold(long seed, int fold, String model, String flags, String rule, SessionCalibration calibration,
                       int normal, int normalCopies,
                       int fpAtG, int fpCopiesAtG, int fpAtThreshold, int fpCopiesAtThreshold,
                       int abnormal, int tpAtG, int tpAtThreshold, double trainingLoss) {
    }

    public static List<Fold> run(List<Session> normal, List<Session> abnormal, int k, List<Long> seeds,
                                 SessionTrainConfig base, SessionTraining.Options options, Consumer<Fold> done) {
        return run(normal, abnormal, k, seeds, base, options, List.of(), done);
    }

    /**
     * As above, and the thresholds for each of {@code otherTargets} too, from the same models: their folds' rule is
     * named {@code rule@target}.
     */
    public static List<Fold> run(List<Session> normal, List<Session> abnormal, int k, List<Long> seeds,
                                 SessionTrainConfig base, SessionTraining.Options options, List<Double> otherTargets,
                                 Consumer<Fold> done) {
        List<Double> targets = new ArrayList<>(List.of(options.targetRate()));
        targets.addAll(otherTargets);
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
                List<String> names = new ArrayList<>(List.of(SINGLE));
                List<SessionScorer> scorers = new ArrayList<>(List.of(new SessionScorer(training.model())));
                if (training.members().size() > 1) {
                    names.add(ENSEMBLE);
                    scorers.add(new SessionScorer(training.members()));
                }
                int vocabulary = training.model().vocabulary().size();
                for (int s = 0; s < scorers.size(); s++) {
                    SessionScorer scorer = scorers.get(s);
                    List<SessionTrace> normalTraces = new ArrayList<>();
                    for (List<Session> group : test) {
                        normalTraces.add(scorer.trace(group.get(0).withEnd(options.endSymbol()).symbols()));
                    }
                    List<SessionTrace> abnormalTraces = new ArrayList<>();
                    for (Session a : abnormal) {
                        abnormalTraces.add(scorer.trace(a.withEnd(options.endSymbol()).symbols()));
                    }
                    for (SessionRule[] flags : new SessionRule[][] {{SessionRule.THRESHOLD, SessionRule.THRESHOLD},
                            {training.rule(), training.heldOutRule()}}) {
                        for (int t = 0; t < targets.size(); t++) {
                            for (ThresholdRule rule : ThresholdRule.ALL) {
                                SessionCalibration cal = SessionTraining.calibrate(scorer, training.heldOutSessions(),
                                        targets.get(t), vocabulary, rule, flags[1]);
                                String label = t == 0 ? rule.name() : rule.name() + "@" + targets.get(t);
                                Fold fold = count(seed, f, names.get(s), flags[0], label, cal, test, normalTraces,
                                        abnormalTraces, training.model().trainingLoss());
                                folds.add(fold);
                                done.accept(fold);
                            }
                        }
                    }
                }
            }
        }
        return folds;
    }

    private static Fold count(long seed, int f, String model, SessionRule flags, String rule, SessionCalibration cal,
                              List<List<Session>> test, List<SessionTrace> normal, List<SessionTrace> abnormal,
                              double loss) {
        int copies = 0;
        int fpG = 0;
        int fpGc = 0;
        int fpT = 0;
        int fpTc = 0;
        for (int i = 0; i < test.size(); i++) {
            int n = test.get(i).size();
            copies += n;
            if (flags.firstFlag(normal.get(i), cal.g(), cal.threshold()) > 0) {
                fpG++;
                fpGc += n;
            }
            if (flags.firstFlag(normal.get(i), 0, cal.threshold()) > 0) {
                fpT++;
                fpTc += n;
            }
        }
        int tpG = 0;
        int tpT = 0;
        for (SessionTrace trace : abnormal) {
            tpG += flags.firstFlag(trace, cal.g(), cal.threshold()) > 0 ? 1 : 0;
            tpT += flags.firstFlag(trace, 0, cal.threshold()) > 0 ? 1 : 0;
        }
        return new Fold(seed, f, model, flags.name(), rule, cal, test.size(), copies, fpG, fpGc, fpT, fpTc, abnormal.size(), tpG, tpT,
                loss);
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
