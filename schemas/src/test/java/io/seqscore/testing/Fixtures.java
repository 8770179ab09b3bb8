package io.seqscore.testing;

import io.seqscore.avro.Architecture;
import io.seqscore.avro.Calibration;
import io.seqscore.avro.CellType;
import io.seqscore.avro.Event;
import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.Head;
import io.seqscore.avro.InputFeatures;
import io.seqscore.avro.Layer;
import io.seqscore.avro.Metric;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.NamedValue;
import io.seqscore.avro.Normalizer;
import io.seqscore.avro.NormalizerMode;
import io.seqscore.avro.Parameter;
import io.seqscore.avro.Provenance;
import io.seqscore.avro.RolloutDirective;
import io.seqscore.avro.RolloutMode;
import io.seqscore.avro.ScaleEstimator;
import io.seqscore.avro.ScoreStatistic;
import io.seqscore.avro.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;

/** Small contract records whose encodings the tests derive by hand. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Event event(long millis, Double... values) {
        return Event.newBuilder().setEventTime(Instant.ofEpochMilli(millis)).setValues(List.of(values)).build();
    }

    /** A little-endian float32 tensor. */
    public static Tensor tensor(String name, List<Integer> shape, float... values) {
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        data.flip();
        return Tensor.newBuilder().setName(name).setShape(shape).setData(data).build();
    }

    /**
     * The release of the hand-derived vector: a one-unit RNN_TANH on one input, one-step head, global
     * normalizer, a canary rollout; unsigned.
     */
    public static ModelRelease tinyRelease() {
        return ModelRelease.newBuilder()
                .setName("m")
                .setVersion(2L)
                .setCreatedAt(Instant.ofEpochMilli(1000))
                .setArchitecture(Architecture.newBuilder()
                        .setInputSize(1)
                        .setLayers(List.of(Layer.newBuilder().setCell(CellType.RNN_TANH).setUnits(1).build()))
                        .setHorizon(1)
                        .setOutputDim(1)
                        .build())
                .setWeights(List.of(
                        tensor("layer0.W", List.of(1, 1), 0.5f),
                        tensor("layer0.U", List.of(1, 1), -1.0f),
                        tensor("layer0.b", List.of(1), 0.0f),
                        tensor("head.W", List.of(1, 1), 2.0f),
                        tensor("head.b", List.of(1), 0.25f)))
                .setNormalizer(Normalizer.newBuilder()
                        .setMode(NormalizerMode.GLOBAL)
                        .setMean(List.of(10f))
                        .setStd(List.of(2f))
                        .build())
                .setCalibration(Calibration.newBuilder()
                        .setCenter(List.of(0.0))
                        .setScale(List.of(1.0))
                        .setScaleEstimator(ScaleEstimator.MAD)
                        .setStatistic(ScoreStatistic.MAX_ABS)
                        .setThreshold(0.5)
                        .setTargetFpr(0.25)
                        .setIntervalCoverage(0.5)
                        .setIntervalLower(List.of(-2.0))
                        .setIntervalUpper(List.of(2.0))
                        .setWarmupSteps(10)
                        .setSampleCount(100L)
                        .build())
                .setProvenance(Provenance.newBuilder()
                        .setSource("t")
                        .setDataTo(Instant.ofEpochMilli(1000))
                        .setKeyCount(2L)
                        .setEventCount(64L)
                        .setSeed(-1L)
                        .setHyperParameters(List.of(Parameter.newBuilder().setName("lr").setValue("0.5").build()))
                        .setMetrics(List.of(Metric.newBuilder().setName("mae").setStep(1).setValue(0.5).build()))
                        .build())
                .setRollout(RolloutDirective.newBuilder()
                        .setMode(RolloutMode.CANARY)
                        .setCanaryPercent(12.5)
                        .setRollbackTo(1L)
                        .build())
                .build();
    }

    /**
     * The Avro body of {@link #tinyRelease()}, derived by hand from the Avro specification: ints and
     * longs are zig-zag varints (n → 2n for n ≥ 0, −1 → 1; 7 bits per byte, low group first, high bit =
     * more follows), strings and bytes are a length then the bytes, an array is a block count, the items,
     * and a 0 count, a union is the branch index then the value, an enum its symbol index, a float 4
     * and a double 8 little-endian IEEE-754 bytes, a record its fields in order. This is the body under the
     * first released schema (ModelRelease v1, which ends with the signature): the body of canonical form 1.
     */
    public static final String TINY_RELEASE_BODY_V1 = tinyBody("");

    private static String tinyBody(String head) {
        return tinyBodyBeforeSignature(head) + "00"; // signature null: branch 0
    }

    /** The body of {@link #tinyRelease()} up to its signature, with the architecture's head encoded as {@code head}. */
    public static String tinyBodyBeforeSignature(String head) {
        return TINY_UP_TO_OUTPUT_DIM + head + TINY_WEIGHTS_TO_ROLLOUT;
    }

    private static final String TINY_UP_TO_OUTPUT_DIM = ""
            + "02 6D"                            // name "m": length 1 → 02, 'm'
            + "04"                               // version 2 → zig-zag 4
            + "D0 0F"                            // createdAt 1000 → zig-zag 2000 = 15·128 + 80 → D0 0F
            // architecture
            + "02"                               // inputSize 1
            + "02 06 02 00"                      // layers: 1 item {cell RNN_TANH = symbol 3 → 06, units 1 → 02}, end 00
            + "02 02";                           // horizon 1, outputDim 1

    private static final String TINY_WEIGHTS_TO_ROLLOUT = ""
            // weights: 5 tensors (count 5 → 0A)
            + "0A"
            + "10 6C 61 79 65 72 30 2E 57 | 04 02 02 00 | 08 00 00 00 3F"  // "layer0.W" (8 chars → 10), [1,1], 4 bytes 0.5f = 3F000000
            + "10 6C 61 79 65 72 30 2E 55 | 04 02 02 00 | 08 00 00 80 BF"  // "layer0.U", [1,1], -1.0f = BF800000
            + "10 6C 61 79 65 72 30 2E 62 | 02 02 00    | 08 00 00 00 00"  // "layer0.b", [1], 0.0f
            + "0C 68 65 61 64 2E 57       | 04 02 02 00 | 08 00 00 00 40"  // "head.W" (6 chars → 0C), [1,1], 2.0f = 40000000
            + "0C 68 65 61 64 2E 62       | 02 02 00    | 08 00 00 80 3E"  // "head.b", [1], 0.25f = 3E800000
            + "00"
            // normalizer
            + "02"                               // mode GLOBAL = symbol 1
            + "02 00 00 20 41 00"                // mean [10f]: 10 = 1.25·2^3 → 41200000
            + "02 00 00 00 40 00"                // std [2f]
            + "00"                               // perKey []
            // calibration
            + "02 00 00 00 00 00 00 00 00 00"    // center [0.0]
            + "02 00 00 00 00 00 00 F0 3F 00"    // scale [1.0] = 3FF0000000000000
            + "02"                               // scaleEstimator MAD = symbol 1
            + "00"                               // statistic MAX_ABS = symbol 0
            + "00"                               // scoreQuantiles []
            + "00 00 00 00 00 00 E0 3F"          // threshold 0.5 = 3FE0000000000000
            + "00 00 00 00 00 00 D0 3F"          // targetFpr 0.25 = 3FD0000000000000
            + "00 00 00 00 00 00 E0 3F"          // intervalCoverage 0.5
            + "02 00 00 00 00 00 00 00 C0 00"    // intervalLower [-2.0] = C000000000000000
            + "02 00 00 00 00 00 00 00 40 00"    // intervalUpper [2.0] = 4000000000000000
            + "14"                               // warmupSteps 10 → 20
            + "C8 01"                            // sampleCount 100 → 200 = 1·128 + 72 → C8 01
            // provenance
            + "02 74"                            // source "t"
            + "00"                               // dataFrom null: branch 0
            + "02 D0 0F"                         // dataTo: branch 1, 1000
            + "04"                               // keyCount 2
            + "80 01"                            // eventCount 64 → 128 = 1·128 + 0 → 80 01
            + "01"                               // seed -1 → zig-zag 1
            + "00"                               // trainerVersion ""
            + "02 04 6C 72 06 30 2E 35 00"       // hyperParameters [{"lr", "0.5"}]
            + "02 06 6D 61 65 02 00 00 00 00 00 00 E0 3F 00" // metrics [{"mae", step 1, 0.5}]
            // rollout
            + "02"                               // mode CANARY = symbol 1
            + "00 00 00 00 00 00 29 40"          // canaryPercent 12.5 = 1.5625·2^3 → 4029000000000000
            + "00"                               // activateAt null
            + "02 02";                           // rollbackTo: branch 1, 1

    /** features at its form-2 default: kind VALUES = symbol 0, periodMillis, spacingMillis, toleranceMillis, historySize 0, clip 0.0f. */
    public static final String DEFAULT_FEATURES_V2 = "00 00 00 00 00 | 00 00 00 00";

    /** The Avro body of {@link #tinyRelease()} under canonical form 2: the v1 body, then the form-2 features. */
    public static final String TINY_RELEASE_BODY_V2 = TINY_RELEASE_BODY_V1 + DEFAULT_FEATURES_V2;

    /** The architecture's head at its default: kind "" (length 0), parameters [] (count 0). */
    public static final String DEFAULT_HEAD = "00 00";

    /** What form 3 appends to features: name "", parameters [], vocabulary []. */
    public static final String DEFAULT_NAMED_FEATURES = "00 00 00";

    /** What form 4 appends to features: transitions [], endSymbol null (union branch 0). */
    public static final String DEFAULT_TRANSITION_FEATURES = "00 00";

    /** features at its current default. */
    public static final String DEFAULT_FEATURES = DEFAULT_FEATURES_V2 + DEFAULT_NAMED_FEATURES + DEFAULT_TRANSITION_FEATURES;

    /** The Avro body of {@link #tinyRelease()} under the current schema (form 4): the head after outputDim, features last. */
    public static final String TINY_RELEASE_BODY = tinyBody(DEFAULT_HEAD) + DEFAULT_FEATURES;

    /** The Avro body of {@link #tinyRelease()} under canonical form 3: features without the form-4 fields. */
    public static final String TINY_RELEASE_BODY_V3 = tinyBody(DEFAULT_HEAD) + DEFAULT_FEATURES_V2 + DEFAULT_NAMED_FEATURES;

    /** {@link #TINY_RELEASE_BODY} with other features (their form-2 fields, then the form-3 and form-4 defaults). */
    public static String tinyReleaseBody(String featuresV2) {
        return tinyBody(DEFAULT_HEAD) + featuresV2 + DEFAULT_NAMED_FEATURES + DEFAULT_TRANSITION_FEATURES;
    }

    /** NAB's features: a day's season, 5-minute spacing, 30-minute tolerance, 320 events, clip 5. */
    public static InputFeatures seasonalFeatures() {
        return InputFeatures.newBuilder()
                .setKind(FeatureKind.SEASONAL_CHANGES)
                .setPeriodMillis(86_400_000L)
                .setSpacingMillis(300_000L)
                .setToleranceMillis(1_800_000L)
                .setHistorySize(320)
                .setClip(5f)
                .build();
    }

    /** {@link #seasonalFeatures()} encoded by hand. */
    public static final String SEASONAL_FEATURES = ""
            + "02"                               // kind SEASONAL_CHANGES = symbol 1
            + "80 F0 B2 52"                      // periodMillis 86400000 → 172800000 = 0x52·128³ + 0x32·128² + 0x70·128 + 0
            + "C0 CF 24"                         // spacingMillis 300000 → 600000 = 0x24·128² + 0x4F·128 + 0x40
            + "80 DD DB 01"                      // toleranceMillis 1800000 → 3600000 = 1·128³ + 0x5B·128² + 0x5D·128 + 0
            + "80 05"                            // historySize 320 → 640 = 5·128 + 0
            + "00 00 A0 40";                     // clip 5.0f = 40A00000

    /** {@link #tinyRelease()} with a named kind (parameters, vocabulary) and a quantile head, as form 3 adds them. */
    public static ModelRelease namedKindRelease() {
        ModelRelease r = tinyRelease();
        r.getArchitecture().setHead(Head.newBuilder()
                .setKind("quantile")
                .setParameters(List.of(new NamedValue("q", 0.5)))
                .build());
        r.setFeatures(InputFeatures.newBuilder()
                .setKind(FeatureKind.UNKNOWN)
                .setName("ES")
                .setParameters(List.of(new NamedValue("alpha", 0.25)))
                .setVocabulary(List.of("a"))
                .build());
        return r;
    }

    /** The head of {@link #namedKindRelease()} encoded by hand. */
    public static final String QUANTILE_HEAD = ""
            + "10 71 75 61 6E 74 69 6C 65"       // kind "quantile": length 8 → 10
            + "02 02 71 00 00 00 00 00 00 E0 3F 00"; // parameters [{"q", 0.5 = 3FE0000000000000}]

    /** The features of {@link #namedKindRelease()} encoded by hand. */
    public static final String NAMED_FEATURES = ""
            + "06"                               // kind UNKNOWN = symbol 3
            + "00 00 00 00 | 00 00 00 00"        // periodMillis, spacingMillis, toleranceMillis, historySize 0, clip 0.0f
            + "04 45 53"                         // name "ES"
            + "02 0A 61 6C 70 68 61 00 00 00 00 00 00 D0 3F 00" // parameters [{"alpha", 0.25 = 3FD0000000000000}]
            + "02 02 61 00";                     // vocabulary ["a"]
}
