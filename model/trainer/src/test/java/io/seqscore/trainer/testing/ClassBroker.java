package io.seqscore.trainer.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * A {@link KafkaBroker} shared by the tests of one class ({@code @RegisterExtension static}): started before the
 * class's own {@code @BeforeAll} methods run, closed after its last test.
 */
public final class ClassBroker implements BeforeAllCallback, AfterAllCallback {
    private KafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        broker = KafkaBroker.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public void createTopic(String name, int partitions, Map<String, String> configs) throws Exception {
        broker.createTopic(name, partitions, configs);
    }
}
