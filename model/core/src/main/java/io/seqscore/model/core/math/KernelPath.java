package io.seqscore.model.core.math;

import java.util.Locale;

/**
 * Which kernels a network steps with: the plain scalar reference or the JDK vector API.
 *
 * <p>The vector path is used only when the module {@code jdk.incubator.vector} is in the boot layer
 * (the JVM was started with {@code --add-modules jdk.incubator.vector}); no class that references the
 * vector API is loaded otherwise. The system property {@value #PROPERTY} ({@code auto}, {@code scalar}
 * or {@code vector}, default {@code auto}) forces a path.
 */
public enum KernelPath {
    SCALAR,
    VECTOR;

    public static final String PROPERTY = "seqscore.kernels";
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final boolean VECTOR_MODULE_PRESENT = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();

    /** Whether the vector API module is in the boot layer of this JVM. */
    public static boolean vectorAvailable() {
        return VECTOR_MODULE_PRESENT;
    }

    /** The path chosen by {@value #PROPERTY} and the presence of the vector module. */
    public static KernelPath selected() {
        return resolve(System.getProperty(PROPERTY, "auto"), VECTOR_MODULE_PRESENT);
    }

    /**
     * @throws IllegalArgumentException when {@code setting} is not auto, scalar or vector
     * @throws IllegalStateException    when {@code vector} is asked for but the module is absent
     */
    public static KernelPath resolve(String setting, boolean vectorModulePresent) {
        String s = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "auto":
                return vectorModulePresent ? VECTOR : SCALAR;
            case "scalar":
                return SCALAR;
            case "vector":
                return VECTOR.requireAvailable(vectorModulePresent);
            default:
                throw new IllegalArgumentException(
                        PROPERTY + " must be auto, scalar or vector, got '" + setting + "'");
        }
    }

    /** This path, or an exception when it is VECTOR and the module is absent from this JVM. */
    public KernelPath requireAvailable() {
        return requireAvailable(VECTOR_MODULE_PRESENT);
    }

    private KernelPath requireAvailable(boolean vectorModulePresent) {
        if (this == VECTOR && !vectorModulePresent) {
            throw new IllegalStateException("vector kernels need the module " + VECTOR_MODULE
                    + ": start the JVM with --add-modules " + VECTOR_MODULE);
        }
        return this;
    }
}
