package dev.pipedeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.pipedeck.health.MetricsCollector;
import dev.pipedeck.orgs.OrgConnectionService;
import dev.pipedeck.orgs.SandboxConnector;
import dev.pipedeck.pipes.PipeListQuery;
import dev.pipedeck.pipes.PipeQueries;
import dev.pipedeck.pipes.ServiceRef;
import dev.pipedeck.testsupport.Browser;
import dev.pipedeck.testsupport.MutableClock;
import dev.pipedeck.testsupport.SandboxPages;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * A viewer reads pipe health in a real browser, from twelve minutes of the sandbox's metrics (the collector
 * driven minute by minute on a test clock): the pipe page's charts load with data and their current values, a
 * window link swaps the charts and puts the window in the address, the pipes list shows the stalled pipe's badge,
 * and the dashboard puts it among the pipes needing attention.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PipeHealthBrowserTest {

    static final Instant START = Instant.parse("2026-11-24T10:00:30Z");

    @TestConfiguration(proxyBeanMethods = false)
    static class HealthClock {

        @Bean
        @Primary
        MutableClock healthBrowserClock() {
            return new MutableClock(START);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    SandboxConnector sandbox;

    @Autowired
    OrgConnectionService connections;

    @Autowired
    PipeQueries pipes;

    @Autowired
    MetricsCollector collector;

    @Autowired
    MutableClock clock;

    ChromeDriver browser;
    WebDriverWait wait;
    String servicePath;

    @BeforeEach
    void collectTwelveMinutesOfTheSandbox() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        servicePath = SandboxPages.analyticsProdPath(sandbox, connections);
        for (int minute = 0; minute <= 11; minute++) {
            collector.scrapeDue();
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofSeconds(-59));
        String viewer = "viewer-" + System.nanoTime();
        TestAccounts.create(accounts, viewer, Role.VIEWER);
        Browser.signIn(browser, port, viewer);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theChartsTheListAndTheDashboardShowTheSandboxsHealth() {
        String pipe = servicePath + "/pipes/" + pipeNamed("orders from Confluent Cloud");
        open(pipe);
        assertThat(browser.findElement(By.cssSelector("h1 .health-badge")).getText()).isEqualToIgnoringCase("Healthy");
        WebElement events = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#chart-events svg.chart-svg")));
        assertThat(events.getAttribute("role")).isEqualTo("img");
        List<WebElement> lines = events.findElements(By.cssSelector("polyline"));
        assertThat(lines).as("fetched and sent").hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines.get(0).getAttribute("points").split(" ")).as("a rate for each scraped minute")
                .hasSizeGreaterThanOrEqualTo(10);
        assertThat(browser.findElement(By.cssSelector("#chart-events .chart-current")).getText())
                .matches("[0-9.]+k? events/s");
        assertThat(browser.findElements(By.cssSelector("#chart-cpu .series-limit polyline"))).as("the CPU limit")
                .isNotEmpty();

        browser.findElement(By.linkText("24 h")).click();
        wait.until(ExpectedConditions.urlContains("window=24h"));
        wait.until(d -> "true".equals(d.findElement(By.linkText("24 h")).getAttribute("aria-current")));
        assertThat(browser.findElement(By.cssSelector("#chart-events .chart-current")).getText())
                .endsWith("events/s");

        open(servicePath + "/pipes");
        WebElement stalledRow = browser.findElement(By.xpath("//tr[.//a[text()='payments from MSK']]"));
        wait.until(ExpectedConditions.textToBePresentInElement(stalledRow, "STALLED"));
        WebElement healthyRow = browser.findElement(By.xpath("//tr[.//a[text()='orders from Confluent Cloud']]"));
        assertThat(healthyRow.getText()).contains("HEALTHY");
        assertThat(healthyRow.findElements(By.cssSelector("svg.sparkline polyline"))).isNotEmpty();

        open("/");
        WebElement tile = browser.findElement(By.xpath("//article[.//a[text()='analytics-prod']]"));
        wait.until(d -> tile.getText().toLowerCase().contains("1 stalled"));
        assertThat(tile.findElement(By.cssSelector(".attention-list")).getText())
                .contains("payments from MSK", "S3 access logs");
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private String pipeNamed(String name) {
        String organizationId = servicePath.split("/")[2];
        String serviceId = servicePath.split("/")[4];
        return TestAccounts.asAdmin(() -> pipes.list(new ServiceRef(organizationId, serviceId), PipeListQuery.all()))
                .page().rows().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().id();
    }
}
