package io.seqscore.app.service;

import io.seqscore.app.config.ServiceSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The start's wait for the cluster: asks {@code bootstrap.servers} (with the scorer's own client settings,
security included, as an admin client takes them) to describe the cluster until a broker answers. When the first attempt fails it logs
 * one line and keeps asking, quietly, until the timeout; then the start fails with one line that says what
 * to check ({@code seqscore.startup.broker.timeout.ms}).
 */
final class BrokerWait {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerWait.class);
    static final Duration ATTEMPT = Duration.ofSeconds(1);

    private BrokerWait() {
    }

    /**
     * Returns once a broker answered.
     *
     * @param streamsProps the scorer's Kafka Streams properties (the admin client takes its settings from them)
     * @param clientId     the id the asking admin client goes by
     * @param stopping     true when the service is being shut down: the wait ends at once, quietly
     * @throws ServiceStartException when no broker answered within {@code timeout}
     */
    static void await(Properties streamsProps, String clientId, Duration timeout, BooleanSupplier stopping) {
        String servers = streamsProps.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        Map<String, Object> adminConfig = new HashMap<>();
        streamsProps.forEach((k, v) -> adminConfig.put((String) k, v));
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        boolean said = false;
        try (Admin admin = Admin.create(adminConfig)) {
            while (!stopping.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ServiceStartException("no Kafka broker at " + servers + " answered within "
                            + seconds(timeout.toNanos()) + " (" + ServiceSettings.STARTUP_BROKER_TIMEOUT_MS_CONFIG
                            + "): is the cluster up, and are bootstrap.servers and the security settings right?", null);
                }
                long attempt = Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), ATTEMPT.toMillis()));
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) attempt)).clusterId()
                            .get(attempt + 1_000, TimeUnit.MILLISECONDS);
                    if (said) {
                        LOG.info("The Kafka cluster at {} answered after {}; starting", servers,
                                seconds(System.nanoTime() - start));
                    }
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException)) {
                        throw new ServiceStartException("the Kafka cluster at " + servers + " refused the scorer: "
                                + e.getCause().getMessage(), e.getCause());
                    }
                    said = sayOnce(said, servers, timeout);
                } catch (TimeoutException | KafkaException e) {
                    said = sayOnce(said, servers, timeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean sayOnce(boolean said, String servers, Duration timeout) {
        if (!said) {
            LOG.warn("No Kafka broker at {} answers yet; waiting up to {} for one ({}), without the Kafka clients'"
                    + " repeated connection warnings", servers, seconds(timeout.toNanos()),
                    ServiceSettings.STARTUP_BROKER_TIMEOUT_MS_CONFIG);
        }
        return true;
    }

    private static String seconds(long nanos) {
        long ms = TimeUnit.NANOSECONDS.toMillis(nanos);
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
