package io.seqscore.trainer.cli;

import io.seqscore.trainer.release.SigningKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "keygen", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Generate an Ed25519 key pair for signing releases: DIR/NAME.key (private, PKCS#8 PEM, mode 600)"
                + " and DIR/NAME.pub (public, X.509 PEM). NAME is the key id the scorer's trusted keys use.")
final class KeygenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "seqscore",
            description = "Key id and file name. Default: ${DEFAULT-VALUE}.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".", description = "Where to write. Default: ${DEFAULT-VALUE}.")
    Path dir;

    @Override
    public Integer call() {
        if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
            throw new ParameterException(spec.commandLine(),
                    "--name must be letters, digits, '.', '_' or '-' and not start with '.', got '" + name + "'");
        }
        Path privateFile = dir.resolve(name + ".key");
        Path publicFile = dir.resolve(name + ".pub");
        SigningKeys.write(SigningKeys.generate(), privateFile, publicFile);
        var out = spec.commandLine().getOut();
        out.printf("key id %s%nprivate key %s (keep it secret)%npublic key %s (give it to the scorers)%n", name,
                privateFile, publicFile);
        out.flush();
        return 0;
    }
}
