/**
 * The kernels a recurrent step is built from, over flat float arrays: {@link io.seqscore.model.core.math.ScalarKernels}
 * (the plain reference, with {@link io.seqscore.model.core.math.Activations}) and
 * {@link io.seqscore.model.core.math.VectorKernels} (the JDK vector API, over weights arranged by
 * {@link io.seqscore.model.core.math.PackedMatrix}); {@link io.seqscore.model.core.math.KernelPath} picks one at
 * run time. Depends on nothing but the JDK; the vector kernels are loaded only when
 * {@code jdk.incubator.vector} is present.
 */
package io.seqscore.model.core.math;
