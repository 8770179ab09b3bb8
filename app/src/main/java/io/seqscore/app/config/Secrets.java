package io.seqscore.app.config;

import io.seqscore.serde.AvroSerdeConfig;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells which passed-through properties hold secrets, so that they are never printed: those Kafka's
 * own client, Streams and serde configurations declare as {@link ConfigDef.Type#PASSWORD} (also under
 * the {@code producer.}, {@code consumer.}, {@code admin.} … prefixes Streams accepts), and any name
 * that looks like a credential.
 */
final class Secrets {
    static final String HIDDEN = "[hidden]";

    private static final List<ConfigDef> DEFINITIONS = List.of(StreamsConfig.configDef(), ProducerConfig.configDef(),
            ConsumerConfig.configDef(), AdminClientConfig.configDef(), AvroSerdeConfig.CONFIG);
    private static final List<String> CLIENT_PREFIXES = List.of(StreamsConfig.MAIN_CONSUMER_PREFIX,
            StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.CONSUMER_PREFIX,
            StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX);
    private static final Pattern LOOKS_SECRET =
            Pattern.compile(".*(password|secret|jaas|user\\.info|credential|token|private\\.key|api\\.key).*");

    private Secrets() {
    }

    static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (LOOKS_SECRET.matcher(lower).matches()) {
            return true;
        }
        String bare = name;
        for (String prefix : CLIENT_PREFIXES) {
            if (name.startsWith(prefix)) {
                bare = name.substring(prefix.length());
                break;
            }
        }
        for (ConfigDef def : DEFINITIONS) {
            ConfigDef.ConfigKey key = def.configKeys().get(bare);
            if (key != null && key.type == ConfigDef.Type.PASSWORD) {
                return true;
            }
        }
        return false;
    }
}
