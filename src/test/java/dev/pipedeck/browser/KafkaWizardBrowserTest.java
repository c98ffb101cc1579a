package dev.pipedeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

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
 * An operator creates a Confluent Cloud Kafka pipe in a real browser against the sandbox: a wrong topic is flagged
 * as the field is left and fixed in place, Back and Next keep what was typed, the review shows the request, and the
 * new pipe's page follows it from Provisioning to Running.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "pipedeck.sandbox.transition-delay=1500ms", "pipedeck.cloud.read-cache-ttl=500ms" })
class KafkaWizardBrowserTest {

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
    void anOperatorCreatesAKafkaPipeThatReachesRunning() {
        String username = "wizard-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.OPERATOR);
        Browser.signIn(browser, port, username);

        browser.get("http://localhost:" + port + servicePath + "/pipes");
        browser.findElement(By.linkText("New pipe")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[span[text()='Confluent Cloud']]")))
                .click();

        // Step 1: connection.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-name"))).sendKeys("orders copy");
        browser.findElement(By.id("f-brokers")).sendKeys("pkc-4r087.us-east-1.aws.confluent.cloud:9092");
        new Select(browser.findElement(By.id("f-authentication"))).selectByValue("PLAIN");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-credentials-username"))).sendKeys("APIKEY");
        browser.findElement(By.id("f-credentials-password")).sendKeys("sandbox-api-secret");
        assertThat(browser.findElement(By.id("f-credentials-certificate-field")).isDisplayed())
                .as("mutual TLS fields hidden for PLAIN").isFalse();
        next();

        // Step 2: a wrong topic is flagged when the field is left, then fixed in place.
        WebElement topics = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-topics")));
        topics.sendKeys("bad topic!", Keys.TAB);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("f-topics-error"), "Topic names"));
        topics.clear();
        topics.sendKeys("orders", Keys.TAB);
        wait.until(ExpectedConditions.textToBe(By.id("f-topics-error"), ""));
        new Select(browser.findElement(By.id("f-format"))).selectByValue("JSONEachRow");
        new Select(browser.findElement(By.id("f-offset-strategy"))).selectByValue("from_beginning");
        next();

        // Step 3, then Back to 2 and Next again: nothing typed is lost.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-destination-table"))).sendKeys("orders_copy");
        browser.findElement(By.name("columns.0.name")).sendKeys("order_id");
        browser.findElement(By.name("columns.0.type")).sendKeys("UInt64");
        SandboxPages.press(wait, "Back");
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-topics"))).getAttribute("value"))
                .isEqualTo("orders");
        next();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-destination-table")))
                .getAttribute("value")).isEqualTo("orders_copy");
        assertThat(browser.findElement(By.name("columns.0.name")).getAttribute("value")).isEqualTo("order_id");
        next();
        next(); // step 4: defaults

        // Review, then Create.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("request-json"), "\"confluent\""));
        assertThat(browser.findElement(By.id("request-json")).getText()).contains("[redacted]")
                .doesNotContain("sandbox-api-secret");
        browser.findElement(By.xpath("//button[normalize-space()='Create pipe']")).click();

        wait.until(ExpectedConditions.urlMatches("/pipes/[0-9a-f-]{36}$"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("orders copy");
        wait.until(d -> state().equals("Running"));
    }

    /** Presses Next and waits for the next page. */
    private void next() {
        SandboxPages.press(wait, "Next");
    }

    /** Presses the button labelled {@code label} once the page is ready, and waits for the page it leads to. */
    private String state() {
        try {
            return browser.findElement(By.cssSelector("#pipe-state .badge")).getAttribute("textContent").trim();
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return "";
        }
    }
}
