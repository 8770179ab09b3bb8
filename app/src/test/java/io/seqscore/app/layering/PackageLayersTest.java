package io.seqscore.app.layering;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of {@code app} form layers, each using only those below it: the command line on top, the commands
 * under it, then the pipeline they run, the service, the topology, the scoring, and the model and state at the
 * bottom. Read from the main sources: every reference to an {@code io.seqscore.app} class (an import or a
 * qualified name, comments and strings left out) is a dependency of the package that makes it.
 */
class PackageLayersTest {
    /**
     * Top to bottom; a package may use the packages of the layers below its own. A package is its first name after
     * {@code io.seqscore.app} ({@code evaluate.nab} belongs to {@code evaluate}).
     */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("cli"),
            Set.of("demo", "perf", "evaluate", "produce", "replay"),
            Set.of("pipeline", "dashboard"),
            Set.of("service"),
            Set.of("http"),
            Set.of("metrics", "topics"),
            Set.of("topology"),
            Set.of("config"),
            Set.of("scoring"),
            Set.of("routing"),
            Set.of("model", "state", "evidence"),
            Set.of("kafka", "command"));
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.seqscore\\.app\\.([a-z0-9_.]+?)\\.[A-Z]");

    /** Package (full name after io.seqscore.app) → the packages its sources refer to. */
    static Map<String, Set<String>> dependencies(Path sources) {
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = sources.relativize(file.getParent()).toString().replace(file.getFileSystem()
                        .getSeparator(), ".");
                Set<String> to = out.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(code(Files.readString(file)));
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        to.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The source without its comments and string and character literals. */
    static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                i = end < 0 ? source.length() : end + 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static Path mainSources() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("src/main/java/io/seqscore/app")
                .normalize();
    }

    private static String layerName(String pkg) {
        int dot = pkg.indexOf('.');
        return dot < 0 ? pkg : pkg.substring(0, dot);
    }

    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(layerName(pkg))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void shouldUseOnlyTheLayersBelowAPackagesOwn() {
        Map<String, Set<String>> deps = dependencies(mainSources());
        assertThat(deps).containsKeys("cli", "pipeline", "service", "topology", "scoring", "model", "state");
        List<String> upward = new ArrayList<>();
        deps.forEach((from, targets) -> {
            for (String to : targets) {
                boolean within = layerName(from).equals(layerName(to));
                if (!within && layer(from) >= 0 && layer(to) >= 0 && layer(to) <= layer(from)) {
                    upward.add(from + " -> " + to);
                }
            }
        });
        assertThat(upward).as("references to a package of the same or a higher layer (%s)", LAYERS).isEmpty();
    }

    @Test
    void shouldHaveNoCycleAmongThePackages() {
        Map<String, Set<String>> deps = dependencies(mainSources());
        assertThat(cycles(deps)).as("package cycles").isEmpty();
    }

    @Test
    void shouldFindACycleAndAnUpwardReferenceWhereTheyAre() {
        Map<String, Set<String>> deps = new TreeMap<>(Map.of("config", Set.of("service"), "service", Set.of("config"),
                "demo", Set.of("service")));
        assertThat(cycles(deps)).containsExactly("config -> service -> config");
        assertThat(layer("config")).isGreaterThan(layer("service"));
        assertThat(layer("evaluate.nab")).isEqualTo(layer("evaluate"));
        assertThat(code("import io.seqscore.app.a.B; // io.seqscore.app.c.D\n String s = \"io.seqscore.app.e.F\";"))
                .contains("io.seqscore.app.a.B").doesNotContain("app.c.D", "app.e.F");
    }

    /** Each cycle once, as "a -> b -> a", from its alphabetically first package. */
    static List<String> cycles(Map<String, Set<String>> deps) {
        Set<String> found = new TreeSet<>();
        for (String start : deps.keySet()) {
            walk(start, start, new ArrayList<>(List.of(start)), deps, found);
        }
        return new ArrayList<>(found);
    }

    private static void walk(String start, String at, List<String> path, Map<String, Set<String>> deps,
                             Set<String> found) {
        for (String next : deps.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                found.add(String.join(" -> ", path) + " -> " + start);
            } else if (next.compareTo(start) > 0 && !path.contains(next)) {
                path.add(next);
                walk(start, next, path, deps, found);
                path.remove(path.size() - 1);
            }
        }
    }
}
