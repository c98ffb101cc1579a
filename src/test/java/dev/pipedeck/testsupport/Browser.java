package dev.pipedeck.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from the distribution's packages, driven by its ChromeDriver given by path, so Selenium
 * downloads nothing. Where either is not installed, the browser test is skipped and says so.
 */
public final class Browser {

    private static final String DRIVER_PROPERTY = "pipedeck.test.chromedriver";

    private Browser() {
    }

    /** Signs {@code username} in (password {@link TestAccounts#PASSWORD}) and waits until the sign-in page is left. */
    public static void signIn(ChromeDriver browser, int port, String username) {
        browser.get("http://localhost:" + port + "/login");
        browser.findElement(org.openqa.selenium.By.id("username")).sendKeys(username);
        browser.findElement(org.openqa.selenium.By.id("password")).sendKeys(TestAccounts.PASSWORD);
        browser.findElement(org.openqa.selenium.By.cssSelector("main form button[type=submit]")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(20)).until(
                org.openqa.selenium.support.ui.ExpectedConditions.not(
                        org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/login")));
    }

    public static ChromeDriver start() {
        Path driver = Path.of(System.getProperty(DRIVER_PROPERTY, "/usr/bin/chromedriver"));
        Path chromium = Path.of(System.getProperty("pipedeck.test.chromium", "/usr/bin/chromium"));
        Assumptions.assumeTrue(Files.isExecutable(driver) && Files.isExecutable(chromium),
                "Skipped: browser tests need Chromium and ChromeDriver (Debian packages chromium, chromium-driver) at "
                        + chromium + " and " + driver + "; .ci/run installs them.");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return browser;
    }
}
