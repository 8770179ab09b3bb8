package io.seqscore.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Confluent Schema Registry's REST paths over a {@link MockSchemaRegistry}: {@code /subjects},
 * {@code /subjects/S/versions[/V[/schema]]}, {@code POST /subjects/S} (look up), {@code /schemas/ids/ID[/schema]}, {@code /schemas/guids/GUID[/schema]},
 * {@code /compatibility/subjects/S/versions/V} and {@code /config[/S]} (BACKWARD only), with Confluent's error
 * JSON ({@code error_code}, {@code message}).
 */
final class RegistryRoutes implements HttpHandler {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final String LEVEL = "BACKWARD";
    private static final int INVALID_LEVEL = 42203;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUBJECTS = Pattern.compile("/subjects/?");
    private static final Pattern SUBJECT = Pattern.compile("/subjects/([^/]+)/?");
    private static final Pattern VERSIONS = Pattern.compile("/subjects/([^/]+)/versions/?");
    private static final Pattern VERSION = Pattern.compile("/subjects/([^/]+)/versions/([^/]+)(/schema)?");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)(/schema)?");
    private static final Pattern BY_GUID = Pattern.compile("/schemas/guids/([0-9a-f-]{36})(/schema)?");
    private static final Pattern COMPATIBILITY = Pattern.compile("/compatibility/subjects/([^/]+)/versions/([^/]+)");
    private static final Pattern CONFIG = Pattern.compile("/config(/[^/]+)?/?");

    private final MockSchemaRegistry registry;
    private final Consumer<RegisteredSchema> onNewVersion;

    /** @param onNewVersion told of every version a {@code POST /subjects/S/versions} adds */
    RegistryRoutes(MockSchemaRegistry registry, Consumer<RegisteredSchema> onNewVersion) {
        this.registry = registry;
        this.onNewVersion = onNewVersion;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = ex.getRequestURI().getRawPath();
            boolean verbose = "verbose=true".equals(ex.getRequestURI().getRawQuery());
            try {
                Object answer = switch (ex.getRequestMethod()) {
                    case "GET" -> get(path);
                    case "POST" -> post(path, body, verbose);
                    case "PUT" -> put(path, body);
                    default -> null;
                };
                if (answer == null) {
                    send(ex, 404, error(404, "HTTP 404 Not Found"));
                } else {
                    send(ex, 200, answer instanceof String raw ? raw : JSON.writeValueAsString(answer));
                }
            } catch (SchemaRegistryException e) {
                send(ex, e.status(), error(e.errorCode(), e.getMessage()));
            } catch (SchemaParseException | JsonProcessingException | IllegalArgumentException e) {
                send(ex, 422, error(SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: " + e.getMessage()));
            }
        }
    }

    private Object get(String path) {
        Matcher m;
        if (SUBJECTS.matcher(path).matches()) {
            ArrayNode out = JSON.createArrayNode();
            registry.subjects().stream().sorted().forEach(out::add);
            return out;
        } else if ((m = VERSIONS.matcher(path)).matches()) {
            ArrayNode out = JSON.createArrayNode();
            registry.versions(subject(m)).forEach(v -> out.add(v.version()));
            return out;
        } else if ((m = VERSION.matcher(path)).matches()) {
            RegisteredSchema v = version(subject(m), m.group(2));
            return m.group(3) != null ? v.schema().toString() : describe(v);
        } else if ((m = BY_ID.matcher(path)).matches()) {
            Schema schema = registry.schemaById(Integer.parseInt(m.group(1)));
            return m.group(2) != null ? schema.toString() : JSON.createObjectNode().put("schema", schema.toString());
        } else if ((m = BY_GUID.matcher(path)).matches()) {
            Schema schema = registry.schemaByGuid(UUID.fromString(m.group(1)));
            return m.group(2) != null ? schema.toString() : JSON.createObjectNode().put("schema", schema.toString());
        } else if (CONFIG.matcher(path).matches()) {
            return JSON.createObjectNode().put("compatibilityLevel", LEVEL);
        }
        return null;
    }

    private Object post(String path, String body, boolean verbose) throws JsonProcessingException {
        Matcher m;
        if ((m = VERSIONS.matcher(path)).matches()) {
            String subject = subject(m);
            Schema schema = schemaOf(body);
            synchronized (registry) {
                int before = versionCount(subject);
                int id = registry.register(subject, schema);
                List<RegisteredSchema> after = registry.versions(subject);
                if (after.size() > before) {
                    onNewVersion.accept(after.get(after.size() - 1));
                }
                return JSON.createObjectNode().put("id", id);
            }
        } else if ((m = SUBJECT.matcher(path)).matches()) {
            String subject = subject(m);
            Schema schema = schemaOf(body);
            int id = registry.idOf(subject, schema);
            RegisteredSchema found = registry.versions(subject).stream().filter(v -> v.id() == id).findFirst()
                    .orElseThrow();
            return describe(found);
        } else if ((m = COMPATIBILITY.matcher(path)).matches()) {
            String subject = subject(m);
            Schema schema = schemaOf(body);
            if (versionCount(subject) > 0) {
                version(subject, m.group(2));
            }
            CompatibilityResult r = registry.testCompatibility(subject, schema);
            ObjectNode out = JSON.createObjectNode().put("is_compatible", r.compatible());
            if (verbose) {
                r.messages().forEach(out.putArray("messages")::add);
            }
            return out;
        }
        return null;
    }

    private Object put(String path, String body) throws JsonProcessingException {
        if (!CONFIG.matcher(path).matches()) {
            return null;
        }
        JsonNode level = JSON.readTree(body).get("compatibility");
        if (level == null || !LEVEL.equals(level.asText())) {
            throw new SchemaRegistryException("Invalid compatibility level. This development registry supports only "
                    + LEVEL, 422, INVALID_LEVEL);
        }
        return JSON.createObjectNode().put("compatibility", LEVEL);
    }

    private int versionCount(String subject) {
        return registry.subjects().contains(subject) ? registry.versions(subject).size() : 0;
    }

    private RegisteredSchema version(String subject, String version) {
        List<RegisteredSchema> versions = registry.versions(subject);
        if (version.equals("latest") || version.equals("-1")) {
            return versions.get(versions.size() - 1);
        }
        int n;
        try {
            n = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > versions.size()) {
            throw new SchemaRegistryException("Version " + version + " not found.", 404,
                    SchemaRegistryException.VERSION_NOT_FOUND);
        }
        return versions.get(n - 1);
    }

    private static ObjectNode describe(RegisteredSchema v) {
        return JSON.createObjectNode().put("subject", v.subject()).put("version", v.version()).put("id", v.id())
                .put("schema", v.schema().toString());
    }

    private static String subject(Matcher m) {
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static Schema schemaOf(String body) throws JsonProcessingException {
        JsonNode schema = JSON.readTree(body).get("schema");
        if (schema == null) {
            throw new IllegalArgumentException("the request has no \"schema\" field");
        }
        return new Schema.Parser().parse(schema.asText());
    }

    private static String error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message).toString();
    }

    static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }
}
