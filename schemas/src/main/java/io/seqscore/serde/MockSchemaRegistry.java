package io.seqscore.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory Schema Registry, what {@code schema.registry.url=mock://SCOPE} means, as in Confluent's
 * serdes: every serde configured with the same scope in one JVM shares one instance (for tests and the
 * embedded mode). It behaves as a registry whose compatibility level is BACKWARD: registering a
 * schema that cannot read the subject's latest version fails with 409. Ids are global per scope and start
 * at 1; the same schema text gets the same id under every subject. Errors carry Confluent's status and
 * error codes. Thread-safe.
 */
public final class MockSchemaRegistry implements SchemaRegistryClient {
    /** The URL scheme that selects a mock registry. */
    public static final String URL_PREFIX = "mock://";

    private static final Map<String, MockSchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final String scope;
    private final Map<String, List<RegisteredSchema>> subjects = new HashMap<>();
    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<String, Integer> idByText = new HashMap<>();
    private final Map<UUID, Schema> byGuid = new HashMap<>();
    private int nextId = 1;

    private MockSchemaRegistry(String scope) {
        this.scope = scope;
    }

    /** The registry of {@code scope}, created empty on first use. */
    public static MockSchemaRegistry scope(String scope) {
        return SCOPES.computeIfAbsent(scope, MockSchemaRegistry::new);
    }

    /**
     * Forgets the registry of {@code scope}: the next {@link #scope} call (or serde configured with
     * {@code mock://scope}) gets an empty one. Serdes configured before keep the old instance.
     */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    public String scopeName() {
        return scope;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        String text = schema.toString();
        List<RegisteredSchema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        for (RegisteredSchema v : versions) {
            if (v.schema().toString().equals(text)) {
                return v.id();
            }
        }
        if (!versions.isEmpty()) {
            RegisteredSchema latest = versions.get(versions.size() - 1);
            SchemaCompatibility.SchemaPairCompatibility check =
                    SchemaCompatibility.checkReaderWriterCompatibility(schema, latest.schema());
            if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new SchemaRegistryException("Schema being registered is incompatible with an earlier schema for"
                        + " subject '" + subject + "' (BACKWARD): " + check.getDescription(),
                        409, SchemaRegistryException.INCOMPATIBLE_SCHEMA);
            }
        }
        Integer id = idByText.get(text);
        if (id == null) {
            id = nextId++;
            idByText.put(text, id);
            byId.put(id, schema);
            byGuid.put(HeaderSchemaIds.guidOf(text), schema);
        }
        versions.add(new RegisteredSchema(subject, id, versions.size() + 1, schema));
        return id;
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        List<RegisteredSchema> versions = versionsOf(subject);
        String text = schema.toString();
        for (RegisteredSchema v : versions) {
            if (v.schema().toString().equals(text)) {
                return v.id();
            }
        }
        throw new SchemaRegistryException("Schema not found under subject '" + subject + "' in mock registry '" + scope
                + "'", 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        return found(byId.get(id), "Schema " + id, SchemaRegistryException.SCHEMA_NOT_FOUND);
    }

    /** GUIDs are those Confluent's registry gives a schema without references, metadata or rules. */
    @Override
    public synchronized Schema schemaByGuid(UUID guid) {
        return found(byGuid.get(guid), "Schema with GUID " + guid, SchemaRegistryException.SCHEMA_NOT_FOUND);
    }

    @Override
    public synchronized UUID guidOf(int id) {
        return HeaderSchemaIds.guidOf(schemaById(id).toString());
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        List<RegisteredSchema> versions = versionsOf(subject);
        return versions.get(versions.size() - 1);
    }

    @Override
    public synchronized CompatibilityResult testCompatibility(String subject, Schema schema) {
        List<RegisteredSchema> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            return new CompatibilityResult(true, List.of());
        }
        SchemaCompatibility.SchemaPairCompatibility check =
                SchemaCompatibility.checkReaderWriterCompatibility(schema, versions.get(versions.size() - 1).schema());
        boolean ok = check.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
        return new CompatibilityResult(ok, ok ? List.of() : List.of(check.getDescription()));
    }

    /** Every version of {@code subject}, oldest first. */
    public synchronized List<RegisteredSchema> versions(String subject) {
        return List.copyOf(versionsOf(subject));
    }

    /** Subjects with at least one version, in no particular order. */
    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet().stream().filter(s -> !subjects.get(s).isEmpty()).toList());
    }

    private List<RegisteredSchema> versionsOf(String subject) {
        List<RegisteredSchema> versions = subjects.get(subject);
        return found(versions == null || versions.isEmpty() ? null : versions, "Subject '" + subject + "'",
                SchemaRegistryException.SUBJECT_NOT_FOUND);
    }

    /** {@code value}, or when it is null the registry's 404 that names {@code what}. */
    private <T> T found(T value, String what, int errorCode) {
        if (value == null) {
            throw new SchemaRegistryException(what + " not found in mock registry '" + scope + "'", 404, errorCode);
        }
        return value;
    }

    @Override
    public String toString() {
        return "MockSchemaRegistry[" + URL_PREFIX + scope + "]";
    }
}
