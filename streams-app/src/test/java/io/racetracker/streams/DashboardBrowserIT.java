package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.Units;
import io.racetracker.core.json.Json;
import io.racetracker.core.model.Models;
import io.racetracker.core.topic.Keys;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.ProducerSettings;
import io.racetracker.producer.RaceReplayer;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.scenario.Vienna2019;
import io.racetracker.producer.wire.WireFaults;
import io.racetracker.streams.http.DashboardServer;
import io.racetracker.streams.http.HttpOptions;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
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
 * real broker: the leaderboard fills and updates live, and hostile athlete names show as text; the page at common
 * screen sizes; search, the race list and the alerts filter; the broadcast overlays.
 */
class DashboardBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SCREENSHOT_PROPERTY = "dashboard.screenshot";
    private static final String SCREENSHOT_ASSUMPTION = "set -Ddashboard.screenshot=FILE to take the README's screenshot";

    private RealKafka kafka;
    private TrackerService tracker;
    private DashboardServer dashboard;
    private WebDriver browser;

    @BeforeEach
    void start(@TempDir final Path dir, final TestInfo test) throws Exception {
        requireBrowser();
        // the README's screenshot is taken on request only: without the request, no broker, app or browser for it
        if (test.getTestMethod().map(m -> m.getName().equals("viennaScreenshot")).orElse(false)) {
            Assumptions.assumeTrue(System.getProperty(SCREENSHOT_PROPERTY) != null, SCREENSHOT_ASSUMPTION);
        }
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

        // the replay publishes the course first: the page finds the race on /races and subscribes to it; at 500 times
        // real time the leader crosses a mat every second or so, for a quarter of a minute
        final CompletableFuture<RaceReplayer.Summary> replay = replay(DashboardRace.scenario(), 500);
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
        assertEquals(3, browser.findElements(By.tagName("script")).size(), "only the page's own scripts (chart.umd.js, common.js, app.js)");
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
        assertEquals("INEOS 1:59 Challenge, Vienna", script("#race-list .race-current .race-name"),
                "the race by its name, from /races");
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
        final String target = System.getProperty(SCREENSHOT_PROPERTY);
        Assumptions.assumeTrue(target != null, SCREENSHOT_ASSUMPTION);
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

    /**
     * At a desktop, two laptops (1400x900, where names and charts used to be lost, and 1366x768) and a phone: every
     * leader's name readable (at least six characters, or all of a shorter one, visible in its cell), distinct labels
     * on every chart axis, and both charts inside the page's width and not hidden; on the larger screens both charts
     * are in the window as it opens, on the phone each is whole when scrolled to.
     */
    @Test
    void thePageFitsADesktopALaptopAndAPhone() throws Exception {
        browser.get("http://127.0.0.1:" + dashboard.port() + "/");
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90), Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        final CompletableFuture<RaceReplayer.Summary> replay = replay(DashboardRace.scenario(), 1000);
        wait.until(b -> rowCount() == 4);
        // the followed leader's pace chart has a few segments to show
        wait.until(b -> ((Number) js("return Chart.getChart(document.getElementById('pace-chart')).data.datasets[0].data.length;"))
                .intValue() >= 4);
        replay.get();
        Files.createDirectories(SCREENSHOTS);
        for (final int[] size : new int[][] {{1920, 1080}, {1400, 900}, {1366, 768}, {390, 844}}) {
            final String name = size[0] + "x" + size[1];
            // the viewport itself at that size (a window of that size has less room inside for its frame)
            ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size[0],
                    "height", size[1], "deviceScaleFactor", 1, "mobile", size[0] < 700));
            js("window.scrollTo(0, 0);");
            wait.until(b -> ((Number) js("return window.innerWidth;")).intValue() == size[0]
                    && ((Number) js("return window.innerHeight;")).intValue() == size[1]);
            // the charts follow the window on their next frame
            wait.until(b -> chartsSettled());
            Files.write(SCREENSHOTS.resolve("dashboard-" + name + ".png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

            @SuppressWarnings("unchecked")
            final List<Map<String, Object>> names = (List<Map<String, Object>>) js(
                    "return [...document.querySelectorAll('#leaderboard td.name')].map(td => {"
                    + "  const label = td.querySelector('.athlete-label'), text = label.textContent;"
                    + "  const cell = td.getBoundingClientRect(), style = getComputedStyle(td);"
                    + "  const right = cell.right - parseFloat(style.paddingRight);"
                    + "  const range = document.createRange(); let shown = 0;"
                    + "  for (let i = 0; i < text.length; i++) {"
                    + "    range.setStart(label.firstChild, i); range.setEnd(label.firstChild, i + 1);"
                    + "    if (range.getBoundingClientRect().right <= right + 0.5) shown++; else break; }"
                    + "  return { text: text, shown: shown }; });");
            assertEquals(4, names.size(), name);
            for (final Map<String, Object> shown : names) {
                final String text = (String) shown.get("text");
                final int visible = ((Number) shown.get("shown")).intValue();
                assertTrue(visible >= Math.min(6, text.length()), name + ": only " + visible + " characters of '" + text
                        + "' show in the leaderboard");
            }

            for (final String chart : List.of("pace-chart", "chance-chart")) {
                for (final String axis : List.of("x", "y")) {
                    @SuppressWarnings("unchecked")
                    final List<Object> labels = (List<Object>) js("return Chart.getChart(document.getElementById(arguments[0]))"
                            + ".scales[arguments[1]].ticks.map(t => String(t.label));", chart, axis);
                    assertTrue(labels.size() >= 2, name + ": " + chart + " " + axis + " has labels " + labels);
                    assertEquals(labels.size(), new HashSet<>(labels).size(),
                            name + ": the " + axis + " labels of " + chart + " repeat: " + labels);
                }
                final boolean phone = size[0] < 700;
                if (phone) {
                    js("document.getElementById(arguments[0]).closest('.chart-box').scrollIntoView({ block: 'center' });", chart);
                }
                @SuppressWarnings("unchecked")
                final Map<String, Object> box = (Map<String, Object>) js(
                        "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
                        + "return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height,"
                        + "  pageWidth: document.documentElement.clientWidth, windowHeight: window.innerHeight };", chart);
                final double width = num(box, "width"), height = num(box, "height");
                assertTrue(width > 100 && height > 80, name + ": " + chart + " is " + box);
                assertTrue(num(box, "left") >= 0 && num(box, "right") <= num(box, "pageWidth") + 0.5,
                        name + ": " + chart + " is outside the page's width: " + box);
                assertTrue(num(box, "top") >= 0 && num(box, "bottom") <= num(box, "windowHeight") + 0.5,
                        name + ": " + chart + " is not whole in the window" + (phone ? " when scrolled to" : "") + ": " + box);
                // and nothing clips or covers it: the canvas is what shows at its centre and near each corner
                assertEquals(Boolean.TRUE, js("const c = document.getElementById(arguments[0]), r = c.getBoundingClientRect();"
                        + " return [[0.5, 0.5], [0.02, 0.03], [0.98, 0.03], [0.02, 0.97], [0.98, 0.97]]"
                        + ".every(([x, y]) => document.elementFromPoint(r.left + x * r.width, r.top + y * r.height) === c);", chart),
                        name + ": part of " + chart + " is hidden");
                if (phone) {
                    Files.write(SCREENSHOTS.resolve("dashboard-" + name + "-" + chart + ".png"),
                            ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
                }
            }
            assertEquals(size[0], ((Number) js("return document.documentElement.scrollWidth;")).intValue(),
                    name + ": the page scrolls sideways");
        }
    }

    /**
     * The race list shows the race; the search finds an athlete by part of the name and by bib and follows them; the
     * alerts panel shows the alerts about the athletes on the board and the followed one, and "all alerts" the rest.
     */
    @Test
    void searchFollowsAnAthleteAndAlertsAreAboutTheAthletesShown() throws Exception {
        browser.get("http://127.0.0.1:" + dashboard.port() + "/");
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90), Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        final CompletableFuture<RaceReplayer.Summary> replay = replay(DashboardRace.scenario(), 1000);
        wait.until(b -> rowCount() == 4);
        assertEquals("INEOS 1:59 Challenge, Vienna", script("#race-list .race-current .race-name"));
        wait.until(b -> String.valueOf(script("#athlete-name")).equals("Eliud Kipchoge"));

        // part of the name, any case: one match, followed on a click, and kept as the board changes
        browser.findElement(By.id("search")).sendKeys("CHAS");
        wait.until(b -> String.valueOf(script("#search-results li.match .match-name")).equals("Anna Chaser"));
        assertEquals(1L, js("return document.querySelectorAll('#search-results li.match').length;"));
        browser.findElement(By.cssSelector("#search-results li.match")).click();
        wait.until(b -> String.valueOf(script("#athlete-name")).equals("Anna Chaser"));
        assertEquals("", browser.findElement(By.id("search")).getAttribute("value"));
        assertEquals("chaser-anna", js("const tr = document.querySelector('#leaderboard tr.selected');"
                + " return tr ? tr.dataset.athlete : null;"), "its row is marked");
        final String leaderTime = leaderTime();
        wait.until(b -> !leaderTime().equals(leaderTime));
        assertEquals("Anna Chaser", script("#athlete-name"), "a searched athlete stays followed");

        // the bib, then Enter
        browser.findElement(By.id("search")).sendKeys("90");
        wait.until(b -> String.valueOf(script("#search-results li.match .match-name")).equals(DashboardRace.IMG_NAME));
        browser.findElement(By.id("search")).sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(b -> String.valueOf(script("#athlete-name")).equals(DashboardRace.IMG_NAME));
        browser.findElement(By.id("search")).sendKeys("nobody-here");
        wait.until(b -> String.valueOf(script("#search-results .match-none")).startsWith("No athlete"));
        browser.findElement(By.id("search")).sendKeys(org.openqa.selenium.Keys.ESCAPE);
        replay.get();

        // one alert about a runner far down the field, one about an athlete on the board
        final String race = Vienna2019.RACE_ID;
        final String farBack = "426's chance of sub-2:00 falls below 50%";
        final String onBoard = "Anna Chaser's chance of sub-2:00 falls below 10%";
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ProducerSettings.of(kafka.bootstrapServers(), Map.of()))) {
            sendAlert(producer, race, "runner-426", "Runner 426", farBack);
            sendAlert(producer, race, "chaser-anna", "Anna Chaser", onBoard);
        }
        wait.until(b -> alertTexts().stream().anyMatch(t -> t.endsWith(onBoard)));
        assertTrue(alertTexts().stream().noneMatch(t -> t.endsWith(farBack)), "hidden by default: " + alertTexts());
        assertTrue(String.valueOf(script("#alerts-hidden")).matches("\\(\\d+ more\\)"), String.valueOf(script("#alerts-hidden")));
        browser.findElement(By.id("alerts-all")).click();
        wait.until(b -> alertTexts().stream().anyMatch(t -> t.endsWith(farBack)));
        assertTrue(alertTexts().stream().anyMatch(t -> t.endsWith(onBoard)));
        browser.findElement(By.id("alerts-all")).click();
        wait.until(b -> alertTexts().stream().noneMatch(t -> t.endsWith(farBack)));
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve("dashboard-search-alerts.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /**
     * The overlays at 1920x1080 during a replayed race: transparent, and showing what the server's own queries answer
     * (the lower third's projected finish, chance and gap to schedule; the strip's top three names).
     */
    @Test
    void overlaysAreTransparentAndShowTheCurrentState() throws Exception {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1920,
                "height", 1080, "deviceScaleFactor", 1, "mobile", false));
        final String base = "http://127.0.0.1:" + dashboard.port();
        final String race = Vienna2019.RACE_ID;
        final String athlete = Vienna2019.kipchoge().athleteId();
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90), Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        // the first mat is read about five seconds in, and the race goes on for three quarters of a minute
        final CompletableFuture<RaceReplayer.Summary> replay = replay(DashboardRace.scenario(), 160);
        Files.createDirectories(SCREENSHOTS);

        browser.get(base + "/overlay/lower-third?race=" + race + "&athlete=" + athlete);
        assertTransparent();
        wait.until(b -> String.valueOf(script("#lt-at")).startsWith("AT "));
        wait.until(b -> {
            final JsonNode now = getJson(base + "/races/" + race + "/athletes/" + athlete);
            if (now == null) {
                return false;
            }
            final JsonNode display = now.get("display");
            return display.get("projectedFinish").asText().equals(script("#lt-projected"))
                    && display.get("chance").asText().equals(script("#lt-chance"))
                    && ("SUB-" + display.get("target").asText()).equals(script("#lt-target"))
                    && display.get("vsTarget").asText().equals(script("#lt-vs"))
                    && now.get("name").asText().equals(script("#lt-name"));
        });
        assertTrue(String.valueOf(js("return getComputedStyle(document.getElementById('lt-name')).fontSize;")).matches("(4[8-9]|[5-9]\\d)(\\.\\d+)?px"),
                "a name readable on video");
        assertFalse(replay.isDone(), "the race is still on");
        Files.write(SCREENSHOTS.resolve("overlay-lower-third-1920x1080.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        browser.get(base + "/overlay/leaderboard?race=" + race + "&category=ALL&n=3");
        assertTransparent();
        wait.until(b -> {
            final JsonNode board = getJson(base + "/races/" + race + "/leaderboard?category=ALL");
            if (board == null) {
                return false;
            }
            final List<String> top = new java.util.ArrayList<>();
            board.get("entries").forEach(e -> {
                if (top.size() < 3) {
                    top.add(e.get("name").asText());
                }
            });
            return top.size() == 3 && top.equals(js("return [...document.querySelectorAll('#strip-rows .strip-name')].map(e => e.textContent);"));
        });
        assertFalse(replay.isDone(), "the race is still on");
        Files.write(SCREENSHOTS.resolve("overlay-leaderboard-1920x1080.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        replay.cancel(true);
    }

    private void assertTransparent() {
        for (final String element : List.of("documentElement", "body")) {
            final String background = String.valueOf(js("return getComputedStyle(document." + element + ").backgroundColor;"));
            assertTrue(background.equals("rgba(0, 0, 0, 0)") || background.equals("transparent"),
                    element + " has background " + background);
        }
    }

    private static JsonNode getJson(final String url) {
        try {
            final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Json.mapper().readTree(response.body()) : null;
        } catch (final Exception e) {
            throw new AssertionError("GET " + url, e);
        }
    }

    private static void sendAlert(final KafkaProducer<String, byte[]> producer, final String race, final String athleteId,
                                  final String name, final String message) throws Exception {
        final RaceAlert alert = new RaceAlert(RaceAlert.Type.TARGET_CHANCE_DOWN, race, athleteId, name, "ELITE-M", "40K",
                40_000, 6_800_000, 0.4, message, Instant.now());
        producer.send(new ProducerRecord<>(Topics.RACE_ALERTS.name(), Keys.athlete(race, athleteId),
                Topics.RACE_ALERTS.valueSerde().serializer().serialize(Topics.RACE_ALERTS.name(), alert))).get();
    }

    private List<String> alertTexts() {
        @SuppressWarnings("unchecked")
        final List<String> texts = (List<String>) js("return [...document.querySelectorAll('#alerts li')].map(e => e.textContent);");
        return texts;
    }

    /** Whether both charts have been drawn at the size of their boxes. */
    private boolean chartsSettled() {
        return (Boolean) js("return ['pace-chart', 'chance-chart'].every(id => { const c = Chart.getChart(document.getElementById(id));"
                + " const box = c.canvas.parentNode.getBoundingClientRect(); return c.width > 0 && Math.abs(c.width - (box.width - 20)) < 2; });");
    }

    private static double num(final Map<String, Object> map, final String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    private Object js(final String script, final Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
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
