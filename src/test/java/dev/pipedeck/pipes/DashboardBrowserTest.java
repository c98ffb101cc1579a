package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.pipedeck.orgs.SandboxConnector;
import dev.pipedeck.sandbox.SandboxAccess;
import dev.pipedeck.sandbox.SandboxControl;
import dev.pipedeck.testsupport.Browser;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * In a real browser, an operator wakes the sandbox's idle staging service from the dashboard: the tile is replaced in
 * place (HTMX, CSRF header included) with the service awaking and the message, without reloading the page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DashboardBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    SandboxConnector connector;

    @Autowired
    SandboxControl control;

    @Autowired
    SandboxAccess sandbox;

    @Autowired
    JdbcTemplate jdbc;

    ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowserAndLeaveTheSandboxAsFound() {
        if (browser != null) {
            browser.quit();
        }
        TestAccounts.asAdmin(control::reset);
        jdbc.update("delete from org_connection where organization_id = ?", sandbox.organizationId());
    }

    @Test
    void anOperatorWakesAnIdleServiceAndOnlyItsTileChanges() {
        TestAccounts.asAdmin(connector::connect);
        TestAccounts.asAdmin(control::makeStagingIdle);
        String username = "waker-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.OPERATOR);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));

        browser.get("http://localhost:" + port + "/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Pipes"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//button[text()='Wake service']")));

        browser.executeScript("window.pipedeckSamePage = true;");
        WebElement staging = browser.findElement(By.xpath("//article[.//a[text()='staging']]"));
        assertThat(staging.getText()).contains("Idle: ClickPipes calls fail until it wakes.");
        staging.findElement(By.xpath(".//button[text()='Wake service']")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.xpath("//article[.//a[text()='staging']]"),
                "Waking staging: ClickPipes calls work again once it is running."));
        WebElement woken = browser.findElement(By.xpath("//article[.//a[text()='staging']]"));
        assertThat(woken.getText()).containsIgnoringCase("awaking").doesNotContain("Wake service");
        assertThat(browser.executeScript("return window.pipedeckSamePage === true;")).as("no page reload")
                .isEqualTo(true);
        assertThat(browser.findElement(By.xpath("//article[.//a[text()='analytics-prod']]")).getText())
                .containsIgnoringCase("Needs attention");
    }
}
