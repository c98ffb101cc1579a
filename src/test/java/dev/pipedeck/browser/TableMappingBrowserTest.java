package dev.pipedeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

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
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.pipedeck.orgs.SandboxConnector;
import dev.pipedeck.sandbox.SandboxControl;
import dev.pipedeck.testsupport.Browser;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * An operator in a real browser adds a table to a running Postgres CDC pipe of the sandbox through the one
 * pause → apply → start action, watches the steps complete on the progress page (HTMX polls it), and finds the pipe
 * Running with the new table. (Same configuration as the pipe edit web tests, so they share one application.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "pipedeck.sandbox.transition-delay=200ms", "pipedeck.pipes.mapping-change.poll-interval=100ms" })
@AutoConfigureMockMvc
class TableMappingBrowserTest {

    static final String SERVICE = "3f6a9c2e-1b4d-4e7f-8a5c-0d2e4f6a8b1c";
    static final String POSTGRES_PIPE = UUID.nameUUIDFromBytes(
            "pipedeck-sandbox:shop database (Postgres CDC)".getBytes(StandardCharsets.UTF_8)).toString();

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    SandboxConnector sandboxConnector;

    @Autowired
    SandboxControl sandboxControl;

    @Autowired
    JdbcTemplate jdbc;

    ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowserAndResetTheSandbox() {
        if (browser != null) {
            browser.quit();
        }
        TestAccounts.asAdmin(sandboxControl::reset);
    }

    @Test
    void anOperatorAddsATableToACdcPipeThroughPauseApplyStartAndWatchesItFinish() {
        String username = "mapper-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.OPERATOR);
        String organizationId = TestAccounts.asAdmin(() -> sandboxConnector.connect()).getOrganizationId();
        jdbc.update("update org_connection set budget_requests = 1000 where sandbox");
        String edit = "http://localhost:" + port + "/organizations/" + organizationId + "/services/" + SERVICE
                + "/pipes/" + POSTGRES_PIPE + "/edit";
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get(edit);
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "shop database (Postgres CDC)"));
        assertThat(browser.findElement(By.cssSelector(".lead .badge")).getText()).isEqualToIgnoringCase("Running");

        browser.findElement(By.id("add-0-namespace")).sendKeys("public");
        browser.findElement(By.id("add-0-table")).sendKeys("payments");
        browser.findElement(By.id("add-0-target")).sendKeys("public_payments");
        browser.findElement(By.id("apply-mappings")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();

        wait.until(ExpectedConditions.urlContains("/edit/jobs/"));
        assertThat(browser.findElement(By.cssSelector("aside")).getText()).contains("public.payments → public_payments");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#job-progress h2"), "Done"));
        WebElement progress = browser.findElement(By.id("job-progress"));
        assertThat(progress.getText()).contains("The table mappings were changed and the pipe is Running again.");
        assertThat(progress.findElements(By.cssSelector(".job-step .badge"))).extracting(badge -> badge.getText().toLowerCase())
                .containsExactly("done", "done", "done", "done", "done");
        assertThat(progress.getAttribute("hx-trigger")).as("polling stopped").isNull();

        browser.findElement(By.linkText("Back to editing")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "shop database (Postgres CDC)"));
        assertThat(browser.findElement(By.cssSelector(".lead .badge")).getText()).isEqualToIgnoringCase("Running");
        assertThat(browser.findElement(By.cssSelector("#mappings table")).getText()).contains("public_payments",
                "public_orders");
    }
}
