package io.seqscore.trainer.sessions;

import io.seqscore.model.core.features.Vocabulary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The whole training of a next-symbol model from normal sessions: a calibration part of the distinct
 * sessions held out ({@link SessionSplit}), the vocabulary learned on the rest with a minimum count, the
 * model trained on the rest, the transitions of all the sessions given (both parts, {@link SessionRule}), and g
 * and the score threshold calibrated for the transitions rule on the held-out part (each distinct session weighted
 * by its copies; a held-out session with a transition the training part lacks counts against the target) for a
 * target false-positive rate.
 *
 * <p>With {@code members} K &gt; 1 the model is an ensemble: K networks trained on the same sessions, member m
 * with the config's seed + m (member 0 is the single model of that seed), forecasting the mean of their
 * distributions ({@link SessionScorer}); it is calibrated as one.
 *
 * @param members         the trained models (one unless an ensemble)
 * @param calibration     the limits chosen on the held-out part
 * @param trained         sessions trained on
 * @param heldOutSessions the held-out distinct sessions calibrated on, each with its copies
 * @param rule            the transitions rule of every session given (what the release carries)
 * @param heldOutRule     the transitions rule of the training part only (what the held-out part is calibrated with)
 */
public record SessionTraining(List<SessionModel> members, SessionCalibration calibration, int trained,
                              Map<List<String>, Integer> heldOutSessions, SessionRule rule, SessionRule heldOutRule) {

    /** Distinct sessions calibrated on. */
    public int heldOut() {
        return heldOutSessions.size();
    }

    /** Member 0: the model itself unless an ensemble. */
    public SessionModel model() {
        return members.get(0);
    }

    /**
     * What the training is asked for besides the network's config.
     *
     * @param endSymbol a symbol appended to every session as its last event (null: none), so that the model
     *                  learns where sessions end and a session that ends too early is flagged at its end
     *                  event; the scorer then needs that event at the end of every session
     * @param members   models trained and averaged (1: no ensemble)
     * @param rule      how the threshold is chosen on the held-out part
     */
    public record Options(long minCount, double calibrationFraction, double targetRate, String endSymbol,
                          int members, ThresholdRule rule) {
        /** One model, the empirical threshold. */
        public Options(long minCount, double calibrationFraction, double targetRate, String endSymbol) {
            this(minCount, calibrationFraction, targetRate, endSymbol, 1, EmpiricalThreshold.INSTANCE);
        }

        public Options {
            if (members < 1) {
                throw new IllegalArgumentException("an ensemble needs at least 1 member, got " + members);
            }
            java.util.Objects.requireNonNull(rule, "rule");
            if (endSymbol != null && (endSymbol.isEmpty() || endSymbol.chars().anyMatch(Character::isWhitespace))) {
                throw new IllegalArgumentException("the end symbol must be a non-empty word, got '" + endSymbol + "'");
            }
            if (minCount < 1) {
                throw new IllegalArgumentException("minimum count must be >= 1, got " + minCount);
            }
            if (!(calibrationFraction > 0 && calibrationFraction < 1)) {
                throw new IllegalArgumentException("calibration fraction must be in (0, 1), got " + calibrationFraction);
            }
            if (!(targetRate >= 0 && targetRate < 1)) {
                throw new IllegalArgumentException("target false-positive rate must be in [0, 1), got " + targetRate);
            }
        }
    }

    public static SessionTraining run(List<Session> normal, SessionTrainConfig config, Options options,
                                      IntConsumer epochDone) {
        List<Session> sessions = Session.withEnd(normal, options.endSymbol());
        SessionSplit split = new SessionSplit(sessions, config.seed());
        List<List<Session>> parts = split.holdOut(options.calibrationFraction());
        List<Session> training = parts.get(1);
        Map<List<String>, Integer> copies = new java.util.LinkedHashMap<>();
        for (Session s : parts.get(0)) {
            copies.merge(s.symbols(), 1, Integer::sum);
        }
        Vocabulary vocabulary = Vocabulary.learn(counts(training), options.minCount());
        List<SessionModel> members = new ArrayList<>(options.members());
        for (int m = 0; m < options.members(); m++) {
            SessionTrainConfig member = new SessionTrainConfig(config.embedding(), config.hidden(), config.layers(),
                    config.epochs(), config.batchSize(), config.learningRate(), config.clipNorm(), config.seed() + m);
            members.add(SessionTrainer.train(training, vocabulary, member, epochDone));
        }
        int end = options.endSymbol() == null ? -1 : vocabulary.index(options.endSymbol());
        end = end == Vocabulary.UNKNOWN ? -1 : end;
        SessionRule all = SessionRule.transitions(SessionRule.table(sessions, vocabulary), end);
        SessionRule trainingOnly = SessionRule.transitions(SessionRule.table(training, vocabulary), end);
        SessionCalibration calibration = calibrate(new SessionScorer(members), copies, options.targetRate(),
                vocabulary.size(), options.rule(), trainingOnly);
        return new SessionTraining(List.copyOf(members), calibration, training.size(), copies, all, trainingOnly);
    }

    /**
     * g and the threshold ({@code rule}) of the sessions {@code heldOut} (each with its copies) as scored by
     * {@code scorer}, for the threshold rule (no transitions).
     */
    public static SessionCalibration calibrate(SessionScorer scorer, Map<List<String>, Integer> heldOut,
                                               double targetRate, int vocabulary, ThresholdRule rule) {
        return calibrate(scorer, heldOut, targetRate, vocabulary, rule, SessionRule.THRESHOLD);
    }

    /** As above, for the flag rule {@code flags} (a held-out session it flags by novelty counts against the target). */
    public static SessionCalibration calibrate(SessionScorer scorer, Map<List<String>, Integer> heldOut,
                                               double targetRate, int vocabulary, ThresholdRule rule,
                                               SessionRule flags) {
        List<SessionCalibration.Weighted> traces = new ArrayList<>();
        heldOut.forEach((symbols, n) -> traces.add(new SessionCalibration.Weighted(scorer.trace(symbols), n)));
        return SessionCalibration.choose(traces, targetRate, vocabulary, rule, flags);
    }

    /** How often each symbol occurs in the sessions. */
    public static Map<String, Long> counts(List<Session> sessions) {
        Map<String, Long> counts = new HashMap<>();
        for (Session s : sessions) {
            for (String symbol : s.symbols()) {
                counts.merge(symbol, 1L, Long::sum);
            }
        }
        return counts;
    }
}
