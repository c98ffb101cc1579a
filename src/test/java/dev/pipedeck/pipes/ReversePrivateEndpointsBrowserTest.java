package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.pipedeck.orgs.SandboxConnector;
import dev.pipedeck.testsupport.Browser;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * An operator in a real browser, against the built-in sandbox: opens a service's reverse private endpoints, sees the seeded one, picks a type and sees only that type's fields, is told at the field what the type
 * still needs, creates the endpoint, and deletes it after confirming.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReversePrivateEndpointsBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    SandboxConnector sandbox;

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
    void anOperatorCreatesAnMskEndpointSeeingOnlyItsFieldsAndDeletesIt() {
        TestAccounts.asAdmin(() -> sandbox.connect());
        String username = "endpoint-operator-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.OPERATOR);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();

        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[contains(@class,'service-name')]"
                + "[text()='analytics-prod']"))).click();
        wait.until(ExpectedConditions.urlMatches("/services/[^/]+/pipes$"));
        browser.findElement(By.linkText("Reverse private endpoints")).click();
        wait.until(ExpectedConditions.urlMatches("/services/[^/]+/private-endpoints$"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("endpoints"), "MSK brokers in the prod VPC"));
        assertThat(browser.findElement(By.id("endpoints")).getText()).contains("msk.prod.internal", "READY");

        assertThat(visible("vpcEndpointServiceName", "mskClusterArn", "gcpServiceAttachment"))
                .as("no type chosen: every group shows").containsExactly(true, true, true);
        new Select(browser.findElement(By.id("type"))).selectByVisibleText("Amazon MSK multi-VPC");
        assertThat(visible("vpcEndpointServiceName", "vpcResourceShareArn", "mskClusterArn", "mskAuthentication",
                "gcpServiceAttachment", "privateDnsNames0"))
                .as("only MSK's fields, and no DNS rows (not supported for MSK)")
                .containsExactly(false, false, true, true, false, false);

        browser.findElement(By.id("description")).sendKeys("Orders cluster");
        browser.findElement(By.id("mskClusterArn")).sendKeys("arn:aws:kafka:us-east-1:123456789012:cluster/orders/0a1b");
        browser.findElement(By.xpath("//button[normalize-space()='Create endpoint']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".has-error .field-error"),
                "needs the authentication"));
        assertThat(browser.findElement(By.id("mskClusterArn")).getAttribute("value"))
                .isEqualTo("arn:aws:kafka:us-east-1:123456789012:cluster/orders/0a1b");
        assertThat(visible("vpcEndpointServiceName", "mskAuthentication")).as("the chosen type is kept")
                .containsExactly(false, true);

        new Select(browser.findElement(By.id("mskAuthentication"))).selectByVisibleText("SASL_IAM");
        browser.findElement(By.xpath("//button[normalize-space()='Create endpoint']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-success"),
                "Created “Orders cluster”"));
        WebElement row = browser.findElement(By.xpath("//tr[td/a[text()='Orders cluster']]"));
        assertThat(row.getText()).contains("Amazon MSK multi-VPC", "SASL_IAM", "PROVISIONING");

        row.findElement(By.xpath(".//button[normalize-space()='Delete']")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-success"), "Deleting"));
        assertThat(browser.findElements(By.xpath("//tr[td/a[text()='Orders cluster']]"))).isEmpty();
    }

    private List<Boolean> visible(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> browser.findElement(By.id(id)).isDisplayed()).toList();
    }
}
