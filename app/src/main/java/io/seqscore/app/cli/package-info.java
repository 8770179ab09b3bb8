/** The {@code seqscore} command line (picocli): {@code run}, and the commands later issues add beside it. */
package io.seqscore.app.cli;
