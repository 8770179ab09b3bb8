package io.seqscore.serde;

import org.apache.kafka.common.config.ConfigException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the registry client that serde properties describe: the shared {@link MockSchemaRegistry}
 * of the scope for {@code mock://SCOPE}, otherwise a {@link RestSchemaRegistryClient}. REST clients
 * are shared by every serde of the JVM with the same connection settings, so their caches and HTTP
 * connections are built once, not per serde or per stream thread.
 */
public final class SchemaRegistryClients {
    private static final Map<ClientKey, RestSchemaRegistryClient> SHARED = new ConcurrentHashMap<>();

    private SchemaRegistryClients() {
    }

    /** The serde's own client when its caller gave one, else {@link #fromConfig}'s. */
    static SchemaRegistryClient orFromConfig(SchemaRegistryClient given, AvroSerdeConfig config) {
        return given != null ? given : fromConfig(config);
    }

    /**
     * @throws ConfigException when no URL is set, a mock URL is mixed with others, a URL is not http(s),
     *                         or a trust or key store cannot be loaded
     */
    public static SchemaRegistryClient fromConfig(AvroSerdeConfig config) {
        List<String> urls = config.urls();
        if (urls.isEmpty()) {
            throw new ConfigException(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG + " must be set");
        }
        boolean anyMock = urls.stream().anyMatch(u -> u.trim().startsWith(MockSchemaRegistry.URL_PREFIX));
        if (anyMock) {
            if (urls.size() != 1) {
                throw new ConfigException(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG
                        + ": a mock:// URL must be the only one");
            }
            return MockSchemaRegistry.scope(urls.get(0).trim().substring(MockSchemaRegistry.URL_PREFIX.length()));
        }
        ClientKey key = new ClientKey(config);
        return SHARED.computeIfAbsent(key, k -> create(config));
    }

    private static RestSchemaRegistryClient create(AvroSerdeConfig config) {
        RegistryTransport.CredentialsSource source =
                "USER_INFO".equals(config.getString(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG))
                        ? RegistryTransport.CredentialsSource.USER_INFO : RegistryTransport.CredentialsSource.URL;
        RegistryTransport transport = new RegistryTransport(config.urls(), source,
                config.secret(AvroSerdeConfig.BASIC_AUTH_USER_INFO_CONFIG), sslContext(config),
                config.getInt(AvroSerdeConfig.MAX_RETRIES_CONFIG),
                config.getInt(AvroSerdeConfig.RETRIES_WAIT_MS_CONFIG),
                config.getInt(AvroSerdeConfig.RETRIES_MAX_WAIT_MS_CONFIG),
                Duration.ofMillis(config.getInt(AvroSerdeConfig.HTTP_CONNECT_TIMEOUT_MS_CONFIG)),
                Duration.ofMillis(config.getInt(AvroSerdeConfig.HTTP_READ_TIMEOUT_MS_CONFIG)));
        return new RestSchemaRegistryClient(transport, config.latestCacheTtl());
    }

    /** The TLS context of the {@code schema.registry.ssl.*} settings, or null when none is set. */
    static SSLContext sslContext(AvroSerdeConfig config) {
        String trustLocation = config.getString(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION_CONFIG);
        String keyLocation = config.getString(AvroSerdeConfig.SSL_KEYSTORE_LOCATION_CONFIG);
        if (trustLocation == null && keyLocation == null) {
            return null;
        }
        try {
            TrustManagerFactory tmf = null;
            if (trustLocation != null) {
                KeyStore trust = load(trustLocation, config.getString(AvroSerdeConfig.SSL_TRUSTSTORE_TYPE_CONFIG),
                        config.secret(AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG),
                        AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION_CONFIG);
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            if (keyLocation != null) {
                String storePassword = config.secret(AvroSerdeConfig.SSL_KEYSTORE_PASSWORD_CONFIG);
                String keyPassword = config.secret(AvroSerdeConfig.SSL_KEY_PASSWORD_CONFIG);
                KeyStore keys = load(keyLocation, config.getString(AvroSerdeConfig.SSL_KEYSTORE_TYPE_CONFIG),
                        storePassword, AvroSerdeConfig.SSL_KEYSTORE_LOCATION_CONFIG);
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, chars(keyPassword != null ? keyPassword : storePassword));
            }
            SSLContext ctx = SSLContext.getInstance(config.getString(AvroSerdeConfig.SSL_PROTOCOL_CONFIG));
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot build the TLS context for the Schema Registry: " + e.getMessage());
        }
    }

    private static KeyStore load(String location, String type, String password, String property) {
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, chars(password));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(property, location, "cannot load the " + type + " store: " + e.getMessage());
        }
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    /** The settings that make two clients interchangeable; secrets stay inside, never printed. */
    private static final class ClientKey {
        private final Object[] values;

        ClientKey(AvroSerdeConfig c) {
            this.values = new Object[] {
                c.urls(), c.getString(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG),
                c.secret(AvroSerdeConfig.BASIC_AUTH_USER_INFO_CONFIG),
                c.getString(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION_CONFIG),
                c.secret(AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG),
                c.getString(AvroSerdeConfig.SSL_TRUSTSTORE_TYPE_CONFIG),
                c.getString(AvroSerdeConfig.SSL_KEYSTORE_LOCATION_CONFIG),
                c.secret(AvroSerdeConfig.SSL_KEYSTORE_PASSWORD_CONFIG),
                c.getString(AvroSerdeConfig.SSL_KEYSTORE_TYPE_CONFIG),
                c.secret(AvroSerdeConfig.SSL_KEY_PASSWORD_CONFIG),
                c.getString(AvroSerdeConfig.SSL_PROTOCOL_CONFIG),
                c.getInt(AvroSerdeConfig.MAX_RETRIES_CONFIG), c.getInt(AvroSerdeConfig.RETRIES_WAIT_MS_CONFIG),
                c.getInt(AvroSerdeConfig.RETRIES_MAX_WAIT_MS_CONFIG),
                c.getInt(AvroSerdeConfig.HTTP_CONNECT_TIMEOUT_MS_CONFIG),
                c.getInt(AvroSerdeConfig.HTTP_READ_TIMEOUT_MS_CONFIG), c.latestCacheTtl(),
            };
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ClientKey k && Arrays.equals(values, k.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "ClientKey[" + Objects.hashCode(values[0]) + "]";
        }
    }
}
