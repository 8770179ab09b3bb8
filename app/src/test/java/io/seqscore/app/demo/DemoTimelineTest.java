package io.seqscore.app.demo;

import io.seqscore.app.model.CanarySplit;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ModelReleaseDecoder;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.model.RolloutPhase;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.testing.Releases;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.RolloutDirective;
import io.seqscore.avro.RolloutMode;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.trainer.release.Rollout;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoTimelineTest {
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 4, 1);
    private final DemoTimeline timeline = new DemoTimeline(Duration.ofSeconds(60), Duration.ofSeconds(45), 50);

    private static ModelRelease release(long version, long seed, RolloutDirective rollout) {
        ModelRelease r = Releases.release(DemoRun.MODEL, version, SPEC, Releases.randomParams(SPEC, seed, 0.3f),
                Releases.none(), Releases.gaussian(SPEC, 1.0, 0.99, 2));
        return ModelRelease.newBuilder(r).setRollout(rollout).build();
    }

    private static RolloutDirective directive(RolloutMode mode, double percent) {
        return RolloutDirective.newBuilder().setMode(mode).setCanaryPercent(percent).setActivateAt(null)
                .setRollbackTo(null).build();
    }

    @Test
    void shouldReleaseACanaryAfterTheFirstPauseThenPromoteItAfterTheSecond() throws Exception {
        List<String> log = new ArrayList<>();
        List<ModelRelease> published = new ArrayList<>();
        DemoTimeline.Actions actions = new DemoTimeline.Actions() {
            @Override
            public ModelRelease train(long version, Rollout rollout) {
                log.add("train v" + version + " canary=" + rollout.canaryPercent() + " shadow=" + rollout.shadow());
                return release(version, 7, directive(RolloutMode.CANARY, rollout.canaryPercent()));
            }

            @Override
            public void publish(ModelRelease release, String what) {
                log.add("publish " + release.getVersion() + ": " + what);
                published.add(release);
            }
        };
        timeline.run(actions, d -> log.add("pause " + d.toSeconds() + " s"));

        assertThat(log).containsExactly(
                "pause 60 s",
                "train v2 canary=50.0 shadow=false",
                "publish 2: v2 released as a canary on 50% of the keys",
                "pause 45 s",
                "publish 3: v2 promoted to every key (release 3)");
        assertThat(published.get(1).getRollout().getMode()).isEqualTo(RolloutMode.FULL);
        assertThat(published.get(1).getRollout().getRollbackTo()).isEqualTo(2L);
    }

    @Test
    void shouldStopWhereThePauseSaysTheDemoStops() throws Exception {
        List<String> log = new ArrayList<>();
        DemoTimeline.Actions actions = new DemoTimeline.Actions() {
            @Override
            public ModelRelease train(long version, Rollout rollout) {
                log.add("train");
                return release(version, 7, directive(RolloutMode.CANARY, 50));
            }

            @Override
            public void publish(ModelRelease release, String what) {
                log.add("publish " + release.getVersion());
            }
        };
        int[] pauses = {0};
        timeline.run(actions, d -> ++pauses[0] < 2);
        assertThat(log).containsExactly("train", "publish 2");

        log.clear();
        timeline.run(actions, d -> false);
        assertThat(log).isEmpty();
    }

    @Test
    void shouldPromoteWithTheCandidatesWeightsUnderItsVersion() {
        ModelRelease v2 = release(2, 7, directive(RolloutMode.CANARY, 50));
        ModelRelease p = DemoTimeline.promotion(v2, 3, Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(p.getVersion()).isEqualTo(3);
        assertThat(p.getCreatedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(p.getRollout()).isEqualTo(RolloutDirective.newBuilder().setMode(RolloutMode.FULL)
                .setCanaryPercent(0.0).setActivateAt(null).setRollbackTo(2L).build());
        assertThat(p.getSignature()).isNull();
        assertThat(p.getArchitecture()).isEqualTo(v2.getArchitecture());
        assertThat(p.getWeights()).isEqualTo(v2.getWeights());
        assertThat(p.getNormalizer()).isEqualTo(v2.getNormalizer());
        assertThat(p.getCalibration()).isEqualTo(v2.getCalibration());
        assertThat(p.getProvenance()).isEqualTo(v2.getProvenance());
        assertThatThrownBy(() -> DemoTimeline.promotion(v2, 2, Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The registry the scorer runs takes the three releases as the demo means them. */
    @Test
    void shouldServeV1ThenSplitTheKeysThenServeV2Everywhere() throws Exception {
        ModelReleaseDecoder decoder = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED);
        ModelRegistry registry = new ModelRegistry();
        ModelRelease v1 = release(1, 3, directive(RolloutMode.FULL, 0));
        ModelRelease v2 = release(2, 7, directive(RolloutMode.CANARY, timeline.canaryPercent()));

        assertThat(registry.offer(decoder.decode(DemoRun.MODEL, v1), 0).outcome()).isEqualTo(ModelRegistry.Outcome.SERVING);
        assertThat(registry.offer(decoder.decode(DemoRun.MODEL, v2), 0).outcome()).isEqualTo(ModelRegistry.Outcome.SERVING);
        RolloutPhase canary = registry.plan(DemoRun.MODEL).phaseAt(0);
        assertThat(canary.serving().version()).isEqualTo(1);
        assertThat(canary.canary().version()).isEqualTo(2);
        int onCanary = 0;
        for (int k = 0; k < 1000; k++) {
            int bucket = CanarySplit.bucket(("sensor-" + k).getBytes(StandardCharsets.UTF_8));
            if (canary.modelFor(bucket).version() == 2) {
                onCanary++;
            }
        }
        assertThat(onCanary).isBetween(450, 550);

        ServingModel promoted = decoder.decode(DemoRun.MODEL, DemoTimeline.promotion(v2, 3, Instant.EPOCH));
        assertThat(registry.offer(promoted, 0).outcome()).isEqualTo(ModelRegistry.Outcome.SERVING);
        RolloutPhase after = registry.plan(DemoRun.MODEL).phaseAt(0);
        assertThat(after.canary()).isNull();
        assertThat(after.serving().version()).isEqualTo(2);
        assertThat(after.serving().releaseVersion()).isEqualTo(3);
        assertThat(after.serving().sameNetworkAs(canary.canary())).isTrue();
        assertThat(registry.rejectedCount()).isZero();
    }

    @Test
    void shouldRejectPercentagesThatSplitNothing() {
        assertThatThrownBy(() -> new DemoTimeline(Duration.ZERO, Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DemoTimeline(Duration.ZERO, Duration.ZERO, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DemoTimeline(Duration.ofSeconds(-1), Duration.ZERO, 50))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int bucket(String key) {
        return CanarySplit.bucket(key.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldWidenTheCanaryUntilItServesOneKeyOfAOneKeyStream() {
        // a key whose bucket a 50% canary does not reach
        String key = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "series-" + i)
                .filter(k -> bucket(k) >= 5000 && bucket(k) < 9900).findFirst().orElseThrow();
        List<String> said = new ArrayList<>();
        DemoTimeline fitted = timeline.fitted(List.of(key), null, said::add);

        double expected = Math.ceil((bucket(key) + 1) / 100.0);
        assertThat(DemoTimeline.canaryKeys(List.of(key), 50)).isEmpty();
        assertThat(fitted).isEqualTo(new DemoTimeline(Duration.ofSeconds(60), Duration.ofSeconds(45), expected));
        assertThat(DemoTimeline.canaryKeys(List.of(key), fitted.canaryPercent())).containsExactly(key);
        assertThat(said).containsExactly("A canary on 50% of the keys would serve none of the 1 key: it serves "
                + DemoTimeline.percent(expected) + "% instead, which takes " + key);
        // NAB's machine_temperature_system_failure.csv as one series (docs/demo-troubleshooting.md)
        assertThat(timeline.fitted(List.of("machine_temperature_system_failure"), null, s -> { }).canaryPercent())
                .isEqualTo(95);
    }

    @Test
    void shouldKeepATimelineThatFitsAndServesSomeKeys() {
        List<String> keys = java.util.stream.IntStream.range(0, 24).mapToObj(i -> "sensor-" + i).toList();
        List<String> said = new ArrayList<>();
        assertThat(timeline.fitted(keys, null, said::add)).isEqualTo(timeline);
        assertThat(timeline.fitted(keys, Duration.ofSeconds(106), said::add)).isEqualTo(timeline);
        assertThat(said).isEmpty();
        assertThat(DemoTimeline.canaryKeys(keys, 50)).isNotEmpty().hasSizeLessThan(24)
                .allMatch(k -> bucket(k) < 5000);
    }

    @Test
    void shouldBringTheRolloutIntoAStreamThatEndsBeforeIt() {
        List<String> keys = java.util.stream.IntStream.range(0, 24).mapToObj(i -> "sensor-" + i).toList();
        List<String> said = new ArrayList<>();
        DemoTimeline fitted = timeline.fitted(keys, Duration.ofSeconds(90), said::add);
        assertThat(fitted).isEqualTo(new DemoTimeline(Duration.ofSeconds(30), Duration.ofSeconds(30), 50));
        assertThat(said).containsExactly("The live part of the stream lasts 90 s: v2 comes as a canary after 30 s and"
                + " is promoted 30 s later (instead of after 60 s and 45 s), so that the rollout fits in it");
    }
}
