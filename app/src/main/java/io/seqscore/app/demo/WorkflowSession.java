package io.seqscore.app.demo;

import java.util.List;
import java.util.Objects;

/**
 * One generated workflow session.
 *
 * @param key       its key on the events topic (one key per session)
 * @param symbols   its steps, in order
 * @param anomaly   what was injected, or null for a normal session
 * @param anomalyAt the 1-based event where the session first departs from every normal one, 0 when normal
 */
record WorkflowSession(String key, List<String> symbols, WorkflowAnomaly anomaly, int anomalyAt) {
    WorkflowSession {
        Objects.requireNonNull(key, "key");
        symbols = List.copyOf(symbols);
        if ((anomaly == null) != (anomalyAt == 0) || anomalyAt < 0 || anomalyAt > symbols.size()) {
            throw new IllegalArgumentException("anomalyAt " + anomalyAt + " does not fit " + anomaly + " in " + symbols);
        }
    }

    boolean anomalous() {
        return anomaly != null;
    }
}
