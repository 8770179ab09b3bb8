package io.seqscore.app.testing;

import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.pipeline.PipelineCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;

/**
 * One broker in this JVM with an in-memory registry for all the tests of a class (started before the first,
 * stopped after the last): {@code @RegisterExtension static final SharedCluster CLUSTER = new SharedCluster("x");}.
 * Each scorer run of a test gets a pipeline of its own on it ({@link #pipeline}).
 */
public final class SharedCluster implements BeforeAllCallback, AfterAllCallback {
    private final String registryScope;
    private PipelineCluster cluster;
    private int runs;

    public SharedCluster(String registryScope) {
        this.registryScope = registryScope;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = PipelineCluster.embedded(registryScope);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /**
     * A pipeline of its own on the cluster for one scorer run: topics and application id named {@code name}, a
     * number counting up and a dash; the scorer's state in {@code stateDir}; commits every 100 ms.
     */
    public EmbeddedPipeline.Builder pipeline(String name, Path stateDir) {
        return EmbeddedPipeline.builder(name + (++runs) + "-").cluster(cluster()).stateDir(stateDir)
                .setting("commit.interval.ms", "100");
    }

    public PipelineCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("the cluster runs from before the first test of a class to after its last");
        }
        return cluster;
    }
}
