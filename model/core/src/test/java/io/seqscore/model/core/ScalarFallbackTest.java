package io.seqscore.model.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqscore.model.core.math.KernelPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * In a JVM started without {@code --add-modules jdk.incubator.vector} a network runs on the scalar path,
 * gives the same bits as the scalar path here, and never loads a class that references the vector API.
 */
class ScalarFallbackTest {
    static final long SEED = 77;
    static final int STEPS = 25;

    static NetworkSpec spec() {
        return RandomNets.stack(2, 9, 1, 1, CellType.LSTM, CellType.GRU_RESET_BEFORE);
    }

    @Test
    void withoutTheVectorModuleTheNetworkStepsOnTheScalarPath() throws Exception {
        Child child = runChild(List.of("-Xlog:class+load=info"));

        assertThat(child.exitCode).as(child.stderr).isZero();
        String result = child.stdout.lines().filter(l -> l.startsWith("SCALAR")).findFirst().orElse("none");
        assertThat(result).isEqualTo(expectedScalarLine());
        assertThat(child.stdout).contains("io.seqscore.model.core.ScalarEngine")
                .doesNotContain("jdk.incubator.vector")
                .doesNotContain("io.seqscore.model.core.math.VectorKernels")
                .doesNotContain("io.seqscore.model.core.VectorEngine");
    }

    @Test
    void forcingTheVectorPathWithoutTheModuleFailsWithTheFlagToAdd() throws Exception {
        Child child = runChild(List.of("-D" + KernelPath.PROPERTY + "=vector"));

        assertThat(child.exitCode).isNotZero();
        assertThat(child.stderr).contains("IllegalStateException")
                .contains("start the JVM with --add-modules jdk.incubator.vector");
    }

    private static String expectedScalarLine() {
        NetworkSpec spec = spec();
        Network net = Network.of(spec, RandomNets.params(spec, SEED), KernelPath.SCALAR);
        float[] s = net.newState();
        float[][] xs = RandomNets.inputs(STEPS, spec.inputSize(), SEED);
        net.forward(s, xs, new float[xs.length][net.outputSize()]);
        StringBuilder bits = new StringBuilder("SCALAR");
        for (float v : s) {
            bits.append(' ').append(Float.floatToRawIntBits(v));
        }
        return bits.toString();
    }

    private record Child(int exitCode, String stdout, String stderr) {
    }

    private static Child runChild(List<String> jvmArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ScalarFallbackMain.class.getName());
        Path err = java.nio.file.Files.createTempFile("scalar-fallback", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("child JVM did not finish in 60 s");
            }
            return new Child(p.exitValue(), out, java.nio.file.Files.readString(err));
        } finally {
            java.nio.file.Files.deleteIfExists(err);
        }
    }
}
