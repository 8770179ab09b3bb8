package io.seqscore.trainer.release;

import io.seqscore.avro.Calibration;
import io.seqscore.avro.KeyNormalizer;
import io.seqscore.avro.InputFeatures;
import io.seqscore.avro.Layer;
import io.seqscore.avro.NamedValue;
import io.seqscore.avro.Metric;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Normalizer;
import io.seqscore.avro.Parameter;
import io.seqscore.avro.Provenance;
import io.seqscore.avro.RolloutDirective;
import io.seqscore.avro.Signature;
import io.seqscore.avro.Tensor;

import java.util.List;
import java.util.Locale;

/** A release as text for people: architecture, normalizer, calibration, metrics, provenance, rollout, signature. */
public final class ReleaseDescription {
    private ReleaseDescription() {
    }

    /** @param signatureStatus what checking the signature found, e.g. "VALID" or "not checked (no public key given)" */
    public static String format(ModelRelease r, String signatureStatus) {
        StringBuilder sb = new StringBuilder();
        line(sb, "model", r.getName() + " version " + r.getVersion() + ", created " + r.getCreatedAt());
        var a = r.getArchitecture();
        StringBuilder layers = new StringBuilder();
        for (Layer l : a.getLayers()) {
            layers.append(layers.length() == 0 ? "" : " > ").append(l.getCell()).append('(').append(l.getUnits()).append(')');
        }
        long params = 0;
        for (Tensor t : r.getWeights()) {
            params += t.getData().remaining() / 4;
        }
        String head = a.getHead() == null || a.getHead().getKind().isEmpty() ? "" : " (" + a.getHead().getKind()
                + named(a.getHead().getParameters()) + ")";
        line(sb, "architecture", "input " + a.getInputSize() + ", " + layers + ", head " + a.getHorizon() + " step(s) x "
                + a.getOutputDim() + " value(s)" + head + ", " + params + " parameters in " + r.getWeights().size() + " tensors");
        line(sb, "features", features(r.getFeatures()));
        Normalizer n = r.getNormalizer();
        line(sb, "normalizer", n.getMode() + (n.getMean().isEmpty() ? "" : " mean " + n.getMean() + " std " + n.getStd())
                + (n.getPerKey().isEmpty() ? "" : ", " + n.getPerKey().size() + " keys" + keySample(n.getPerKey())));
        Calibration c = r.getCalibration();
        line(sb, "calibration", "statistic " + c.getStatistic() + ", scale " + c.getScaleEstimator() + " " + fmt(c.getScale())
                + ", center " + fmt(c.getCenter()));
        line(sb, "", "threshold " + num(c.getThreshold()) + " for target FPR " + num(c.getTargetFpr())
                + (c.getScoreQuantiles().isEmpty() ? ", score erf(s/sqrt 2)" : ", score from " + c.getScoreQuantiles().size()
                + " quantile knots") + ", warm-up " + c.getWarmupSteps() + " events, " + c.getSampleCount()
                + " validation events");
        line(sb, "", "intervals " + num(c.getIntervalCoverage()) + ": lower " + fmt(c.getIntervalLower()) + " upper "
                + fmt(c.getIntervalUpper()));
        Provenance p = r.getProvenance();
        line(sb, "provenance", "source " + p.getSource() + ", data " + p.getDataFrom() + " .. " + p.getDataTo() + ", "
                + p.getKeyCount() + " keys, " + p.getEventCount() + " events, seed " + p.getSeed() + ", trainer "
                + p.getTrainerVersion());
        StringBuilder hp = new StringBuilder();
        for (Parameter param : p.getHyperParameters()) {
            hp.append(hp.length() == 0 ? "" : " ").append(param.getName()).append('=').append(param.getValue());
        }
        line(sb, "hyper-parameters", hp.toString());
        for (Metric m : p.getMetrics()) {
            line(sb, "metric", m.getName() + (m.getStep() == 0 ? "" : "@" + m.getStep()) + " = " + num(m.getValue()));
        }
        RolloutDirective ro = r.getRollout();
        line(sb, "rollout", ro.getMode() + (ro.getMode().name().equals("CANARY") ? " " + num(ro.getCanaryPercent()) + "%" : "")
                + (ro.getActivateAt() == null ? ", on arrival" : ", from event time " + ro.getActivateAt())
                + (ro.getRollbackTo() == null ? "" : ", rollback to version " + ro.getRollbackTo()));
        Signature s = r.getSignature();
        line(sb, "signature", s == null ? "none" : s.getAlgorithm() + " by key '" + s.getKeyId() + "' (canonical form "
                + s.getCanonicalForm() + "): " + signatureStatus);
        return sb.toString();
    }

    private static String features(InputFeatures f) {
        String name = f.getName().isEmpty() ? f.getKind().name() : f.getName();
        StringBuilder sb = new StringBuilder(name);
        if (f.getPeriodMillis() != 0 || f.getHistorySize() != 0) {
            sb.append(", period ").append(f.getPeriodMillis()).append(" ms, spacing ").append(f.getSpacingMillis())
                    .append(" ms, tolerance ").append(f.getToleranceMillis()).append(" ms, history ")
                    .append(f.getHistorySize()).append(", clip ").append(num(f.getClip()));
        }
        sb.append(named(f.getParameters()));
        if (!f.getVocabulary().isEmpty()) {
            sb.append(", vocabulary of ").append(f.getVocabulary().size()).append(" symbols");
        }
        return sb.toString();
    }

    private static String named(List<NamedValue> values) {
        StringBuilder sb = new StringBuilder();
        for (NamedValue v : values) {
            sb.append(' ').append(v.getName()).append('=').append(num(v.getValue()));
        }
        return sb.toString();
    }

    private static String keySample(List<KeyNormalizer> keys) {
        StringBuilder sb = new StringBuilder(" (");
        for (int i = 0; i < Math.min(3, keys.size()); i++) {
            sb.append(i == 0 ? "" : ", ").append(keys.get(i).getKey());
        }
        return sb.append(keys.size() > 3 ? ", ...)" : ")").toString();
    }

    private static void line(StringBuilder sb, String label, String text) {
        sb.append(String.format(Locale.ROOT, "%-17s %s%n", label, text));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String fmt(List<Double> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", values.get(i)));
        }
        return sb.append(']').toString();
    }
}
