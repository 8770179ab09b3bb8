package io.seqscore.app.scoring;

import io.seqscore.input.DoubleList;
import io.seqscore.app.model.ServingModel;
import io.seqscore.avro.NextSymbol;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;

import io.seqscore.model.core.anomaly.NextSymbolDetector;
import io.seqscore.model.core.features.Vocabulary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the one {@link Score} a processor forwards for every event (and its array views), so that a
 * score costs no new lists. The Score is overwritten by the next event: it must be serialized (as a
 * sink does) before then.
 */
final class ScoreBuilder {
    private final Score score = new Score();
    private final DoubleList expected = new DoubleList();
    private final DoubleList residual = new DoubleList();
    private final DoubleList forecast = new DoubleList();
    private final DoubleList lower = new DoubleList();
    private final DoubleList upper = new DoubleList();
    private final List<NextSymbol> nextSymbols = new ArrayList<>();
    private final List<NextSymbol> noNextSymbols = List.of();
    private final int nextSymbolCount;
    private NextSymbol[] slots = new NextSymbol[0];
    private int[] chosen = new int[0];

    /** @param nextSymbolCount how many of the most likely next symbols a score of a SYMBOLS model lists */
    ScoreBuilder(int nextSymbolCount) {
        this.nextSymbolCount = nextSymbolCount;
    }

    Score score() {
        return score;
    }

    /** Starts a score: no expectation, no anomaly score, no model, no forecast. */
    ScoreBuilder start(long eventTime, List<Double> observed, ScoreStatus status) {
        score.setEventTime(Instant.ofEpochMilli(eventTime));
        score.setObserved(observed);
        score.setStatus(status);
        score.setExpected(null);
        score.setResidual(null);
        score.setAnomalyScore(null);
        score.setAnomaly(false);
        score.setModelName(null);
        score.setModelVersion(null);
        score.setStepsSeen(0L);
        score.setForecast(forecast.reset(0));
        score.setForecastLower(lower.reset(0));
        score.setForecastUpper(upper.reset(0));
        score.setHorizon(0);
        score.setSymbol(null);
        score.setSymbolRank(null);
        score.setNextSymbols(noNextSymbols);
        return this;
    }

    /** The event's symbol as received (events of a SYMBOLS model). */
    ScoreBuilder symbol(String symbol) {
        score.setSymbol(symbol);
        return this;
    }

    /**
     * The forecast made at the key's previous event against this event. A model's forecast is its V symbol
     * probabilities (a model that reads symbols; V = 0 otherwise) followed by D values; the event's row is the
     * symbol's index (when V &gt; 0) followed by its values. The rank of the observed symbol's index among the V;
     * expected_d = f_{V+d} and residual_d = value_d − f_{V+d} (null when D = 0).
     */
    ScoreBuilder expected(ServingModel model, float[] f, KeyScorer input) {
        int symbols = symbolSlots(model);
        if (symbols > 0) {
            score.setSymbolRank(NextSymbolDetector.rank(f, symbols, (int) input.observed(0)));
        }
        int dims = model.forecastDim() - symbols;
        if (dims == 0) {
            return this;
        }
        int first = symbols > 0 ? 1 : 0;
        expected.reset(dims);
        residual.reset(dims);
        for (int d = 0; d < dims; d++) {
            expected.put(d, f[symbols + d]);
            residual.put(d, input.observed(first + d) - f[symbols + d]);
        }
        score.setExpected(expected);
        score.setResidual(residual);
        return this;
    }

    /** V: the symbol probabilities that lead a model's forecast (0 for a model that reads no symbol). */
    private static int symbolSlots(ServingModel model) {
        Vocabulary vocabulary = model.vocabulary();
        return vocabulary == null ? 0 : vocabulary.size();
    }

    ScoreBuilder anomaly(double anomalyScore, boolean flagged) {
        score.setAnomalyScore(anomalyScore);
        score.setAnomaly(flagged);
        return this;
    }

    ScoreBuilder model(ServingModel model, long stepsSeen) {
        score.setModelName(model.name());
        score.setModelVersion(model.version());
        score.setStepsSeen(stepsSeen);
        return this;
    }

    /**
     * The forecast f (value units) with its interval ({@link ForecastInterval}: the calibrated f_i + [lower_i,
     * upper_i]·σ_d under the event's scaling, or the quantile head's own bounds); for a model that reads symbols,
     * the next symbol's distribution first (no interval: lower = upper = f) and its most likely symbols.
     */
    ScoreBuilder forecast(ServingModel model, float[] f, KeyScorer scaling) {
        int size = model.forecastSize();
        int dims = model.forecastDim();
        int symbols = symbolSlots(model);
        int first = symbols > 0 ? 1 : 0;
        forecast.reset(size);
        lower.reset(size);
        upper.reset(size);
        for (int i = 0; i < size; i++) {
            int d = i % dims;
            forecast.put(i, f[i]);
            if (d < symbols) {
                lower.put(i, f[i]);
                upper.put(i, f[i]);
            } else {
                double s = scaling.sigma(first + d - symbols);
                lower.put(i, ForecastInterval.lower(model, f, i, s));
                upper.put(i, ForecastInterval.upper(model, f, i, s));
            }
        }
        score.setForecast(forecast);
        score.setForecastLower(lower);
        score.setForecastUpper(upper);
        score.setHorizon(model.spec().horizon());
        if (symbols > 0) {
            nextSymbols(model.vocabulary(), f);
        }
        return this;
    }

    private void nextSymbols(Vocabulary vocabulary, float[] f) {
        int v = vocabulary.size();
        int k = Math.min(nextSymbolCount, v);
        if (slots.length < k) {
            slots = new NextSymbol[k];
            for (int i = 0; i < k; i++) {
                slots[i] = new NextSymbol();
            }
        }
        if (chosen.length < k) {
            chosen = new int[k];
        }
        nextSymbols.clear();
        for (int i = 0; i < k; i++) {
            int best = -1;
            for (int j = 0; j < v; j++) {
                if ((best < 0 || f[j] > f[best]) && !among(j, i)) {
                    best = j;
                }
            }
            chosen[i] = best;
            slots[i].setSymbol(vocabulary.symbol(best));
            slots[i].setProbability(f[best]);
            nextSymbols.add(slots[i]);
        }
        score.setNextSymbols(nextSymbols);
    }

    /** Whether index j is among the first {@code count} chosen. */
    private boolean among(int j, int count) {
        for (int i = 0; i < count; i++) {
            if (chosen[i] == j) {
                return true;
            }
        }
        return false;
    }
}
