package io.seqscore.app.input;

import io.seqscore.app.testing.Releases;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;

import java.util.Arrays;

/** Small releases for the input-format tests: univariate unless told. */
final class InputReleases {
    private InputReleases() {
    }

    static ModelRelease release(String name, long version) {
        return release(name, version, 1);
    }

    /** A release reading {@code inputs} values per event. */
    static ModelRelease release(String name, long version, int inputs) {
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, inputs, 4, 1);
        float[] mean = new float[inputs];
        float[] std = new float[inputs];
        Arrays.fill(mean, 10f);
        Arrays.fill(std, 2f);
        return Releases.release(name, version, spec, Releases.randomParams(spec, 42, 0.6f), Releases.global(mean, std),
                Releases.gaussian(spec, 0.5, 0.999, 3));
    }
}
