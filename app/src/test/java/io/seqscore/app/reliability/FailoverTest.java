package io.seqscore.app.reliability;

import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.avro.Score;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two scorer instances (child JVMs) of one application id with a standby replica of every task; one is killed
 * with SIGKILL mid-run. The other takes over its partitions (from its standby copies of their state), and the
 * committed scores are exactly those of the uninterrupted reference run. The workload's last quarter is produced
 * only after the kill, so that every partition of the killed instance has events left for the survivor however
 * fast the two scored the rest.
 */
class FailoverTest {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverTest.class);
    private static final int PARTITIONS = 4;

    @RegisterExtension
    static final ChildScorerCluster SHARED = new ChildScorerCluster();

    @Test
    void shouldTakeOverTheKilledInstancesPartitionsAndCommitExactlyTheReferenceScores(@TempDir Path dir)
            throws Exception {
        Workload workload = new Workload(1_000, 80);
        EmbeddedPipeline pipeline = EmbeddedPipeline.builder("failover-").cluster(SHARED.cluster())
                .partitions(PARTITIONS).stateDir(Files.createDirectories(dir.resolve("a"))).start();
        pipeline.publish(workload.first());
        pipeline.publish(workload.second());
        int lastQuarter = workload.steps() * 3 / 4;
        EventProducer.produce(SHARED.bootstrapServers(), SHARED.registryUrl(), pipeline.topics().events(), workload,
                0, lastQuarter);
        Map<String, List<Score>> reference = ReferenceRun.scores(dir.resolve("reference"), workload, Map.of());

        Map<String, Object> a = ChildScorers.properties(pipeline, dir.resolve("a"), "exactly_once_v2");
        a.put("num.standby.replicas", "1");
        Map<String, Object> b = new HashMap<>(a);
        b.put("state.dir", Files.createDirectories(dir.resolve("b")).toString());

        Set<Long> distinct = new HashSet<>();
        int[] counted = {0};
        try (CommittedReader<Score> scores = new CommittedReader<>(SHARED.bootstrapServers(), SHARED.registryUrl(),
                pipeline.topics().scores(), Score.class);
             ScorerProcess first = ScorerProcess.start(dir, "failover-a", a);
             ScorerProcess second = ScorerProcess.start(dir, "failover-b", b)) {
            Runnable count = () -> {
                List<ConsumerRecord<String, Score>> all = scores.records();
                for (; counted[0] < all.size(); counted[0]++) {
                    ConsumerRecord<String, Score> r = all.get(counted[0]);
                    distinct.add(ChildScorers.id(r.key(), r.value()));
                }
            };
            Map<ScorerProcess, Set<Integer>> owned = new HashMap<>();
            scores.pollUntil(Duration.ofSeconds(180), "both instances score partitions of their own", () -> {
                count.run();
                assertThat(first.isAlive() && second.isAlive()).as("both alive").isTrue();
                if (distinct.size() < workload.events() * 2 / 5) {
                    return false;
                }
                owned.clear();
                owned.putAll(ownership(a.get("application.id").toString(), pipeline.topics().events(), first, second));
                return owned.size() == 2 && owned.values().stream().noneMatch(Set::isEmpty);
            });
            ScorerProcess victim = owned.get(first).size() >= owned.get(second).size() ? first : second;
            ScorerProcess survivor = victim == first ? second : first;
            scores.readToEnd(Duration.ofSeconds(60));
            long killedAt = System.nanoTime();
            victim.kill();
            long[] endsAtKill = scores.committedEnds();
            count.run();
            int atKill = distinct.size();
            EventProducer.produce(SHARED.bootstrapServers(), SHARED.registryUrl(), pipeline.topics().events(),
                    workload, lastQuarter, workload.steps());
            long[] resumed = new long[PARTITIONS];
            int[] seen = {scores.size()};
            scores.pollUntil(Duration.ofSeconds(180), "every event is scored (log " + survivor.log() + ")", () -> {
                count.run();
                List<ConsumerRecord<String, Score>> all = scores.records();
                for (; seen[0] < all.size(); seen[0]++) {
                    ConsumerRecord<String, Score> r = all.get(seen[0]);
                    if (resumed[r.partition()] == 0 && r.offset() >= endsAtKill[r.partition()]) {
                        resumed[r.partition()] = System.nanoTime();
                    }
                }
                return distinct.size() >= workload.events();
            });
            ChildScorers.assertStoppedGracefully(survivor);
            scores.readToEnd(Duration.ofSeconds(60));

            long slowest = 0;
            for (int p : owned.get(victim)) {
                slowest = Math.max(slowest, resumed[p] == 0 ? 0 : resumed[p] - killedAt);
            }
            ScoreComparison comparison = ScoreComparison.of(reference, scores.records());
            LOG.info("FIGURES fail-over: {} events over {} keys, {} partitions, the instance owning partitions {} killed at {}"
                            + " distinct scores (committed offsets per partition {}), its unfinished partitions"
                            + " committing again on the survivor {} ms after the SIGKILL; {} score"
                            + " records read_committed, {} duplicates, {} missing, {} mismatched", workload.events(),
                    workload.keys(), PARTITIONS, owned.get(victim), atKill, java.util.Arrays.toString(endsAtKill),
                    slowest / 1_000_000, scores.size(), comparison.duplicates(), comparison.missing(),
                    comparison.mismatched());
            long[] ends = scores.committedEnds();
            int takenOver = 0;
            for (int p : owned.get(victim)) {
                if (endsAtKill[p] < ends[p]) {
                    assertThat(resumed[p]).as("partition %d of the killed instance, unfinished at the kill, committed"
                            + " scores after it", p).isNotZero();
                    takenOver++;
                }
            }
            assertThat(takenOver).as("unfinished partitions the survivor took over").isPositive();
            assertThat(comparison).isEqualTo(new ScoreComparison(0, 0, 0, 0, 0, null));
            assertThat(scores.size()).isEqualTo(workload.events());
            assertThat(ScoreComparison.identicalKeys(reference, scores.records())).isEqualTo(workload.keys());
        }
    }

    /**
     * Which events partitions each instance's stream thread is assigned now, from the consumer group's description:
     * a member's client id names its Kafka Streams process id, which the instance's log names too.
     */
    private static Map<ScorerProcess, Set<Integer>> ownership(String group, String eventsTopic, ScorerProcess... scorers) {
        Map<ScorerProcess, Set<Integer>> out = new HashMap<>();
        try (Admin admin = SHARED.kafka().admin()) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            for (MemberDescription member : description.members()) {
                String process = member.clientId().substring(group.length() + 1, group.length() + 37);
                for (ScorerProcess scorer : scorers) {
                    if (scorer.logText().contains(process)) {
                        Set<Integer> partitions = out.computeIfAbsent(scorer, s -> new TreeSet<>());
                        member.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(eventsTopic))
                                .forEach(tp -> partitions.add(tp.partition()));
                    }
                }
            }
        } catch (Exception e) {
            return Map.of();
        }
        return out;
    }
}
