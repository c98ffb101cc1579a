package dev.pipedeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.pipedeck.orgs.OrgConnectionService;
import dev.pipedeck.orgs.SandboxConnector;
import dev.pipedeck.testsupport.Browser;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * In a real browser, on the hostile sandbox: the dashboard, a service's pipes list and the pages of the pipes named
 * with markup show the markup as text, and no dialog opens and no injected script runs (a hook installed before any
 * page script would notice a call to alert, even one swallowed by the browser).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {HostileSandbox.HOSTILE_STRINGS,
        HostileSandbox.NO_READ_CACHE, HostileSandbox.FAST_TRANSITIONS})
@AutoConfigureMockMvc
class HostileStringsBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    SandboxConnector sandbox;

    @Autowired
    OrgConnectionService connections;

    @Autowired
    JdbcTemplate jdbc;

    ChromeDriver browser;

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void noDialogOpensOnTheDashboardTheListOrAPipesPage() {
        String username = "xss-browser-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.OPERATOR);
        String service = HostileSandbox.connect(sandbox, connections, jdbc);
        browser = Browser.start();
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__alerts = 0; for (const name of ['alert', 'confirm', 'prompt']) {"
                        + " const original = window[name]; window[name] = function () { window.__alerts++; }; }"));
        Browser.signIn(browser, port, username);

        List<String> pages = new ArrayList<>(List.of("/", service + "/pipes"));
        for (String seed : List.of("hostile:script", "hostile:attribute", "hostile:tables")) {
            pages.add(service + "/pipes/" + seedId(seed));
        }
        List<String> shown = new ArrayList<>();
        for (String page : pages) {
            browser.get("http://localhost:" + port + page);
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> "complete".equals(
                    browser.executeScript("return document.readyState")));
            // Let HTMX load what it loads on its own (the organization's key health, transient rows).
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> Boolean.TRUE.equals(browser
                    .executeScript("return !document.querySelector('.htmx-request')")));
            try {
                new WebDriverWait(browser, Duration.ofMillis(800)).until(ExpectedConditions.alertIsPresent());
                throw new AssertionError("a dialog opened on " + page + ": " + browser.switchTo().alert().getText());
            } catch (TimeoutException noDialog) {
                // as it should be
            }
            assertThat(((Number) browser.executeScript("return window.__alerts")).intValue())
                    .as("alert, confirm or prompt called on %s", page).isZero();
            assertThat(((Number) browser.executeScript(
                    "return document.querySelectorAll('script:not([src]), [onerror], [onload], img[src=x]').length"))
                    .intValue()).as("injected elements on %s", page).isZero();
            String text = browser.findElement(By.tagName("body")).getText();
            if (text.contains("<script>alert(1)</script>") || text.contains("onerror=alert(1)")) {
                shown.add(page);
            }
        }
        browser.executeScript("alert('probe')");
        assertThat(((Number) browser.executeScript("return window.__alerts")).intValue())
                .as("the hook sees a call to alert").isEqualTo(1);
        assertThat(shown).as("pages that showed the markup as text").contains("/", service + "/pipes",
                service + "/pipes/" + seedId("hostile:script"), service + "/pipes/" + seedId("hostile:attribute"));
    }

    private static String seedId(String name) {
        return UUID.nameUUIDFromBytes(("pipedeck-sandbox:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
