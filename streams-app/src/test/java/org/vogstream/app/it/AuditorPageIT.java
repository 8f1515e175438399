package org.vogstream.app.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vogstream.app.demo.DemoRun;
import org.vogstream.app.records.Json;
import org.vogstream.app.testing.Digits;

/**
 * The auditor's page in Debian's Chromium (headless, through its chromedriver), against the
 * detector of {@code vog demo} while its traffic flows. Selenium rather than Playwright: it drives
 * the distribution's own browser and driver from Maven Central jars alone, where Playwright would
 * fetch its own browser builds.
 */
class AuditorPageIT {
    private static final Path TARGET = Path.of("target");
    private static final Pattern PAGE = Pattern.compile("auditor's page: (http://127\\.0\\.0\\.1:\\d+/)");

    private static Thread demo;
    private static final CountDownLatch STOP = new CountDownLatch(1);
    private static String base;
    private static WebDriver browser;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Optional<File> onPath(String... names) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : names) {
                File f = new File(dir, name);
                if (f.canExecute()) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    @BeforeAll
    static void startDemoAndBrowser() throws Exception {
        Optional<File> chromium = onPath("chromium", "chromium-browser", "google-chrome");
        Optional<File> driver = onPath("chromedriver");
        Assumptions.assumeTrue(chromium.isPresent() && driver.isPresent(), "Chromium or chromedriver not found on PATH:"
                + " install Debian's chromium and chromium-driver (bash .ci/run does)");
        PipedLines printed = new PipedLines();
        demo = new Thread(() -> {
            try {
                DemoRun.run(new DemoRun.Options(Digits.MODEL_DIR, 0, true, Duration.ofMinutes(5), 150, "127.0.0.1:0"),
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new PrintStream(printed, true,
                                StandardCharsets.UTF_8), STOP);
            } catch (Exception e) {
                printed.fail(e);
            }
        }, "auditor-page-demo");
        demo.start();
        base = printed.await(PAGE, Duration.ofSeconds(90));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--user-data-dir=" + Files.createTempDirectory("vog-chromium"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        STOP.countDown();
        if (demo != null) {
            demo.join(30_000);
        }
    }

    private static JsonNode api(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), path + ": " + new String(r.body(), StandardCharsets.UTF_8));
        return Json.MAPPER.readTree(r.body());
    }

    private static BufferedImage png(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), path);
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    private static float[] input(JsonNode alert) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(alert.get("input").get("data").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    /** Inverted digits: a white background, most pixels exactly 1. */
    private static boolean inverted(float[] x) {
        long ones = count(x, v -> v == 1f);
        return ones > 0.6 * x.length && count(x, v -> v == 0f) > 0;
    }

    /** Brightened digits: nothing below 0.5, the background exactly 0.5. */
    private static boolean bright(float[] x) {
        return count(x, v -> v < 0.5f) == 0 && count(x, v -> v == 0.5f) > 0.5 * x.length;
    }

    private static long count(float[] x, Predicate<Float> p) {
        long n = 0;
        for (float v : x) {
            n += p.test(v) ? 1 : 0;
        }
        return n;
    }

    /** One data attribute of every element the selector finds, read in one script so none goes stale between reads. */
    @SuppressWarnings("unchecked")
    private static List<String> attribute(WebDriver d, String selector, String name) {
        return (List<String>) ((JavascriptExecutor) d).executeScript("return [...document.querySelectorAll(arguments[0])]"
                + ".map(e => e.getAttribute(arguments[1]));", selector, name);
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("event_id").asText()));
        return out;
    }

    /** A question whose answer moves with the traffic. */
    private interface Answer {
        List<String> get() throws Exception;
    }

    /**
     * What the page shows once it shows what the API answers: traffic keeps changing both, so the
     * two are compared until one poll of the page and one question saw the same moment.
     */
    private static List<String> sameMoment(Answer api, Answer page) throws Exception {
        List<List<String>> seen = new ArrayList<>(List.of(List.of(), List.of("-")));
        try {
            // the browser is driven from this thread only
            await("the page shows what the API answers").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                    .pollInSameThread().until(() -> {
                        seen.set(0, api.get());
                        seen.set(1, page.get());
                        return seen.get(0).equals(seen.get(1));
                    });
        } catch (ConditionTimeoutException e) {
            assertEquals(seen.get(0), seen.get(1), "the page shows what the API answers");
        }
        return seen.get(1);
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(TARGET);
        Files.write(TARGET.resolve(name), ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void shouldShowAlertsWithTheirHeatmapsFilterByClassAndMatchTheHardestApi() throws Exception {
        browser.get(base);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> d.findElements(By.cssSelector("#alerts .card")).size() >= 12);
        long loadMs = ((Number) ((JavascriptExecutor) browser).executeScript(
                "const n = performance.getEntriesByType('navigation')[0]; return Math.round(n.loadEventEnd - n.startTime);"))
                .longValue();
        System.out.println("auditor page: load " + loadMs + " ms");

        // the inputs and heatmaps of the first cards (those on screen: the others load lazily) decoded
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return [...document.querySelectorAll("
                + "'#alerts .card')].slice(0, 6).flatMap(c => [...c.querySelectorAll('img')])"
                + ".every(i => i.complete && i.naturalWidth > 0);"));

        // two alerts of different corruptions, told apart by their inputs, have different heatmaps
        JsonNode recent = api("alerts/recent?limit=1000");
        JsonNode inv = null;
        JsonNode bri = null;
        for (JsonNode a : recent) {
            float[] x = input(a);
            inv = inv == null && inverted(x) ? a : inv;
            bri = bri == null && bright(x) ? a : bri;
        }
        assertTrue(inv != null && bri != null, "the demo's inverted and brightened digits alert");
        BufferedImage hi = png("alerts/" + inv.get("event_id").asText() + "/heatmap.png");
        BufferedImage hb = png("alerts/" + bri.get("event_id").asText() + "/heatmap.png");
        assertEquals(hi.getWidth(), hb.getWidth());
        long differing = 0;
        for (int y = 0; y < hi.getHeight(); y++) {
            for (int x = 0; x < 224; x++) {
                differing += hi.getRGB(x, y) != hb.getRGB(x, y) ? 1 : 0;
            }
        }
        assertTrue(differing > 224 * 224 / 4, "heatmaps of an inverted and a bright digit differ: " + differing + " px");
        // paused, so the screenshot shows the cards on screen with their images loaded
        browser.findElement(By.id("live")).click();
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return [...document.querySelectorAll("
                + "'#alerts .card')].slice(0, 9).flatMap(c => [...c.querySelectorAll('img')])"
                + ".every(i => i.complete && i.naturalWidth > 0);"));
        screenshot("auditor-recent.png");
        browser.findElement(By.id("live")).click();

        // the class filter narrows the list to that class's alerts, as the API answers them
        int cls = recent.get(0).get("predicted_class").asInt();
        new Select(browser.findElement(By.id("model"))).selectByValue("mnist");
        new Select(browser.findElement(By.id("class"))).selectByValue(Integer.toString(cls));
        wait.until(d -> {
            List<String> classes = attribute(d, "#alerts .card", "data-class");
            return !classes.isEmpty() && classes.stream().allMatch(c -> c.equals(Integer.toString(cls)));
        });
        assertEquals(sameMoment(() -> ids(api("alerts/recent?limit=60&model=mnist&class=" + cls)),
                () -> attribute(browser, "#alerts .card", "data-event-id")), attribute(browser, "#alerts .card", "data-event-id"));
        boolean others = false;
        for (JsonNode a : api("alerts/recent?limit=1000&model=mnist")) {
            others |= a.get("predicted_class").asInt() != cls;
        }
        assertTrue(others, "other classes alerted too, so the filter left some out");

        // the hardest view shows what the API answers (asked until both saw the same moment)
        new Select(browser.findElement(By.id("class"))).selectByValue("");
        browser.findElement(By.id("tab-hardest")).click();
        wait.until(d -> d.findElement(By.id("hardest-table")).isDisplayed());
        List<String> shown = sameMoment(() -> ids(api("models/mnist/hardest?limit=25")),
                () -> attribute(browser, "#hardest-table tbody tr", "data-event-id"));
        assertEquals(25, shown.size());
        screenshot("auditor-hardest.png");

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertEquals(List.of(), errors, "the page logs no console error");
    }

    @Test
    void shouldServeThePageFromTheJarWithNothingFromElsewhere() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        Matcher remote = Pattern.compile("(src|href)=\"(?!data:)[a-z]+://").matcher(page.body());
        assertFalse(remote.find(), "no resource from another origin");
        HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(URI.create(base + "alerts/none/heatmap.png"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertNotEquals(-1, missing.body().indexOf("no recent alert 'none'"));
    }

    /** What the demo prints, line by line, so the test can wait for the page's address. */
    private static final class PipedLines extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile Exception failure;

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            System.out.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            System.out.write(b, off, len);
        }

        void fail(Exception e) {
            failure = e;
        }

        String await(Pattern pattern, Duration timeout) {
            return Awaitility.await("the demo prints " + pattern).atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .failFast("the demo failed", () -> {
                        if (failure != null) {
                            throw failure;
                        }
                    }).until(() -> firstGroup(pattern), Optional::isPresent)
                    .orElseThrow();
        }

        private synchronized Optional<String> firstGroup(Pattern pattern) {
            Matcher m = pattern.matcher(bytes.toString(StandardCharsets.UTF_8));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }
    }
}
