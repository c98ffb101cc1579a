package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

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

import dev.pipedeck.orgs.SandboxConnector;
import dev.pipedeck.sandbox.SandboxControl;
import dev.pipedeck.testsupport.Browser;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * An operator in a real browser, against the built-in sandbox: changes one setting of the Kafka pipe, and moves the
 * CDC cores slider, watching memory and compute units follow before applying.
 */
// Its own application context (and so database): the sandbox connection it makes must not reach tests that start
// from no connection at all (SandboxConnectorTest).
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "pipedeck.sandbox.transition-delay=1s")
class PipeSettingsBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    SandboxConnector connector;

    @Autowired
    SandboxControl sandbox;

    ChromeDriver browser;
    WebDriverWait wait;
    String service;

    @BeforeEach
    void openBrowserOnTheSandbox() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        String organizationId = TestAccounts.asAdmin(() -> connector.connect()).getOrganizationId();
        String serviceId = TestAccounts.asAdmin(() -> sandbox.status()).services().stream()
                .filter(s -> s.name().equals("analytics-prod")).findFirst().orElseThrow().id();
        service = "http://localhost:" + port + "/organizations/" + organizationId + "/services/" + serviceId;

        String username = "tuner-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.OPERATOR);
        browser.get(service + "/cdc-capacity");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "CDC capacity"));
    }

    @AfterEach
    void closeBrowserAndResetTheSandbox() {
        if (browser != null) {
            browser.quit();
        }
        TestAccounts.asAdmin(sandbox::reset);
    }

    @Test
    void anOperatorChangesOneSettingOfAKafkaPipe() {
        String pipeId = UUID.nameUUIDFromBytes("pipedeck-sandbox:orders from Confluent Cloud"
                .getBytes(StandardCharsets.UTF_8)).toString();
        browser.get(service + "/pipes/" + pipeId + "/settings");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "orders from Confluent Cloud"));
        assertThat(browser.findElements(By.id("setting-object_storage_concurrency"))).isEmpty();

        WebElement threads = browser.findElement(By.id("setting-clickhouse_max_insert_threads"));
        threads.clear();
        threads.sendKeys("4");
        browser.findElement(By.xpath("//button[normalize-space()='Apply changes']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-success"),
                "Max insert threads"));
        assertThat(browser.findElement(By.cssSelector(".flash-success")).getText()).contains("→ 4");
        assertThat(browser.findElement(By.id("setting-clickhouse_max_insert_threads")).getDomProperty("value"))
                .as("the sandbox holds it").isEqualTo("4");
    }

    @Test
    void memoryAndComputeUnitsFollowTheCoresSliderLive() {
        WebElement slider = browser.findElement(By.id("cdc-cores"));
        assertThat(browser.findElement(By.id("cdc-cores-out")).getText()).isEqualTo("2");
        slider.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        assertThat(browser.findElement(By.id("cdc-cores-out")).getText()).isEqualTo("4");
        assertThat(browser.findElement(By.cssSelector("output[data-scale='4']")).getText()).isEqualTo("16 GiB");
        assertThat(browser.findElement(By.cssSelector("output[data-scale='0.5']")).getText()).isEqualTo("2");
        browser.findElement(By.xpath("//button[normalize-space()='Apply']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-success"),
                "to 4 cores · 16 GiB · 2 compute units"));
        assertThat(browser.findElement(By.cssSelector(".cdc-now")).getText()).contains("4 cores", "16 GiB");
    }
}
