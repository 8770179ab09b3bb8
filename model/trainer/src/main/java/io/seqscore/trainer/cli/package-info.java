/**
 * The command line ({@code seqscore-trainer train | publish | inspect | keygen}, picocli): options,
 * their conversion and validation (a bad argument is one line on stderr and exit code 2; a failed run
 * one line and exit code 1), and the progress display.
 */
package io.seqscore.trainer.cli;
