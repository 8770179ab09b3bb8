package io.seqscore.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A caching client of Confluent's Schema Registry REST API.
 *
 * <p>Caches, per client: ids by (subject, schema) from {@code register} and {@code idOf}, schemas by
 * id (ids are immutable, so these never expire), and the latest version of a subject for
 * {@code latestTtl} (negative: forever; zero: not cached). Misses and errors are not cached.
 * Thread-safe. Build one from serde properties with {@link SchemaRegistryClients#fromConfig}.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    private final RegistryTransport transport;
    private final long latestTtlNanos;
    private final LongSupplier nanoClock;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<UUID, Schema> schemasByGuid = new ConcurrentHashMap<>();
    private final Map<Integer, UUID> guidsById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<String, TimedLatest> latestBySubject = new ConcurrentHashMap<>();

    private record TimedLatest(RegisteredSchema value, long fetchedAtNanos) {
    }

    RestSchemaRegistryClient(RegistryTransport transport, Duration latestTtl) {
        this(transport, latestTtl, System::nanoTime);
    }

    RestSchemaRegistryClient(RegistryTransport transport, Duration latestTtl, LongSupplier nanoClock) {
        this.transport = transport;
        this.latestTtlNanos = latestTtl.isNegative() ? Long.MAX_VALUE : latestTtl.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public int register(String subject, Schema schema) {
        return idUnder(subject, schema, true);
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return idUnder(subject, schema, false);
    }

    /** The id of {@code schema} under {@code subject}: cached, else from registering it or looking it up. */
    private int idUnder(String subject, Schema schema, boolean register) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = register
                ? transport.send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema))
                : transport.send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        int id = requiredInt(answer, "id", register ? "register under subject '" + subject + "'"
                : "look up the schema under subject '" + subject + "'");
        ids.put(schema, id);
        rememberGuid(id, answer);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        return cached(schemasById, id, i -> parseSchema(transport.send("GET", "/schemas/ids/" + i, null),
                "schema id " + i));
    }

    @Override
    public Schema schemaByGuid(UUID guid) {
        return cached(schemasByGuid, guid, g -> parseSchema(transport.send("GET", "/schemas/guids/" + g, null),
                "schema GUID " + g));
    }

    /**
     * The GUID the registry reported with the id (Confluent 8+ does in its answers), else the one
     * Confluent's client computes from the schema text of {@code GET /schemas/ids/{id}}.
     */
    @Override
    public UUID guidOf(int id) {
        return cached(guidsById, id, this::fetchGuid);
    }

    private UUID fetchGuid(int id) {
        JsonNode answer = transport.send("GET", "/schemas/ids/" + id, null);
        String what = "schema id " + id;
        UUID guid = reportedGuid(answer, what);
        if (guid == null) {
            if (hasNonEmpty(answer, "references") || hasNonEmpty(answer, "metadata") || hasNonEmpty(answer, "ruleSet")) {
                throw new SchemaRegistryException("Schema Registry reports no GUID for " + what + ", which has references,"
                        + " metadata or rules, so it cannot be computed; header schema ids need a registry that reports"
                        + " GUIDs (Confluent Schema Registry 8.0 or later)", 200, SchemaRegistryException.NO_RESPONSE);
            }
            JsonNode text = answer.get("schema");
            if (text == null || !text.isTextual()) {
                throw new SchemaRegistryException("Schema Registry answer for " + what + " has no schema", 200,
                        SchemaRegistryException.NO_RESPONSE);
            }
            guid = HeaderSchemaIds.guidOf(text.asText());
        }
        return guid;
    }

    /**
     * The value cached under {@code key}, else the one {@code fetch} gives, cached: fetched outside any lock (it asks
     * the registry); of two threads that fetch at once, the first to cache wins and both return its value.
     */
    private static <K, V> V cached(Map<K, V> cache, K key, Function<K, V> fetch) {
        V value = cache.get(key);
        if (value != null) {
            return value;
        }
        value = fetch.apply(key);
        V raced = cache.putIfAbsent(key, value);
        return raced == null ? value : raced;
    }

    private void rememberGuid(int id, JsonNode answer) {
        UUID guid = reportedGuid(answer, "schema id " + id);
        if (guid != null) {
            guidsById.putIfAbsent(id, guid);
        }
    }

    private static UUID reportedGuid(JsonNode answer, String what) {
        JsonNode guid = answer.get("guid");
        if (guid == null || !guid.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(guid.asText());
        } catch (IllegalArgumentException e) {
            throw new SchemaRegistryException("Schema Registry answer for " + what + " has a guid that is not a UUID",
                    200, SchemaRegistryException.NO_RESPONSE);
        }
    }

    private static boolean hasNonEmpty(JsonNode answer, String field) {
        JsonNode v = answer.get(field);
        return v != null && !v.isNull() && !v.isEmpty();
    }

    @Override
    public RegisteredSchema latest(String subject) {
        TimedLatest cached = latestBySubject.get(subject);
        if (cached != null && nanoClock.getAsLong() - cached.fetchedAtNanos() < latestTtlNanos) {
            return cached.value();
        }
        JsonNode answer = transport.send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        String what = "the latest version of subject '" + subject + "'";
        int id = requiredInt(answer, "id", what);
        rememberGuid(id, answer);
        RegisteredSchema latest = new RegisteredSchema(subject, id, requiredInt(answer, "version", what),
                schemasById.computeIfAbsent(id, k -> parseSchema(answer, what)));
        if (latestTtlNanos > 0) {
            latestBySubject.put(subject, new TimedLatest(latest, nanoClock.getAsLong()));
        }
        return latest;
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        JsonNode answer = transport.send("POST",
                "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true", schemaBody(schema));
        JsonNode flag = answer.get("is_compatible");
        if (flag == null || !flag.isBoolean()) {
            throw new SchemaRegistryException("Schema Registry answer to the compatibility check of subject '" + subject
                    + "' has no boolean is_compatible", 200, SchemaRegistryException.NO_RESPONSE);
        }
        List<String> messages = new ArrayList<>();
        answer.path("messages").forEach(m -> messages.add(m.asText()));
        return new CompatibilityResult(flag.booleanValue(), messages);
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = RegistryTransport.JSON.createObjectNode();
        body.put("schema", schema.toString());
        try {
            return RegistryTransport.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON string", e);
        }
    }

    private static Schema parseSchema(JsonNode answer, String what) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException(what + " is a " + type + " schema, not Avro", 200,
                    SchemaRegistryException.NO_RESPONSE);
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaRegistryException("Schema Registry answer for " + what + " has no schema", 200,
                    SchemaRegistryException.NO_RESPONSE);
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("Schema Registry returned an invalid Avro schema for " + what + ": "
                    + e.getMessage(), 200, SchemaRegistryException.NO_RESPONSE);
        }
    }

    private static int requiredInt(JsonNode answer, String field, String what) {
        JsonNode v = answer.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new SchemaRegistryException("Schema Registry answer to " + what + " has no integer '" + field + "'",
                    200, SchemaRegistryException.NO_RESPONSE);
        }
        return v.intValue();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
