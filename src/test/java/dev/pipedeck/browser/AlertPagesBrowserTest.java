package dev.pipedeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.sun.net.httpserver.HttpServer;

import dev.pipedeck.alerts.AlertEvaluator;
import dev.pipedeck.alerts.NotificationDispatcher;
import dev.pipedeck.health.PipeMetricStore;
import dev.pipedeck.health.PipeMetrics;
import dev.pipedeck.testsupport.Browser;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * An admin sets alerts up in a real browser: adds a Slack channel and sends it a test notification, creates a rule
 * ticking "failed" and the channel, and sees the firing alert with its delivery on the Alerts page, the navigation
 * counting it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AlertPagesBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    PipeMetricStore store;

    @Autowired
    AlertEvaluator evaluator;

    @Autowired
    NotificationDispatcher dispatcher;

    ChromeDriver browser;
    WebDriverWait wait;
    HttpServer slack;
    final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slack.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                bodies.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        slack.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        slack.stop(0);
    }

    @Test
    void anAdminAddsAChannelAndARuleAndSeesTheAlertFire() throws IOException {
        String admin = "alert-admin-" + System.nanoTime();
        TestAccounts.create(accounts, admin, Role.ADMIN);
        Browser.signIn(browser, port, admin);

        open("/alerts/channels/new");
        browser.findElement(By.id("name")).sendKeys("Team Slack");
        new Select(browser.findElement(By.id("kind"))).selectByValue("SLACK");
        browser.findElement(By.id("url")).sendKeys("http://127.0.0.1:" + slack.getAddress().getPort()
                + "/services/T0/B0/browser-secret");
        browser.findElement(By.cssSelector("form.alert-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-success"), "Team Slack"));
        assertThat(browser.getPageSource()).doesNotContain("browser-secret");
        browser.findElement(By.xpath("//button[normalize-space()='Send test notification']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-success"),
                "Test notification sent"));
        assertThat(bodies).singleElement().asString().contains("TEST FIRING");

        open("/alerts/rules/new");
        browser.findElement(By.id("name")).sendKeys("Failed pipes");
        browser.findElement(By.cssSelector("input[name=states][value=STALLED]")).click();
        browser.findElement(By.id("forMinutes")).clear();
        browser.findElement(By.id("forMinutes")).sendKeys("0");
        browser.findElement(By.xpath("//label[contains(@class,'checkbox')][.//span[text()='Team Slack']]/input"))
                .click();
        browser.findElement(By.cssSelector("form.alert-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-success"),
                "Failed pipes"));
        String rules = browser.findElement(By.cssSelector("main table")).getText();
        assertThat(rules).contains("Failed pipes").contains("All pipes").contains("failed").doesNotContain("stalled")
                .contains("at once").contains("Team Slack");

        store.record(List.of(new PipeMetrics("browser-pipe", "org-browser", "svc-browser", "nightly export",
                "Failed", 1.0, 1.0, 1.0, 1.0, 0.0, null, null, null, null, null)), Instant.now());
        evaluator.evaluate();
        dispatcher.dispatchDue();

        open("/alerts");
        String firing = browser.findElement(By.id("firing")).getText();
        assertThat(firing).contains("nightly export").contains("failed").contains("Failed pipes")
                .contains("Team Slack").containsIgnoringCase("delivered");
        assertThat(browser.findElement(By.cssSelector(".mainnav .nav-count")).getText()).isEqualTo("1");
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/alerts-page.png"), browser.getScreenshotAs(OutputType.BYTES));
        assertThat(bodies).hasSize(2);
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }
}
