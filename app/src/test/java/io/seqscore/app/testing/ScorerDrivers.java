package io.seqscore.app.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts {@link ScorerDriver}s for a test class ({@code @RegisterExtension}, or {@link #closeAll} called by hand):
 * every driver of one test shares a fresh state directory, so a restarted driver finds the state of the one before;
 * after each test every driver is closed and the directory deleted.
 */
public final class ScorerDrivers implements AfterEachCallback {
    private final List<ScorerDriver> started = new ArrayList<>();
    private Path stateDir;

    /** A driver on this test's state directory, with these seqscore settings over the defaults. */
    public ScorerDriver start(Map<String, String> overrides) {
        ScorerDriver driver = new ScorerDriver(stateDir(), overrides);
        started.add(driver);
        return driver;
    }

    /** This test's state directory, created on first use. */
    public Path stateDir() {
        if (stateDir == null) {
            try {
                stateDir = Files.createTempDirectory("scorer-driver");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stateDir;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        closeAll();
    }

    /** Closes every driver started since the last call and deletes their state directory. */
    public void closeAll() throws IOException {
        started.forEach(ScorerDriver::close);
        started.clear();
        if (stateDir != null) {
            try (Stream<Path> files = Files.walk(stateDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            stateDir = null;
        }
    }
}
