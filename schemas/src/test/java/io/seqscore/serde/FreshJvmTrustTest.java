package io.seqscore.serde;

import example.consumer.ConfluentStyleReader;
import io.seqscore.avro.ShadowScore;
import io.seqscore.testing.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Confluent-style specific reader in a fresh JVM, with no JVM flag and no prior call, resolves a
 * writer schema to seqscore's generated class ({@link ConfluentStyleReader} in a child process with
 * this test's class path). Under Avro 1.12.2+ that resolution is checked against the trusted classes,
 * and the same child shows the check is on: a class of another package is refused. Under Avro 1.12.1
 * (the module's second surefire execution) there is no check and both load.
 */
class FreshJvmTrustTest {

    @Test
    void shouldReadIntoTheGeneratedClassesInAFreshJvmWithoutAnyFlag(@TempDir Path dir) throws Exception {
        ShadowScore shadow = WireVectorsTest.noModelShadowScore();
        // The body of WireVectorsTest's ShadowScore vector: every field at its default.
        byte[] body = Hex.bytes("00 00 00 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
        Path schemaFile = Files.writeString(dir.resolve("writer.avsc"), ShadowScore.getClassSchema().toString());
        Path bodyFile = Files.write(dir.resolve("body.bin"), body);

        Map<String, String> out = runChild(schemaFile, bodyFile);

        assertThat(out).containsEntry("class", ShadowScore.class.getName())
                .containsEntry("record", shadow.toString())
                .containsEntry("avro", avroJarName());
        assertThat(out.get("untrusted")).isEqualTo(AvroTrust.avroChecksClassTrust() ? "refused" : "loaded");
    }

    static String avroJarName() throws Exception {
        return Path.of(org.apache.avro.Schema.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getFileName().toString();
    }

    private static Map<String, String> runChild(Path schemaFile, Path bodyFile) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ConfluentStyleReader.class.getName(), schemaFile.toString(), bodyFile.toString())
                .redirectErrorStream(true)
                .start();
        boolean exited = child.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("child JVM exited within 60 s; output:%n%s", output).isTrue();
        assertThat(child.exitValue()).as("child JVM exit code; output:%n%s", output).isZero();
        Map<String, String> values = new HashMap<>();
        for (String line : output.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }
}
