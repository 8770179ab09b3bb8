/** Activations and the kernels (scalar reference and JDK vector API) that the cells are built from. */
package io.seqscore.model.core.math;
