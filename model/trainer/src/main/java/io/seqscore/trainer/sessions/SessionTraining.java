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
 * model trained on the rest, and g and the score threshold calibrated on the held-out part (each distinct
 * session weighted by its copies) for a target false-positive rate.
 *
 * @param model       the trained model
 * @param calibration the limits chosen on the held-out part
 * @param trained     sessions trained on
 * @param heldOut     distinct sessions calibrated on
 */
public record SessionTraining(SessionModel model, SessionCalibration calibration, int trained, int heldOut) {

    /** What the training is asked for besides the network's config. */
    /**
     * @param endSymbol a symbol appended to every session as its last event (null: none), so that the model
     *                  learns where sessions end and a session that ends too early is flagged at its end
     *                  event; the scorer then needs that event at the end of every session
     */
    public record Options(long minCount, double calibrationFraction, double targetRate, String endSymbol) {
        public Options {
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
        SessionSplit split = new SessionSplit(Session.withEnd(normal, options.endSymbol()), config.seed());
        List<List<Session>> parts = split.holdOut(options.calibrationFraction());
        List<Session> training = parts.get(1);
        Map<List<String>, Integer> copies = new java.util.LinkedHashMap<>();
        for (Session s : parts.get(0)) {
            copies.merge(s.symbols(), 1, Integer::sum);
        }
        Vocabulary vocabulary = Vocabulary.learn(counts(training), options.minCount());
        SessionModel model = SessionTrainer.train(training, vocabulary, config, epochDone);
        SessionScorer scorer = new SessionScorer(model);
        List<SessionCalibration.Weighted> traces = new ArrayList<>();
        copies.forEach((symbols, n) -> traces.add(new SessionCalibration.Weighted(scorer.trace(symbols), n)));
        SessionCalibration calibration = SessionCalibration.choose(traces, options.targetRate(), vocabulary.size());
        return new SessionTraining(model, calibration, training.size(), copies.size());
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
