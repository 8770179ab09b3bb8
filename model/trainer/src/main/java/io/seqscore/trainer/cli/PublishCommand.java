package io.seqscore.trainer.cli;

import io.seqscore.avro.ModelRelease;
import io.seqscore.trainer.Releases;
import io.seqscore.trainer.release.ReleaseFiles;
import io.seqscore.trainer.release.ReleaseNetwork;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Publish a release file to the models topic (idempotent producer, acks=all). The release is"
                + " sent as it is (its version and signature unchanged); it is refused when the topic already holds"
                + " that version of the model or a later one, unless --force.")
final class PublishCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--in", paramLabel = "FILE", required = true, description = "The release file (from train --out).")
    Path in;

    @Option(names = "--force", description = "Publish even when the topic holds this version or a later one.")
    boolean force;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() {
        if (!kafka.configured()) {
            throw new ParameterException(spec.commandLine(), "publish needs --bootstrap-servers");
        }
        if (!kafka.hasRegistry()) {
            throw new ParameterException(spec.commandLine(), "publish needs --schema-registry-url");
        }
        ModelRelease release = ReleaseFiles.read(in);
        ReleaseNetwork.of(release);
        RecordMetadata meta = Releases.publish(release, kafka.settings(), kafka.modelsTopic, force);
        spec.commandLine().getOut().printf(Locale.ROOT, "published %s version %d to %s (partition %d, offset %d)%n",
                release.getName(), release.getVersion(), meta.topic(), meta.partition(), meta.offset());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
