package io.seqscore.trainer.source;

import io.seqscore.trainer.TrainerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * History from CSV files: each path is a file or a directory whose {@code *.csv} files (at any depth)
 * are read in path order. Under {@link CsvFormat#SERIES} the key of a file is its name without the
 * extension, so two files of the same name are an error.
 */
public final class CsvSource {
    private static final Logger LOG = LoggerFactory.getLogger(CsvSource.class);

    private final CsvFormat format;
    private final CsvReader reader;
    private final InputProblems problems;
    private final Long from;
    private final Long to;

    public CsvSource(CsvFormat format, HeaderMode header, java.time.ZoneId zone, BadInputPolicy policy) {
        this(format, header, zone, policy, null, null);
    }

    /** Keeps only events with {@code from ≤ time < to} (either may be null). */
    public CsvSource(CsvFormat format, HeaderMode header, java.time.ZoneId zone, BadInputPolicy policy, Long from, Long to) {
        this.format = format;
        this.problems = new InputProblems(policy);
        this.reader = new CsvReader(format, header, zone, problems);
        this.from = from;
        this.to = to;
    }

    /** Reads every file; see {@link CsvReader#read}. */
    public SourceResult read(List<Path> paths) {
        History history = new History(from, to);
        List<Path> files = expand(paths);
        long lines = stream(files, history);
        LOG.info("read {} data lines from {} CSV file(s): {} events of {} keys kept, {} outside the time range,"
                + " {} dropped for NaN/missing values, {} bad lines skipped", lines, files.size(), history.accepted(),
                history.keyCount(), history.outside(), history.nonFinite(), problems.skipped());
        return new SourceResult(history, "csv:" + describe(paths), problems.skipped());
    }

    /**
     * Reads every file (a directory: its {@code *.csv} files) in path order into {@code sink}, each file line by
     * line. The time range of the constructor does not apply: the sink sees every readable line.
     *
     * @return the number of data lines read (good or bad)
     */
    public long stream(List<Path> paths, EventSink sink) {
        Map<String, Path> keyFiles = new HashMap<>();
        long lines = 0;
        for (Path file : expand(paths)) {
            String key = null;
            if (format == CsvFormat.SERIES) {
                key = keyOf(file);
                Path before = keyFiles.putIfAbsent(key, file);
                if (before != null) {
                    throw new TrainerException("the files " + before + " and " + file + " both give the key '" + key
                            + "' (the key of a one-series file is its name without the extension)");
                }
            }
            lines += reader.read(file, key, sink);
        }
        return lines;
    }

    /** Bad lines skipped so far (under {@link BadInputPolicy#SKIP}). */
    public long skipped() {
        return problems.skipped();
    }

    static String keyOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String describe(List<Path> paths) {
        StringBuilder sb = new StringBuilder();
        for (Path p : paths) {
            sb.append(sb.length() == 0 ? "" : ",").append(p);
        }
        return sb.toString();
    }

    private static List<Path> expand(List<Path> paths) {
        if (paths.isEmpty()) {
            throw new TrainerException("no CSV file given");
        }
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                files.add(p);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    List<Path> found = walk.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                            .sorted()
                            .toList();
                    if (found.isEmpty()) {
                        throw new TrainerException("the directory " + p + " holds no .csv file");
                    }
                    files.addAll(found);
                } catch (IOException e) {
                    throw new TrainerException("cannot list " + p + ": " + e.getMessage(), e);
                }
            } else {
                throw new TrainerException("no such file or directory: " + p);
            }
        }
        return files;
    }
}
