/** The {@code seqscore} command line (picocli): {@code run}, the development tools {@code broker} and {@code produce}, and the commands later issues add beside them. */
package io.seqscore.app.cli;
