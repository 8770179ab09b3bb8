package io.seqscore.serde;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module's tests run twice: against the Avro the project builds with, and against Avro 1.12.1,
 * the version every Confluent 8.x release pins (the surefire execution {@code avro-confluent} swaps the jar).
 * This holds each run to the version it claims, so that the second run cannot silently test 1.12.2 again.
 */
class AvroRuntimeVersionTest {

    @Test
    void shouldRunAgainstTheAvroVersionTheExecutionNames() throws Exception {
        String expected = System.getProperty("seqscore.avro.expected");
        assertThat(expected).as("system property seqscore.avro.expected, set by the module's surefire executions")
                .isNotBlank();
        assertThat(FreshJvmTrustTest.avroJarName()).isEqualTo("avro-" + expected + ".jar");
        assertThat(AvroTrust.avroChecksClassTrust()).isEqualTo(!"1.12.1".equals(expected));
    }
}
