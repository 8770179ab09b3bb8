package io.seqscore.app.cli;

import io.seqscore.app.command.CommandFailure;
import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.config.SeqscoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code seqscore settings-table [--update FILE]} (hidden, for maintainers): prints the settings table of
 * docs/settings.md, generated from the settings' definitions, or rewrites it in FILE between the settings markers.
 */
@Command(name = "settings-table", hidden = true, mixinStandardHelpOptions = true,
        description = "Print the settings table (Markdown) generated from seqscore's setting definitions.")
final class SettingsTableCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--update", paramLabel = "FILE",
            description = "Rewrite the table in FILE between <!-- settings:start --> and <!-- settings:end -->.")
    private Path update;

    @Override
    public Integer call() {
        String table = SeqscoreConfig.settingsTable();
        if (update == null) {
            spec.commandLine().getOut().print(table);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        try {
            String document = Files.readString(update, StandardCharsets.UTF_8);
            Files.writeString(update, SettingsSection.replace(document, table), StandardCharsets.UTF_8);
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot update " + update + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, update + ": " + e.getMessage(), e);
        }
    }
}
