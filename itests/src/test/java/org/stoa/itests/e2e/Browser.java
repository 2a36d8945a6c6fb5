package org.stoa.itests.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One attendee's headless Chromium — Debian's {@code chromium} driven through its own
 * {@code chromedriver}, nothing downloaded — that reaches every {@code *.test} host on this
 * machine, so a world's domain names Stoa as a browser would after DNS.
 */
final class Browser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;
    private final String name;

    Browser(String name) {
        this.name = name;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("stoa.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,800", "--host-resolver-rules=MAP *.test 127.0.0.1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("stoa.chromedriver", "/usr/bin/chromedriver")))
                .build();
        driver = new ChromeDriver(service, options);
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /** Waits (up to a minute: the first page of a cold server on a busy machine) until {@code until} holds. */
    <T> T await(String what, Function<WebDriver, T> until) {
        try {
            // The app re-renders as the server's answers arrive: an element found a moment ago may be gone.
            return new WebDriverWait(driver, Duration.ofSeconds(60)).withMessage(what)
                    .ignoring(StaleElementReferenceException.class).ignoring(ElementClickInterceptedException.class)
                    .until(until);
        } catch (RuntimeException e) {
            screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            throw e;
        }
    }

    /** The first visible element the selector finds whose text is {@code text} (case ignored). */
    WebElement withText(String selector, String text) {
        return await("'" + text + "' in " + selector, d -> d.findElements(By.cssSelector(selector)).stream()
                .filter(e -> e.isDisplayed() && e.getText().trim().equalsIgnoreCase(text)).findFirst().orElse(null));
    }

    /** Clicks the first visible element the selector finds whose text is {@code text}, once it takes the click. */
    void click(String selector, String text) {
        await("a click on '" + text + "'", d -> {
            WebElement target = d.findElements(By.cssSelector(selector)).stream()
                    .filter(e -> e.isDisplayed() && e.getText().trim().equalsIgnoreCase(text)).findFirst().orElse(null);
            if (target == null) {
                return null;
            }
            target.click();
            return true;
        });
    }

    String bodyText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** A PNG of what the attendee sees now, under target/screenshots. */
    Path screenshot(String step) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + "-" + step + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
