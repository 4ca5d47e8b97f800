package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.racetracker.core.event.Units;
import io.racetracker.core.model.Models;
import io.racetracker.producer.ProducerSettings;
import io.racetracker.producer.RaceReplayer;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.scenario.Vienna2019;
import io.racetracker.producer.wire.WireFaults;
import io.racetracker.streams.http.DashboardServer;
import io.racetracker.streams.http.HttpOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's chromium, driven through chromedriver) during a replayed race against a
 * real broker: the leaderboard fills and updates live, and hostile athlete names show as text.
 */
class DashboardBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private RealKafka kafka;
    private TrackerService tracker;
    private DashboardServer dashboard;
    private WebDriver browser;

    @BeforeEach
    void start(@TempDir final Path dir) throws Exception {
        requireBrowser();
        kafka = RealKafka.start();
        tracker = new TrackerService(kafka.streamsConfig(dir.resolve("state")), Models.live()).start(Duration.ofSeconds(60));
        dashboard = DashboardServer.start(new HttpOptions("127.0.0.1", 0), kafka.streamsConfig(dir), tracker);
        browser = chromium(dir.resolve("profile"));
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (dashboard != null) {
            dashboard.close();
        }
        if (tracker != null) {
            tracker.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void leaderboardFillsAndUpdatesLiveAndHostileNamesStayText() throws Exception {
        browser.get("http://127.0.0.1:" + dashboard.port() + "/");
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90), Duration.ofMillis(100));
        // rows are replaced as boards arrive: an element found a moment ago may be gone
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(b -> b.findElement(By.id("connection-text")).getText().equals("WAITING FOR A RACE"));

        // the replay publishes the course first: the page finds the race on /races and subscribes to it
        final CompletableFuture<RaceReplayer.Summary> replay = replay(DashboardRace.scenario(), 250);
        wait.until(b -> b.findElement(By.id("connection-text")).getText().equals("LIVE"));

        wait.until(b -> rowCount() == 4);
        final String firstTime = leaderTime();
        wait.until(b -> !leaderTime().equals(firstTime));
        final String secondTime = leaderTime();
        wait.until(b -> !leaderTime().equals(secondTime));

        @SuppressWarnings("unchecked")
        final List<String> names = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#leaderboard td.name .athlete-label')].map(e => e.textContent);");
        assertTrue(names.contains(DashboardRace.IMG_NAME), "the img name shows as text: " + names);
        assertTrue(names.contains(DashboardRace.SCRIPT_NAME), "the script name shows as text: " + names);
        assertTrue(browser.findElements(By.tagName("img")).isEmpty(), "no element was made from a name");
        assertEquals(2, browser.findElements(By.tagName("script")).size(), "only the page's own scripts");
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert(), "no script from a name ran");

        wait.until(b -> {
            b.findElement(By.cssSelector("#leaderboard tr[data-athlete='" + DashboardRace.IMG_ID + "']")).click();
            return b.findElement(By.id("athlete-name")).getText().equals(DashboardRace.IMG_NAME);
        });
        replay.get();
        wait.until(b -> b.findElements(By.cssSelector("#alerts li")).size() > 0);
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        Files.write(Path.of("target", "dashboard-browser-it.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aRaceInMilesShowsMilesAndItsOwnTimeOfDay() throws Exception {
        final Scenario vienna = Vienna2019.scenario();
        final Scenario inMiles = Scenario.of(vienna.name(), vienna.course().withLocale("America/New_York", Units.MI, List.of()),
                vienna.athletes(), vienna.reads(), WireFaults.NONE);
        browser.get("http://127.0.0.1:" + dashboard.port() + "/");
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90), Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        final CompletableFuture<RaceReplayer.Summary> replay = replay(inMiles, 250);
        wait.until(b -> b.findElement(By.id("connection-text")).getText().equals("LIVE"));
        wait.until(b -> rowCount() >= 1 && String.valueOf(script("#leaderboard td.mat .km")).matches("\\d+\\.\\d mi"));
        assertEquals("INEOS 1:59 Challenge, Vienna", script("#race-select option"), "the race by its name, from /races");
        assertEquals("Pace per segment (min/mi)", script("#pace-title"));
        assertEquals("mi", ((JavascriptExecutor) browser).executeScript(
                "return Chart.getChart(document.getElementById('pace-chart')).options.scales.x.title.text;"));
        assertEquals(26.2, ((Number) ((JavascriptExecutor) browser).executeScript(
                "return Chart.getChart(document.getElementById('chance-chart')).options.scales.x.max;")).doubleValue(),
                "the marathon is 26.2 miles long on the axis");
        wait.until(b -> String.valueOf(script("#fig-pace")).contains("/mi"));
        // New York is four hours behind UTC in October: the reads' local times of day, labelled EDT
        final String clock = String.valueOf(script("#race-time-of-day"));
        assertTrue(clock.matches("latest read \\d\\d:\\d\\d:\\d\\d EDT"), clock);
        final int hour = Integer.parseInt(clock.substring("latest read ".length(), "latest read ".length() + 2));
        assertTrue(hour >= 1 && hour <= 4, "the Vienna 2019 reads (06:15 to 08:15 UTC) at New York's time: " + clock);
        wait.until(b -> String.valueOf(script("#board-meta")).matches(".*as of \\d\\d:\\d\\d:\\d\\d EDT"));
        replay.cancel(true);
    }

    /** With -Ddashboard.screenshot=FILE: the README's picture, Vienna as the demo replays it, part-way through. */
    @Test
    void viennaScreenshot() throws Exception {
        final String target = System.getProperty("dashboard.screenshot");
        Assumptions.assumeTrue(target != null, "set -Ddashboard.screenshot=FILE to take the README's screenshot");
        browser.get("http://127.0.0.1:" + dashboard.port() + "/");
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofMinutes(3), Duration.ofMillis(200));
        final CompletableFuture<RaceReplayer.Summary> replay = replay(Vienna2019.scenario(), 60);
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(b -> rowCount() == 1 && String.valueOf(script("#leaderboard td.mat")).startsWith("30K"));
        wait.until(b -> b.findElements(By.cssSelector("#alerts li")).size() > 0);
        // the newest alert slides in: wait until it has
        wait.until(b -> (Boolean) ((JavascriptExecutor) b).executeScript(
                "return document.getAnimations().every(a => a.animationName !== 'slidein');"));
        Files.write(Path.of(target), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        replay.cancel(true);
    }

    private String leaderTime() {
        return String.valueOf(script("#leaderboard tbody tr td.time"));
    }

    private long rowCount() {
        return (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelectorAll('#leaderboard tbody tr').length;");
    }

    /** The text of the first element matching {@code selector}, read in one step in the page. */
    private Object script(final String selector) {
        return ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", selector);
    }

    private CompletableFuture<RaceReplayer.Summary> replay(final Scenario race, final double speed) {
        return CompletableFuture.supplyAsync(() -> {
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    ProducerSettings.of(kafka.bootstrapServers(), Map.of()))) {
                return new RaceReplayer(producer).replay(race, speed, (sent, latest) -> { });
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** Absent chromium fails the build in CI (where .ci/run installs it) and skips the test elsewhere. */
    private static void requireBrowser() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        final String message = "the dashboard's browser test needs Debian's chromium and chromium-driver ("
                + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    private static WebDriver chromium(final Path profile) {
        // never let Selenium Manager look for, or download, a driver or a browser
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--window-size=1600,1000", "--hide-scrollbars", "--user-data-dir=" + profile.toAbsolutePath());
        final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
