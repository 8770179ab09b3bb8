package io.seqscore.serde;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Schema Registry for development and tests: Confluent's REST API (see {@link RegistryRoutes}) over an
 * in-memory {@link MockSchemaRegistry} of its own, so that serdes in other processes share its schema ids.
 * With a journal file the schemas outlive the process. Compatibility is BACKWARD and cannot be changed;
 * there is no authentication, no deletion and no TLS unless the caller's {@link HttpsServer} brings it.
 */
public final class SchemaRegistryServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final String scope = "registry-server-" + UUID.randomUUID();
    private final MockSchemaRegistry registry = MockSchemaRegistry.scope(scope);

    private SchemaRegistryServer(HttpServer server, Path journal, List<Filter> filters) throws IOException {
        this.server = server;
        SchemaJournal store = journal == null ? null : new SchemaJournal(journal);
        if (store != null) {
            store.replay(registry);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "schema-registry-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        HttpContext context = server.createContext("/", new RegistryRoutes(registry, v -> {
            if (store != null) {
                store.append(v);
            }
        }));
        context.getFilters().addAll(filters);
        server.start();
    }

    /**
     * Serves on {@code address} ({@code port} 0 for any free one).
     *
     * @param journal the file the schemas are kept in and read back from, or null to keep them in memory only
     * @throws IOException when the address is taken or the journal cannot be read
     */
    public static SchemaRegistryServer start(InetSocketAddress address, Path journal) throws IOException {
        return new SchemaRegistryServer(HttpServer.create(address, 0), journal, List.of());
    }

    /** Serves on {@code server} (not yet started, no context), each request passing {@code filters} first. */
    public static SchemaRegistryServer start(HttpServer server, Path journal, List<Filter> filters) throws IOException {
        return new SchemaRegistryServer(server, journal, filters);
    }

    /** {@code http://127.0.0.1:PORT} (https for an {@link HttpsServer}), with the address's host. */
    public String url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isLoopbackAddress() ? "127.0.0.1" : address.getHostString();
        return scheme + "://" + host + ":" + address.getPort();
    }

    /** The registry behind the server: what it serves, for checks and for serdes in this JVM. */
    public MockSchemaRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        MockSchemaRegistry.dropScope(scope);
    }
}
