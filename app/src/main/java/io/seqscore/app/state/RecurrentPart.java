package io.seqscore.app.state;

/**
 * Part 2, the model's per-key state: which model made it, how many events it has folded in, its recurrent state
 * h/c and the forecast made at the last event. Absent for a key without model (NO_MODEL).
 *
 * <pre>
 * version 1:
 *   var  L, u8[L]                          model name, UTF-8 (L = 0: no model)
 *   var  model version + 1                 0: no model
 *   var  stepsSeen
 *   var  S, f32[S]                         recurrent state h/c, model/core's state layout
 *   var  H, var D, f32[H·D]                forecast made at the last event (H = 0: none; then D = 0)
 * </pre>
 */
final class RecurrentPart implements StatePart {
    static final RecurrentPart INSTANCE = new RecurrentPart();
    static final int MAX_STATE_FLOATS = 1 << 24;

    private RecurrentPart() {
    }

    @Override
    public int id() {
        return 2;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String name() {
        return "recurrent";
    }

    @Override
    public boolean presentIn(KeyState s) {
        return s.hasModel() || s.stepsSeen != 0 || s.recurrentSize > 0 || s.horizon > 0 || s.outputDim > 0;
    }

    @Override
    public int size(KeyState s) {
        int name = nameBytes(s).length;
        int hd = s.horizon * s.outputDim;
        return StateWriter.varintSize(name) + name + StateWriter.varintSize(s.modelVersion + 1)
                + StateWriter.varintSize(s.stepsSeen) + StateWriter.varintSize(s.recurrentSize) + 4 * s.recurrentSize
                + StateWriter.varintSize(s.horizon) + StateWriter.varintSize(s.outputDim) + 4 * hd;
    }

    @Override
    public void write(KeyState s, StateWriter out) {
        byte[] name = nameBytes(s);
        out.varint(name.length);
        out.copy(name, 0, name.length);
        out.varint(s.modelVersion + 1);
        out.varint(s.stepsSeen);
        out.varint(s.recurrentSize);
        out.floats(s.recurrent, 0, s.recurrentSize);
        out.varint(s.horizon);
        out.varint(s.outputDim);
        out.floats(s.forecast, 0, s.horizon * s.outputDim);
    }

    private static byte[] nameBytes(KeyState s) {
        byte[] name = s.modelNameBytes();
        if (name.length > KeyStateCodec.MAX_U16) {
            throw new IllegalArgumentException("model name is " + name.length + " bytes in UTF-8, at most "
                    + KeyStateCodec.MAX_U16);
        }
        return name;
    }

    @Override
    public void read(StateReader in, int version, KeyState into) {
        int nameLength = in.varint("model name length", KeyStateCodec.MAX_U16);
        in.need(nameLength, "model name");
        into.modelName(in.bytes(), in.position(), nameLength);
        in.advance(nameLength);
        long stored = in.varlong("model version");
        into.modelVersion = stored - 1;
        if ((into.modelVersion == KeyState.NO_VERSION) != (nameLength == 0)) {
            throw new StateFormatException("model version " + into.modelVersion + " does not go with a model name of "
                    + nameLength + " bytes");
        }
        into.stepsSeen = in.varlong("steps seen");
        int stateSize = in.varint("recurrent state length", MAX_STATE_FLOATS);
        in.need(4L * stateSize, "recurrent state");
        if (stateSize > 0) {
            into.recurrent = KeyState.exact(into.recurrent, stateSize);
        }
        into.recurrentSize = stateSize;
        in.floats(into.recurrent, 0, stateSize, "recurrent state");
        int h = in.varint("forecast horizon", KeyStateCodec.MAX_U16);
        int d = in.varint("forecast dimension", KeyStateCodec.MAX_U16);
        readForecast(in, into, h, d);
    }

    /** Reads a forecast of {@code h} steps of {@code d} values (both 0: none) into the state. */
    static void readForecast(StateReader in, KeyState into, int h, int d) {
        if ((h == 0) != (d == 0)) {
            throw new StateFormatException("forecast horizon " + h + " and dimension " + d + " must both be 0 or both > 0");
        }
        in.need(4L * h * d, "forecast");
        into.forecast = KeyState.grow(into.forecast, h * d);
        into.horizon = h;
        into.outputDim = d;
        in.floats(into.forecast, 0, h * d, "forecast");
    }
}
