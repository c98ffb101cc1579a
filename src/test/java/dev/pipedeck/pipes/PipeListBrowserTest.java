package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.cloud.Service;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeCommand;
import dev.pipedeck.orgs.ConnectionForm;
import dev.pipedeck.orgs.OrgConnectionService;
import dev.pipedeck.sandbox.SandboxAccess;
import dev.pipedeck.sandbox.SandboxCredentials;
import dev.pipedeck.testsupport.Browser;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * In a real browser against the sandbox: someone else stops a pipe and the open list shows it Stopping, then Stopped,
 * without a reload; typing a filter and sorting swap only the results and keep the URL bookmarkable.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "pipedeck.sandbox.transition-delay=6s")
class PipeListBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    OrgConnectionService connections;

    @Autowired
    SandboxAccess sandbox;

    @Autowired
    ClickHouseCloudClient cloud;

    ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aStoppingPipeSettlesOnTheOpenPageAndFiltersKeepTheUrl() {
        CloudConnection connection = connectTheSandbox();
        String serviceId = cloud.instanceGetList(connection).block().stream()
                .filter(s -> "analytics-prod".equals(s.name())).map(Service::id).findFirst().orElseThrow();
        ClickPipe orders = cloud.clickPipeGetList(connection, serviceId).block().stream()
                .filter(p -> p.name().startsWith("orders")).findFirst().orElseThrow();
        String list = "http://localhost:" + port + "/organizations/" + connection.organizationId() + "/services/"
                + serviceId + "/pipes";
        signIn(list);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        By ordersState = By.cssSelector("#pipe-" + orders.id() + " .badge");
        wait.until(ExpectedConditions.textToBe(ordersState, "RUNNING"));
        assertThat(browser.findElement(By.id("pipe-" + orders.id())).getAttribute("hx-trigger")).isNull();

        cloud.clickPipeStateUpdate(connection, serviceId, orders.id(), ClickPipeCommand.STOP).block();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(ordersState, "STOPPING"));
        assertThat(browser.findElement(By.id("pipe-" + orders.id())).getAttribute("hx-trigger")).isEqualTo("every 2s");
        String urlWhileStopping = browser.getCurrentUrl();

        wait.until(ExpectedConditions.textToBe(ordersState, "STOPPED"));
        assertThat(browser.findElement(By.id("pipe-" + orders.id())).getAttribute("hx-trigger"))
                .as("a settled row stops polling").isNull();
        assertThat(browser.getCurrentUrl()).as("no reload, no navigation").isEqualTo(urlWhileStopping);

        browser.findElement(By.id("pipe-q")).sendKeys("kinesis");
        wait.until(ExpectedConditions.urlContains("q=kinesis"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#pipe-results tbody tr"), 1));
        assertThat(browser.findElement(By.cssSelector("#pipe-results tbody tr")).getText()).contains("Kinesis");

        browser.findElement(By.id("pipe-q")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#pipe-results tbody tr"), 5));
        browser.findElement(By.cssSelector("th[aria-sort] a[title='Sort by updated']")).click();
        wait.until(ExpectedConditions.urlContains("sort=updated"));
        wait.until(ExpectedConditions.attributeToBe(By.xpath("//th[.//a[@title='Sort by updated']]"), "aria-sort",
                "descending"));

        browser.findElement(By.id("pipe-q")).sendKeys("s");
        wait.until(ExpectedConditions.urlContains("q=s"));
        assertThat(browser.getCurrentUrl()).as("typing keeps the sort").contains("sort=updated");

        browser.navigate().back();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("q=s")));
        assertThat(browser.findElements(By.cssSelector("#pipe-results tbody tr")).size()).isGreaterThan(5);
    }

    private CloudConnection connectTheSandbox() {
        SandboxCredentials key = sandbox.issueKey("list browser test");
        return TestAccounts.asAdmin(() -> {
            ConnectionForm form = new ConnectionForm();
            form.setDisplayName("Sandbox for the list");
            form.setOrganizationId(key.organizationId());
            form.setKeyId(key.keyId());
            form.setKeySecret(key.keySecret());
            form.setBaseUrl("http://127.0.0.1:" + port + "/sandbox");
            form.setBudgetRequests(1000);
            form.setBudgetWindowSeconds(10);
            connections.create(form);
            return connections.cloudConnection(connections.get(key.organizationId()));
        });
    }

    private void signIn(String page) {
        String username = "list-viewer-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.VIEWER);
        browser.get(page);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
    }
}
