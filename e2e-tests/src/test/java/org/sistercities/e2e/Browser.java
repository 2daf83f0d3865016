package org.sistercities.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages, driven by Selenium through Debian's chromedriver (both paths set,
 * so Selenium Manager never downloads anything). Installs the packages when they are missing and the tests
 * run as root (a fresh CI machine); anyone else gets told what to install.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Dimension DESKTOP = new Dimension(1366, 900);
    static final Dimension TABLET = new Dimension(800, 1100);
    // Generous: the whole platform and the browser share two cores with the build.
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final URI base;
    private final Path userData;
    private final Path screenshots;

    private Browser(ChromeDriver driver, URI base, Path userData, Path screenshots) {
        this.driver = driver;
        this.base = base;
        this.userData = userData;
        this.screenshots = screenshots;
    }

    static Browser open(URI gateway) {
        installWhenMissing();
        try {
            Path userData = Files.createTempDirectory("sci-chromium-");
            Path screenshots = Path.of(System.getProperty("sci.e2e.screenshots", "target/screenshots")).toAbsolutePath();
            Files.createDirectories(screenshots);
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--user-data-dir=" + userData, "--window-size=" + DESKTOP.width + "," + DESKTOP.height, "--lang=en-GB");
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(DESKTOP);
            return new Browser(driver, gateway, userData, screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Debian's chromium and chromedriver, installed with apt-get when missing and allowed (root). */
    private static synchronized void installWhenMissing() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("The dashboard tests need Debian's headless Chromium: run "
                    + "`sudo apt-get install -y chromium chromium-driver` (missing: " + CHROMIUM + " or " + CHROMEDRIVER + ")");
        }
        run(List.of("apt-get", "update", "-qq"));
        run(List.of("apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"));
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("apt-get installed chromium and chromium-driver, but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
        }
    }

    private static void run(List<String> command) {
        try {
            Path log = Files.createTempFile("apt-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took over 5 minutes; output in " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a dashboard route, e.g. {@code "#/partnerships"}. */
    Browser go(String route) {
        driver.get(base.resolve("/" + route).toString());
        return this;
    }

    void logIn(String username, String password) {
        go("");
        WebElement user = waitFor("#login-username");
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.cssSelector("#login-password")).sendKeys(password);
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        waitFor("#who");
        until(d -> !d.findElement(By.id("who")).getText().isBlank());
        settled();
    }

    void logOut() {
        driver.manage().deleteAllCookies();
        go("");
        waitFor("#login-username");
    }

    WebElement waitFor(String css) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits (bounded) until the condition holds; {@code seconds} for slow asynchronous effects. */
    void until(java.util.function.Function<ChromeDriver, Boolean> condition, int seconds) {
        new WebDriverWait(driver, Duration.ofSeconds(seconds)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.apply(driver));
    }

    void until(java.util.function.Function<ChromeDriver, Boolean> condition) {
        until(condition, (int) WAIT.toSeconds());
    }

    /** Waits until the page has rendered and none of its sections is still loading. */
    void settled() {
        until(d -> !d.findElements(By.cssSelector("#view:not([aria-busy]) h1")).isEmpty()
                && d.findElements(By.cssSelector("#view .loading")).isEmpty());
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    String text(String css) {
        return waitFor(css).getText();
    }

    ChromeDriver driver() {
        return driver;
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Saves a PNG of the viewport as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Path file = screenshots.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Errors the page reported since the last call (script errors, blocked by the Content-Security-Policy),
     * leaving out failed requests, which the dashboard shows as problems on purpose.
     */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource"))
                .toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteRecursively(userData.toFile());
        }
    }

    private static void deleteRecursively(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteRecursively(child);
            }
        }
        file.delete();
    }
}
