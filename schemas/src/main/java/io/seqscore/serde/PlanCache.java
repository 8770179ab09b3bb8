package io.seqscore.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The serdes' plans by topic and by the key that picks one (a schema id, a GUID, a schema). A plan is made on the
 * first miss, outside any lock (making one may ask the Schema Registry); two threads missing at once both make one
 * and the later one is kept, which is harmless as plans of one key are equal.
 */
final class PlanCache<K, P> {
    private final Map<String, Map<K, P>> byTopic = new ConcurrentHashMap<>();
    private final BiFunction<String, K, P> make;

    /** @param make makes the plan of a topic and key */
    PlanCache(BiFunction<String, K, P> make) {
        this.make = make;
    }

    P get(String topic, K key) {
        Map<K, P> plans = byTopic.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
        P plan = plans.get(key);
        if (plan == null) {
            plan = make.apply(topic, key);
            plans.put(key, plan);
        }
        return plan;
    }

    void clear() {
        byTopic.clear();
    }
}
