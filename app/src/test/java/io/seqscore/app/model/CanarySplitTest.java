package io.seqscore.app.model;

import io.seqscore.app.testing.Releases;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The canary's side of a key: Kafka's murmur2 of the key bytes, the asked share, stable per key. */
class CanarySplitTest {
    private static final int KEYS = 10_000;
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.RNN_TANH, 1, 2, 1);
    private static ServingModel base;
    private static ServingModel candidate;

    @BeforeAll
    static void models() throws ReleaseRejectedException {
        ModelReleaseDecoder decoder = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED);
        base = decoder.decode("m", Releases.release("m", 1, SPEC, Releases.randomParams(SPEC, 1, 0.5f), Releases.none(),
                Releases.gaussian(SPEC, 1, 0.99, 0)));
        candidate = decoder.decode("m", Releases.release("m", 2, SPEC, Releases.randomParams(SPEC, 2, 0.5f),
                Releases.none(), Releases.gaussian(SPEC, 1, 0.99, 0)));
    }

    private static byte[] key(String k) {
        return k.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean inCanary(RolloutPhase phase, String key) {
        return phase.modelFor(CanarySplit.bucket(key(key))) == candidate;
    }

    @Test
    void shouldHashKeysWithKafkasMurmur2() {
        // Kafka's murmur2: "1" → −1993445489, "12" → 126087238, "123" → −267702483 (Kafka's own test vectors);
        // toPositive clears the sign bit (+2^31 for a negative hash), then mod 10000.
        assertThat(CanarySplit.bucket(key("1"))).isEqualTo((2_147_483_648L - 1_993_445_489L) % 10_000).isEqualTo(8159);
        assertThat(CanarySplit.bucket(key("12"))).isEqualTo(7238);
        assertThat(CanarySplit.bucket(key("123"))).isEqualTo(1165);
    }

    @Test
    void shouldTurnPercentagesIntoBucketCounts() {
        assertThat(CanarySplit.buckets(0)).isZero();
        assertThat(CanarySplit.buckets(12.5)).isEqualTo(1250);
        assertThat(CanarySplit.buckets(33.333)).isEqualTo(3333);
        assertThat(CanarySplit.buckets(100)).isEqualTo(10_000);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 5, 10, 25, 37.5, 50, 90})
    void shouldSendTheAskedShareOfTenThousandKeysToTheCanaryWithinTwoPoints(double percent) {
        RolloutPhase phase = new RolloutPhase(base, candidate, percent, null);
        int canary = 0;
        for (int i = 0; i < KEYS; i++) {
            if (inCanary(phase, "sensor-" + i)) {
                canary++;
            }
        }
        assertThat(100.0 * canary / KEYS).isCloseTo(percent, within(2.0));
    }

    @Test
    void shouldPutNoKeyAndEveryKeyInCanariesOfZeroAndAHundredPercent() {
        RolloutPhase none = new RolloutPhase(base, candidate, 0, null);
        RolloutPhase all = new RolloutPhase(base, candidate, 100, null);
        for (int i = 0; i < KEYS; i++) {
            assertThat(inCanary(none, "k" + i)).isFalse();
            assertThat(inCanary(all, "k" + i)).isTrue();
        }
        assertThat(none.hasCanary()).isFalse();
    }

    @Test
    void shouldOnlyAddKeysToTheCanaryWhenItsPercentageRises() {
        RolloutPhase ten = new RolloutPhase(base, candidate, 10, null);
        RolloutPhase thirty = new RolloutPhase(base, candidate, 30, null);
        int added = 0;
        for (int i = 0; i < KEYS; i++) {
            String k = "host-" + i;
            if (inCanary(ten, k)) {
                assertThat(inCanary(thirty, k)).as("key %s stays in the canary when it grows", k).isTrue();
            } else if (inCanary(thirty, k)) {
                added++;
            }
        }
        assertThat(100.0 * added / KEYS).isCloseTo(20.0, within(2.0));
    }
}
