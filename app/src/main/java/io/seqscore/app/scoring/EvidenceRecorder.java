package io.seqscore.app.scoring;

import io.seqscore.app.evidence.ArmEvidence;
import io.seqscore.app.evidence.ModelRole;
import io.seqscore.app.evidence.VersionEvidence;
import io.seqscore.app.model.RolloutPhase;
import io.seqscore.app.model.ServingModel;
import io.seqscore.avro.Score;
import io.seqscore.input.DoubleList;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One stream task's writer of {@link VersionEvidence}: adds each Score the task forwards to its arm (the
 * Score's model name and version, in the role the event's rollout phase gave that model). It keeps, per role,
 * each model's arm of its last version, so events routed to any number of models look up nothing in the shared
 * evidence and allocate nothing; a new model, version or role costs one lookup. Not thread-safe: one per task
 * (per {@link ScoringProcessor} and per {@link ShadowScorer}).
 *
 * <p>A Score with an anomaly score counts as one with a forecast; its residual, when it has one (a model of
 * values, or of a symbol and values), adds to the absolute error. A Score of a model of symbols alone has no
 * residual: its anomaly score, 1 − the probability the model gave the symbol that came, is its error. A Score
 * whose anomaly score is NaN (an unseen symbol on a key's first event) counts as one without a forecast.
 */
public final class EvidenceRecorder {
    /** Records nothing. */
    static final EvidenceRecorder NONE = new EvidenceRecorder(null);

    private final VersionEvidence evidence;
    /** Per role, each model's arm of the version it last scored with: no lookup while the versions stay. */
    private final Map<ModelRole, Map<String, ArmEvidence>> arms = new EnumMap<>(ModelRole.class);
    private ModelRole role = ModelRole.SERVING;

    EvidenceRecorder(VersionEvidence evidence) {
        this.evidence = evidence;
        for (ModelRole r : ModelRole.values()) {
            arms.put(r, new HashMap<>());
        }
    }

    /** The event's model and phase: the Scores forwarded until the next call are the canary's when it is the phase's canary. */
    void route(ServingModel model, RolloutPhase phase) {
        role = model != null && model == phase.canary() ? ModelRole.CANARY : ModelRole.SERVING;
    }

    /** A Score forwarded to the scores topic (nothing for one without a model). */
    void scored(Score score) {
        add(score, role);
    }

    /** The shadow's Score of a ShadowScore forwarded to the shadow-scores topic. */
    void shadowScored(Score score) {
        add(score, ModelRole.SHADOW);
    }

    private void add(Score score, ModelRole as) {
        String name = score.getModelName();
        Long version = score.getModelVersion();
        if (evidence == null || name == null || version == null) {
            return;
        }
        Map<String, ArmEvidence> byModel = arms.get(as);
        ArmEvidence arm = byModel.get(name);
        if (arm == null || arm.version() != version) {
            arm = evidence.arm(name, version, as);
            byModel.put(name, arm);
        }
        List<Double> residual = score.getResidual();
        Double anomaly = score.getAnomalyScore();
        if (anomaly == null || Double.isNaN(anomaly)) {
            arm.scored(score.getAnomaly());
            return;
        }
        if (residual == null) {
            arm.forecast(0, 0, anomaly, score.getAnomaly());
            return;
        }
        int dims = residual.size();
        double sum = 0;
        if (residual instanceof DoubleList view) {
            for (int d = 0; d < dims; d++) {
                sum += Math.abs(view.getDouble(d));
            }
        } else {
            for (int d = 0; d < dims; d++) {
                sum += Math.abs(residual.get(d));
            }
        }
        arm.forecast(sum, dims, anomaly, score.getAnomaly());
    }
}
