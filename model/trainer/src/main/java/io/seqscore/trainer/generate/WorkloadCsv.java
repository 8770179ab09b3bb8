package io.seqscore.trainer.generate;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * Writes a workload as text: the history in the trainer's long CSV format ({@code key,timestamp,value},
 * ISO-8601 UTC times, values in Java's shortest exact decimal form, keys interleaved in time order), and
 * the list of injected anomalies ({@code key,kind,start,end,steps,magnitude}, end exclusive).
 */
public final class WorkloadCsv {
    public static final String HISTORY_HEADER = "key,timestamp,value";
    public static final String ANOMALIES_HEADER = "key,kind,start,end,steps,magnitude";

    private WorkloadCsv() {
    }

    /** Writes steps [from, to) of every key; returns the number of events written. */
    public static long writeHistory(SyntheticWorkload workload, long from, long to, Writer out) throws IOException {
        out.write(HISTORY_HEADER);
        out.write('\n');
        String[] keys = new String[workload.keyCount()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = field(workload.key(k));
        }
        long events = 0;
        for (long n = from; n < to; n++) {
            String time = Instant.ofEpochMilli(workload.eventTime(n)).toString();
            for (int k = 0; k < keys.length; k++) {
                out.write(keys[k]);
                out.write(',');
                out.write(time);
                out.write(',');
                out.write(Double.toString(workload.value(k, n)));
                out.write('\n');
                events++;
            }
        }
        return events;
    }

    /** Writes the anomalies with their event times; returns how many. */
    public static int writeAnomalies(SyntheticWorkload workload, List<InjectedAnomaly> anomalies, Writer out)
            throws IOException {
        out.write(ANOMALIES_HEADER);
        out.write('\n');
        for (InjectedAnomaly a : anomalies) {
            out.write(field(a.key()) + ',' + a.kind().spelling() + ',' + Instant.ofEpochMilli(workload.eventTime(a.start()))
                    + ',' + Instant.ofEpochMilli(workload.eventTime(a.end())) + ',' + a.length() + ','
                    + a.magnitude() + '\n');
        }
        return anomalies.size();
    }

    /** A CSV field, quoted (quotes doubled) when it holds a comma, a quote or a line break. */
    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
