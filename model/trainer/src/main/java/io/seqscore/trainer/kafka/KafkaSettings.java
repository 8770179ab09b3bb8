package io.seqscore.trainer.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How the trainer reaches Kafka and the Schema Registry: bootstrap servers, the registry URL
 * ({@code mock://SCOPE} for an in-memory one), and any other client or registry property (security,
 * time-outs, registry credentials), passed through as given to consumers, producers and serdes.
 *
 * @param timeout how long reading a topic to its end or publishing may take
 */
public record KafkaSettings(String bootstrapServers, String schemaRegistryUrl, Map<String, String> properties,
                            Duration timeout) {
    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must be given");
        }
        properties = Map.copyOf(properties);
    }

    /** Client and serde properties: the pass-through ones, then bootstrap servers and registry URL. */
    public Map<String, Object> common() {
        Map<String, Object> p = new HashMap<>(properties);
        p.put("bootstrap.servers", bootstrapServers);
        if (schemaRegistryUrl != null) {
            p.put("schema.registry.url", schemaRegistryUrl);
        }
        return p;
    }

    /** Names the pass-through properties without their values and hides URL credentials: they may be secrets. */
    @Override
    public String toString() {
        String registry = schemaRegistryUrl == null ? null : schemaRegistryUrl.replaceAll("//[^/@,]*@", "//[hidden]@");
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl=" + registry
                + ", properties=" + new java.util.TreeSet<>(properties.keySet()) + ", timeout=" + timeout + "]";
    }
}
