package io.seqscore.model.core;

/**
 * One recurrent layer: its cell, how many inputs it reads and how many units it has.
 * Layer k+1 reads layer k's h, so its input size is layer k's units.
 */
public record LayerSpec(CellType cell, int inputSize, int units) {
    public LayerSpec {
        if (cell == null) {
            throw new IllegalArgumentException("layer cell must not be null");
        }
        if (inputSize < 1) {
            throw new IllegalArgumentException("layer input size must be >= 1, got " + inputSize);
        }
        if (units < 1) {
            throw new IllegalArgumentException("layer units must be >= 1, got " + units);
        }
    }

    /** Rows of W, U and b: gates · units. */
    public int gateRows() {
        return cell.gates() * units;
    }

    /** Floats this layer occupies in the flat parameter array. */
    public int paramCount() {
        int rows = gateRows();
        int n = rows * inputSize + rows * units + rows;
        return cell.hasRecurrentBias() ? n + rows : n;
    }

    /** Floats this layer occupies in the flat per-key state array. */
    public int stateSize() {
        return cell.stateVectors() * units;
    }
}
