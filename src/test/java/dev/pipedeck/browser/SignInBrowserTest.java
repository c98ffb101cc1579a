package dev.pipedeck.browser;

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

/** A person in a real browser: signs in, sees the home page with their role, signs out. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SignInBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

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
    void signsInSeesTheHomePageAndSignsOut() {
        TestAccounts.create(accounts, "dana", Role.OPERATOR);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));

        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.urlContains("/login"));

        browser.findElement(By.id("username")).sendKeys("dana");
        browser.findElement(By.id("password")).sendKeys("not the password");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-error"),
                "Wrong username or password"));

        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys("dana");
        browser.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Pipes"));
        assertThat(browser.findElement(By.cssSelector(".who")).getText()).contains("dana").containsIgnoringCase("operator");
        assertThat(browser.findElements(By.linkText("Users"))).as("no admin menu for an operator").isEmpty();

        browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-info"), "signed out"));
    }
}
