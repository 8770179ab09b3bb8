package io.seqscore.app.input;

import io.seqscore.app.testing.Releases;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;

/** A small univariate release for the input-format tests. */
final class InputReleases {
    static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 4, 1);

    private InputReleases() {
    }

    static ModelRelease release(String name, long version) {
        return Releases.release(name, version, SPEC, Releases.randomParams(SPEC, 42, 0.6f),
                Releases.global(new float[] {10f}, new float[] {2f}), Releases.gaussian(SPEC, 0.5, 0.999, 3));
    }
}
