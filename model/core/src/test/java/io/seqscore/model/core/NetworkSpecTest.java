package io.seqscore.model.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkSpecTest {

    @Test
    void shouldLayOutLstmParametersAsDocumented() {
        // LSTM in=2 u=3: W [12][2]=24 at 0, U [12][3]=36 at 24, b [12] at 60; head H=2 D=1: W [2][3] at 72, b [2] at 78
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, 2, 3, 1, 2, 1);
        assertThat(spec.wOffset(0)).isZero();
        assertThat(spec.uOffset(0)).isEqualTo(24);
        assertThat(spec.bOffset(0)).isEqualTo(60);
        assertThat(spec.bRecOffset(0)).isEqualTo(-1);
        assertThat(spec.headWOffset()).isEqualTo(72);
        assertThat(spec.headBOffset()).isEqualTo(78);
        assertThat(spec.paramCount()).isEqualTo(80);
        assertThat(spec.stateSize()).isEqualTo(6);
        assertThat(spec.hOffset(0)).isZero();
        assertThat(spec.cOffset(0)).isEqualTo(3);
        assertThat(spec.outputSize()).isEqualTo(2);
    }

    @Test
    void shouldLayOutStackedGruWithRecurrentBias() {
        // layer0 GRU-after in=1 u=2: W 6x1 @0, U 6x2 @6, b 6 @18, bR 6 @24 -> 30
        // layer1 GRU-after in=2 u=2: W 6x2 @30, U 6x2 @42, b @54, bR @60 -> 66; head D=1: W 1x2 @66, b @68 -> 69
        NetworkSpec spec = NetworkSpec.uniform(CellType.GRU_RESET_AFTER, 1, 2, 2);
        assertThat(spec.bRecOffset(0)).isEqualTo(24);
        assertThat(spec.wOffset(1)).isEqualTo(30);
        assertThat(spec.bRecOffset(1)).isEqualTo(60);
        assertThat(spec.headWOffset()).isEqualTo(66);
        assertThat(spec.paramCount()).isEqualTo(69);
        assertThat(spec.stateSize()).isEqualTo(4);
        assertThat(spec.hOffset(1)).isEqualTo(2);
        assertThat(spec.cOffset(1)).isEqualTo(-1);
        assertThat(spec.maxGateRows()).isEqualTo(6);
    }

    @Test
    void shouldNameTensorsThatCoverTheParameterArrayExactly() {
        NetworkSpec spec = new NetworkSpec(3, List.of(new LayerSpec(CellType.LSTM, 3, 4),
                new LayerSpec(CellType.GRU_RESET_AFTER, 4, 5), new LayerSpec(CellType.RNN_RELU, 5, 2)), 4, 2);
        int next = 0;
        for (ParamTensor t : spec.tensors()) {
            assertThat(t.offset()).as(t.name()).isEqualTo(next);
            next += t.size();
        }
        assertThat(next).isEqualTo(spec.paramCount());
        assertThat(spec.tensors()).extracting(ParamTensor::name).containsExactly(
                "layer0.W", "layer0.U", "layer0.b", "layer1.W", "layer1.U", "layer1.b", "layer1.bR",
                "layer2.W", "layer2.U", "layer2.b", "head.W", "head.b");
        assertThat(spec.describeParam(spec.uOffset(1) + 2 * 5 + 3)).isEqualTo("layer1.U[2][3]");
        assertThat(spec.describeParam(spec.headBOffset() + 7)).isEqualTo("head.b[7]");
        assertThat(spec.describeParam(0)).isEqualTo("layer0.W[0][0]");
    }

    @Test
    void shouldRejectLayersThatDoNotChain() {
        assertThatThrownBy(() -> new NetworkSpec(2, List.of(new LayerSpec(CellType.LSTM, 2, 4),
                new LayerSpec(CellType.LSTM, 3, 4)), 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 1 reads 3 inputs but layer 0 has 4");
        assertThatThrownBy(() -> new NetworkSpec(2, List.of(new LayerSpec(CellType.LSTM, 1, 4)), 1, 1))
                .hasMessage("layer 0 reads 1 inputs but the network input has 2");
        assertThatThrownBy(() -> NetworkSpec.uniform(CellType.LSTM, 1, 4, 1, 0, 1))
                .hasMessage("horizon must be >= 1, got 0");
        assertThatThrownBy(() -> new LayerSpec(CellType.GRU_RESET_BEFORE, 1, 0))
                .hasMessage("layer units must be >= 1, got 0");
    }

    @Test
    void shouldCompareByArchitecture() {
        assertThat(NetworkSpec.uniform(CellType.LSTM, 1, 8, 2)).isEqualTo(NetworkSpec.uniform(CellType.LSTM, 1, 8, 2))
                .hasSameHashCodeAs(NetworkSpec.uniform(CellType.LSTM, 1, 8, 2))
                .isNotEqualTo(NetworkSpec.uniform(CellType.LSTM, 1, 8, 1))
                .isNotEqualTo(NetworkSpec.uniform(CellType.GRU_RESET_AFTER, 1, 8, 2));
    }
}
