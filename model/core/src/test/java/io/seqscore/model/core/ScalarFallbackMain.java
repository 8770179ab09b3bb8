package io.seqscore.model.core;

/**
 * Run in a child JVM by {@link ScalarFallbackTest}: builds a network on the selected kernel path, steps
 * it and prints the path and the raw bits of the final state.
 */
public final class ScalarFallbackMain {
    private ScalarFallbackMain() {
    }

    public static void main(String[] args) {
        NetworkSpec spec = ScalarFallbackTest.spec();
        Network net = Network.of(spec, RandomNets.params(spec, ScalarFallbackTest.SEED));
        float[] s = net.newState();
        float[][] xs = RandomNets.inputs(ScalarFallbackTest.STEPS, spec.inputSize(), ScalarFallbackTest.SEED);
        net.forward(s, xs, new float[xs.length][net.outputSize()]);
        StringBuilder bits = new StringBuilder(net.kernelPath().name());
        for (float v : s) {
            bits.append(' ').append(Float.floatToRawIntBits(v));
        }
        System.out.println(bits);
    }
}
