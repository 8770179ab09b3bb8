package io.seqscore.model.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqscore.model.core.math.KernelPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Holds inference to the independent TensorFlow.js reference: every file of schema
 * {@code rnn-golden-forward/1} in {@code seqscore.golden.dir} is one test, run on both kernel paths,
 * each value within 1e-5.
 */
class GoldenForwardTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyForwardFileMatchesOnEveryKernelPath() {
        Path dir = GoldenDir.find().orElse(null);
        assumeTrue(dir != null, "no golden directory (set -D" + GoldenDir.PROPERTY + ")");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : jsonFiles(dir)) {
            JsonNode root = read(file);
            if (GoldenForwardCase.isForwardFile(root)) {
                String name = file.getFileName().toString();
                tests.add(DynamicTest.dynamicTest(name, file.toUri(), () -> checkAllPaths(GoldenForwardCase.of(name, root))));
            }
        }
        assumeTrue(!tests.isEmpty(), "no " + GoldenForwardCase.SCHEMA + " file in " + dir);
        return tests.stream();
    }

    static void checkAllPaths(GoldenForwardCase c) {
        c.check(KernelPath.SCALAR);
        if (KernelPath.vectorAvailable()) {
            c.check(KernelPath.VECTOR);
        }
    }

    private static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
