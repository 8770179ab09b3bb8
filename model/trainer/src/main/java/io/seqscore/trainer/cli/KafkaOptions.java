package io.seqscore.trainer.cli;

import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.kafka.KafkaSettings;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The Kafka and Schema Registry options shared by train, publish and inspect. */
final class KafkaOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (also read from the client config file as bootstrap.servers).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema Registry URL(s), comma-separated; mock://SCOPE for an in-memory registry"
                    + " (also read from the client config file as schema.registry.url).")
    String schemaRegistryUrl;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Properties file passed to every Kafka client and to the serdes (security, registry"
                    + " credentials, time-outs, ...).")
    Path configFile;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "One more client or registry property (repeatable; wins over the file).")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--models-topic", paramLabel = "TOPIC", defaultValue = "models",
            description = "The models topic (default: ${DEFAULT-VALUE}).")
    String modelsTopic;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", converter = Converters.Millis.class,
            description = "How long reading a topic to its end or publishing may take (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** Whether a broker was named, on the command line or in the config file. */
    boolean configured() {
        return bootstrapServers != null || merged().containsKey("bootstrap.servers");
    }

    /** Whether a Schema Registry URL was given, on the command line or in the config file. */
    boolean hasRegistry() {
        return schemaRegistryUrl != null || merged().containsKey("schema.registry.url");
    }

    /** @throws TrainerException when no broker is named */
    KafkaSettings settings() {
        Map<String, String> props = merged();
        String servers = bootstrapServers != null ? bootstrapServers : props.remove("bootstrap.servers");
        String registry = schemaRegistryUrl != null ? schemaRegistryUrl : props.remove("schema.registry.url");
        props.remove("bootstrap.servers");
        props.remove("schema.registry.url");
        if (servers == null) {
            throw new TrainerException("no Kafka broker given: set --bootstrap-servers");
        }
        return new KafkaSettings(servers, registry, props, timeout);
    }

    private Map<String, String> merged() {
        Map<String, String> props = new LinkedHashMap<>();
        if (configFile != null) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new TrainerException("cannot read the Kafka config file " + configFile + ": " + e.getMessage(), e);
            }
            p.stringPropertyNames().stream().sorted().forEach(k -> props.put(k, p.getProperty(k)));
        }
        props.putAll(properties);
        return props;
    }
}
