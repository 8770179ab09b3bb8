package io.seqscore.app.evaluate.nab;

import io.seqscore.avro.ModelRelease;
import io.seqscore.trainer.release.SigningKeys;
import io.seqscore.trainer.train.JobSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code seqscore evaluate nab}: read the files ({@link NabCorpus}), train one signed release per file on its
 * probationary rows ({@link NabTraining}, a key pair made for this run), score every row through the real
 * pipeline ({@link NabPipeline}) and write NAB's results layout ({@link NabResults}).
 */
public final class NabEvaluation {
    static final String KEY_ID = "seqscore-nab";

    /** What a run did, for the summary line. */
    public record Summary(int files, long rows, double trainSeconds, double scoreSeconds, Path results) {
    }

    private final JobSettings recipe;
    private final int threads;
    private final Duration timeout;
    private final List<NabVariant> variants;

    /**
     * @param threads files trained at the same time
     * @param timeout how long loading the models, and then scoring, may each take
     */
    public NabEvaluation(JobSettings recipe, int threads, Duration timeout) {
        this(recipe, threads, timeout, List.of(NabVariant.DEFAULT));
    }

    /**
     * @param variants the scorer configurations: the releases are trained once, then every row is scored once per
     *                 variant (a fresh pipeline each) and written under the variant's name
     */
    NabEvaluation(JobSettings recipe, int threads, Duration timeout, List<NabVariant> variants) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (variants.isEmpty() || variants.stream().map(NabVariant::name).distinct().count() != variants.size()) {
            throw new IllegalArgumentException("need at least one variant and distinct names, got " + variants);
        }
        this.recipe = recipe;
        this.threads = threads;
        this.timeout = timeout;
        this.variants = List.copyOf(variants);
    }

    /** @throws NabFormatException when {@code data} is not a NAB data directory (naming the problem) */
    public Summary run(Path data, Path out) throws InterruptedException, IOException {
        List<NabSeries> files = NabCorpus.read(data);
        Path work = Files.createTempDirectory("seqscore-nab-");
        try {
            KeyPair pair = SigningKeys.generate();
            Path publicKey = work.resolve("keys").resolve(KEY_ID + ".pub");
            SigningKeys.write(pair, work.resolve("keys").resolve(KEY_ID + ".key"), publicKey);
            long t0 = System.nanoTime();
            List<ModelRelease> releases = new NabTraining(recipe, pair.getPrivate(), KEY_ID, 0L).train(files, threads);
            long t1 = System.nanoTime();
            long scoring = 0;
            for (int v = 0; v < variants.size(); v++) {
                NabVariant variant = variants.get(v);
                Path state = Files.createDirectories(work.resolve("state-" + v));
                long s0 = System.nanoTime();
                Map<String, Double[]> scores = new NabPipeline(publicKey, state, timeout)
                        .score(files, releases, variant.settings());
                scoring += System.nanoTime() - s0;
                for (NabSeries s : files) {
                    NabResults.write(out, variant.name(), s, scores.get(s.key()));
                }
            }
            long rows = files.stream().mapToLong(NabSeries::rows).sum();
            Path results = variants.size() == 1 ? out.resolve(variants.get(0).name()) : out;
            return new Summary(files.size(), rows, (t1 - t0) / 1e9, scoring / 1e9, results);
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
