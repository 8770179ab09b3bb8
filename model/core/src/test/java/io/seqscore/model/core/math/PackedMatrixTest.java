package io.seqscore.model.core.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PackedMatrixTest {

    private static float[] dense(int rows, int cols) {
        float[] d = new float[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = i + 1;
        }
        return d;
    }

    @Test
    void storesABlockOfVectorsColumnByColumnInBlocksOfEightFourTwoAndOne() {
        // lanes 2, 30 rows = 15 vectors: blocks of 8 (rows 0-15), 4 (16-23), 2 (24-27), 1 (28-29); 3 columns
        PackedMatrix m = PackedMatrix.pack(dense(30, 3), 0, 30, 3, 2, 30);
        assertThat(m.index(0, 0)).isZero();
        assertThat(m.index(15, 0)).isEqualTo(15);
        assertThat(m.index(0, 1)).isEqualTo(16);
        assertThat(m.index(5, 2)).isEqualTo(37);
        assertThat(m.index(16, 0)).isEqualTo(48);
        assertThat(m.index(17, 1)).isEqualTo(48 + 8 + 1);
        assertThat(m.index(24, 0)).isEqualTo(72);
        assertThat(m.index(27, 2)).isEqualTo(72 + 8 + 3);
        assertThat(m.index(28, 0)).isEqualTo(84);
        assertThat(m.index(29, 2)).isEqualTo(84 + 4 + 1);
        assertThat(m.data()).hasSize(90);
    }

    @Test
    void blocksRestartAtEverySegment() {
        // lanes 2: segment of 6 rows (3 vectors: blocks of 2 and 1), then 8 rows (one block of 4), 2 columns
        PackedMatrix m = PackedMatrix.pack(dense(14, 2), 0, 14, 2, 2, 6, 8);
        assertThat(m.index(0, 1)).isEqualTo(4);
        assertThat(m.index(3, 1)).isEqualTo(7);
        assertThat(m.index(4, 0)).isEqualTo(8);
        assertThat(m.index(5, 1)).isEqualTo(11);
        assertThat(m.index(6, 0)).isEqualTo(12);
        assertThat(m.index(6, 1)).isEqualTo(20);
        assertThat(m.index(13, 1)).isEqualTo(27);
    }

    @Test
    void blockSizesAreTakenGreedily() {
        assertThat(PackedMatrix.blockSize(17)).isEqualTo(8);
        assertThat(PackedMatrix.blockSize(8)).isEqualTo(8);
        assertThat(PackedMatrix.blockSize(7)).isEqualTo(4);
        assertThat(PackedMatrix.blockSize(3)).isEqualTo(2);
        assertThat(PackedMatrix.blockSize(1)).isEqualTo(1);
    }

    @Test
    void everyElementReadsBackAndEverySlotIsUsedOnce() {
        int rows = 48;
        int cols = 7;
        float[] d = dense(rows, cols);
        PackedMatrix m = PackedMatrix.pack(d, 0, rows, cols, 4, 16, 12, 20);
        boolean[] used = new boolean[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                assertThat(m.get(r, j)).isEqualTo(d[r * cols + j]);
                assertThat(used[m.index(r, j)]).isFalse();
                used[m.index(r, j)] = true;
            }
        }
        assertThat(m.rows()).isEqualTo(rows);
        assertThat(m.cols()).isEqualTo(cols);
        assertThat(m.lanes()).isEqualTo(4);
    }

    @Test
    void rejectsRowsOrSegmentsThatAreNotWholeVectors() {
        assertThatThrownBy(() -> PackedMatrix.pack(new float[9], 0, 3, 3, 2, 3))
                .hasMessage("rows 3 must be a multiple of lanes 2");
        assertThatThrownBy(() -> PackedMatrix.pack(new float[8], 0, 4, 2, 2, 3, 1))
                .hasMessage("segment 0 has 3 rows, not a positive multiple of 2");
        assertThatThrownBy(() -> PackedMatrix.pack(new float[8], 0, 4, 2, 2, 2))
                .hasMessage("segments cover 2 rows of 4");
    }
}
