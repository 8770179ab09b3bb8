package io.seqscore.serde;

import org.apache.avro.Schema;

import java.util.UUID;

/**
 * The Schema Registry operations the serdes need, as Confluent's REST API defines them. Implemented
 * over HTTP by {@link RestSchemaRegistryClient} and in memory by {@link MockSchemaRegistry}; both
 * are thread-safe and both fail with a {@link SchemaRegistryException} carrying the registry's
 * HTTP status and error code.
 */
public interface SchemaRegistryClient {

    /**
     * Registers {@code schema} under {@code subject} (a no-op returning the existing id when it is
     * already registered there) — {@code POST /subjects/{subject}/versions}.
     *
     * @return the schema's global id
     * @throws SchemaRegistryException e.g. 409 when the schema is incompatible with the subject's
     *                                 compatibility level, 422 (error 42201) when it is invalid
     */
    int register(String subject, Schema schema);

    /**
     * The id of {@code schema} under {@code subject}, without registering it —
     * {@code POST /subjects/{subject}}.
     *
     * @throws SchemaRegistryException 404 with error 40401 (subject not found) or 40403 (schema not found)
     */
    int idOf(String subject, Schema schema);

    /**
     * The schema with the global {@code id} — {@code GET /schemas/ids/{id}}.
     *
     * @throws SchemaRegistryException 404 with error 40403 when no schema has that id
     */
    Schema schemaById(int id);

    /**
     * The schema with {@code guid} — {@code GET /schemas/guids/{guid}} (Confluent Schema Registry 8.0+),
     * what a record whose {@link HeaderSchemaIds header} carries a GUID needs.
     *
     * @throws SchemaRegistryException 404 with error 40403 when no schema has that GUID
     */
    default Schema schemaByGuid(UUID guid) {
        throw new SchemaRegistryException(getClass().getSimpleName() + " does not look schemas up by GUID ("
                + guid + ")", 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
    }

    /**
     * The GUID of the schema with the global {@code id}, what a serializer writing
     * {@link HeaderSchemaIds header} ids puts in the header: as the registry reports it, else computed as
     * Confluent's client does from the schema text ({@link HeaderSchemaIds#guidOf}).
     *
     * @throws SchemaRegistryException 404 with error 40403 when no schema has that id
     */
    default UUID guidOf(int id) {
        return HeaderSchemaIds.guidOf(schemaById(id).toString());
    }

    /**
     * The latest version registered under {@code subject} —
     * {@code GET /subjects/{subject}/versions/latest}.
     *
     * @throws SchemaRegistryException 404 with error 40401 when the subject does not exist
     */
    RegisteredSchema latest(String subject);

    /**
     * Whether {@code schema} could be registered under {@code subject} given its compatibility level,
     * checked against the latest version — {@code POST /compatibility/subjects/{subject}/versions/latest}.
     */
    CompatibilityResult testCompatibility(String subject, Schema schema);
}
