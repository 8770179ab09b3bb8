package io.seqscore.app.cli;

import io.seqscore.app.command.CliContext;
import io.seqscore.app.command.CommandFailure;
import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.config.SeqscoreConfig;
import org.apache.kafka.common.config.ConfigException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the scorer's properties file of a command, failing with the command's configuration exit code. */
final class ScorerConfigFile {
    private ScorerConfigFile() {
    }

    /** The settings of {@code file} with the context's SEQSCORE_* environment overrides. */
    static SeqscoreConfig load(Path file, CliContext context) {
        try {
            return SeqscoreConfig.load(file, context.env());
        } catch (NoSuchFileException e) {
            throw new CommandFailure(ExitCodes.CONFIG, "config file not found: " + file, e);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.CONFIG, "cannot read config file " + file + ": " + e, e);
        } catch (ConfigException e) {
            throw new CommandFailure(ExitCodes.CONFIG, "invalid configuration: " + e.getMessage(), e);
        }
    }
}
