package dev.pipedeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.pipedeck.orgs.OrgConnectionService;
import dev.pipedeck.orgs.SandboxConnector;
import dev.pipedeck.pipes.PipeListQuery;
import dev.pipedeck.pipes.PipeQueries;
import dev.pipedeck.pipes.PipeSummary;
import dev.pipedeck.pipes.ServiceRef;
import dev.pipedeck.testsupport.Browser;
import dev.pipedeck.testsupport.SandboxPages;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * A team works a pipe's page in a real browser against the sandbox: the toggle stops a pipe and settles to Stopped
 * by itself, starts it again, a slider scales it, a pipe is deleted by typing its name, and a viewer sees no
 * controls and is refused when forging a change.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "pipedeck.sandbox.transition-delay=1500ms", "pipedeck.cloud.read-cache-ttl=500ms" })
class PipePageBrowserTest {

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
    void anOperatorStopsAndStartsAPipeAndTheToggleSettlesByItself() {
        signIn(Role.OPERATOR);
        open(pipeNamed("orders from Confluent Cloud"));
        assertThat(stateBadge()).isEqualTo("Running");

        browser.findElement(By.cssSelector("#pipe-state button[role=switch]")).click();
        wait.until(d -> List.of("Stopping", "Stopped").contains(stateBadge()));
        wait.until(d -> stateBadge().equals("Stopped"));
        assertThat(browser.findElement(By.cssSelector("#pipe-state button[role=switch]")).getAttribute("aria-checked"))
                .isEqualTo("false");

        browser.findElement(By.cssSelector("#pipe-state button[role=switch]")).click();
        wait.until(d -> stateBadge().equals("Running"));
        assertThat(browser.findElement(By.cssSelector("#pipe-state button[role=switch]")).getAttribute("aria-checked"))
                .isEqualTo("true");
    }

    @Test
    void anOperatorMovesAScalingSliderAndAppliesIt() {
        signIn(Role.OPERATOR);
        open(pipeNamed("orders from Confluent Cloud"));
        WebElement replicas = browser.findElement(By.id("replicas"));
        int before = Integer.parseInt(replicas.getAttribute("value"));
        replicas.sendKeys(Keys.ARROW_RIGHT);
        assertThat(browser.findElement(By.id("replicas-out")).getText()).as("the live value")
                .isEqualTo(String.valueOf(before + 1));

        browser.findElement(By.cssSelector("#pipe-scaling button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#pipe-scaling .flash-success"),
                "Applied: replicas " + before + " → " + (before + 1)));
        assertThat(browser.findElement(By.cssSelector("#pipe-scaling .current")).getText())
                .isEqualTo("now " + (before + 1));
    }

    @Test
    void anOperatorDeletesAPipeByTypingItsName() {
        signIn(Role.OPERATOR);
        String name = "clickstream from Kinesis";
        open(pipeNamed(name) + "/delete");
        WebElement button = browser.findElement(By.id("delete-button"));
        assertThat(button.isEnabled()).as("disabled until the name is typed").isFalse();
        browser.findElement(By.id("confirmName")).sendKeys(name);
        assertThat(button.isEnabled()).isTrue();
        button.click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-success"),
                "Deleted pipe " + name + ". Its destination tables were not deleted."));
        assertThat(browser.getCurrentUrl()).endsWith(servicePath + "/pipes");
        assertThat(TestAccounts.asAdmin(() -> pipes.list(new ServiceRef(organizationId(), serviceId()),
                PipeListQuery.all())).page().rows())
                .extracting(PipeSummary::name).doesNotContain(name);
    }

    @Test
    void aViewerSeesNoControlsAndAForgedStopIsRefused() {
        signIn(Role.VIEWER);
        String pipe = pipeNamed("orders from Confluent Cloud");
        open(pipe);
        assertThat(browser.findElements(By.cssSelector("button[role=switch]"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#pipe-scaling button[type=submit]"))).isEmpty();
        assertThat(browser.findElements(By.linkText("Delete…"))).isEmpty();

        Object status = browser.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var header = document.querySelector('meta[name=csrf-header]').content;
                var token = document.querySelector('meta[name=csrf-token]').content;
                var headers = {'Content-Type': 'application/x-www-form-urlencoded'};
                headers[header] = token;
                fetch(arguments[0], {method: 'POST', headers: headers, body: 'command=stop', redirect: 'manual'})
                    .then(function (r) { done(r.status); });
                """, pipe + "/state");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertThat(stateBadgeAfterReload(pipe)).isEqualTo("Running");
    }

    private void signIn(Role role) {
        String username = role.name().toLowerCase() + "-" + System.nanoTime();
        TestAccounts.create(accounts, username, role);
        Browser.signIn(browser, port, username);
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private String stateBadge() {
        try {
            return browser.findElement(By.cssSelector("#pipe-state .badge")).getAttribute("textContent").trim();
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return "";
        }
    }

    private String stateBadgeAfterReload(String pipe) {
        open(pipe);
        return stateBadge();
    }

    private String pipeNamed(String name) {
        return servicePath + "/pipes/" + TestAccounts.asAdmin(() -> pipes.list(
                new ServiceRef(organizationId(), serviceId()), PipeListQuery.all())).page().rows()
                .stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().id();
    }

    private String organizationId() {
        return servicePath.split("/")[2];
    }

    private String serviceId() {
        return servicePath.split("/")[4];
    }
}
