package io.seqscore.serde;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The serde and registry-client settings, under Confluent's property names so that existing
 * producer, consumer and Streams configurations work unchanged. Other properties in the same map (any
 * Kafka or Streams setting) are ignored. Credentials are {@link Type#PASSWORD}s: Kafka's config
 * printing shows them as {@code [hidden]}.
 */
public final class AvroSerdeConfig extends AbstractConfig {
    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    public static final String SCHEMA_REGISTRY_URL_DOC = "Comma-separated Schema Registry URLs (http or https). Requests"
            + " fail over to the next URL on I/O errors, time-outs and 5xx. mock://SCOPE selects an in-memory registry"
            + " shared by every serde of the JVM configured with the same SCOPE.";

    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
    public static final String AUTO_REGISTER_SCHEMAS_DOC = "Serializers register the record's schema under its subject"
            + " when it is not yet there. When false, the schema must already be registered (or use.latest.version set).";

    public static final String USE_LATEST_VERSION_CONFIG = "use.latest.version";
    public static final String USE_LATEST_VERSION_DOC = "With auto.register.schemas=false, serializers write with the"
            + " subject's latest schema (records are converted to it, which must be able to read them) and its id."
            + " Generic deserializers read into the latest schema instead of the writer's.";

    public static final String LATEST_CACHE_TTL_SEC_CONFIG = "latest.cache.ttl.sec";
    public static final String LATEST_CACHE_TTL_SEC_DOC = "Seconds the latest version of a subject is cached; -1 for"
            + " ever, 0 not at all.";

    public static final String SPECIFIC_AVRO_READER_CONFIG = "specific.avro.reader";
    public static final String SPECIFIC_AVRO_READER_DOC = "Deserializers return instances of the generated class named"
            + " by the writer schema instead of GenericRecord (deserializers and serdes built for a class always do).";

    public static final String KEY_SUBJECT_NAME_STRATEGY_CONFIG = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY_CONFIG = "value.subject.name.strategy";
    public static final String SUBJECT_NAME_STRATEGY_DOC = "How the subject is named: TopicNameStrategy (topic-key,"
            + " topic-value), RecordNameStrategy (record full name) or TopicRecordNameStrategy (topic-record full name)."
            + " Confluent's class names (io.confluent.kafka.serializers.subject.*) and ours (io.seqscore.serde.*) are"
            + " accepted, or any class implementing io.seqscore.serde.SubjectNameStrategy.";

    public static final String KEY_SCHEMA_ID_SERIALIZER_CONFIG = "key.schema.id.serializer";
    public static final String VALUE_SCHEMA_ID_SERIALIZER_CONFIG = "value.schema.id.serializer";
    public static final String SCHEMA_ID_SERIALIZER_DOC = "Where serializers put the schema id, with Confluent's"
            + " class names: " + HeaderSchemaIds.PREFIX_SERIALIZER + " (the default) before the Avro body, or "
            + HeaderSchemaIds.HEADER_SERIALIZER + " as a GUID in the record header " + HeaderSchemaIds.KEY_HEADER
            + " or " + HeaderSchemaIds.VALUE_HEADER + " with the body unprefixed (Confluent 8; readers need"
            + " Confluent's 8.x deserializers or seqscore's, and a registry that serves /schemas/guids). Deserializers"
            + " read both forms, the header first (as Confluent's DualSchemaIdDeserializer).";

    public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE_DOC = "Where HTTP Basic credentials come from: URL (the"
            + " user-info of each schema.registry.url, e.g. https://user:pass@host) or USER_INFO (basic.auth.user.info)."
            + " schema.registry.basic.auth.credentials.source is accepted as well.";

    public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";
    public static final String BASIC_AUTH_USER_INFO_DOC = "user:password for USER_INFO credentials."
            + " schema.registry.basic.auth.user.info is accepted as well.";

    public static final String SSL_TRUSTSTORE_LOCATION_CONFIG = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD_CONFIG = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE_CONFIG = "schema.registry.ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION_CONFIG = "schema.registry.ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD_CONFIG = "schema.registry.ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE_CONFIG = "schema.registry.ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD_CONFIG = "schema.registry.ssl.key.password";
    public static final String SSL_PROTOCOL_CONFIG = "schema.registry.ssl.protocol";

    public static final String MAX_RETRIES_CONFIG = "max.retries";
    public static final String MAX_RETRIES_DOC = "Extra rounds over all URLs after a round in which every URL failed"
            + " (I/O error, time-out, 5xx, 408, 429); 0 tries each URL once. Other 4xx answers are never retried.";
    public static final String RETRIES_WAIT_MS_CONFIG = "retries.wait.ms";
    public static final String RETRIES_WAIT_MS_DOC = "Wait before the first retry round; it doubles each round.";
    public static final String RETRIES_MAX_WAIT_MS_CONFIG = "retries.max.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS_DOC = "Upper bound of the wait between retry rounds.";
    public static final String HTTP_CONNECT_TIMEOUT_MS_CONFIG = "http.connect.timeout.ms";
    public static final String HTTP_CONNECT_TIMEOUT_MS_DOC = "Time-out to open a connection to a registry URL.";
    public static final String HTTP_READ_TIMEOUT_MS_CONFIG = "http.read.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS_DOC = "Time-out for a registry answer, per attempt.";

    private static final String USER_INFO_ALIAS = "schema.registry." + BASIC_AUTH_USER_INFO_CONFIG;
    private static final String CREDENTIALS_SOURCE_ALIAS = "schema.registry." + BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG;

    /** Every setting with its type, default, validator and documentation. */
    public static final ConfigDef CONFIG = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL_CONFIG, Type.LIST, List.of(), Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
            .define(AUTO_REGISTER_SCHEMAS_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, AUTO_REGISTER_SCHEMAS_DOC)
            .define(USE_LATEST_VERSION_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, USE_LATEST_VERSION_DOC)
            .define(LATEST_CACHE_TTL_SEC_CONFIG, Type.LONG, -1L, ConfigDef.Range.atLeast(-1), Importance.LOW,
                    LATEST_CACHE_TTL_SEC_DOC)
            .define(SPECIFIC_AVRO_READER_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, SPECIFIC_AVRO_READER_DOC)
            .define(KEY_SUBJECT_NAME_STRATEGY_CONFIG, Type.STRING, TopicNameStrategy.class.getName(),
                    Importance.MEDIUM, SUBJECT_NAME_STRATEGY_DOC)
            .define(VALUE_SUBJECT_NAME_STRATEGY_CONFIG, Type.STRING, TopicNameStrategy.class.getName(),
                    Importance.MEDIUM, SUBJECT_NAME_STRATEGY_DOC)
            .define(KEY_SCHEMA_ID_SERIALIZER_CONFIG, Type.STRING, HeaderSchemaIds.PREFIX_SERIALIZER,
                    ConfigDef.ValidString.in(HeaderSchemaIds.PREFIX_SERIALIZER, HeaderSchemaIds.HEADER_SERIALIZER),
                    Importance.LOW, SCHEMA_ID_SERIALIZER_DOC)
            .define(VALUE_SCHEMA_ID_SERIALIZER_CONFIG, Type.STRING, HeaderSchemaIds.PREFIX_SERIALIZER,
                    ConfigDef.ValidString.in(HeaderSchemaIds.PREFIX_SERIALIZER, HeaderSchemaIds.HEADER_SERIALIZER),
                    Importance.LOW, SCHEMA_ID_SERIALIZER_DOC)
            .define(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, Type.STRING, "URL",
                    ConfigDef.ValidString.in("URL", "USER_INFO"), Importance.MEDIUM, BASIC_AUTH_CREDENTIALS_SOURCE_DOC)
            .define(BASIC_AUTH_USER_INFO_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, BASIC_AUTH_USER_INFO_DOC)
            .define(SSL_TRUSTSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.MEDIUM,
                    "Trust store file for https registry URLs (default: the JVM's trusted CAs).")
            .define(SSL_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, "Trust store password.")
            .define(SSL_TRUSTSTORE_TYPE_CONFIG, Type.STRING, "JKS", Importance.LOW, "Trust store type (JKS, PKCS12).")
            .define(SSL_KEYSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.MEDIUM,
                    "Key store file with the client certificate, for registries that require TLS client authentication.")
            .define(SSL_KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, "Key store password.")
            .define(SSL_KEYSTORE_TYPE_CONFIG, Type.STRING, "JKS", Importance.LOW, "Key store type (JKS, PKCS12).")
            .define(SSL_KEY_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM,
                    "Password of the private key in the key store (default: the key store password).")
            .define(SSL_PROTOCOL_CONFIG, Type.STRING, "TLSv1.3", Importance.LOW, "TLS protocol of the SSLContext.")
            .define(MAX_RETRIES_CONFIG, Type.INT, 3, ConfigDef.Range.atLeast(0), Importance.LOW, MAX_RETRIES_DOC)
            .define(RETRIES_WAIT_MS_CONFIG, Type.INT, 1000, ConfigDef.Range.atLeast(0), Importance.LOW,
                    RETRIES_WAIT_MS_DOC)
            .define(RETRIES_MAX_WAIT_MS_CONFIG, Type.INT, 20000, ConfigDef.Range.atLeast(0), Importance.LOW,
                    RETRIES_MAX_WAIT_MS_DOC)
            .define(HTTP_CONNECT_TIMEOUT_MS_CONFIG, Type.INT, 60000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    HTTP_CONNECT_TIMEOUT_MS_DOC)
            .define(HTTP_READ_TIMEOUT_MS_CONFIG, Type.INT, 60000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    HTTP_READ_TIMEOUT_MS_DOC);

    public AvroSerdeConfig(Map<?, ?> props) {
        super(CONFIG, withAliases(props), false);
    }

    public List<String> urls() {
        return getList(SCHEMA_REGISTRY_URL_CONFIG);
    }

    public boolean autoRegister() {
        return getBoolean(AUTO_REGISTER_SCHEMAS_CONFIG);
    }

    public boolean useLatestVersion() {
        return getBoolean(USE_LATEST_VERSION_CONFIG);
    }

    public boolean specificReader() {
        return getBoolean(SPECIFIC_AVRO_READER_CONFIG);
    }

    public Duration latestCacheTtl() {
        long sec = getLong(LATEST_CACHE_TTL_SEC_CONFIG);
        return sec < 0 ? Duration.ofSeconds(-1) : Duration.ofSeconds(sec);
    }

    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        String property = isKey ? KEY_SUBJECT_NAME_STRATEGY_CONFIG : VALUE_SUBJECT_NAME_STRATEGY_CONFIG;
        return SubjectNameStrategies.named(getString(property), property);
    }

    /** Whether serializers write the schema id as a record header ({@link HeaderSchemaIds}). */
    public boolean headerSchemaIds(boolean isKey) {
        String property = isKey ? KEY_SCHEMA_ID_SERIALIZER_CONFIG : VALUE_SCHEMA_ID_SERIALIZER_CONFIG;
        return HeaderSchemaIds.HEADER_SERIALIZER.equals(getString(property));
    }

    String secret(String name) {
        Password p = getPassword(name);
        return p == null ? null : p.value();
    }

    /** Confluent also accepts the credential settings with a {@code schema.registry.} prefix. */
    private static Map<?, ?> withAliases(Map<?, ?> props) {
        if (!props.containsKey(USER_INFO_ALIAS) && !props.containsKey(CREDENTIALS_SOURCE_ALIAS)) {
            return props;
        }
        Map<Object, Object> copy = new java.util.HashMap<>(props);
        if (!copy.containsKey(BASIC_AUTH_USER_INFO_CONFIG) && copy.containsKey(USER_INFO_ALIAS)) {
            copy.put(BASIC_AUTH_USER_INFO_CONFIG, copy.get(USER_INFO_ALIAS));
        }
        if (!copy.containsKey(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG) && copy.containsKey(CREDENTIALS_SOURCE_ALIAS)) {
            copy.put(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, copy.get(CREDENTIALS_SOURCE_ALIAS));
        }
        return copy;
    }
}
