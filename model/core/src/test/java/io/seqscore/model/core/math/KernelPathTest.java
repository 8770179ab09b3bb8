package io.seqscore.model.core.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KernelPathTest {

    @Test
    void autoPicksTheVectorPathExactlyWhenTheModuleIsPresent() {
        assertThat(KernelPath.resolve("auto", true)).isEqualTo(KernelPath.VECTOR);
        assertThat(KernelPath.resolve("auto", false)).isEqualTo(KernelPath.SCALAR);
        assertThat(KernelPath.resolve(null, true)).isEqualTo(KernelPath.VECTOR);
    }

    @Test
    void aSettingForcesAPath() {
        assertThat(KernelPath.resolve("scalar", true)).isEqualTo(KernelPath.SCALAR);
        assertThat(KernelPath.resolve(" Vector ", true)).isEqualTo(KernelPath.VECTOR);
    }

    @Test
    void forcingTheVectorPathWithoutTheModuleFailsWithTheFlagToAdd() {
        assertThatThrownBy(() -> KernelPath.resolve("vector", false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("vector kernels need the module jdk.incubator.vector: start the JVM with --add-modules jdk.incubator.vector");
    }

    @Test
    void rejectsAnUnknownSetting() {
        assertThatThrownBy(() -> KernelPath.resolve("fast", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("seqscore.kernels must be auto, scalar or vector, got 'fast'");
    }

    @Test
    void knowsWhetherThisJvmHasTheModule() {
        assertThat(KernelPath.vectorAvailable())
                .isEqualTo(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    }
}
