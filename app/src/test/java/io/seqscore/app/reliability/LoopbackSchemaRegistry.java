package io.seqscore.app.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.seqscore.serde.MockSchemaRegistry;
import io.seqscore.serde.RegisteredSchema;
import io.seqscore.serde.SchemaRegistryException;
import org.apache.avro.Schema;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Schema Registry on 127.0.0.1 speaking the part of Confluent's REST API the serdes use (register, look up,
 * schema by id, latest), backed by a {@link MockSchemaRegistry} scope of its own, so that a scorer in a child
 * JVM and the test JVM see the same schema ids. Optionally requires one exact {@code Authorization} header.
 */
final class LoopbackSchemaRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern LOOKUP = Pattern.compile("/subjects/([^/]+)");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");
    private static final Pattern LATEST = Pattern.compile("/subjects/([^/]+)/versions/latest");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "loopback-registry");
        t.setDaemon(true);
        return t;
    });
    private final String scope = "loopback-" + UUID.randomUUID();
    private final MockSchemaRegistry backing = MockSchemaRegistry.scope(scope);
    private final String requiredAuthorization;
    private volatile int unauthorized;

    /** @param requiredAuthorization the exact Authorization header every request must carry, or null */
    LoopbackSchemaRegistry(String requiredAuthorization) throws IOException {
        this.requiredAuthorization = requiredAuthorization;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests refused for a missing or wrong Authorization header. */
    int unauthorized() {
        return unauthorized;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        MockSchemaRegistry.dropScope(scope);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (requiredAuthorization != null
                    && !requiredAuthorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized++;
                send(ex, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
                return;
            }
            route(ex, body);
        }
    }

    private void route(HttpExchange ex, String body) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        boolean post = ex.getRequestMethod().equals("POST");
        Matcher m;
        ObjectNode out = JSON.createObjectNode();
        try {
            if (post && (m = REGISTER.matcher(path)).matches()) {
                out.put("id", backing.register(subject(m), schemaOf(body)));
            } else if (post && (m = LOOKUP.matcher(path)).matches()) {
                Schema schema = schemaOf(body);
                out.put("subject", subject(m)).put("id", backing.idOf(subject(m), schema)).put("version", 1)
                        .put("schema", schema.toString());
            } else if (!post && (m = BY_ID.matcher(path)).matches()) {
                out.put("schema", backing.schemaById(Integer.parseInt(m.group(1))).toString());
            } else if (!post && (m = LATEST.matcher(path)).matches()) {
                RegisteredSchema latest = backing.latest(subject(m));
                out.put("subject", latest.subject()).put("id", latest.id()).put("version", latest.version())
                        .put("schema", latest.schema().toString());
            } else {
                send(ex, 404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
                return;
            }
        } catch (SchemaRegistryException e) {
            send(ex, e.status(), JSON.writeValueAsString(JSON.createObjectNode().put("error_code", e.errorCode())
                    .put("message", e.getMessage())));
            return;
        }
        send(ex, 200, JSON.writeValueAsString(out));
    }

    private static String subject(Matcher m) {
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static Schema schemaOf(String body) throws IOException {
        JsonNode node = JSON.readTree(body);
        return new Schema.Parser().parse(node.get("schema").asText());
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
