package io.seqscore.app.reliability;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Byte-level mutations of valid inputs, as coverage-guided fuzzers make them: bit flips, random and boundary
 * bytes (0x00, 0x01, 0x7f, 0x80, 0xff: the edges of Avro's zig-zag varints), truncation, insertion, deletion and
 * duplication of runs. Deterministic in the seed, so a failing case is replayed from it (the fuzz properties turn
 * jqwik's shrinking off: a smaller seed is not a simpler input).
 */
final class Mutator {
    private static final byte[] BOUNDARY = {0x00, 0x01, 0x02, 0x7f, (byte) 0x80, (byte) 0xfe, (byte) 0xff};

    private Mutator() {
    }

    /** One of {@code seeds}, mutated 1 to 4 times, chosen by {@code seed}. */
    static byte[] mutate(List<byte[]> seeds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            b = once(b, random);
        }
        return b;
    }

    /** {@code length} random bytes (0 to maxLength), chosen by {@code seed}. */
    static byte[] random(long seed, int maxLength) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] b = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(b);
        return b;
    }

    private static byte[] once(byte[] b, SplittableRandom random) {
        if (b.length == 0) {
            return new byte[] {BOUNDARY[random.nextInt(BOUNDARY.length)]};
        }
        int at = random.nextInt(b.length);
        switch (random.nextInt(8)) {
            case 0, 1 -> b[at] ^= (byte) (1 << random.nextInt(8));
            case 2 -> b[at] = (byte) random.nextInt(256);
            case 3 -> b[at] = BOUNDARY[random.nextInt(BOUNDARY.length)];
            case 4 -> {
                return Arrays.copyOf(b, at);
            }
            case 5 -> {
                byte[] insert = new byte[1 + random.nextInt(8)];
                random.nextBytes(insert);
                return splice(b, at, 0, insert);
            }
            case 6 -> {
                return splice(b, at, Math.min(b.length - at, 1 + random.nextInt(8)), new byte[0]);
            }
            default -> {
                int len = Math.min(b.length - at, 1 + random.nextInt(16));
                return splice(b, at, 0, Arrays.copyOfRange(b, at, at + len));
            }
        }
        return b;
    }

    /** {@code b} with {@code remove} bytes at {@code at} replaced by {@code insert}. */
    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
