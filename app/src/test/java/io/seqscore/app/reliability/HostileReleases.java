package io.seqscore.app.reliability;

import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Tensor;
import io.seqscore.schemas.ReleaseSignatures;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.KeyPair;
import java.util.List;

/** Releases an attacker or an accident could put on the models topic. */
final class HostileReleases {
    private HostileReleases() {
    }

    /** A copy of {@code release} with bit {@code bit} of weight {@code index} of tensor {@code tensor} flipped. */
    static ModelRelease flipBit(ModelRelease release, int tensor, int index, int bit) {
        ModelRelease copy = ModelRelease.newBuilder(release).build();
        Tensor t = copy.getWeights().get(tensor);
        ByteBuffer data = copy(t.getData());
        int at = 4 * index + bit / 8;
        data.put(at, (byte) (data.get(at) ^ (1 << (bit % 8))));
        t.setData(data);
        return copy;
    }

    /** A copy of {@code release} with weight {@code index} of tensor {@code tensor} set to {@code value}. */
    static ModelRelease withWeight(ModelRelease release, int tensor, int index, float value) {
        ModelRelease copy = ModelRelease.newBuilder(release).build();
        Tensor t = copy.getWeights().get(tensor);
        ByteBuffer data = copy(t.getData());
        data.putFloat(4 * index, value);
        t.setData(data);
        return copy;
    }

    /**
     * Four releases of the workload's model, newer than its two good ones, each of which a scorer with
     * {@code trusted} among its keys must reject: unsigned; signed by a key it does not trust; signed by the trusted
     * key and then one bit of one weight flipped; signed by the trusted key over a NaN weight.
     */
    static List<ModelRelease> four(KeyPair trusted, String trustedId, KeyPair stranger) {
        ModelRelease unsigned = Workload.release(3, 9);
        ModelRelease strangers = ReleaseSignatures.sign(Workload.release(4, 9), stranger.getPrivate(), "stranger");
        ModelRelease tampered = flipBit(ReleaseSignatures.sign(Workload.release(5, 9), trusted.getPrivate(), trustedId),
                0, 3, 0);
        ModelRelease nan = ReleaseSignatures.sign(withWeight(Workload.release(6, 9), 1, 2, Float.NaN),
                trusted.getPrivate(), trustedId);
        return List.of(unsigned, strangers, tampered, nan);
    }

    private static ByteBuffer copy(ByteBuffer source) {
        ByteBuffer in = source.duplicate();
        ByteBuffer out = ByteBuffer.allocate(in.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(in).flip();
        return out;
    }
}
