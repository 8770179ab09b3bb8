package io.seqscore.model.core;

/**
 * The scratch buffers of one step: gate pre-activations and copies of the vectors being updated.
 * Not thread-safe: one per thread (or per Kafka Streams task), reused for every key and every step.
 * Get one from {@link Network#newWorkspace()}; it serves any network whose buffers it covers.
 */
public final class Workspace {
    final Shape shape;
    final float[] gates;
    final float[] gatesRec;
    final float[] inputs;
    final float[] hPrev;
    final float[] c;
    final float[] h;
    final float[] head;
    /** The embedding row of the current symbol, for a network that reads symbols. */
    final float[] embedded;
    /** Which way the vector kernels walk the weights this step; it flips every step so the weights read last are read first. */
    boolean descending;

    Workspace(Shape shape) {
        this(shape, 0);
    }

    Workspace(Shape shape, int embeddingDim) {
        this.shape = shape;
        this.embedded = new float[embeddingDim];
        this.gates = new float[shape.gates()];
        this.gatesRec = new float[shape.gates()];
        this.inputs = new float[shape.inputs()];
        this.hPrev = new float[shape.units()];
        this.c = new float[shape.units()];
        this.h = new float[shape.units()];
        this.head = new float[shape.head()];
    }

    /** Buffer lengths a kernel path needs for a network. */
    record Shape(int gates, int inputs, int units, int head) {
        boolean covers(Shape need) {
            return this == need || gates >= need.gates && inputs >= need.inputs && units >= need.units
                    && head >= need.head;
        }
    }
}
