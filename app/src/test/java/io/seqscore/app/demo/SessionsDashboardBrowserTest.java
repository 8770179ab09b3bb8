package io.seqscore.app.demo;

import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.testing.Await;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard of {@code demo --sessions} in headless Chromium (skipped without Debian's {@code chromium} and
 * {@code chromium-driver}): the selected session shows as a table of its steps with ranks, scores and the
 * predictions made for each, flagged steps marked, instead of the chart. Leaves a screenshot at
 * {@code target/dashboard-sessions.png}.
 */
class SessionsDashboardBrowserTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    @SuppressWarnings("unchecked")
    void shouldShowTheTopSessionsStepsWithRanksPredictionsAndFlags() throws Exception {
        assumeTrue(Files.isExecutable(DashboardBrowserTest.CHROMIUM) && Files.isExecutable(DashboardBrowserTest.CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
        Path dir = Files.createTempDirectory("seqscore-sessions-browser-");
        SessionsDemoRun run = new SessionsDemoRun(new SessionsDemoOptions(0, 5, 6, 3, SessionsDemoOptions.DEFAULT_EPOCHS,
                0.5, null, null, Duration.ofMillis(100)), InstantSource.system());
        ChromeDriver browser = null;
        try {
            run.start();
            Await.until(TIMEOUT, "a flagged event on the board", () -> run.board().flaggedCount() > 0);
            browser = DashboardBrowserTest.chromium(dir.resolve("profile"));
            browser.get("http://127.0.0.1:" + run.httpPort() + "/");
            String script = "const rows = [...document.querySelectorAll('#sequence-rows tr')];"
                    + "return {card: !document.getElementById('sequence-card').hidden,"
                    + " chart: !document.getElementById('main-card').hidden,"
                    + " title: document.getElementById('sequence-title').textContent,"
                    + " rows: rows.map(r => [...r.cells].map(c => c.textContent)),"
                    + " flagged: rows.filter(r => r.className === 'flagged').length,"
                    + " next: document.getElementById('sequence-next').textContent};";
            ChromeDriver b = browser;
            new WebDriverWait(browser, TIMEOUT).until(d -> {
                Map<String, Object> s = (Map<String, Object>) b.executeScript(script);
                return (Boolean) s.get("card") && ((Number) s.get("flagged")).intValue() > 0
                        && ((List<?>) s.get("rows")).size() > 2;
            });
            Map<String, Object> shown = (Map<String, Object>) browser.executeScript(script);
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), DashboardBrowserTest.buildDirectory().resolve("dashboard-sessions.png"),
                    StandardCopyOption.REPLACE_EXISTING);
            assertThat(shown.get("chart")).isEqualTo(false);
            assertThat((String) shown.get("title")).startsWith(SessionsDemoRun.LIVE_PREFIX + "-").contains("flagged");
            List<List<String>> rows = (List<List<String>>) shown.get("rows");
            assertThat(rows.get(0).get(0)).isEqualTo("1");
            assertThat(rows.get(0).get(1)).isEqualTo("login");
            assertThat(rows.get(0).get(2)).isEqualTo("–");
            List<String> second = rows.get(1);
            assertThat(second.get(2)).matches("\\d+|unseen");
            assertThat(second.get(3)).matches("\\d\\.\\d{4}");
            // the first step's predictions: browse or search, with their probabilities
            assertThat(second.get(4)).matches("(browse|search) \\d+\\.\\d%.*");
        } finally {
            if (browser != null) {
                browser.quit();
            }
            run.close();
            EmbeddedPipeline.deleteTree(dir);
        }
    }
}
