package io.seqscore.app.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds back the warnings a Kafka client's network layer repeats while no broker answers ("Connection to
 * node -1 (...) could not be established", "Bootstrap broker ... disconnected": several a second per
 * client) for the clients whose id contains a given text, while {@link BrokerWait} has said in one line
 * what is going on. Every other message passes. A no-op where logging does not go to Logback.
 */
final class ConnectionWarnings extends TurboFilter {
    static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";
    private static final ConnectionWarnings INSTANCE = new ConnectionWarnings();

    private final Set<Holder> holders = ConcurrentHashMap.newKeySet();

    private ConnectionWarnings() {
        setName("seqscore-connection-warnings");
    }

    /**
     * Holds back the connection warnings of the clients whose id contains {@code clientIdPart} until the
     * returned handle is closed (idempotent).
     */
    static AutoCloseable holdBack(String clientIdPart) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return () -> { };
        }
        synchronized (INSTANCE) {
            if (!context.getTurboFilterList().contains(INSTANCE)) {
                INSTANCE.start();
                context.addTurboFilter(INSTANCE);
            }
        }
        Holder h = new Holder(clientIdPart);
        INSTANCE.holders.add(h);
        return () -> INSTANCE.holders.remove(h);
    }

    @Override
    public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
                              Object[] params, Throwable t) {
        if (holders.isEmpty() || format == null || level != Level.WARN || !NETWORK_CLIENT.equals(logger.getName())
                || !(format.contains("could not be established") || format.contains("disconnected"))) {
            return FilterReply.NEUTRAL;
        }
        for (Holder h : holders) {
            if (format.contains(h.clientIdPart())) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }

    /** One hold; identity matters, so that two holds on the same text are released one by one. */
    private static final class Holder {
        private final String clientIdPart;

        Holder(String clientIdPart) {
            this.clientIdPart = clientIdPart;
        }

        String clientIdPart() {
            return clientIdPart;
        }
    }
}
