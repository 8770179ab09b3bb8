package io.seqscore.model.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the reference vectors are: the system property {@code seqscore.golden.dir} (set by Surefire),
 * else the first {@code shared/golden} found walking up from the working directory.
 */
public final class GoldenDir {
    public static final String PROPERTY = "seqscore.golden.dir";

    private GoldenDir() {
    }

    public static Optional<Path> find() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path dir = p.resolve("shared").resolve("golden");
            if (Files.isDirectory(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
