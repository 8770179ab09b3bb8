package io.seqscore.trainer.cli;

import io.seqscore.avro.ModelRelease;
import io.seqscore.trainer.Releases;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** The signing options of the commands that make releases: train, publish --rollback and rollout watch. */
final class SigningOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--sign-key", paramLabel = "FILE",
            description = "Ed25519 private key (PEM, PKCS#8) to sign the releases this command makes with."
                    + " Default: unsigned.")
    Path signKey;

    @Option(names = "--key-id", paramLabel = "ID", description = "Key id in the signature. Default: the key file's name.")
    String keyId;

    /** @throws ParameterException when --key-id comes without --sign-key */
    void check() {
        if (keyId != null && signKey == null) {
            throw new ParameterException(command.commandLine(), "--key-id needs --sign-key");
        }
    }

    /** The release signed with --sign-key, or as it is without one. */
    ModelRelease sign(ModelRelease release) {
        return signKey != null ? Releases.sign(release, signKey, keyId) : release;
    }
}
