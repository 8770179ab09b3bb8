package io.seqscore.model.core;

import java.util.Arrays;

/**
 * A named tensor inside the flat parameter array: {@code layer{k}.W|U|b|bR}, {@code head.W|b}.
 * These names and shapes are also those of the weights in a model release.
 */
public record ParamTensor(String name, int offset, int[] shape) {
    public ParamTensor {
        shape = shape.clone();
    }

    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** "name[r][c]" (or "name[i]" for a vector) of the element at flat index {@code offset() + i}. */
    public String element(int i) {
        return shape.length == 2 ? name + "[" + i / shape[1] + "][" + i % shape[1] + "]" : name + "[" + i + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamTensor t && name.equals(t.name) && offset == t.offset && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + offset) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + "@" + offset;
    }
}
