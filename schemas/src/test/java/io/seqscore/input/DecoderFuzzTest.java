package io.seqscore.input;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated records through the json decoder under several mappings: each one decodes, or fails
 * with a SerializationException (bytes) or an InputMappingException (mapping), never anything else, which
 * would stop a stream thread.
 */
class DecoderFuzzTest {
    private static final List<InputMapping> MAPPINGS = List.of(
            InputMapping.DEFAULT,
            InputMapping.of(List.of("a.b", "c"), "t", "iso-8601", "Europe/Paris", "k.id", List.of("k", "a")),
            InputMapping.of(List.of("values"), "time", "epoch-seconds", "UTC", "key", List.of()),
            InputMapping.of(List.of("values"), "time", "yyyy-MM-dd HH:mm[:ss]", "+05:30", null, List.of("time")));
    private static final String[] SEEDS = {
        "{\"key\":\"k\",\"time\":1700000000000,\"values\":[1.5,2]}",
        "{\"a\":{\"b\":[1,2,3]},\"c\":4,\"t\":\"2023-11-14T22:13:20Z\",\"k\":{\"id\":7}}",
        "{\"time\":\"2023-11-14 22:13:20\",\"values\":-1e308,\"key\":\"x\"}",
        "{\"time\":1.7e9,\"values\":[NaN,Infinity],\"key\":null}",
    };
    private static final byte[] ALPHABET = "{}[]\":,.-+0123456789eEtruefalsnNaI \\u".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldOnlyDecodeOrRejectMutatedAndRandomRecords() {
        SplittableRandom random = new SplittableRandom(2024);
        Map<MappingProblem, Integer> problems = new EnumMap<>(MappingProblem.class);
        int decoded = 0;
        int undecodable = 0;
        for (InputMapping mapping : MAPPINGS) {
            EventDecoder d = InputFormats.named("json").decoders(mapping, Map.of()).get();
            for (int i = 0; i < 5_000; i++) {
                byte[] value = i % 5 == 0 ? randomBytes(random) : mutate(SEEDS[random.nextInt(SEEDS.length)], random);
                try {
                    DecodedEvent e = d.decode("t", new RecordHeaders(), i % 3 == 0 ? null : new byte[] {'r'}, value,
                            i % 7 == 0 ? -1 : i);
                    assertThat(e.values()).isNotEmpty();
                    assertThat(e.key()).isNotNull();
                    decoded++;
                } catch (SerializationException e) {
                    undecodable++;
                } catch (InputMappingException e) {
                    problems.merge(e.problem(), 1, Integer::sum);
                }
            }
        }
        assertThat(decoded).isPositive();
        assertThat(undecodable).isPositive();
        assertThat(problems).containsKeys(MappingProblem.FIELD_MISSING, MappingProblem.NOT_A_NUMBER,
                MappingProblem.BAD_TIME);
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] b = new byte[random.nextInt(64)];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextBoolean() ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) random.nextInt(256);
        }
        return b;
    }

    private static byte[] mutate(String seed, SplittableRandom random) {
        byte[] b = seed.getBytes(StandardCharsets.UTF_8);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(3)) {
                case 0 -> b[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                case 1 -> b = java.util.Arrays.copyOf(b, Math.max(1, at));
                default -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }
}
