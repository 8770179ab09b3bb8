package io.seqscore.app.state;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Round-trip properties of state format 4 over random states (the fuzzing of hostile bytes is StateFuzzTest's). */
class KeyStateCodecProperties {
    private final KeyStateCodec codec = new KeyStateCodec();

    @Property(tries = 500)
    void aStateReadsBackWithTheSameFieldsAndBytes(@ForAll long seed) {
        KeyState s = KeyStateFixtures.random(new SplittableRandom(seed));
        byte[] bytes = codec.encode(s);
        KeyState back = KeyStateCodec.decode(bytes);
        SameState.assertSameFields(back, s);
        assertThat(codec.encode(back)).isEqualTo(bytes);
        assertThat(codec.lastUpdateWallClock(bytes)).isEqualTo(s.lastUpdateWallClock());
    }

    @Property(tries = 500)
    void aReusedStateKeepsNothingOfThePreviousKey(@ForAll long first, @ForAll long second) {
        KeyState reused = KeyStateFixtures.random(new SplittableRandom(first));
        codec.decode(codec.encode(KeyStateFixtures.v4()), reused);
        byte[] bytes = codec.encode(KeyStateFixtures.random(new SplittableRandom(second)));
        codec.decode(bytes, reused);
        SameState.assertSameFields(reused, KeyStateCodec.decode(bytes));
    }

    /**
     * A state cut short is rejected by its checksum; with the checksum recomputed, by its fields, unless the cut falls
     * between two parts: the rest is then a valid state of the parts before the cut (the checksum is what tells a
     * cut value from a key that has fewer parts).
     */
    @Property(tries = 300)
    void aCutStateIsRejectedUnlessCutBetweenParts(@ForAll long seed, @ForAll @IntRange(min = 1, max = 10_000) int cut) {
        byte[] bytes = codec.encode(KeyStateFixtures.random(new SplittableRandom(seed)));
        int keep = Math.max(1, bytes.length - 4 - cut % (bytes.length - 4));
        byte[] shorter = Arrays.copyOf(Arrays.copyOf(bytes, keep), keep + 4);
        assertThatThrownBy(() -> codec.decode(shorter, new KeyState())).isInstanceOf(StateFormatException.class)
                .hasMessageStartingWith("state checksum mismatch");
        StatePartsTest.withCrc(shorter);
        boolean betweenParts = keep == bytes.length - 4
                || keep > 1 && StatePartsTest.locate(bytes).stream().anyMatch(p -> p.tag() == keep);
        if (betweenParts) {
            KeyState s = KeyStateCodec.decode(shorter);
            assertThat(codec.encode(s)).isEqualTo(shorter);
        } else {
            assertThatThrownBy(() -> codec.decode(shorter, new KeyState())).isInstanceOf(StateFormatException.class);
        }
    }
}
