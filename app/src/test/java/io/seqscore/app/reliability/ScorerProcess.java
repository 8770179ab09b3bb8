package io.seqscore.app.reliability;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code seqscore run --config FILE} ({@link io.seqscore.app.cli.Main}) in a child JVM with the test JVM's
 * java and class path, its output appended to a log file. {@link #kill()} is SIGKILL: no shutdown hook, no
 * commit, no flush.
 */
final class ScorerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ScorerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Writes {@code properties} to {@code dir/name.properties} and starts the scorer with them; its output goes to
     * {@code name.log} in the directory the system property {@code seqscore.reliability.logs} names (the build
     * directory's {@code reliability-logs} under Maven), else in {@code dir}.
     */
    static ScorerProcess start(Path dir, String name, Map<String, Object> properties) throws IOException {
        Path config = dir.resolve(name + ".properties");
        Properties p = new Properties();
        properties.forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
        try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(out, null);
        }
        String logs = System.getProperty("seqscore.reliability.logs");
        Path log = (logs == null ? dir : Files.createDirectories(Path.of(logs))).resolve(name + ".log");
        Files.deleteIfExists(log);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector",
                "-Xmx384m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "io.seqscore.app.cli.Main", "run", "--config", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("SEQSCORE_"));
        return new ScorerProcess(builder.start(), log);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, then waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("scorer pid " + pid() + " did not die after SIGKILL");
        }
    }

    /**
     * SIGTERM (graceful shutdown); returns the exit code: 143 (128 + SIGTERM) is what a JVM ends with when a signal,
     * not the program, began its shutdown, after running the shutdown hooks.
     */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("scorer pid " + pid() + " did not stop within 60 s of SIGTERM; log " + log);
        }
        return process.exitValue();
    }

    Path log() {
        return log;
    }

    String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
