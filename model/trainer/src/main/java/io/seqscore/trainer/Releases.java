package io.seqscore.trainer;

import io.seqscore.avro.ModelRelease;
import io.seqscore.trainer.kafka.KafkaSettings;
import io.seqscore.trainer.kafka.ModelsTopic;
import io.seqscore.trainer.release.SigningKeys;
import io.seqscore.schemas.ReleaseSignatures;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.nio.file.Path;
import java.util.Optional;

/** Signing and publishing, shared by {@code train} and {@code publish}. */
public final class Releases {
    private Releases() {
    }

    /** The release signed with the Ed25519 key in {@code keyFile} under {@code keyId} (null: the file's name). */
    public static ModelRelease sign(ModelRelease release, Path keyFile, String keyId) {
        String id = keyId != null ? keyId : SigningKeys.defaultKeyId(keyFile);
        return ReleaseSignatures.sign(release, SigningKeys.readPrivate(keyFile), id);
    }

    /**
     * Publishes unless the topic already holds this version of the model or a later one (then only with
     * {@code force}).
     */
    public static RecordMetadata publish(ModelRelease release, KafkaSettings kafka, String topic, boolean force) {
        ModelsTopic models = new ModelsTopic(kafka, topic);
        models.requireExists();
        if (!force) {
            Optional<ModelRelease> latest = models.latest(release.getName());
            if (latest.isPresent() && latest.get().getVersion() >= release.getVersion()) {
                throw new TrainerException("the models topic " + topic + " already holds version "
                        + latest.get().getVersion() + " of '" + release.getName() + "'; version "
                        + release.getVersion() + " would not be newer (give a higher --version, or --force)");
            }
        }
        return models.publish(release);
    }
}
