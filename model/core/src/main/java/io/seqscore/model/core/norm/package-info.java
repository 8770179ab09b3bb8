/** Input normalization fitted on training data and applied identically by trainer and scorer. */
package io.seqscore.model.core.norm;
