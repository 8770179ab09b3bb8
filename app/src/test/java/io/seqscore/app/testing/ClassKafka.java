package io.seqscore.app.testing;

import io.seqscore.app.kafka.EmbeddedKafka;
import io.seqscore.serde.MockSchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * An {@link EmbeddedKafka} broker for the tests of one class ({@code @RegisterExtension static}): started before
 * the class's own {@code @BeforeAll} methods run, closed after its last test, together with the in-memory
 * registry scope the class used, if it names one.
 */
public final class ClassKafka implements BeforeAllCallback, AfterAllCallback {
    private final String registryScope;
    private EmbeddedKafka kafka;

    /** A broker whose tests use no in-memory registry. */
    public ClassKafka() {
        this(null);
    }

    /** @param registryScope the {@link MockSchemaRegistry} scope to drop after the last test */
    public ClassKafka(String registryScope) {
        this.registryScope = registryScope;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = EmbeddedKafka.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (registryScope != null) {
            MockSchemaRegistry.dropScope(registryScope);
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public Admin admin() {
        return kafka.admin();
    }

    public void createTopic(String name, int partitions, Map<String, String> configs) {
        kafka.createTopic(name, partitions, configs);
    }
}
