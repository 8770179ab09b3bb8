package io.seqscore.app.topology;

import io.seqscore.app.model.RejectedRelease;
import io.seqscore.app.model.RolloutView;
import io.seqscore.app.testing.ReferenceForecaster;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.SigningKeys;
import io.seqscore.avro.CellType;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.schemas.ReleaseSignatures;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.seqscore.app.topology.ModelLifecycleTest.PARAMS_V2;
import static io.seqscore.app.topology.ScoringValuesTest.MEAN;
import static io.seqscore.app.topology.ScoringValuesTest.PARAMS;
import static io.seqscore.app.topology.ScoringValuesTest.SPEC;
import static io.seqscore.app.topology.ScoringValuesTest.STD;
import static io.seqscore.app.topology.ScoringValuesTest.assertScored;
import static io.seqscore.app.topology.ScoringValuesTest.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every kind of invalid release is rejected with its reason — counted, listed in the registry's view —
 * while the version serving before goes on scoring, event after event.
 */
class ReleaseValidationTest {
    private static final KeyPair OPS = SigningKeys.generate();
    private static final KeyPair STRANGER = SigningKeys.generate();
    private static final double[] SERIES = {10.0, 10.3, 9.9, 10.1, 10.2, 9.8, 10.0, 10.4};

    private static ModelRelease wrongShape() {
        ModelRelease r = release(2, PARAMS_V2);
        r.getWeights().get(1).setShape(new ArrayList<>(List.of(4, 16)));
        return r;
    }

    private static ModelRelease nanWeight() {
        ModelRelease r = release(3, PARAMS_V2);
        ByteBuffer data = ByteBuffer.allocate(r.getWeights().get(2).getData().remaining()).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(4, Float.NaN);
        r.getWeights().get(2).setData(data);
        return r;
    }

    private static ModelRelease unknownCell() {
        ModelRelease r = release(4, PARAMS_V2);
        r.getArchitecture().getLayers().get(0).setCell(CellType.UNKNOWN);
        return r;
    }

    private static ModelRelease tampered(ModelRelease signed) {
        ModelRelease r = ModelRelease.newBuilder(signed).build();
        r.getCalibration().setThreshold(0.5);
        return r;
    }

    /** Publishes each release and checks after each that version 1 still scores the next event. */
    private static void publishAndKeepScoring(ScorerDriver driver, List<ModelRelease> releases) {
        ReferenceForecaster v1 = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        driver.send("k", 0, SERIES[0]);
        float[] previous = assertScored(driver.nextScore().value(), v1, null, 0, SERIES[0], 1, 1, ScoreStatus.WARMING_UP);
        for (int i = 0; i < releases.size(); i++) {
            driver.publish(releases.get(i));
            int t = i + 1;
            driver.send("k", t, SERIES[t]);
            previous = assertScored(driver.nextScore().value(), v1, previous, t, SERIES[t], 1, t + 1,
                    t < ScoringValuesTest.WARMUP ? ScoreStatus.WARMING_UP : ScoreStatus.OK);
        }
    }

    @Test
    void shouldRejectWrongShapesNonFiniteWeightsAndUnknownArchitecturesWhileTheOldVersionServes(@TempDir Path dir) {
        try (ScorerDriver driver = new ScorerDriver(dir, Map.of())) {
            driver.publish(release(1, PARAMS));
            publishAndKeepScoring(driver, List.of(wrongShape(), nanWeight(), unknownCell()));
            assertThat(driver.registry().rejections()).extracting(RejectedRelease::version, RejectedRelease::reason)
                    .containsExactly(
                            tuple(2L, "tensor layer0.U has shape [4, 16], the architecture needs [16, 4]"),
                            tuple(3L, "weight layer0.b[1] is not finite: NaN"),
                            tuple(4L, "layer 0 has an unknown cell type (written by a newer schema)"));
            assertThat(driver.registry().rejectedCount()).isEqualTo(3);
            assertThat(driver.registry().swapCount()).isEqualTo(1);
            RolloutView.ModelRollout view = RolloutView.of(driver.registry(), 0).models().get(0);
            assertThat(view.name()).isEqualTo("default");
            assertThat(view.current().serving()).isEqualTo(new RolloutView.VersionRef(1, 1));
            assertThat(view.rejected()).extracting(RolloutView.Rejection::version).containsExactly(2L, 3L, 4L);
            driver.assertNoMoreOutput();
        }
    }

    @Test
    void shouldRejectUnsignedUnknownKeyAndTamperedReleasesWhenTrustedKeysAreConfigured(@TempDir Path dir)
            throws Exception {
        Path keys = dir.resolve("trusted");
        SigningKeys.writePublic(OPS, keys.resolve("ops-2024.pub"));
        try (ScorerDriver driver = new ScorerDriver(dir.resolve("state"),
                Map.of("seqscore.release.trusted.keys", keys.toString()))) {
            driver.publish(ReleaseSignatures.sign(release(1, PARAMS), OPS.getPrivate(), "ops-2024"));
            assertThat(driver.registry().serving("default").version()).isEqualTo(1);

            ModelRelease unsigned = release(2, PARAMS_V2);
            ModelRelease unknownKey = ReleaseSignatures.sign(release(3, PARAMS_V2), STRANGER.getPrivate(), "stranger");
            ModelRelease wrongKey = ReleaseSignatures.sign(release(4, PARAMS_V2), STRANGER.getPrivate(), "ops-2024");
            ModelRelease changed = tampered(ReleaseSignatures.sign(release(5, PARAMS_V2), OPS.getPrivate(), "ops-2024"));
            publishAndKeepScoring(driver, List.of(unsigned, unknownKey, wrongKey, changed));

            String mismatch = "release signature by key 'ops-2024' does not match the release (changed after signing,"
                    + " or signed with another key)";
            assertThat(driver.registry().rejections()).extracting(RejectedRelease::version, RejectedRelease::reason)
                    .containsExactly(
                            tuple(2L, "release is unsigned, and this scorer requires a signature by one of its trusted"
                                    + " keys [ops-2024]"),
                            tuple(3L, "release is signed with key 'stranger', which is not among the trusted keys"
                                    + " [ops-2024]"),
                            tuple(4L, mismatch),
                            tuple(5L, mismatch));
            assertThat(driver.registry().rejectedCount()).isEqualTo(4);

            driver.publish(ReleaseSignatures.sign(release(6, PARAMS_V2), OPS.getPrivate(), "ops-2024"));
            driver.send("k", 5, SERIES[5]);
            assertThat(driver.nextScore().value().getModelVersion()).isEqualTo(6L);
            driver.assertNoMoreOutput();
        }
    }

    @Test
    void shouldRefuseToStartWithTrustedKeysItCannotRead(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("ops.pub"), "not a key");
        assertThatThrownBy(() -> new ScorerDriver(dir.resolve("state"),
                Map.of("seqscore.release.trusted.keys", bad.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(bad + " is not a PEM file with a -----BEGIN PUBLIC KEY----- block");
    }
}
