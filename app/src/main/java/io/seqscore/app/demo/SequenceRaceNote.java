package io.seqscore.app.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns what Kafka logs when the scorer's transactional producer has a batch of the demo's topics refused
 * with a retriable error and sends it again into one INFO line that says why it is harmless:
 * <ul>
 *   <li>the broker's ERROR "Error processing append operation on partition seqscore-demo-..." with an
 *       {@link OutOfOrderSequenceException} "... Expected sequence 0 for transactions v2 idempotent producer with
 *       no existing state", with its stack trace;</li>
 *   <li>the producer's WARN "Got error produce response ... on topic-partition seqscore-demo-..., retrying
 *       (...). Error: OUT_OF_ORDER_SEQUENCE_NUMBER" or "... Error: CONCURRENT_TRANSACTIONS".</li>
 * </ul>
 * The scorer writes in transactions (exactly-once). With Kafka's transactions v2 every transaction starts
 * the producer's sequence numbers on a partition again at 0, and the broker has the transaction coordinator
 * add the partition before it appends the transaction's first batch there. A later batch of the same
 * transaction that reaches the partition meanwhile is refused (OUT_OF_ORDER_SEQUENCE_NUMBER, KAFKA-18202),
 * and so is a batch that comes while the previous transaction is still being completed
 * (CONCURRENT_TRANSACTIONS); both are retriable: the producer sends the batch again, or, when the scorer is
 * stopping, aborts the transaction. Nothing is lost and nothing is written twice. The demo meets them when
 * the backlog, or the shutdown, puts several batches of one transaction in flight at once.
 */
final class SequenceRaceNote extends TurboFilter {
    static final String EXPECTED = "Expected sequence 0 for transactions v2";
    static final String TOPICS = DemoTopics.PREFIX;
    static final String RETRYING = "Got error produce response";
    private final AtomicBoolean said = new AtomicBoolean();
    private final org.slf4j.Logger out;

    /** @param out where the explanation goes */
    SequenceRaceNote(org.slf4j.Logger out) {
        this.out = out;
        setName("seqscore-demo-sequence-race");
    }

    /**
     * Installs a note on Logback (when logging goes to Logback, as in the runnable jar) until the returned
     * handle is closed.
     */
    static AutoCloseable install(org.slf4j.Logger out) {
        if (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context)) {
            return () -> { };
        }
        SequenceRaceNote note = new SequenceRaceNote(out);
        note.start();
        context.addTurboFilter(note);
        return () -> context.getTurboFilterList().remove(note);
    }

    @Override
    public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
                              Object[] params, Throwable t) {
        if (!brokerRefusal(logger, t) && !producerRetry(logger, format, params)) {
            return FilterReply.NEUTRAL;
        }
        if (said.compareAndSet(false, true)) {
            out.info("(Kafka refused a batch of the scorer's transaction and the scorer sends it again: a retriable"
                    + " check of Kafka's transactions v2 when one transaction's batches overtake each other or follow"
                    + " the previous transaction closely (KAFKA-18202). Nothing is lost or written twice. Said once"
                    + " per run.)");
        }
        return FilterReply.DENY;
    }

    private static boolean brokerRefusal(ch.qos.logback.classic.Logger logger, Throwable t) {
        return t instanceof OutOfOrderSequenceException && t.getMessage() != null && t.getMessage().contains(EXPECTED)
                && t.getMessage().contains(TOPICS) && logger.getName().startsWith("kafka.");
    }

    /** Kafka's {@code LogContext} formats the message before it logs it; an SLF4J call may not have yet. */
    private static boolean producerRetry(ch.qos.logback.classic.Logger logger, String format, Object[] params) {
        if (format == null || !format.contains(RETRYING)
                || !logger.getName().startsWith("org.apache.kafka.clients.producer")) {
            return false;
        }
        String text = params == null || params.length == 0 ? format
                : MessageFormatter.arrayFormat(format, params).getMessage();
        return text.contains("on topic-partition " + TOPICS)
                && (text.contains("Error: OUT_OF_ORDER_SEQUENCE_NUMBER") || text.contains("Error: CONCURRENT_TRANSACTIONS"));
    }
}
