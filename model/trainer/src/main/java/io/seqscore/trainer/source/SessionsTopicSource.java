package io.seqscore.trainer.source;

import io.seqscore.input.InputFormat;
import io.seqscore.input.InputMapping;
import io.seqscore.trainer.kafka.KafkaSettings;
import io.seqscore.trainer.sessions.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sessions from the events topic: every record from the earliest offset to the end offsets found at the
 * start, read as events by an input format, kept when {@code from ≤ eventTime < to}; the events of a key,
 * ordered by event time (records of equal times in the order read), are its symbols. Without an end symbol a
 * key is one session. With one, a key's events are cut into sessions after each end symbol (which the
 * training appends again) and the events after a key's last end symbol, a session still running, are left
 * out. Sessions are in the order of their keys (sorted), then of their ends. A record without a value or a
 * symbol, whose key is not UTF-8 or that does not decode or map is a bad input located as
 * {@code topic-partition@offset}; values an event carries beside its symbol are not read.
 */
public final class SessionsTopicSource {
    private static final Logger LOG = LoggerFactory.getLogger(SessionsTopicSource.class);

    private final SymbolEventsReader reader;
    private final Map<String, List<Timed>> keys = new TreeMap<>();
    private long sequence;

    /**
     * What was read.
     *
     * @param sessions   the sessions, each with its key
     * @param records    records read
     * @param unfinished sessions left out because no end symbol ended them yet
     * @param skipped    bad records skipped
     */
    public record Result(List<KeyedSession> sessions, long records, int unfinished, long skipped) {
        public List<Session> symbols() {
            return sessions.stream().map(KeyedSession::session).toList();
        }
    }

    /** A session and the key whose events it holds. */
    public record KeyedSession(String key, Session session) {
    }

    private record Timed(long time, long sequence, String symbol) {
    }

    /**
     * @param from    earliest event time kept (epoch ms, inclusive), or null
     * @param to      end of the event times kept (epoch ms, exclusive), or null
     * @param mapping where the event's parts are (json, avro): its symbol field names the symbol
     */
    public SessionsTopicSource(KafkaSettings settings, String topic, Long from, Long to, BadInputPolicy policy,
                               InputFormat format, InputMapping mapping) {
        this.reader = new SymbolEventsReader(settings, topic, from, to, policy, format, mapping);
    }

    /** @param endSymbol the symbol that ends a session, or null: each key is one session */
    public Result read(String endSymbol) {
        long records = reader.read("seqscore-trainer-sessions", (r, event, time, symbol) ->
                keys.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(new Timed(time, sequence++, symbol)));
        List<KeyedSession> sessions = new ArrayList<>();
        int unfinished = 0;
        for (Map.Entry<String, List<Timed>> e : keys.entrySet()) {
            List<Timed> events = e.getValue();
            events.sort(Comparator.comparingLong(Timed::time).thenComparingLong(Timed::sequence));
            List<String> symbols = new ArrayList<>();
            for (Timed t : events) {
                if (t.symbol.equals(endSymbol)) {
                    if (!symbols.isEmpty()) {
                        sessions.add(new KeyedSession(e.getKey(), new Session(sessions.size() + 1, symbols)));
                    }
                    symbols = new ArrayList<>();
                } else {
                    symbols.add(t.symbol);
                }
            }
            if (!symbols.isEmpty()) {
                if (endSymbol == null) {
                    sessions.add(new KeyedSession(e.getKey(), new Session(sessions.size() + 1, symbols)));
                } else {
                    unfinished++;
                }
            }
        }
        LOG.info("read {} records from {}: {} sessions of {} keys, {} unfinished sessions left out, {} events outside"
                + " the time range, {} bad records skipped", records, reader.topic(), sessions.size(), keys.size(), unfinished,
                reader.outside(), reader.problems().skipped());
        return new Result(sessions, records, unfinished, reader.problems().skipped());
    }
}
