package io.seqscore.model.core.train;

import io.seqscore.model.core.GoldenDir;
import com.fasterxml.jackson.databind.JsonNode;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Holds training to the independent TensorFlow.js reference: for every file of schema rnn-golden-grad/1,
 * the loss, every gradient (full BPTT), every clip_by_global_norm entry, and the Adam steps (from raw and
 * from clipped gradients, and a 3-step trajectory with the loss before each step), to 1e-5 absolute.
 */
class GoldenGradientTest {
    private static final double TOLERANCE = 1e-5;
    private static final Pattern CLIPPED_STEP = Pattern.compile("step1_from_clipped_(.+)_grads");

    @TestFactory
    List<DynamicTest> everyGradientFileMatchesTheReference() throws IOException {
        Optional<Path> found = GoldenDir.find();
        assumeTrue(found.isPresent(), "no golden directory (set -D" + GoldenDir.PROPERTY + "=DIR)");
        Path dir = found.get();
        List<Path> files = GoldenGradFile.files(dir);
        assumeTrue(!files.isEmpty(), "no " + GoldenGradFile.SCHEMA + " file in " + dir.toAbsolutePath());
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), file.toUri(),
                    () -> check(GoldenGradFile.read(file))));
        }
        return tests;
    }

    /** The files committed with the module (src/test/resources/golden): the symbol networks' references. */
    @TestFactory
    List<DynamicTest> everyCommittedGradientFileMatchesTheReference() throws Exception {
        java.net.URL url = GoldenGradientTest.class.getResource("/golden");
        assertThat(url).as("src/test/resources/golden on the test class path").isNotNull();
        Path dir = Path.of(url.toURI());
        List<Path> files = GoldenGradFile.files(dir);
        assertThat(files).as("golden files in %s", dir).isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), file.toUri(),
                    () -> check(GoldenGradFile.read(file))));
        }
        return tests;
    }

    private static void check(GoldenGradFile g) {
        NetworkSpec spec = g.spec;
        JsonNode root = g.root;
        float[] params = g.flat(root.path("weights").path("neutral"), "weights");
        Bptt bptt = new Bptt(spec, g.loss, g.batch.size(), g.batch.steps());
        double loss = bptt.forward(params, g.batch, 0, g.batch.size()) / g.batch.lossCount();
        assertThat(loss).as(g.name + " loss").isCloseTo(lossValue(root.get("loss")), within());
        if (root.has("predictions")) {
            JsonNode pred = root.get("predictions");
            for (int b = 0; b < g.batch.size(); b++) {
                for (int t = 0; t < g.batch.steps(); t++) {
                    for (int j = 0; j < spec.outputSize(); j++) {
                        assertThat((double) bptt.output(b, t, j)).as(g.name + " prediction [%d][%d][%d]", b, t, j)
                                .isCloseTo(pred.get(b).get(t).get(j).asDouble(), within());
                    }
                }
            }
        }
        bptt.zeroGrad();
        bptt.backward(params, g.batch.lossCount());
        float[] grads = bptt.grads().clone();
        assertClose(g, "grads", grads, g.flat(root.path("grads").path("neutral"), "grads"));
        if (root.has("grad_global_norm")) {
            assertThat(GradientClipping.globalNorm(grads)).as(g.name + " global norm")
                    .isCloseTo(root.get("grad_global_norm").asDouble(), within());
        }
        Map<String, Double> clipNorms = checkClipping(g, grads);
        if (root.has("adam")) {
            checkAdam(g, params, grads, clipNorms);
        }
    }

    private static Map<String, Double> checkClipping(GoldenGradFile g, float[] grads) {
        Map<String, Double> clipNorms = new java.util.TreeMap<>();
        JsonNode clipping = g.root.path("clip_by_global_norm");
        for (Map.Entry<String, JsonNode> e : clipping.properties()) {
            if (!e.getKey().startsWith("clip_")) {
                continue;
            }
            JsonNode entry = e.getValue();
            double clip = entry.get("clip_norm").asDouble();
            clipNorms.put(e.getKey().substring("clip_".length()), clip);
            float[] clipped = grads.clone();
            double norm = GradientClipping.clipByGlobalNorm(clipped, clip);
            String what = g.name + " " + e.getKey();
            if (entry.has("global_norm")) {
                assertThat(norm).as(what + " global_norm").isCloseTo(entry.get("global_norm").asDouble(), within());
            }
            if (entry.has("scale")) {
                assertThat(clip / Math.max(norm, clip)).as(what + " scale").isCloseTo(entry.get("scale").asDouble(), within());
            }
            if (entry.has("active")) {
                assertThat(norm > clip).as(what + " active").isEqualTo(entry.get("active").asBoolean());
            }
            assertClose(g, e.getKey() + " grads", clipped, g.flat(entry.path("grads").path("neutral"), what + " grads"));
        }
        assertThat(clipNorms.isEmpty() && clipping.isObject() && !clipping.isEmpty())
                .as(g.name + ": clip_by_global_norm has no clip_* entry").isFalse();
        return clipNorms;
    }

    private static void checkAdam(GoldenGradFile g, float[] params, float[] grads, Map<String, Double> clipNorms) {
        JsonNode adam = g.root.get("adam");
        JsonNode hp = adam.path("hyperparameters");
        int checked = 0;
        for (Map.Entry<String, JsonNode> e : adam.properties()) {
            String key = e.getKey();
            JsonNode entry = e.getValue();
            if (key.equals("step1_from_raw_grads")) {
                float[] w = params.clone();
                adam(hp, w.length).step(w, grads.clone());
                assertClose(g, "adam " + key, w, g.flat(entry.path("weights_after").path("neutral"), key));
                checked++;
            } else if (CLIPPED_STEP.matcher(key).matches()) {
                Matcher m = CLIPPED_STEP.matcher(key);
                m.matches();
                Double clip = clipNorms.get(m.group(1));
                if (clip == null) {
                    clip = Double.parseDouble(m.group(1).replace('_', '.'));
                }
                float[] w = params.clone();
                try (TrainingStep step = new TrainingStep(g.spec, g.loss, adam(hp, w.length), clip, Sharding.serial(), null)) {
                    step.step(w, g.batch);
                }
                assertClose(g, "adam " + key, w, g.flat(entry.path("weights_after").path("neutral"), key));
                checked++;
            } else if (key.startsWith("trajectory")) {
                checkTrajectory(g, params, hp, entry.get("steps"), key);
                checked++;
            } else if (entry.isObject() && entry.has("weights_after")) {
                fail(g.name + ": unknown Adam entry '" + key + "'");
            }
        }
        assertThat(checked).as(g.name + ": Adam entries checked").isPositive();
    }

    private static void checkTrajectory(GoldenGradFile g, float[] params, JsonNode hp, JsonNode steps, String key) {
        float[] w = params.clone();
        try (TrainingStep step = new TrainingStep(g.spec, g.loss, adam(hp, w.length))) {
            for (JsonNode s : steps) {
                String what = key + " step " + s.path("step").asInt();
                double loss = step.step(w, g.batch);
                if (s.has("loss_before_step")) {
                    assertThat(loss).as(g.name + " " + what + " loss_before_step")
                            .isCloseTo(s.get("loss_before_step").asDouble(), within());
                }
                if (s.has("grads")) {
                    assertClose(g, what + " grads", step.gradients(), g.flat(s.get("grads").path("neutral"), what + " grads"));
                }
                assertClose(g, what + " weights_after", w, g.flat(s.path("weights_after").path("neutral"), what));
            }
        }
        assertThat(steps.size()).as(g.name + " " + key + " steps").isPositive();
    }

    private static Adam adam(JsonNode hp, int paramCount) {
        return new Adam(paramCount, hp.path("learning_rate").asDouble(0.001), hp.path("beta1").asDouble(0.9),
                hp.path("beta2").asDouble(0.999), hp.path("epsilon").asDouble(Adam.DEFAULT_EPSILON), 0);
    }

    private static double lossValue(JsonNode loss) {
        return loss.isNumber() ? loss.asDouble() : loss.get("value").asDouble();
    }

    private static void assertClose(GoldenGradFile g, String what, float[] actual, float[] expected) {
        int worst = -1;
        double worstDiff = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs((double) actual[i] - expected[i]);
            if (!(d <= worstDiff)) {
                worst = i;
                worstDiff = d;
            }
        }
        if (worst >= 0 && !(worstDiff <= TOLERANCE)) {
            fail(g.name + " " + what + ": " + g.spec.describeParam(worst) + " is " + actual[worst] + ", reference "
                    + expected[worst] + " (|diff| " + worstDiff + " > " + TOLERANCE + ")");
        }
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(TOLERANCE);
    }
}
