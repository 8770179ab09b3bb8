/**
 * What every {@code seqscore} command shares, below the command line that registers them ({@code cli}) and the
 * commands themselves ({@code demo}, {@code perf}, {@code evaluate}): what a command takes from the process
 * ({@link io.seqscore.app.command.CliContext}, {@link io.seqscore.app.command.ShutdownHooks}), how it ends in
 * failure ({@link io.seqscore.app.command.CommandFailure}) and the exit codes
 * ({@link io.seqscore.app.command.ExitCodes}).
 */
package io.seqscore.app.command;
