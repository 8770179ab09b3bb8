package io.seqscore.app.demo;

import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.testing.Await;
import io.seqscore.trainer.generate.SyntheticWorkload;
import io.seqscore.trainer.generate.WorkloadCsv;
import io.seqscore.trainer.source.CsvFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard of a demo streaming a CSV (6 generated series) in headless Chromium (Debian's {@code chromium}
 * and {@code chromium-driver}; skipped without them), opened while v1 is still training and watched to the
 * end of the stream: the header follows the run (a countdown to the canary, the canary with a countdown to
 * the promotion, the promotion, the end of the stream); the main chart draws observed points, a filled
 * forecast band, at least one anomaly marker and the swap to v2, on whole-second ticks and up to the right
 * end; at 1100, 1400 and 1920 pixels wide no panel overlaps another, nothing leaves the window sideways and
 * the key names are whole; the "Rollout evidence" panel shows the arms v1 serving and v2 canary with
 * their windows and the releases (full v1, canary v2, promote v2). Leaves screenshots at
 * {@code target/dashboard-WIDTH.png} and of the panel at {@code target/dashboard-rollout.png}.
 */
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final int KEYS = 6;
    /** Event times in the CSV: 300 train v1, 700 stream live at 20 a second (35 s). */
    private static final int TICKS = 1000;
    private static DemoRun run;
    private static Thread starting;
    private static ChromeDriver browser;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
        dir = Files.createTempDirectory("seqscore-browser-test-");
        Path csv = dir.resolve("six-series.csv");
        SyntheticWorkload workload = new SyntheticWorkload(GeneratedSource.spec(KEYS, 11, 50));
        long first = workload.firstStepAtOrAfter(System.currentTimeMillis()) - TICKS;
        try (Writer out = Files.newBufferedWriter(csv)) {
            WorkloadCsv.writeHistory(workload, first, first + TICKS, out);
        }
        DemoOptions fast = DemoFixtures.fast(null, null, Duration.ofSeconds(8), Duration.ofSeconds(4));
        run = new DemoRun(new DemoOptions(0, 20, KEYS, 11, 300, 120, csv, CsvFormat.LONG, ZoneId.of("UTC"), 0.3, null,
                null, fast.timeline(), 2, Duration.ofMillis(100)), InstantSource.system());
        starting = new Thread(() -> {
            try {
                run.start();
            } catch (InterruptedException | RuntimeException e) {
                // the test fails on the header it waits for
            }
        }, "browser-test-demo");
        starting.start();
        Await.until(TIMEOUT, "the dashboard is served", () -> run.board() != null);
        browser = chromium(dir.resolve("profile"));
        browser.get("http://127.0.0.1:" + run.httpPort() + "/");
    }

    /** Chromium through the given chromedriver: Selenium Manager is never asked to find or fetch anything. */
    static ChromeDriver chromium(Path profile) {
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1920,1200", "--user-data-dir=" + profile);
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (run != null) {
            run.close();
        }
        if (starting != null) {
            starting.join(60_000);
        }
        if (dir != null) {
            EmbeddedPipeline.deleteTree(dir);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldFollowTheRunInTheHeaderDrawItsChartsAndFitEveryWidth() throws Exception {
        List<String> stages = new WebDriverWait(browser, TIMEOUT, Duration.ofMillis(250)).until(d -> {
            List<String> s = stages(d);
            return !s.isEmpty() && s.get(s.size() - 1).startsWith("The CSV stream has ended") ? s : null;
        });

        List<Long> canaryIn = countdown(stages, "Scoring live with v1 on every key; v2 comes as a canary in (\\d+) s");
        List<Long> promotionIn = countdown(stages,
                "Scoring live: v2 on 50% of the keys \\(\\d of 6\\), v1 on the others; promotion in (\\d+) s");
        assertThat(canaryIn).as("the canary's countdown in %s", stages).hasSizeGreaterThanOrEqualTo(2).isSortedAccordingTo(
                (a, b) -> Long.compare(b, a));
        assertThat(promotionIn).as("the promotion's countdown in %s", stages).hasSizeGreaterThanOrEqualTo(2)
                .isSortedAccordingTo((a, b) -> Long.compare(b, a));
        int v1 = first(stages, "Scoring live with v1 on every key; v2 comes as a canary in ");
        int canary = first(stages, "Scoring live: v2 on 50% of the keys");
        int promoted = stages.indexOf("Scoring live with v2 on every key (promoted)");
        int ended = stages.indexOf("The CSV stream has ended: all " + KEYS * TICKS + " events are sent; v2 serves every"
                + " key. Ctrl-C stops the demo.");
        assertThat(List.of(v1, canary, promoted, ended)).as("v1, canary, promotion, end in %s", stages)
                .doesNotContain(-1).isSorted();

        Map<String, Object> chart = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(250)).until(d -> {
            Map<String, Object> s = chartState(d);
            return number(s, "points") >= 100 && number(s, "versionChanges") >= 1 ? s : null;
        });
        assertThat(number(chart, "bandPoints")).isGreaterThanOrEqualTo(50);
        assertThat(number(chart, "forecastPoints")).isGreaterThanOrEqualTo(50);
        // the default range detector flags few events in a key's first minutes: the chart draws the flags there are
        assertThat(number(chart, "anomalyMarkers")).isLessThanOrEqualTo(run.board().flaggedCount());
        assertThat(chart.get("bandFilled")).isEqualTo(true);
        assertThat(((List<?>) chart.get("versions")).stream().map(v -> ((Number) v).longValue()).toList())
                .contains(1L, 2L);
        List<?> ticks = (List<?>) chart.get("tickLabels");
        assertThat(ticks).as("x-axis labels").hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
        assertThat(((Number) chart.get("rightGap")).doubleValue()).as("plot area right of the last point")
                .isBetween(-1.0, 1.0);
        assertThat(browser.findElement(By.id("tile-rate")).getText()).isNotEqualTo("–");
        assertThat(browser.findElement(By.id("key-list")).findElements(By.tagName("li"))).hasSize(KEYS);
        assertThat(browser.findElement(By.id("models")).getText()).contains("serving", "v2");
        assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("live");

        List<Map<String, Object>> rollout = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(250))
                .until(d -> {
                    List<Map<String, Object>> r = (List<Map<String, Object>>) js(d,
                            "return window.seqscoreDashboard.rollout();");
                    return r.size() == 1 && ((List<?>) r.get(0).get("releases")).size() >= 3 ? r : null;
                });
        Map<String, Long> armWindows = new java.util.TreeMap<>();
        for (Map<String, Object> arm : (List<Map<String, Object>>) rollout.get(0).get("arms")) {
            armWindows.put((String) arm.get("label"), ((Number) arm.get("withMae")).longValue());
        }
        assertThat(armWindows).as("arms and their windows with an MAE").containsKeys("v1 serving", "v2 canary");
        assertThat(armWindows.get("v1 serving")).isPositive();
        assertThat(armWindows.get("v2 canary")).isPositive();
        assertThat((List<String>) rollout.get(0).get("releases")).as("releases, latest first")
                .anyMatch(r -> r.contains("promote v2")).anyMatch(r -> r.contains("canary v2"))
                .anyMatch(r -> r.contains("full v1"));

        List<Object> firstSeconds = (List<Object>) js(browser, "return window.seqscoreDashboard.timeTicks(arguments[0],"
                + " arguments[0] + 3200, 8);", 1_800_000_000_300L);
        assertThat(firstSeconds).as("ticks of a chart's first 3.2 s").containsExactly(1_800_000_001_000L,
                1_800_000_002_000L, 1_800_000_003_000L);

        for (int width : new int[] {1100, 1400, 1920}) {
            browser.manage().window().setSize(new Dimension(width, 1100));
            Map<String, Object> layout;
            try {
                layout = new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(250))
                        .until(d -> {
                            Map<String, Object> l = layout(d);
                            return ((List<?>) l.get("problems")).isEmpty() ? l : null;
                        });
            } catch (org.openqa.selenium.TimeoutException e) {
                layout = layout(browser);
            }
            assertThat(number(layout, "viewport")).as("viewport at %d px", width).isBetween(width - 40L, (long) width);
            assertThat((List<?>) layout.get("problems")).as("layout at %d px", width).isEmpty();
            assertThat(number(layout, "panels")).as("panels checked at %d px", width).isGreaterThanOrEqualTo(7);
            Path shot = buildDirectory().resolve("dashboard-" + width + ".png");
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            assertThat(Files.size(shot)).isPositive();
        }
        WebElement panel = browser.findElement(By.className("rollout-card"));
        js(browser, "arguments[0].scrollIntoView();", panel);
        Files.write(buildDirectory().resolve("dashboard-rollout.png"), panel.getScreenshotAs(OutputType.BYTES));
    }

    private static int first(List<String> stages, String prefix) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** The countdown values of the header lines matching {@code pattern}, in the order they were shown. */
    private static List<Long> countdown(List<String> stages, String pattern) {
        Pattern p = Pattern.compile(pattern);
        return stages.stream().map(p::matcher).filter(Matcher::matches).map(m -> Long.parseLong(m.group(1))).toList();
    }

    /**
     * What is wrong with the page's layout now: two panels that overlap, a panel that leaves the window,
     * a page wider than the window, a key name cut or squeezed.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> layout(WebDriver d) {
        return (Map<String, Object>) js(d, """
                const problems = [];
                const doc = document.documentElement;
                if (doc.scrollWidth > doc.clientWidth) {
                  problems.push('page ' + doc.scrollWidth + ' px wide in a window of ' + doc.clientWidth);
                }
                const named = [['tiles', document.getElementById('tiles')],
                  ['keys', document.querySelector('.keys-panel')], ['main chart', document.querySelector('.main-card')],
                  ['side', document.querySelector('.side-panel')],
                  ['rollout evidence', document.querySelector('.rollout-card')]];
                document.querySelectorAll('.small-card').forEach((c, i) => {
                  if (!c.hidden) named.push(['small chart ' + i, c]);
                });
                const rects = named.map(([name, el]) => [name, el.getBoundingClientRect()]);
                for (const [name, r] of rects) {
                  if (r.left < -0.5 || r.right > doc.clientWidth + 0.5) {
                    problems.push(name + ' spans ' + r.left + '..' + r.right + ' of ' + doc.clientWidth);
                  }
                }
                for (let i = 0; i < rects.length; i++) {
                  for (let j = i + 1; j < rects.length; j++) {
                    const [a, ra] = rects[i], [b, rb] = rects[j];
                    const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
                    const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
                    if (w > 0.5 && h > 0.5) {
                      problems.push(a + ' overlaps ' + b + ' by ' + w.toFixed(1) + 'x' + h.toFixed(1));
                    }
                  }
                }
                document.querySelectorAll('#key-list .name').forEach(n => {
                  if (n.scrollWidth > n.clientWidth + 1 || n.getBoundingClientRect().width < 60) {
                    problems.push('key name ' + n.textContent + ' in ' + n.getBoundingClientRect().width + ' px');
                  }
                });
                return {problems, viewport: window.innerWidth, panels: rects.length};
                """);
    }

    @SuppressWarnings("unchecked")
    private static List<String> stages(WebDriver d) {
        Object s = js(d, "return window.seqscoreDashboard ? window.seqscoreDashboard.stages() : [];");
        return (List<String>) s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> chartState(WebDriver d) {
        Object s = js(d, "return window.seqscoreDashboard ? window.seqscoreDashboard.chartState() : null;");
        return s == null ? Map.of() : (Map<String, Object>) s;
    }

    private static Object js(WebDriver d, String script, Object... args) {
        return ((JavascriptExecutor) d).executeScript(script, args);
    }

    private static long number(Map<String, Object> s, String name) {
        Object v = s.get(name);
        return v instanceof Number n ? n.longValue() : -1;
    }

    /** This module's build directory (target/, or target-SUFFIX/): where the test classes are. */
    static Path buildDirectory() throws Exception {
        Path classes = Path.of(DashboardBrowserTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return classes.getParent();
    }
}
