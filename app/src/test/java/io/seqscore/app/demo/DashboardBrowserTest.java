package io.seqscore.app.demo;

import io.seqscore.app.pipeline.EmbeddedPipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard of a running demo in headless Chromium (Debian's {@code chromium} and {@code chromium-driver};
 * skipped without them): the main chart draws observed points, a filled forecast band, at least one anomaly
 * marker and the swap to v2, as the page reports from what Chart.js laid out. Leaves a screenshot at
 * {@code target/dashboard.png}.
 */
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static DemoRun run;
    private static ChromeDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
        run = new DemoRun(DemoFixtures.fast(null, null, Duration.ofSeconds(2), Duration.ofSeconds(2)),
                InstantSource.system());
        run.start();
        profile = Files.createTempDirectory("seqscore-chromium-");
        browser = chromium(profile);
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
                "--disable-dev-shm-usage", "--window-size=1600,1200", "--user-data-dir=" + profile);
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
        if (profile != null) {
            EmbeddedPipeline.deleteTree(profile);
        }
    }

    @Test
    void shouldDrawPointsAForecastBandAnomaliesAndTheHotSwap() throws Exception {
        browser.get("http://127.0.0.1:" + run.httpPort() + "/");
        Map<String, Object> state = new WebDriverWait(browser, TIMEOUT, Duration.ofMillis(250)).until(d -> {
            Map<String, Object> s = chartState(d);
            return number(s, "points") >= 100 && number(s, "bandPoints") >= 50 && number(s, "anomalyMarkers") >= 1
                    && number(s, "versionChanges") >= 1 ? s : null;
        });
        assertThat(state.get("bandFilled")).isEqualTo(true);
        assertThat(number(state, "forecastPoints")).isGreaterThanOrEqualTo(50);
        assertThat(((java.util.List<?>) state.get("versions")).stream().map(v -> ((Number) v).longValue()).toList())
                .contains(1L, 2L);
        assertThat(browser.findElement(org.openqa.selenium.By.id("tile-rate")).getText()).isNotEqualTo("–");
        assertThat(browser.findElement(org.openqa.selenium.By.id("key-list"))
                .findElements(org.openqa.selenium.By.tagName("li"))).hasSize(6);
        assertThat(browser.findElement(org.openqa.selenium.By.id("models")).getText()).contains("serving", "v2");
        assertThat(browser.findElement(org.openqa.selenium.By.id("connection")).getText()).isEqualTo("live");

        Path shot = buildDirectory().resolve("dashboard.png");
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(shot)).isPositive();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> chartState(org.openqa.selenium.WebDriver d) {
        Object s = ((JavascriptExecutor) d).executeScript(
                "return window.seqscoreDashboard ? window.seqscoreDashboard.chartState() : null;");
        return s == null ? Map.of() : (Map<String, Object>) s;
    }

    private static long number(Map<String, Object> s, String name) {
        Object v = s.get(name);
        return v instanceof Number n ? n.longValue() : -1;
    }

    /** This module's build directory (target/, or target-SUFFIX/): where the test classes are. */
    private static Path buildDirectory() throws Exception {
        Path classes = Path.of(DashboardBrowserTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return classes.getParent();
    }
}
