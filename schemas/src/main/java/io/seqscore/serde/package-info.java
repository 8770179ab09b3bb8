/**
 * A Kafka serde and Schema Registry client byte-compatible with Confluent's, so that seqscore's topics
 * can be read and written by Confluent's serdes and tools, and the other way round.
 *
 * <ul>
 *   <li>{@link io.seqscore.serde.AvroSerializer}, {@link io.seqscore.serde.AvroDeserializer}: Kafka
 *       {@code Serializer}/{@code Deserializer} of generated records or {@code GenericRecord}s in the
 *       wire format of {@link io.seqscore.serde.WireFormat} (magic byte 0, 4-byte big-endian schema id,
 *       Avro binary). {@link io.seqscore.serde.SpecificAvroSerde} and
 *       {@link io.seqscore.serde.GenericAvroSerde} wrap them for Kafka Streams.</li>
 *   <li>{@link io.seqscore.serde.AvroSerdeConfig}: the settings, under Confluent's property names
 *       ({@code schema.registry.url}, {@code auto.register.schemas}, {@code use.latest.version},
 *       {@code specific.avro.reader}, {@code basic.auth.*}, {@code schema.registry.ssl.*},
 *       {@code *.subject.name.strategy}, {@code max.retries}, ...).</li>
 *   <li>{@link io.seqscore.serde.SchemaRegistryClient}: register, look up, fetch by id, latest version,
 *       compatibility check. {@link io.seqscore.serde.RestSchemaRegistryClient} speaks Confluent's REST
 *       API over {@code java.net.http} with caches, fail-over across URLs and bounded retries;
 *       {@link io.seqscore.serde.MockSchemaRegistry} is the in-memory registry of {@code mock://SCOPE}
 *       URLs. {@link io.seqscore.serde.SchemaRegistryClients} picks one from the settings.</li>
 * </ul>
 *
 * <p>Errors: the serdes throw Kafka's {@code SerializationException} with a message that says what was
 * wrong (wrong magic byte, truncated value, unknown schema id, unreachable registry, body that does not
 * match its schema, incompatible reader); when the registry was involved its
 * {@link io.seqscore.serde.SchemaRegistryException} is the cause, with the HTTP status, Confluent's
 * error code, and {@link io.seqscore.serde.SchemaRegistryException#isTransient()} to tell an outage
 * (worth stopping for) from a bad record (worth a dead-letter topic). Credentials never appear in
 * messages or logs.
 *
 * <p>Cost per record: lookups are cached per (topic, schema) and per schema id, so the registry is
 * called once per schema, not per record; encoders, decoders and the output buffer are reused per
 * thread; what a record allocates is what Avro builds for it and the returned byte array.
 */
package io.seqscore.serde;
