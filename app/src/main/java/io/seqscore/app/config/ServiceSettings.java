package io.seqscore.app.config;

import io.seqscore.model.core.Require;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

import java.time.Duration;

/**
 * The settings of the running service (HTTP endpoint, shutdown), declared here and added by
 * {@link #define(ConfigDef)} to seqscore's one {@code ConfigDef} ({@code SeqscoreConfig.CONFIG}), so they
 * are validated, overridable from the environment and listed in docs/settings.md like every other setting.
 *
 * @param httpAddress     the address the HTTP endpoint binds to
 * @param httpPort        its port; 0 = a free port chosen at start
 * @param forwardTimeout  how long a request forwarded to the instance owning a key may take
 * @param shutdownTimeout how long a graceful shutdown waits for Kafka Streams to close
 * @param startupBrokerTimeout how long the start waits for a broker to answer; zero: it does not wait
 */
public record ServiceSettings(String httpAddress, int httpPort, Duration forwardTimeout, Duration shutdownTimeout,
                              Duration startupBrokerTimeout) {
    public static final String HTTP_ADDRESS_CONFIG = "seqscore.http.address";
    public static final String HTTP_ADDRESS_DOC = "Address the HTTP endpoint (/api, /health, /metrics) binds to."
            + " The default serves this host only; 0.0.0.0 serves every interface. Unless application.server is"
            + " set, other instances reach this one at this address and the bound port (for 0.0.0.0: this host's"
            + " address), which is what application.server is then set to.";
    public static final String HTTP_PORT_CONFIG = "seqscore.http.port";
    public static final String HTTP_PORT_DOC = "Port of the HTTP endpoint; 0 picks a free port at start.";
    public static final String HTTP_FORWARD_TIMEOUT_MS_CONFIG = "seqscore.http.forward.timeout.ms";
    public static final String HTTP_FORWARD_TIMEOUT_MS_DOC = "A key query for a key another instance owns is"
            + " forwarded to that instance (its application.server); this is how long that may take before the"
            + " query fails with 502.";
    public static final String SHUTDOWN_TIMEOUT_MS_CONFIG = "seqscore.shutdown.timeout.ms";
    public static final String SHUTDOWN_TIMEOUT_MS_DOC = "On SIGTERM, how long to wait for Kafka Streams to commit"
            + " and close before the process exits anyway.";

    public static final String STARTUP_BROKER_TIMEOUT_MS_CONFIG = "seqscore.startup.broker.timeout.ms";
    public static final String STARTUP_BROKER_TIMEOUT_MS_DOC = "At start, how long to wait for a broker of"
            + " bootstrap.servers to answer before the scorer exits with an error (exit code 1), e.g. when the"
            + " cluster is down or the address is wrong. While it waits it logs one line and holds back the Kafka"
            + " clients' connection warnings (several a second otherwise). 0: no wait, Kafka Streams starts at once"
            + " and retries the brokers by itself for as long as it runs, warning at every attempt.";

    public static final String DEFAULT_HTTP_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_HTTP_PORT = 8080;

    public ServiceSettings {
        Require.nonNull("httpAddress forwardTimeout shutdownTimeout startupBrokerTimeout",
                httpAddress, forwardTimeout, shutdownTimeout, startupBrokerTimeout);
        if (startupBrokerTimeout.isNegative()) {
            throw new IllegalArgumentException("the startup broker timeout must be >= 0, got " + startupBrokerTimeout);
        }
        if (httpPort < 0 || httpPort > 0xFFFF) {
            throw new IllegalArgumentException("HTTP port must be in [0, 65535], got " + httpPort);
        }
    }

    /** Adds the service settings to {@code def}; returns it. */
    public static ConfigDef define(ConfigDef def) {
        return def
                .define(HTTP_ADDRESS_CONFIG, Type.STRING, DEFAULT_HTTP_ADDRESS, new ConfigDef.NonEmptyString(),
                        Importance.MEDIUM, HTTP_ADDRESS_DOC)
                .define(HTTP_PORT_CONFIG, Type.INT, DEFAULT_HTTP_PORT, Range.between(0, 0xFFFF), Importance.MEDIUM,
                        HTTP_PORT_DOC)
                .define(HTTP_FORWARD_TIMEOUT_MS_CONFIG, Type.LONG, 5_000L, Range.atLeast(1), Importance.LOW,
                        HTTP_FORWARD_TIMEOUT_MS_DOC)
                .define(SHUTDOWN_TIMEOUT_MS_CONFIG, Type.LONG, 30_000L, Range.atLeast(0), Importance.LOW,
                        SHUTDOWN_TIMEOUT_MS_DOC)
                .define(STARTUP_BROKER_TIMEOUT_MS_CONFIG, Type.LONG, 60_000L, Range.atLeast(0), Importance.MEDIUM,
                        STARTUP_BROKER_TIMEOUT_MS_DOC);
    }

    /** The service settings of a configuration whose definition includes {@link #define(ConfigDef)}'s. */
    public static ServiceSettings from(AbstractConfig config) {
        return new ServiceSettings(
                config.getString(HTTP_ADDRESS_CONFIG),
                config.getInt(HTTP_PORT_CONFIG),
                Duration.ofMillis(config.getLong(HTTP_FORWARD_TIMEOUT_MS_CONFIG)),
                Duration.ofMillis(config.getLong(SHUTDOWN_TIMEOUT_MS_CONFIG)),
                Duration.ofMillis(config.getLong(STARTUP_BROKER_TIMEOUT_MS_CONFIG)));
    }
}
