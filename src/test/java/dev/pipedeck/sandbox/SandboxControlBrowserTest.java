package dev.pipedeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.pipedeck.testsupport.Browser;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/** An admin in a real browser makes the sandbox misbehave and puts it back. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SandboxControlBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    SandboxFaults faults;

    @Autowired
    SandboxCloud cloud;

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
        faults.reset();
        cloud.reset();
    }

    @Test
    void anAdminStartsA503BurstIdlesStagingAndResets() {
        String username = "sandbox-admin-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.ADMIN);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        browser.get("http://localhost:" + port + "/admin/sandbox");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Sandbox"));

        browser.findElement(By.id("server-errors")).clear();
        browser.findElement(By.id("server-errors")).sendKeys("3");
        browser.findElement(By.xpath("//button[normalize-space()='Start 503 burst']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-success"),
                "The next 3 requests answer 503."));
        assertThat(faults.serverErrorsLeft()).isEqualTo(3);

        browser.findElement(By.xpath("//button[normalize-space()='Make idle']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-success"), "idle"));
        assertThat(browser.findElement(By.xpath("//tr[td/span[text()='staging']]//span[contains(@class,'badge')]"))
                .getText()).isEqualToIgnoringCase("idle");

        browser.findElement(By.xpath("//button[normalize-space()='Turn on']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-success"),
                "Hostile strings are on"));

        assertThat(browser.getPageSource()).as("page not broken by hostile strings").contains("Reset sandbox");

        browser.findElement(By.xpath("//button[normalize-space()='Reset sandbox']")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-success"),
                "initial state"));
        assertThat(faults.serverErrorsLeft()).isZero();
        assertThat(faults.hostileStrings()).isFalse();
    }
}
