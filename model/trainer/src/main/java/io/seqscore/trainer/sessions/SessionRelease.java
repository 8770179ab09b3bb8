package io.seqscore.trainer.sessions;

import io.seqscore.avro.Calibration;
import io.seqscore.avro.InputFeatures;
import io.seqscore.avro.Metric;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.NamedValue;
import io.seqscore.avro.Normalizer;
import io.seqscore.avro.NormalizerMode;
import io.seqscore.avro.ScaleEstimator;
import io.seqscore.avro.ScoreStatistic;
import io.seqscore.model.core.HeadSpec;
import io.seqscore.model.core.NetworkEnsemble;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.SoftmaxHead;
import io.seqscore.model.core.SoftmaxMixtureHead;
import io.seqscore.model.core.anomaly.SymbolTransitions;
import io.seqscore.model.core.features.SymbolFeatures;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.SymbolReleases;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A trained next-symbol model as an (unsigned) release: features SYMBOLS named (the enum kind UNKNOWN, so a
 * scorer that predates kinds by name rejects it) with the vocabulary and the embedding width, the softmax head,
 * an identity normalizer of the one input (the index), and the calibration's score threshold (score = 1 − p).
 * The calibrated g, the held-out counts and the training loss are provenance metrics:
 * {@value #TOP_G_METRIC}, {@code calibration.sessions}, {@code calibration.flagged.g},
 * {@code calibration.flagged.threshold}, {@code train.loss}. The features carry the transitions of every session
 * trained and calibrated on and the end symbol ({@link SessionTraining#rule()}), so that the scorer flags an unseen
 * transition and judges the end symbol by the threshold (scope auto), the rule the threshold was calibrated for.
 *
 * <p>An ensemble of K members ({@link SessionTraining} with K &gt; 1) is released as one network: the members fused
 * ({@link NetworkEnsemble#fuseSymbols}, an embedding K times as wide, named so in the features' {@code embedding})
 * under the {@link SoftmaxMixtureHead softmax-mixture} head of K members, whose forecast is the mean of the members'
 * distributions, as the calibration scored it; {@code train.loss} is then the members' mean.
 */
public final class SessionRelease {
    /** The provenance metric holding the calibrated g. */
    public static final String TOP_G_METRIC = "calibration.top_g";
    /** The provenance metric holding K, the members of an ensemble (absent for one model). */
    public static final String ENSEMBLE_METRIC = "ensemble.members";
    /** The calibration's interval coverage: a distribution has no interval (lower = upper = 0), 0.5 is a placeholder the decoder accepts. */
    private static final double NO_INTERVAL_COVERAGE = 0.5;

    private SessionRelease() {
    }

    public static ModelRelease build(SessionTraining training, long events, ReleaseOptions options, double targetRate) {
        SessionModel model = training.model();
        int v = model.vocabulary().size();
        SessionCalibration cal = training.calibration();
        List<Double> zeros = new ArrayList<>(Collections.nCopies(v, 0.0));
        List<Double> ones = new ArrayList<>(Collections.nCopies(v, 1.0));
        Calibration calibration = Calibration.newBuilder()
                .setCenter(zeros).setScale(ones).setScaleEstimator(ScaleEstimator.MAD)
                .setStatistic(ScoreStatistic.MAX_ABS).setScoreQuantiles(new ArrayList<>())
                .setThreshold(cal.threshold()).setTargetFpr(targetRate).setIntervalCoverage(NO_INTERVAL_COVERAGE)
                .setIntervalLower(zeros).setIntervalUpper(zeros).setWarmupSteps(0).setSampleCount(cal.sessions())
                .build();
        int k = training.members().size();
        NetworkSpec spec = k == 1 ? model.spec() : NetworkEnsemble.fusedSymbolSpec(model.spec(), k);
        float[] params = k == 1 ? model.params()
                : NetworkEnsemble.fuseSymbols(model.spec(), training.members().stream().map(SessionModel::params).toList());
        HeadSpec head = k == 1 ? new HeadSpec(SoftmaxHead.KIND, java.util.Map.of()) : SoftmaxMixtureHead.of(k);
        double loss = training.members().stream().mapToDouble(SessionModel::trainingLoss).average().orElseThrow();
        List<NamedValue> parameters = List.of(NamedValue.newBuilder().setName(SymbolFeatures.EMBEDDING)
                .setValue(spec.embeddingDim()).build());
        List<Metric> metrics = new ArrayList<>(List.of(
                SymbolReleases.metric("calibration.flagged.g", cal.flaggedAtG()),
                SymbolReleases.metric("calibration.flagged.threshold", cal.flaggedAtThreshold()),
                SymbolReleases.metric("calibration.sessions", cal.sessions()),
                SymbolReleases.metric(TOP_G_METRIC, cal.g())));
        if (k > 1) {
            metrics.add(SymbolReleases.metric(ENSEMBLE_METRIC, k));
        }
        metrics.add(SymbolReleases.metric("train.loss", k == 1 ? model.trainingLoss() : loss));
        return SymbolReleases.builder(options, spec, params, head)
                .setNormalizer(Normalizer.newBuilder().setMode(NormalizerMode.GLOBAL).setMean(List.of(0f))
                        .setStd(List.of(1f)).setPerKey(new ArrayList<>()).build())
                .setCalibration(calibration)
                .setProvenance(SymbolReleases.provenance(options, training.trained(), events, metrics))
                .setFeatures(features(parameters, model, training.rule()))
                .build();
    }

    private static InputFeatures features(List<NamedValue> parameters, SessionModel model, SessionRule rule) {
        InputFeatures features = SymbolReleases.features(parameters, model.vocabulary().symbols());
        List<Integer> codes = new ArrayList<>(rule.transitions().size());
        for (int c : rule.transitions().codes()) {
            codes.add(c);
        }
        features.setTransitions(codes);
        features.setEndSymbol(rule.endSymbol() < 0 ? null : model.vocabulary().symbol(rule.endSymbol()));
        return features;
    }

    /** The transitions a release of this kind carries ({@link SymbolTransitions#NONE} when none). */
    public static SymbolTransitions transitions(ModelRelease release) {
        InputFeatures f = release.getFeatures();
        if (f == null || f.getTransitions() == null || f.getTransitions().isEmpty()) {
            return SymbolTransitions.NONE;
        }
        return SymbolTransitions.of(f.getVocabulary().size() + 1, f.getTransitions());
    }

    /** The calibrated g a release of this kind carries, if it has one. */
    public static Optional<Integer> topG(ModelRelease release) {
        if (release.getProvenance() == null) {
            return Optional.empty();
        }
        return release.getProvenance().getMetrics().stream().filter(m -> TOP_G_METRIC.equals(m.getName().toString()))
                .map(m -> (int) m.getValue()).findFirst();
    }
}
