package io.seqscore.trainer.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelsTopicTimeoutsTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 1_000, 10_000, 30_000, 120_000})
    void everyRequestedTimeoutGivesAProducerConfigTheClientAccepts(long timeoutMs) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "127.0.0.1:1");
        props.putAll(ModelsTopic.deliveryTimeouts(props, timeoutMs));
        long delivery = Long.parseLong(props.get("delivery.timeout.ms").toString());
        long request = Long.parseLong(props.get("request.timeout.ms").toString());
        long linger = Long.parseLong(props.get("linger.ms").toString());
        assertThat(delivery).isGreaterThanOrEqualTo(request + linger).isGreaterThanOrEqualTo(Math.max(timeoutMs, 1000));
        assertThat(request).isLessThanOrEqualTo(30_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.close(Duration.ZERO);
        }
    }

    @Test
    void userSettingsWinAndDeliveryCoversThem() {
        Map<String, Object> props = new HashMap<>(Map.of("linger.ms", "50", "request.timeout.ms", "20000"));
        Map<String, Object> out = ModelsTopic.deliveryTimeouts(props, 5_000);
        assertThat(out).containsEntry("linger.ms", "50").containsEntry("request.timeout.ms", "20000")
                .containsEntry("delivery.timeout.ms", "20050").containsEntry("max.block.ms", "5000");
        props.put("delivery.timeout.ms", "99999");
        assertThat(ModelsTopic.deliveryTimeouts(props, 5_000)).doesNotContainKey("delivery.timeout.ms");
    }
}
