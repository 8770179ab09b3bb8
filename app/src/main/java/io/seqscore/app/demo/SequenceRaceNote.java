package io.seqscore.app.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.Marker;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns the demo broker's ERROR "Error processing append operation on partition seqscore-demo-scores-N"
 * with an {@link OutOfOrderSequenceException} "Expected sequence 0 for transactions v2 idempotent producer
 * with no existing state" into one INFO line that says why it is harmless.
 * <p>
 * The scorer writes scores in transactions (exactly-once). With Kafka's transactions v2, each transaction
 * starts a producer's sequence numbers on a partition again at 0, and the broker checks the first batch of
 * a transaction with the transaction coordinator before appending it. A later batch of the same
 * transaction (sequence 5, say) that reaches the partition while the first one is being checked is refused
 * with this retriable error (KAFKA-18202); the producer sends it again after the first one, or, when the
 * scorer is stopping, aborts the transaction. Nothing is lost and nothing is written twice. The demo sees it
 * when the backlog or the shutdown puts several batches of one transaction in flight at once; the broker
 * logs it at ERROR with its stack trace, which tells a newcomer only that something is wrong.
 */
final class SequenceRaceNote extends TurboFilter {
    static final String EXPECTED = "Expected sequence 0 for transactions v2";
    private final AtomicBoolean said = new AtomicBoolean();
    private final org.slf4j.Logger out;

    /** @param out where the explanation goes */
    SequenceRaceNote(org.slf4j.Logger out) {
        this.out = out;
        setName("seqscore-demo-sequence-race");
    }

    @Override
    public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
                              Object[] params, Throwable t) {
        if (!(t instanceof OutOfOrderSequenceException) || t.getMessage() == null || !t.getMessage().contains(EXPECTED)
                || !logger.getName().startsWith("kafka.")) {
            return FilterReply.NEUTRAL;
        }
        if (said.compareAndSet(false, true)) {
            out.info("(The broker refused a batch of scores that overtook the first"
                    + " batch of its transaction, a retriable check of Kafka's transactions v2 (KAFKA-18202): the scorer"
                    + " sends it again, or aborts the transaction when stopping; nothing is lost or written twice. Said"
                    + " once per run.)");
        }
        return FilterReply.DENY;
    }
}
