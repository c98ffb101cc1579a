package dev.pipedeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.pipedeck.orgs.OrgConnectionService;
import dev.pipedeck.orgs.SandboxConnector;
import dev.pipedeck.testsupport.Browser;
import dev.pipedeck.testsupport.SandboxPages;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * An operator creates a Postgres CDC pipe with two table mappings in a real browser against the sandbox: the
 * replication slot shows only for cdc_only, a port out of range is flagged as the field is left, the rows editor adds
 * the second table, the review shows the request without the password, and the new pipe's page follows it through
 * Setup and Snapshot to Running.
 *
 * <p>Each sandbox state lasts 3 s: the pipe page polls its state every 2 s, so every state is seen at least once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "pipedeck.sandbox.transition-delay=10s", "pipedeck.cloud.read-cache-ttl=500ms" })
class PostgresWizardBrowserTest {

    private static final String PASSWORD = "sandbox-postgres-password";

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    SandboxConnector sandbox;

    @Autowired
    OrgConnectionService connections;

    ChromeDriver browser;
    WebDriverWait wait;
    String servicePath;

    @BeforeEach
    void openBrowserOnTheSandbox() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        servicePath = SandboxPages.analyticsProdPath(sandbox, connections);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorCreatesAPostgresCdcPipeWithTwoTablesThatGoesThroughSetupAndSnapshotToRunning() {
        String username = "pg-wizard-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.OPERATOR);
        Browser.signIn(browser, port, username);

        browser.get("http://localhost:" + port + servicePath + "/pipes");
        browser.findElement(By.linkText("New pipe")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[span[text()='Postgres']]"))).click();

        // Step 1: a port out of range is flagged as the field is left, then fixed in place.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-name"))).sendKeys("shop replica");
        browser.findElement(By.id("f-host")).sendKeys("postgres.example.com");
        WebElement portField = browser.findElement(By.id("f-port"));
        portField.sendKeys("70000", Keys.TAB);
        wait.until(ExpectedConditions.textToBe(By.id("f-port-error"), "Port must be from 1 to 65535."));
        portField.clear();
        portField.sendKeys("5432", Keys.TAB);
        wait.until(ExpectedConditions.textToBe(By.id("f-port-error"), ""));
        browser.findElement(By.id("f-database")).sendKeys("shop");
        assertThat(new Select(browser.findElement(By.id("f-authentication"))).getFirstSelectedOption()
                .getAttribute("value")).as("the only sign-in method comes preselected").isEqualTo("basic");
        assertThat(browser.findElements(By.id("f-iamRole"))).as("no IAM for a generic Postgres").isEmpty();
        browser.findElement(By.id("f-credentials-username")).sendKeys("clickpipes");
        browser.findElement(By.id("f-credentials-password")).sendKeys(PASSWORD);
        next();

        // Step 2: the replication slot shows only for cdc_only.
        Select mode = new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.id("f-settings-replicationMode"))));
        mode.selectByValue("cdc_only");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-settings-replicationSlotName-field")));
        mode.selectByValue("cdc");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("f-settings-replicationSlotName-field")));
        assertThat(browser.findElement(By.id("f-settings-publicationName-field")).isDisplayed()).isTrue();
        browser.findElement(By.id("f-settings-syncIntervalSeconds")).sendKeys("30");
        next();

        // Step 3: two tables, the second added with the rows editor.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("tables.0.sourceSchemaName")))
                .sendKeys("public");
        browser.findElement(By.name("tables.0.sourceTable")).sendKeys("orders");
        browser.findElement(By.xpath("//button[normalize-space()='Add table']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("tables.1.sourceSchemaName")))
                .sendKeys("public");
        assertThat(browser.findElement(By.name("tables.0.sourceTable")).getAttribute("value")).isEqualTo("orders");
        browser.findElement(By.name("tables.1.sourceTable")).sendKeys("customers");
        browser.findElement(By.name("tables.1.targetTable")).sendKeys("customers_v2");
        browser.findElement(By.name("tables.1.sortingKeys")).sendKeys("id");
        new Select(browser.findElement(By.name("tables.1.tableEngine"))).selectByValue("ReplacingMergeTree");
        next();

        // Step 4: the defaults; the service's CDC capacity is linked there.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("the service's CDC capacity")));
        next();

        // Review, then Create.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("request-json"), "\"postgres\""));
        String request = browser.findElement(By.id("request-json")).getText();
        assertThat(request).contains("\"public_orders\"", "\"customers_v2\"", "\"replicationMode\" : \"cdc\"",
                "\"syncIntervalSeconds\" : 30").doesNotContain(PASSWORD);
        browser.findElement(By.xpath("//button[normalize-space()='Create pipe']")).click();

        // The pipe's page follows it: Setup, Snapshot, then Running.
        wait.until(ExpectedConditions.urlMatches("/pipes/[0-9a-f-]{36}$"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("shop replica");
        List<String> seen = new ArrayList<>();
        new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(100)).until(d -> {
            String state = state();
            if (!state.isEmpty() && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state))) {
                seen.add(state);
            }
            return state.equals("Running");
        });
        assertThat(seen).as("the states seen, in order").containsSubsequence("Setup", "Snapshot", "Running");
        assertThat(seen).first().isEqualTo("Setup");
    }

    private void next() {
        browser.findElement(By.xpath("//button[normalize-space()='Next']")).click();
    }

    private String state() {
        try {
            return browser.findElement(By.cssSelector("#pipe-state .badge")).getAttribute("textContent").trim();
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return "";
        }
    }
}
