package io.seqscore.model.core.train;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The harness's reading of the gradient schema in its single-layer and stacked shapes. */
class GoldenGradFileTest {
    private static final String X = "\"x\": [[[0.5], [-1]], [[2], [0]]], \"y\": [[[1], [2]], [[3], [4]]]";

    @Test
    void readsAStackedGruAndRnnFileWithPerLayerGateLists() throws IOException {
        String json = "{\"schema\": \"rnn-golden-grad/1\", " + X + ", \"layers\": ["
                + "{\"cell\": \"gru\", \"input_size\": 1, \"units\": 1, \"reset_after\": true},"
                + "{\"cell\": \"gru\", \"input_size\": 1, \"units\": 1, \"reset_after\": false},"
                + "{\"cell\": \"simple_rnn\", \"input_size\": 1, \"units\": 1, \"activation\": \"relu\"}],"
                + "\"weights\": {\"neutral\": {\"gates\": ["
                + "{\"z\": " + gate(1, true) + ", \"r\": " + gate(2, true) + ", \"h\": " + gate(3, true) + "},"
                + "{\"z\": " + gate(4, false) + ", \"r\": " + gate(5, false) + ", \"h\": " + gate(6, false) + "},"
                + "{\"h\": " + gate(7, false) + "}],"
                + "\"dense\": {\"W\": [[8]], \"b\": [9]}}}}";
        GoldenGradFile file = GoldenGradFile.parse("stacked.json", json);
        NetworkSpec expected = new NetworkSpec(1, List.of(new LayerSpec(CellType.GRU_RESET_AFTER, 1, 1),
                new LayerSpec(CellType.GRU_RESET_BEFORE, 1, 1), new LayerSpec(CellType.RNN_RELU, 1, 1)), 1, 1);
        assertThat(file.spec).isEqualTo(expected);
        float[] p = file.flat(file.root.path("weights").path("neutral"), "weights");
        // per layer: W (G rows), U, b, [bR]; gate k's W = k.1, U = k.2, b = k.3, b_rec = k.4
        assertThat(p).containsExactly(
                1.1f, 2.1f, 3.1f, 1.2f, 2.2f, 3.2f, 1.3f, 2.3f, 3.3f, 1.4f, 2.4f, 3.4f,
                4.1f, 5.1f, 6.1f, 4.2f, 5.2f, 6.2f, 4.3f, 5.3f, 6.3f,
                7.1f, 7.2f, 7.3f,
                8f, 9f);
        assertThat(file.batch.size()).isEqualTo(2);
        assertThat(file.batch.inputs()).containsExactly(0.5f, -1f, 2f, 0f);
        assertThat(file.batch.targets()).containsExactly(1f, 2f, 3f, 4f);
    }

    @Test
    void infersTheGruFormFromTheRecurrentBiasAndReadsALayersListOfGates() throws IOException {
        String json = "{\"schema\": \"rnn-golden-grad/1\", " + X + ", \"units\": [1], \"cell\": \"gru\","
                + "\"layers\": [{\"input_size\": 1}],"
                + "\"weights\": {\"neutral\": {\"layers\": [{\"gates\": "
                + "{\"z\": " + gate(1, true) + ", \"r\": " + gate(2, true) + ", \"h\": " + gate(3, true) + "}}],"
                + "\"dense\": {\"W\": [[8]], \"b\": [9]}}}}";
        assertThat(GoldenGradFile.parse("after.json", json).spec.layer(0).cell()).isEqualTo(CellType.GRU_RESET_AFTER);
    }

    @Test
    void anUnknownWeightShapeFailsNamingTheKeysFound() {
        String json = "{\"schema\": \"rnn-golden-grad/1\", " + X + ", \"layer\": {\"cell\": \"lstm\", \"units\": 1},"
                + "\"weights\": {\"neutral\": {\"kernels\": {}, \"dense\": {}}}}";
        assertThatThrownBy(() -> {
            GoldenGradFile f = GoldenGradFile.parse("odd.json", json);
            f.flat(f.root.path("weights").path("neutral"), "weights");
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernels");
    }

    private static String gate(int k, boolean recurrentBias) {
        return "{\"W\": [[" + k + ".1]], \"U\": [[" + k + ".2]], \"b\": [" + k + ".3]"
                + (recurrentBias ? ", \"b_rec\": [" + k + ".4]" : "") + "}";
    }
}
