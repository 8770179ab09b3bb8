package io.seqscore.trainer.sessions;

import io.seqscore.trainer.TrainerException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A sessions file: one session per line, its symbols separated by spaces or tabs (the layout of DeepLog's
 * HDFS log-key sessions). Blank lines hold no session and are skipped; line numbers count them.
 */
public final class SessionsFile {
    private SessionsFile() {
    }

    /** @throws TrainerException when the file cannot be read or holds no session */
    public static List<Session> read(Path file) {
        List<Session> sessions = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int line = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                String trimmed = text.strip();
                if (!trimmed.isEmpty()) {
                    sessions.add(new Session(line, Arrays.asList(trimmed.split("\\s+"))));
                }
            }
        } catch (NoSuchFileException e) {
            throw new TrainerException("sessions file " + file + " does not exist");
        } catch (IOException e) {
            throw new TrainerException("cannot read sessions file " + file + ": " + e.getMessage());
        }
        if (sessions.isEmpty()) {
            throw new TrainerException("sessions file " + file + " holds no session");
        }
        return sessions;
    }
}
