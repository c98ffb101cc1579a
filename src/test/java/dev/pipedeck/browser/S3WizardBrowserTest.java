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
 * An operator creates an Amazon S3 pipe in a real browser against the sandbox: a URL of another store is flagged as
 * the field is left and fixed in place, the sign-in fields follow the chosen method, the delimiter shows for CSV, a
 * queue without continuous ingestion is refused at the queue, step 4 offers the object storage settings, the review
 * shows the request without the secret, and the new pipe's page follows it from Provisioning to Running.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "pipedeck.sandbox.transition-delay=1500ms", "pipedeck.cloud.read-cache-ttl=500ms" })
class S3WizardBrowserTest {

    private static final String SECRET = "sandbox-s3-secret-access-key";
    private static final String QUEUE = "https://sqs.eu-west-3.amazonaws.com/123456789012/events-lake";

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
    void anOperatorCreatesAnS3PipeThatReachesRunning() {
        String username = "s3-wizard-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.OPERATOR);
        Browser.signIn(browser, port, username);

        browser.get("http://localhost:" + port + servicePath + "/pipes");
        browser.findElement(By.linkText("New pipe")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[span[text()='Amazon S3']]"))).click();

        // Step 1: a GCS address is flagged when the field is left, then fixed in place.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-name"))).sendKeys("events from s3");
        WebElement url = browser.findElement(By.id("f-url"));
        url.sendKeys("https://storage.googleapis.com/events-lake/2026/*.csv.gz", Keys.TAB);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("f-url-error"), "amazonaws.com"));
        url.clear();
        url.sendKeys("https://events-lake.s3.eu-west-3.amazonaws.com/2026/**/*.csv.gz", Keys.TAB);
        wait.until(ExpectedConditions.textToBe(By.id("f-url-error"), ""));

        Select authentication = new Select(browser.findElement(By.id("f-authentication")));
        authentication.selectByValue("IAM_ROLE");
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-iamRole"))).isDisplayed())
                .isTrue();
        assertThat(browser.findElement(By.id("f-accessKey-secretKey-field")).isDisplayed())
                .as("access key fields hidden for a role").isFalse();
        authentication.selectByValue("IAM_USER");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-accessKey-accessKeyId")))
                .sendKeys("AKIAIOSFODNN7EXAMPLE");
        browser.findElement(By.id("f-accessKey-secretKey")).sendKeys(SECRET);
        assertThat(browser.findElement(By.id("f-iamRole-field")).isDisplayed()).isFalse();
        next();

        // Step 2: CSV shows the delimiter; a queue without continuous ingestion is refused at the queue.
        new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-format"))))
                .selectByValue("JSONEachRow");
        assertThat(browser.findElement(By.id("f-delimiter-field")).isDisplayed()).isFalse();
        new Select(browser.findElement(By.id("f-format"))).selectByValue("CSVWithNames");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-delimiter"))).sendKeys(";");
        new Select(browser.findElement(By.id("f-compression"))).selectByValue("gzip");
        browser.findElement(By.id("f-queueUrl")).sendKeys(QUEUE);
        next();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("f-queueUrl-error"),
                "only applies to continuous ingestion"));
        assertThat(browser.findElement(By.id("f-queueUrl")).getAttribute("value")).isEqualTo(QUEUE);
        browser.findElement(By.id("f-isContinuous")).click();
        next();

        // Step 3, then Back to 2 and Next again: nothing typed is lost.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-destination-table"))).sendKeys("events");
        browser.findElement(By.name("columns.0.name")).sendKeys("event_id");
        browser.findElement(By.name("columns.0.type")).sendKeys("UInt64");
        SandboxPages.press(wait, "Back");
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-queueUrl")))
                .getAttribute("value")).isEqualTo(QUEUE);
        assertThat(browser.findElement(By.id("f-isContinuous")).isSelected()).isTrue();
        next();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-destination-table")))
                .getAttribute("value")).isEqualTo("events");
        next();

        // Step 4: the object storage settings, no replicas.
        WebElement concurrency = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.id("f-settings-object_storage_concurrency")));
        assertThat(browser.findElements(By.id("f-scaling-replicas"))).isEmpty();
        concurrency.sendKeys("4");
        next();

        // Review, then Create.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("request-json"), "\"objectStorage\""));
        String review = browser.findElement(By.id("request-json")).getText();
        assertThat(review).contains("[redacted]", "\"queueUrl\"", "\"object_storage_concurrency\"")
                .doesNotContain(SECRET);
        browser.findElement(By.xpath("//button[normalize-space()='Create pipe']")).click();

        wait.until(ExpectedConditions.urlMatches("/pipes/[0-9a-f-]{36}$"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("events from s3");
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
