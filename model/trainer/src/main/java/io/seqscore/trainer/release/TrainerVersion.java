package io.seqscore.trainer.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The trainer's version, from the build (resource {@code io/seqscore/trainer/trainer.properties}). */
public final class TrainerVersion {
    private static final String VERSION = load();

    private TrainerVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = TrainerVersion.class.getResourceAsStream("/io/seqscore/trainer/trainer.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
