package io.seqscore.trainer.cli;

import io.seqscore.avro.ModelRelease;
import io.seqscore.schemas.ReleaseSignatures;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.kafka.ModelsTopic;
import io.seqscore.trainer.release.ReleaseDescription;
import io.seqscore.trainer.release.ReleaseFiles;
import io.seqscore.trainer.release.ReleaseNetwork;
import io.seqscore.trainer.release.SigningKeys;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Print a release: architecture, normalizer, calibration, metrics, provenance, rollout and"
                + " signature status. Exit code 3 when public keys are given and the signature is not valid under"
                + " them, or the weights do not fit the architecture.")
final class InspectCommand implements Callable<Integer> {
    static final int NOT_VALID = 3;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--in", paramLabel = "FILE", required = true, description = "A release file.")
        Path in;

        @Option(names = "--name", paramLabel = "NAME", required = true,
                description = "The latest release of this model on the models topic.")
        String name;
    }

    @Option(names = "--public-key", paramLabel = "FILE",
            description = "A trusted Ed25519 public key (PEM); its key id is its file name without the extension"
                    + " (repeatable).")
    List<Path> publicKeys = new ArrayList<>();

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() {
        ModelRelease release;
        if (target.in != null) {
            release = ReleaseFiles.read(target.in);
        } else {
            if (!kafka.configured() || !kafka.hasRegistry()) {
                throw new ParameterException(spec.commandLine(),
                        "inspect --name needs --bootstrap-servers and --schema-registry-url");
            }
            release = new ModelsTopic(kafka.settings(), kafka.modelsTopic).latest(target.name)
                    .orElseThrow(() -> new TrainerException("the models topic " + kafka.modelsTopic
                            + " holds no release of '" + target.name + "'"));
        }
        boolean weightsOk = true;
        String weights;
        try {
            ReleaseNetwork.of(release);
            weights = "weights fit the architecture";
        } catch (TrainerException e) {
            weightsOk = false;
            weights = "weights INVALID: " + e.getMessage();
        }
        String status;
        boolean valid = true;
        if (publicKeys.isEmpty()) {
            status = "not checked (no --public-key given)";
        } else {
            Map<String, PublicKey> trusted = new HashMap<>();
            for (Path p : publicKeys) {
                trusted.put(SigningKeys.defaultKeyId(p), SigningKeys.readPublic(p));
            }
            ReleaseSignatures.Verdict verdict = ReleaseSignatures.verify(release, trusted::get);
            status = verdict.name();
            valid = verdict == ReleaseSignatures.Verdict.VALID;
            if (release.getSignature() == null) {
                status = "UNSIGNED";
            }
        }
        var out = spec.commandLine().getOut();
        out.print(ReleaseDescription.format(release, status));
        out.printf("%-17s %s%n", "check", weights + (publicKeys.isEmpty() ? "" : "; signature " + status));
        out.flush();
        return valid && weightsOk ? 0 : NOT_VALID;
    }
}
