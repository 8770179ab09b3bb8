package io.seqscore.app.model;

import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored form of a plan: exact round trip, and precise refusals of damaged bytes. */
class StoredRolloutTest {
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 2, 1);
    private final ModelReleaseDecoder decoder = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED);

    private ServingModel model(ModelRelease r) throws ReleaseRejectedException {
        return decoder.decode("m", r);
    }

    private static ModelRelease release(long version) {
        return Releases.release("m", version, SPEC, Releases.randomParams(SPEC, version, 0.3f), Releases.none(),
                Releases.gaussian(SPEC, 1, 0.99, 0));
    }

    @Test
    void shouldRoundTripAPlanWithItsPhasesAndReleaseBytes() throws Exception {
        ServingModel v1 = model(release(1));
        ServingModel c2 = model(Rollouts.canary(release(2), 12.5, null));
        ServingModel s3 = model(Rollouts.shadow(release(3), 7_000L));
        RolloutPlan plan = RolloutPlan.empty("m").with(v1, 4).with(c2, 4).with(s3, 4);
        Map<Long, byte[]> bytes = Map.of(1L, new byte[] {0, 1}, 2L, new byte[] {0, 2, 2}, 3L, new byte[] {0, 3, 3, 3});

        StoredRollout stored = StoredRollout.of(plan, bytes::get);
        assertThat(stored).isEqualTo(new StoredRollout(3, List.of(new StoredRollout.Release(1, new byte[] {0, 1}),
                new StoredRollout.Release(2, new byte[] {0, 2, 2}), new StoredRollout.Release(3, new byte[] {0, 3, 3, 3})),
                List.of(new StoredRollout.Phase(Long.MIN_VALUE, 1, 2, 12.5, -1),
                        new StoredRollout.Phase(7_000L, 1, 2, 12.5, 3))));
        byte[] encoded = stored.encode();
        // 2 header + 8 latest + 2 count + 3·12 + (2+3+4) bytes + 2 count + 2·40 phases + 4 CRC
        assertThat(encoded).hasSize(2 + 8 + 2 + 36 + 9 + 2 + 80 + 4);
        assertThat(encoded[0]).isEqualTo((byte) 'R');
        assertThat(StoredRollout.isStoredRollout(encoded)).isTrue();
        assertThat(StoredRollout.isStoredRollout(new byte[] {0, 0, 0, 0, 1})).isFalse();
        StoredRollout decoded = StoredRollout.decode(encoded);
        assertThat(decoded).isEqualTo(stored);

        RolloutPlan back = decoded.toPlan("m", Map.of(1L, v1, 2L, c2, 3L, s3));
        assertThat(back.toString()).isEqualTo(plan.toString());
        assertThat(back.phaseAt(6_999).shadow()).isNull();
        assertThat(back.phaseAt(7_000).shadow()).isSameAs(s3);
        assertThat(back.phaseAt(0).canary()).isSameAs(c2);
        assertThat(back.kept()).containsExactly(v1, c2, s3);
        assertThat(back.latestRelease()).isEqualTo(3);
    }

    @Test
    void shouldRefuseDamagedBytesAndPlansNamingMissingReleases() throws Exception {
        ServingModel v1 = model(release(1));
        RolloutPlan plan = RolloutPlan.empty("m").with(v1, 4);
        byte[] good = StoredRollout.of(plan, v -> new byte[] {9}).encode();

        byte[] flipped = good.clone();
        flipped[12] ^= 1;
        assertThatThrownBy(() -> StoredRollout.decode(flipped)).hasMessage("stored rollout checksum mismatch");
        byte[] version = good.clone();
        version[1] = 2;
        assertThatThrownBy(() -> StoredRollout.decode(version)).hasMessage("unknown stored rollout format 2");
        assertThatThrownBy(() -> StoredRollout.decode(new byte[] {0, 1, 2})).hasMessage("not a stored rollout");
        byte[] truncated = withCrc(java.util.Arrays.copyOf(good, good.length - 12));
        assertThatThrownBy(() -> StoredRollout.decode(truncated)).hasMessage("truncated stored rollout");

        StoredRollout stored = StoredRollout.decode(good);
        assertThatThrownBy(() -> stored.toPlan("m", Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the stored rollout uses release 1, which it does not hold");
    }

    /** The bytes with their last four replaced by a valid CRC-32 of the rest. */
    private static byte[] withCrc(byte[] b) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, (int) crc.getValue());
        return b;
    }
}
