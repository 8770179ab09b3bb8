package io.seqscore.app.reliability;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.seqscore.serde.SchemaRegistryServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link SchemaRegistryServer} on 127.0.0.1, shared by a scorer in a child JVM and the test JVM, that
 * optionally requires one exact {@code Authorization} header and counts the requests it refused.
 */
final class LoopbackSchemaRegistry implements AutoCloseable {
    private final SchemaRegistryServer server;
    private final AtomicInteger unauthorized = new AtomicInteger();

    /** @param requiredAuthorization the exact Authorization header every request must carry, or null */
    LoopbackSchemaRegistry(String requiredAuthorization) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<Filter> filters = requiredAuthorization == null ? List.of() : List.of(new Filter() {
            @Override
            public void doFilter(HttpExchange ex, Chain chain) throws IOException {
                if (requiredAuthorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    chain.doFilter(ex);
                    return;
                }
                unauthorized.incrementAndGet();
                try (ex) {
                    byte[] body = "{\"error_code\":401,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(401, body.length);
                    ex.getResponseBody().write(body);
                }
            }

            @Override
            public String description() {
                return "requires the Authorization header";
            }
        });
        server = SchemaRegistryServer.start(http, null, filters);
    }

    String url() {
        return server.url();
    }

    /** Requests refused for a missing or wrong Authorization header. */
    int unauthorized() {
        return unauthorized.get();
    }

    @Override
    public void close() {
        server.close();
    }
}
