package io.seqscore.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.seqscore.app.evidence.VersionEvidence;
import io.seqscore.app.model.ModelRegistry;

import java.io.IOException;
import java.util.Objects;

/** {@code GET /api/models}: the {@link ModelsView} of this instance's registry (every instance reads every release). */
public final class ModelsEndpoint implements HttpHandler {
    public static final String PATH = "/api/models";

    private final ModelRegistry registry;
    private final VersionEvidence evidence;

    public ModelsEndpoint(ModelRegistry registry, VersionEvidence evidence) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.evidence = Objects.requireNonNull(evidence, "evidence");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Responses.json(exchange, 200, ModelsView.of(registry, evidence));
    }
}
