package io.seqscore.app.reliability;

import io.seqscore.avro.Score;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An output run held against a reference run, key by key. A score is identified by (key, event time); two
 * scores are equal when their Avro records are (every field, doubles compared by their bits, as
 * {@link Double#equals} does: forecast, expected, residual, anomaly score, intervals, status, model name and
 * version, steps seen).
 *
 * @param missing      reference scores absent from the output
 * @param duplicates   output scores of a (key, event time) already seen
 * @param unexpected   output scores of a (key, event time) the reference does not have
 * @param mismatched   output scores (first or repeated) whose value differs from the reference's
 * @param outOfOrder   keys whose first occurrences are not in the reference's order
 * @param firstProblem a description of the first problem found, or null
 */
record ScoreComparison(int missing, int duplicates, int unexpected, int mismatched, int outOfOrder,
                       String firstProblem) {

    /** Keys whose output sequence is exactly the reference's: same scores, same order, nothing more. */
    static int identicalKeys(Map<String, List<Score>> reference, List<ConsumerRecord<String, Score>> output) {
        Map<String, List<Score>> actual = byKey(output);
        int same = 0;
        for (Map.Entry<String, List<Score>> e : reference.entrySet()) {
            if (e.getValue().equals(actual.get(e.getKey()))) {
                same++;
            }
        }
        return same;
    }

    static Map<String, List<Score>> byKey(List<ConsumerRecord<String, Score>> output) {
        Map<String, List<Score>> out = new LinkedHashMap<>();
        for (ConsumerRecord<String, Score> r : output) {
            out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
        }
        return out;
    }

    static ScoreComparison of(Map<String, List<Score>> reference, List<ConsumerRecord<String, Score>> output) {
        Map<String, List<Score>> actual = byKey(output);
        int missing = 0;
        int duplicates = 0;
        int unexpected = 0;
        int mismatched = 0;
        int outOfOrder = 0;
        String first = null;
        for (Map.Entry<String, List<Score>> e : reference.entrySet()) {
            String key = e.getKey();
            Map<Long, Score> expected = new HashMap<>();
            List<Long> order = new ArrayList<>();
            for (Score s : e.getValue()) {
                expected.put(s.getEventTime().toEpochMilli(), s);
                order.add(s.getEventTime().toEpochMilli());
            }
            Map<Long, Integer> seen = new HashMap<>();
            List<Long> firstOccurrences = new ArrayList<>();
            for (Score s : actual.getOrDefault(key, List.of())) {
                long t = s.getEventTime().toEpochMilli();
                Score want = expected.get(t);
                int n = seen.merge(t, 1, Integer::sum);
                if (want == null) {
                    unexpected++;
                    first = first == null ? key + "@" + t + ": not in the reference" : first;
                    continue;
                }
                if (n > 1) {
                    duplicates++;
                } else {
                    firstOccurrences.add(t);
                }
                if (!want.equals(s)) {
                    mismatched++;
                    first = first == null ? key + "@" + t + ": " + s + " differs from the reference " + want : first;
                }
            }
            for (long t : order) {
                if (!seen.containsKey(t)) {
                    missing++;
                    first = first == null ? key + "@" + t + ": missing" : first;
                }
            }
            List<Long> expectedOrder = new ArrayList<>(order);
            expectedOrder.retainAll(new java.util.HashSet<>(firstOccurrences));
            if (!expectedOrder.equals(firstOccurrences)) {
                outOfOrder++;
                first = first == null ? key + ": scores out of order " + firstOccurrences : first;
            }
        }
        for (Map.Entry<String, List<Score>> e : actual.entrySet()) {
            if (!reference.containsKey(e.getKey())) {
                unexpected += e.getValue().size();
                first = first == null ? e.getKey() + ": a key the reference does not have" : first;
            }
        }
        return new ScoreComparison(missing, duplicates, unexpected, mismatched, outOfOrder, first);
    }
}
