/**
 * Training on the flat parameter layout of {@link io.seqscore.model.core.NetworkSpec}: backpropagation
 * through time over minibatches of windows ({@link io.seqscore.model.core.train.Bptt}), the losses
 * ({@link io.seqscore.model.core.train.Loss}), optimizers (SGD with momentum, Adam, AdamW), gradient
 * clipping by global norm, seeded initializers ({@link io.seqscore.model.core.train.WeightInit}), and a
 * deterministic data-parallel training step ({@link io.seqscore.model.core.train.TrainingStep}).
 *
 * <p>llm.c style: every layer is a forward/backward pair over preallocated flat arrays; forward caches
 * what backward needs; backward accumulates ({@code +=}) into a gradient array of the same layout as the
 * parameters, which {@code zeroGrad()} clears. Nothing is allocated inside the per-step loops.
 */
package io.seqscore.model.core.train;
