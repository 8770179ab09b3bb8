package io.seqscore.model.core;

import io.seqscore.model.core.math.KernelPath;
import java.util.ArrayList;
import java.util.List;

/** The kernel paths this JVM can run: SCALAR always, VECTOR when the module is present. */
final class KernelPaths {
    private KernelPaths() {
    }

    static List<KernelPath> available() {
        List<KernelPath> paths = new ArrayList<>(List.of(KernelPath.SCALAR));
        if (KernelPath.vectorAvailable()) {
            paths.add(KernelPath.VECTOR);
        }
        return paths;
    }
}
