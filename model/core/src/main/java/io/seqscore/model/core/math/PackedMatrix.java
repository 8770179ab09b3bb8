package io.seqscore.model.core.math;

import java.util.Arrays;

/**
 * A matrix repacked once for the vector matrix-vector kernel: rows are split into segments (each a
 * whole number of vectors of {@code lanes} rows, multiplied separately), a segment of V vectors into
 * blocks of 8, 4, 2 and 1 vectors taken greedily (V/8 blocks of 8, then one of 4, 2, 1 as the bits of
 * V mod 8 say), and a block of nv vectors is stored column by column: element (row, j) of a block that
 * starts at row r0 sits at {@code r0·cols + j·nv·lanes + (row−r0)}. A block is thus read front to back
 * while its nv accumulators stay in registers (8 are enough to cover the latency of the fma units).
 *
 * <p>This class only arranges numbers; it does not touch the vector API.
 */
public final class PackedMatrix {
    /** The largest number of vectors of rows accumulated together in one pass over the columns. */
    public static final int MAX_BLOCK = 8;

    private final float[] data;
    private final int rows;
    private final int cols;
    private final int lanes;
    private final int[] segmentStarts;

    private PackedMatrix(float[] data, int rows, int cols, int lanes, int[] segmentStarts) {
        this.data = data;
        this.rows = rows;
        this.cols = cols;
        this.lanes = lanes;
        this.segmentStarts = segmentStarts;
    }

    /**
     * @param dense       row-major [rows][cols] at denseOff
     * @param segmentRows rows of each segment, each a multiple of lanes, summing to rows
     */
    public static PackedMatrix pack(float[] dense, int denseOff, int rows, int cols, int lanes, int... segmentRows) {
        if (lanes < 1 || rows % lanes != 0) {
            throw new IllegalArgumentException("rows " + rows + " must be a multiple of lanes " + lanes);
        }
        int[] starts = new int[segmentRows.length + 1];
        for (int s = 0; s < segmentRows.length; s++) {
            if (segmentRows[s] <= 0 || segmentRows[s] % lanes != 0) {
                throw new IllegalArgumentException("segment " + s + " has " + segmentRows[s]
                        + " rows, not a positive multiple of " + lanes);
            }
            starts[s + 1] = starts[s] + segmentRows[s];
        }
        if (starts[segmentRows.length] != rows) {
            throw new IllegalArgumentException("segments cover " + starts[segmentRows.length] + " rows of " + rows);
        }
        PackedMatrix m = new PackedMatrix(new float[rows * cols], rows, cols, lanes, starts);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                m.data[m.index(r, j)] = dense[denseOff + r * cols + j];
            }
        }
        return m;
    }

    /** Where element (row, j) is stored in {@link #data()}. */
    int index(int row, int j) {
        int s = Arrays.binarySearch(segmentStarts, row);
        int seg = s >= 0 ? s : -s - 2;
        int v = (row - segmentStarts[seg]) / lanes;
        int remaining = (segmentStarts[seg + 1] - segmentStarts[seg]) / lanes;
        int first = 0;
        int nv = blockSize(remaining);
        while (v >= first + nv) {
            first += nv;
            remaining -= nv;
            nv = blockSize(remaining);
        }
        int r0 = segmentStarts[seg] + first * lanes;
        return r0 * cols + j * nv * lanes + (row - r0);
    }

    /** The next block's size when {@code vectors} remain in the segment. */
    static int blockSize(int vectors) {
        return vectors >= MAX_BLOCK ? MAX_BLOCK : Integer.highestOneBit(vectors);
    }

    public float get(int row, int j) {
        return data[index(row, j)];
    }

    /** The packed numbers, read by {@link VectorKernels}; never written after packing. */
    float[] data() {
        return data;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int lanes() {
        return lanes;
    }
}
