package io.seqscore.app.demo;

import io.seqscore.trainer.source.BadInputPolicy;
import io.seqscore.trainer.source.CsvFormat;
import io.seqscore.trainer.source.CsvSource;
import io.seqscore.trainer.source.HeaderMode;
import io.seqscore.trainer.source.RawSeries;
import io.seqscore.trainer.source.SourceResult;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A user's series from CSV (the trainer's formats, read by its {@link CsvSource}) as ticks: the events
 * sorted by (time, key), one tick per distinct event time. The first {@code trainFraction} of the ticks are
 * the history; the rest is replayed live, with the events' own times. A key's second event at the same time
 * is dropped, as the trainer and the scorer treat it as a duplicate.
 */
final class CsvReplaySource implements DemoSource {
    private final String description;
    private final List<String> keys;
    private final List<List<DemoEvent>> ticks;
    private final long historyTicks;
    private final long liveStart;

    CsvReplaySource(String description, List<DemoEvent> events, double trainFraction, long liveStart) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("the training fraction must be in (0, 1), got " + trainFraction);
        }
        this.description = description;
        this.liveStart = liveStart;
        List<DemoEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(DemoEvent::time).thenComparing(DemoEvent::key));
        List<List<DemoEvent>> out = new ArrayList<>();
        List<DemoEvent> current = null;
        DemoEvent previous = null;
        for (DemoEvent e : sorted) {
            if (previous != null && previous.time() == e.time() && previous.key().equals(e.key())) {
                continue;
            }
            if (current == null || current.get(0).time() != e.time()) {
                current = new ArrayList<>();
                out.add(current);
            }
            current.add(e);
            previous = e;
        }
        this.ticks = out;
        this.keys = sorted.stream().map(DemoEvent::key).distinct().sorted().toList();
        this.historyTicks = (long) Math.floor(trainFraction * out.size());
        if (historyTicks < 1 || historyTicks >= out.size()) {
            throw new IllegalArgumentException("the CSV has " + out.size() + " distinct event times: too few to train on"
                    + " a first part and stream the rest");
        }
    }

    private CsvReplaySource(CsvReplaySource other, long liveStart) {
        this.description = other.description;
        this.keys = other.keys;
        this.ticks = other.ticks;
        this.historyTicks = other.historyTicks;
        this.liveStart = liveStart;
    }

    /** The same series, their live part due from {@code liveStart} on. */
    @Override
    public CsvReplaySource streamingFrom(long liveStart) {
        return new CsvReplaySource(this, liveStart);
    }

    /** Reads {@code file} with the trainer's CSV reader (bad lines fail with {@code file:line: reason}). */
    static CsvReplaySource read(Path file, CsvFormat format, ZoneId zone, double trainFraction, long liveStart) {
        SourceResult result = new CsvSource(format, HeaderMode.AUTO, zone, BadInputPolicy.FAIL).read(List.of(file));
        List<DemoEvent> events = new ArrayList<>();
        for (RawSeries s : result.history().series()) {
            int n = s.dimension();
            for (int i = 0; i < s.size(); i++) {
                events.add(new DemoEvent(s.key(), s.times()[i], Arrays.copyOfRange(s.values(), i * n, (i + 1) * n)));
            }
        }
        return new CsvReplaySource(result.description(), events, trainFraction, liveStart);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int keyCount() {
        return keys.size();
    }

    @Override
    public List<String> keys() {
        return keys;
    }

    @Override
    public long historyTicks() {
        return historyTicks;
    }

    @Override
    public long tickCount() {
        return ticks.size();
    }

    @Override
    public List<DemoEvent> tick(long i) {
        return ticks.get(Math.toIntExact(i));
    }

    @Override
    public long liveStart() {
        return liveStart;
    }
}
