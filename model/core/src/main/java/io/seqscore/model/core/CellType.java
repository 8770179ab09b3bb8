package io.seqscore.model.core;

/**
 * The recurrent cells, each variant a constant of its own so that an architecture is one value.
 *
 * <p>Equations (σ = logistic sigmoid, ⊙ = element-wise product, gates in this order):
 * <pre>
 * LSTM            i,f,g,o: i=σ(W_i x+U_i h+b_i) f=σ(..) g=tanh(W_g x+U_g h+b_g) o=σ(..)
 *                 c' = f⊙c + i⊙g ; h' = o⊙tanh(c')
 * GRU_RESET_AFTER z,r,h:   z=σ(W_z x+b_z+U_z h+bR_z) r=σ(..) ĥ=tanh(W_h x+b_h + r⊙(U_h h+bR_h))
 *                 h' = z⊙h + (1−z)⊙ĥ            (PyTorch's and Keras 2's default; two biases)
 * GRU_RESET_BEFORE z,r,h:  z, r as above with one bias; ĥ=tanh(W_h x+U_h (r⊙h)+b_h)
 * RNN_TANH        h:       h' = tanh(W x + U h + b)
 * RNN_RELU        h:       h' = max(0, W x + U h + b)
 * </pre>
 */
public enum CellType {
    LSTM(4, true, false),
    GRU_RESET_AFTER(3, false, true),
    GRU_RESET_BEFORE(3, false, false),
    RNN_TANH(1, false, false),
    RNN_RELU(1, false, false);

    private final int gates;
    private final boolean cellState;
    private final boolean recurrentBias;

    CellType(int gates, boolean cellState, boolean recurrentBias) {
        this.gates = gates;
        this.cellState = cellState;
        this.recurrentBias = recurrentBias;
    }

    /** Number of gate blocks G: rows of W and U are G·units. */
    public int gates() {
        return gates;
    }

    /** Whether the state holds a cell vector c beside h (LSTM only). */
    public boolean hasCellState() {
        return cellState;
    }

    /** Whether the layer has a second bias inside the recurrent product (GRU reset-after only). */
    public boolean hasRecurrentBias() {
        return recurrentBias;
    }

    /** State vectors per layer: 2 for LSTM (h, c), 1 otherwise. */
    public int stateVectors() {
        return cellState ? 2 : 1;
    }
}
