package io.seqscore.model.core.features;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.train.WeightInit;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SymbolFeaturesTest {

    @Test
    void shouldLearnAVocabularyByCountWithAnUnknownSlot() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("E5", 10L);
        counts.put("E22", 30L);
        counts.put("E9", 10L);
        counts.put("E1", 1L);
        Vocabulary v = Vocabulary.learn(counts, 2);
        assertThat(v.symbols()).containsExactly("E22", "E5", "E9");
        assertThat(v.size()).isEqualTo(4);
        assertThat(v.index("E22")).isEqualTo(1);
        assertThat(v.index("E9")).isEqualTo(3);
        assertThat(v.index("E1")).isEqualTo(Vocabulary.UNKNOWN);
        assertThat(v.index("never")).isEqualTo(Vocabulary.UNKNOWN);
        assertThat(v.symbol(2)).isEqualTo("E5");
        assertThat(v.symbol(0)).isNull();
        assertThat(Vocabulary.learn(counts, 2)).isEqualTo(v);
    }

    @Test
    void shouldRejectDuplicateOrEmptySymbols() {
        assertThatThrownBy(() -> new Vocabulary(List.of("a", "b", "a"))).hasMessageContaining("'a' appears twice");
        assertThatThrownBy(() -> new Vocabulary(List.of("a", ""))).hasMessageContaining("empty");
        assertThatThrownBy(() -> Vocabulary.learn(Map.of(), 0)).hasMessageContaining("minimum count");
    }

    @Test
    void shouldForecastTheSoftmaxOfTheLogitsAndReadTheIndex() {
        SymbolFeatures f = (SymbolFeatures) FeatureKinds.create(
                SymbolFeatures.parameters(new Vocabulary(List.of("a", "b", "c")), 2));
        assertThat(f.symbols()).contains(new Vocabulary(List.of("a", "b", "c")));
        float[] x = new float[1];
        f.inputs(new float[] {3f}, null, null, null, null, x);
        assertThat(x[0]).isEqualTo(3f);
        float[] out = {1f, 2f, 0f, -1f};
        float[] forecast = new float[4];
        float[] zNext = new float[4];
        f.forecasts(new double[] {3}, null, null, null, null, out, 4, forecast, zNext);
        double sum = Math.exp(1) + Math.exp(2) + 1 + Math.exp(-1);
        assertThat((double) forecast[1]).isCloseTo(Math.exp(2) / sum, within(1e-6));
        assertThat((double) (forecast[0] + forecast[1] + forecast[2] + forecast[3])).isCloseTo(1.0, within(1e-6));
        assertThat(zNext).containsExactly(forecast);
    }

    @Test
    void shouldEncodeIndicesAsInputsAndNextIndicesAsTargets() {
        EncodedSeries e = new SymbolFeatures(new Vocabulary(List.of("a", "b", "c", "d", "e")), 2).encode(new long[] {1, 2, 3}, new float[] {2, 5, 1}, 1, null, null, 1);
        assertThat(e.inputs()).containsExactly(2f, 5f, 1f);
        assertThat(e.target(0, 0, 0)).isEqualTo(5f);
        assertThat(e.target(1, 0, 0)).isEqualTo(1f);
    }

    @Test
    void shouldAcceptOnlyAnEmbeddedNetworkWithOneOutputPerSymbol() {
        Vocabulary v = new Vocabulary(List.of("a", "b", "c", "d"));
        SymbolFeatures f = new SymbolFeatures(v, 3);
        NetworkSpec good = NetworkSpec.embedded(5, List.of(new LayerSpec(CellType.LSTM, 3, 4)), 1, 5);
        f.check(good);
        assertThat(f.eventSize(good)).isEqualTo(1);
        assertThat(f.forecastValues(1)).isEqualTo(5);
        assertThat(SymbolFeatures.embeddingOf(f.parameters())).containsExactly(5, 3, 0);
        assertThat(SymbolFeatures.embeddingOf(FeatureParameters.of("VALUES"))).isNull();
        assertThatThrownBy(() -> f.check(NetworkSpec.uniform(CellType.LSTM, 1, 4, 1))).hasMessageContaining("embedding");
        assertThatThrownBy(() -> f.check(NetworkSpec.embedded(5, List.of(new LayerSpec(CellType.LSTM, 2, 4)), 1, 5)))
                .hasMessageContaining("embedding of that shape");
        assertThatThrownBy(() -> f.check(NetworkSpec.embedded(5, List.of(new LayerSpec(CellType.LSTM, 3, 4)), 1, 4)))
                .hasMessageContaining("one output per symbol");
        assertThatThrownBy(() -> new SymbolFeatures(new FeatureParameters(SymbolFeatures.KIND, 0, 0, 0, 3, 0f)))
                .hasMessageContaining("historySize");
        assertThatThrownBy(() -> new SymbolFeatures(FeatureParameters.of(SymbolFeatures.KIND)))
                .hasMessageContaining("vocabulary");
        assertThatThrownBy(() -> new SymbolFeatures(new FeatureParameters(SymbolFeatures.KIND, 0, 0, 0, 0, 0f,
                java.util.Map.of("embedding", 2.5), List.of("a")))).hasMessageContaining("whole number");
    }

    @Test
    void shouldCheckTheSoftmaxHeadAgainstTheNetwork() {
        NetworkSpec good = NetworkSpec.embedded(5, List.of(new LayerSpec(CellType.LSTM, 3, 4)), 1, 5);
        io.seqscore.model.core.HeadKinds.check(new io.seqscore.model.core.HeadSpec("softmax", java.util.Map.of()), good);
        assertThatThrownBy(() -> io.seqscore.model.core.HeadKinds.check(
                new io.seqscore.model.core.HeadSpec("softmax", java.util.Map.of()), NetworkSpec.uniform(CellType.LSTM, 2, 4, 1)))
                .hasMessageContaining("embedding");
    }

    @Test
    void shouldGiveTheScorerAProbabilityDistributionPerStep() {
        NetworkSpec spec = NetworkSpec.embedded(6, List.of(new LayerSpec(CellType.LSTM, 4, 8)), 1, 6);
        Network net = Network.of(spec, WeightInit.initialize(spec, 3));
        SymbolFeatures f = new SymbolFeatures(new Vocabulary(List.of("a", "b", "c", "d", "e")), 4);
        f.check(spec);
        float[] state = net.newState();
        float[] x = new float[1];
        float[] out = new float[6];
        float[] forecast = new float[6];
        float[] zNext = new float[6];
        for (int symbol : new int[] {1, 2, 3, 0, 5}) {
            f.inputs(new float[] {symbol}, null, null, null, null, x);
            net.step(state, x, out);
            f.forecasts(new double[] {symbol}, null, null, null, null, out, 6, forecast, zNext);
            double sum = 0;
            for (float p : forecast) {
                assertThat(p).isBetween(0f, 1f);
                sum += p;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void shouldReadTheIndexAndScaledValuesAndForecastBoth() {
        Vocabulary v = new Vocabulary(List.of("a", "b"));
        SymbolFeatures f = (SymbolFeatures) FeatureKinds.create(SymbolFeatures.parameters(v, 2, 2));
        assertThat(f.values()).isEqualTo(2);
        float[] mu = {0f, 10f, -1f};
        float[] sigma = {1f, 2f, 0.5f};
        float[] x = new float[3];
        f.inputs(new float[] {2f, 14f, -1.5f}, null, null, mu, sigma, x);
        assertThat(x).containsExactly(2f, 2f, -1f);
        float[] out = {1f, 2f, 0f, 0.5f, -2f};
        float[] forecast = new float[5];
        float[] zNext = new float[5];
        f.forecasts(new double[] {2, 14, -1.5}, null, null, mu, sigma, out, 5, forecast, zNext);
        double sum = Math.exp(1) + Math.exp(2) + 1;
        assertThat((double) forecast[1]).isCloseTo(Math.exp(2) / sum, within(1e-6));
        assertThat(forecast[3]).isEqualTo(11f);
        assertThat(forecast[4]).isEqualTo(-2f);
        assertThat(zNext).containsExactly(forecast[0], forecast[1], forecast[2], 0.5f, -2f);
        EncodedSeries e = f.encode(new long[] {1, 2}, new float[] {2f, 14f, -1.5f, 1f, 10f, -1f}, 3, mu, sigma, 1);
        assertThat(e.inputs()).containsExactly(2f, 2f, -1f, 1f, 0f, 0f);
        assertThat(e.target(0, 0, 0)).isEqualTo(1f);
        assertThat(e.target(0, 0, 1)).isEqualTo(0f);
    }

    @Test
    void shouldWriteTheRowAndNameWhatAnEventMisses() {
        Vocabulary v = new Vocabulary(List.of("a", "b"));
        SymbolFeatures both = new SymbolFeatures(v, 2, 2);
        double[] row = new double[3];
        both.row("b", new double[] {4, 5}, 2, row);
        assertThat(row).containsExactly(2, 4, 5);
        both.row("zz", new double[] {4, 5}, 2, row);
        assertThat(row[0]).isEqualTo(Vocabulary.UNKNOWN);
        assertThat(both.unseen("zz")).isTrue();
        assertThat(both.unseen("a")).isFalse();
        assertThat(both.rowSize(2)).isEqualTo(3);
        assertThat(both.misfit(true, 2)).isNull();
        assertThat(both.misfit(false, 2)).isEqualTo("has no symbol, the model reads a symbol and 2 values per event");
        assertThat(both.misfit(true, 0)).isEqualTo("has 0 values, the model reads a symbol and 2 values per event");
        SymbolFeatures only = new SymbolFeatures(v, 2);
        assertThat(only.misfit(true, 1)).isEqualTo("has 1 values, the model reads a symbol only");
        assertThat(only.parameters().named()).containsOnlyKeys(SymbolFeatures.EMBEDDING);
        assertThat(SymbolFeatures.embeddingOf(both.parameters())).containsExactly(3, 2, 2);
    }

    @Test
    void shouldAcceptOnlyANetworkReadingTheValuesBesideTheSymbol() {
        Vocabulary v = new Vocabulary(List.of("a", "b", "c"));
        SymbolFeatures f = new SymbolFeatures(v, 3, 2);
        NetworkSpec good = NetworkSpec.embedded(4, 2, List.of(new LayerSpec(CellType.LSTM, 5, 4)), 1, 6);
        f.check(good);
        io.seqscore.model.core.HeadKinds.check(new io.seqscore.model.core.HeadSpec("softmax-values", Map.of()), good);
        assertThat(f.eventSize(good)).isEqualTo(3);
        assertThatThrownBy(() -> f.check(NetworkSpec.embedded(4, List.of(new LayerSpec(CellType.LSTM, 3, 4)), 1, 4)))
                .hasMessageContaining("2 values per event");
        assertThatThrownBy(() -> f.check(NetworkSpec.embedded(4, 2, List.of(new LayerSpec(CellType.LSTM, 5, 4)), 1, 4)))
                .hasMessageContaining("per value");
        assertThatThrownBy(() -> io.seqscore.model.core.HeadKinds.check(
                new io.seqscore.model.core.HeadSpec("softmax-values", Map.of()),
                NetworkSpec.embedded(4, List.of(new LayerSpec(CellType.LSTM, 3, 4)), 1, 4)))
                .hasMessageContaining("values beside it");
        assertThatThrownBy(() -> new SymbolFeatures(new FeatureParameters(SymbolFeatures.KIND, 0, 0, 0, 0, 0f,
                Map.of("embedding", 2.0, "values", 0.0), List.of("a")))).hasMessageContaining("'values'");
    }
}
