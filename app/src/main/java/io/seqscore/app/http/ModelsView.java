package io.seqscore.app.http;

import io.seqscore.app.evidence.ArmEvidence;
import io.seqscore.app.evidence.VersionEvidence;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.RejectedRelease;
import io.seqscore.app.model.RolloutView;
import io.seqscore.app.model.ServingModel;
import io.seqscore.avro.Provenance;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.schemas.QualityGateMetrics;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/models} answers: the models this instance serves, the releases it refused and why
 * (the most recent {@link ModelRegistry#MAX_REJECTIONS}), the registry's counts, and per model its
 * rollout ({@link RolloutView}: the phase in force, every phase with its activation time, canary and
 * shadow candidates with the canary percentage, the versions kept and the model's rejected releases), each served
 * release's training provenance with its quality gate ({@link QualityGate}), and the
 * evidence of every version that scored in this instance, per role ({@link Evidence}).
 */
public record ModelsView(List<Served> serving, List<Rejected> rejected, long swaps, long rejectedTotal,
                         List<RolloutView.ModelRollout> rollouts, List<Evidence> evidence) {

    /**
     * One arm's counts since this instance started: the version's Scores in one role (serving, canary,
     * shadow); the means are over the Scores with a forecast and null before the first.
     */
    public record Evidence(String model, long version, String role, long eventsScored, long forecasts, long flagged,
                           Double meanAbsError, Double meanAnomalyScore, Double flagRate) {
    }

    public record Served(String name, long version, String createdAt, Architecture architecture, String normalization,
                         Calibration calibration, String rollout, Training provenance) {
    }

    public record Architecture(int inputSize, List<Layer> layers, int horizon, int outputDim, int parameters) {
    }

    public record Layer(String cell, int units) {
    }

    public record Calibration(double threshold, int warmupSteps, String statistic, double intervalCoverage) {
    }

    public record Training(String source, String dataFrom, String dataTo, long keyCount, long eventCount, long seed,
                           String trainerVersion, QualityGate qualityGate) {
    }

    /**
     * The release's quality gate ({@link QualityGateMetrics}): the mean absolute errors, in normalized units over every
     * forecast step, of the model and the two naive forecasts on the same pairs; null for a release trained before
     * the gate.
     *
     * @param passed null when no pair could be compared
     */
    public record QualityGate(Double modelMae, Double lastValueMae, Double seasonalNaiveMae, int seasonalPeriod,
                              long pairs, boolean heldOut, boolean enforced, Boolean passed) {
        static QualityGate of(QualityGateMetrics.Gate g) {
            return new QualityGate(finite(g.modelMae()), finite(g.lastValueMae()), finite(g.seasonalNaiveMae()),
                    g.seasonalPeriod(), g.pairs(), g.heldOut(), g.enforced(), g.passed());
        }
    }

    public record Rejected(String name, long version, String reason, String rejectedAt) {
    }

    public static ModelsView of(ModelRegistry registry) {
        return of(registry, new VersionEvidence());
    }

    public static ModelsView of(ModelRegistry registry, VersionEvidence evidence) {
        List<Served> serving = registry.servingModels().values().stream().map(ModelsView::served).toList();
        List<Rejected> rejected = registry.rejections().stream().map(ModelsView::rejected).toList();
        return new ModelsView(serving, rejected, registry.swapCount(), registry.rejectedCount(),
                RolloutView.of(registry, System.currentTimeMillis()).models(),
                evidence.arms().stream().map(ModelsView::evidence).toList());
    }

    private static Evidence evidence(ArmEvidence a) {
        return new Evidence(a.model(), a.version(), a.role().label(), a.scoredCount(), a.forecastCount(),
                a.flaggedCount(), finite(a.meanAbsError()), finite(a.meanAnomalyScore()), finite(a.flagRate()));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Served served(ServingModel m) {
        NetworkSpec spec = m.spec();
        List<Layer> layers = spec.layers().stream().map(ModelsView::layer).toList();
        return new Served(m.name(), m.version(), Instant.ofEpochMilli(m.createdAt()).toString(),
                new Architecture(spec.inputSize(), layers, spec.horizon(), spec.outputDim(), spec.paramCount()),
                m.normalization().mode().name(),
                new Calibration(m.calibration().threshold(), m.calibration().warmupSteps(),
                        m.calibration().statistic().name(), m.calibration().intervalCoverage()),
                m.rollout().mode().name(), training(m.provenance()));
    }

    private static Layer layer(LayerSpec l) {
        return new Layer(l.cell().name(), l.units());
    }

    private static Training training(Provenance p) {
        if (p == null) {
            return null;
        }
        return new Training(p.getSource(), text(p.getDataFrom()), text(p.getDataTo()), p.getKeyCount(),
                p.getEventCount(), p.getSeed(), p.getTrainerVersion(),
                QualityGateMetrics.read(p).map(QualityGate::of).orElse(null));
    }

    private static Rejected rejected(RejectedRelease r) {
        return new Rejected(r.name(), r.version(), r.reason(), Instant.ofEpochMilli(r.rejectedAt()).toString());
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
