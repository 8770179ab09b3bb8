package io.seqscore.app.produce;

import io.seqscore.trainer.source.BadInputPolicy;
import io.seqscore.trainer.source.CsvFormat;
import io.seqscore.trainer.source.CsvSource;
import io.seqscore.trainer.source.EventSink;
import io.seqscore.trainer.source.HeaderMode;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/**
 * Events from CSV files in the trainer's layouts, read by the trainer's own reader (same columns, same errors); the
 * {@code symbols} layout ({@code key,timestamp,symbol,value...}) gives events that carry a symbol and values.
 */
public final class CsvEvents implements EventSource {
    private final CsvSource source;
    private final List<Path> paths;

    public CsvEvents(List<Path> paths, CsvFormat format, HeaderMode header, ZoneId zone, BadInputPolicy policy) {
        this.source = new CsvSource(format, header, zone, policy);
        this.paths = List.copyOf(paths);
    }

    @Override
    public long readInto(EventConsumer consumer) {
        return source.stream(paths, new EventSink() {
            @Override
            public void add(String key, long time, double[] values) {
                consumer.accept(key, time, null, values, null);
            }

            @Override
            public void add(String key, long time, String symbol, double[] values) {
                consumer.accept(key, time, symbol, values, null);
            }
        });
    }

    @Override
    public long skipped() {
        return source.skipped();
    }
}
