package io.seqscore.trainer.rollout;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics} of a {@link RolloutMetrics} on one address (127.0.0.1 unless told otherwise). */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;

    public MetricsServer(InetSocketAddress address, RolloutMetrics metrics) throws IOException {
        server = HttpServer.create(address, 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = metrics.exposition().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
