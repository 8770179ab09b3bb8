package io.seqscore.trainer.cli;

import io.seqscore.avro.ModelRelease;
import io.seqscore.trainer.Releases;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.kafka.ModelsTopic;
import io.seqscore.trainer.release.ReleaseFiles;
import io.seqscore.trainer.release.QualityGate;
import io.seqscore.trainer.release.ReleaseNetwork;
import io.seqscore.trainer.release.RollbackRelease;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "publish", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Publish a release file to the models topic (idempotent producer, acks=all). The release is"
                + " sent as it is (its version and signature unchanged); it is refused when the topic already holds"
                + " that version of the model or a later one, unless --force.",
                "With --rollback, publish instead a rollback to the file's model: its architecture, weights,"
                        + " normalizer and calibration under a new release version, FULL on arrival, with"
                        + " rollout.rollbackTo = the file's version (or the version the file itself restored)."
                        + " Scorers serve it as that version; sign it with --sign-key where they check signatures."})
final class PublishCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(PublishCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    CommandHelp help;

    @Option(names = "--in", paramLabel = "FILE", required = true, description = "The release file (from train --out).")
    Path in;

    @Option(names = "--rollback", description = "Publish a rollback release restoring the file's version.")
    boolean rollback;

    @Option(names = "--version", paramLabel = "N",
            description = "With --rollback: the rollback release's version. Default: one more than the models topic holds.")
    Long version;

    @Option(names = "--created-at", paramLabel = "TIME", converter = Converters.Time.class,
            description = "With --rollback: the rollback release's creation time. Default: $SOURCE_DATE_EPOCH if set,"
                    + " else now.")
    Long createdAt;

    @Mixin
    SigningOptions signing;

    @Option(names = "--force", description = "Publish even when the topic holds this version or a later one.")
    boolean force;

    @Option(names = QualityGate.ALLOW_OPTION,
            description = "Publish the file even when its quality gate failed (a release written by train"
                    + " --allow-worse-than-naive). A rollback is not checked: it restores a version already served.")
    boolean allowWorseThanNaive;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() {
        validate();
        ModelRelease release = ReleaseFiles.read(in);
        ReleaseNetwork.of(release);
        if (rollback) {
            release = rollbackOf(release);
        } else {
            QualityGate.check(release, allowWorseThanNaive);
        }
        RecordMetadata meta = Releases.publish(release, kafka.settings(), kafka.modelsTopic, force);
        String restores = rollback ? " (rollback to version " + release.getRollout().getRollbackTo() + ")" : "";
        spec.commandLine().getOut().printf(Locale.ROOT, "published %s version %d%s to %s (partition %d, offset %d)%n",
                release.getName(), release.getVersion(), restores, meta.topic(), meta.partition(), meta.offset());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void validate() {
        if (!rollback) {
            String needsRollback = version != null ? "--version" : createdAt != null ? "--created-at"
                    : signing.signKey != null ? "--sign-key" : null;
            if (needsRollback != null) {
                throw help.usage(needsRollback + " needs --rollback (without it the file is published unchanged)");
            }
        }
        signing.check();
        if (version != null && version < 1) {
            throw help.usage("--version must be >= 1, got " + version);
        }
        if (!kafka.configured()) {
            throw help.usage("publish needs --bootstrap-servers");
        }
        if (!kafka.hasRegistry()) {
            throw help.usage("publish needs --schema-registry-url");
        }
    }

    private ModelRelease rollbackOf(ModelRelease earlier) {
        long restored = RollbackRelease.restoredVersion(earlier);
        if (version != null && version <= restored) {
            throw help.usage("--version " + version + " must be above the version the rollback restores (" + restored + ")");
        }
        long releaseVersion = version != null ? version
                : new ModelsTopic(kafka.settings(), kafka.modelsTopic).nextVersion(earlier.getName());
        if (releaseVersion <= restored) {
            throw new TrainerException("the models topic " + kafka.modelsTopic + " holds no release of '"
                    + earlier.getName() + "' at or above version " + restored + ", the version the rollback restores:"
                    + " nothing to roll back from (give --version to publish it anyway)");
        }
        ModelRelease release = RollbackRelease.of(earlier, releaseVersion, TrainCommand.creationTime(createdAt));
        if (signing.signKey != null) {
            return signing.sign(release);
        }
        if (earlier.getSignature() != null) {
            LOG.warn("{} is signed by key '{}' but the rollback release is not (its version and rollout changed):"
                    + " give --sign-key where scorers check signatures", in, earlier.getSignature().getKeyId());
        }
        return release;
    }
}
