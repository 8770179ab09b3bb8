package io.seqscore.trainer;

import io.seqscore.trainer.cli.TrainerCli;

import java.io.PrintWriter;
import java.nio.charset.Charset;

/** Entry point of {@code seqscore-trainer.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Charset cs = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, cs), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, cs), true);
        System.exit(TrainerCli.run(args, out, err));
    }
}
