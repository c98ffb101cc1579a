package dev.pipedeck.testsupport;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.pipedeck.cloud.Service;
import dev.pipedeck.orgs.OrgConnection;
import dev.pipedeck.orgs.OrgConnectionService;
import dev.pipedeck.orgs.SandboxConnector;

/** What the browser tests against the sandbox do alike: find the seeded service's pages, and press buttons. */
public final class SandboxPages {

    private SandboxPages() {
    }

    /** Connects the sandbox (as an admin) and gives the path of its analytics-prod service's pages. */
    public static String analyticsProdPath(SandboxConnector sandbox, OrgConnectionService connections) {
        OrgConnection connection = TestAccounts.asAdmin(() -> sandbox.connect());
        Service production = TestAccounts.asAdmin(() -> connections.services(connection.getOrganizationId()))
                .services().stream().filter(s -> s.name().equals("analytics-prod")).findFirst().orElseThrow();
        return "/organizations/" + connection.getOrganizationId() + "/services/" + production.id();
    }

    /**
     * Presses the button labelled {@code label}, retrying while the page is still changing under it, and waits until
     * the page it was on is gone. From then on {@code wait} also ignores stale elements and driver hiccups.
     */
    public static void press(WebDriverWait wait, String label) {
        WebElement pressed = wait.ignoring(StaleElementReferenceException.class)
                .ignoring(WebDriverException.class)
                .until(d -> {
                    WebElement button = d.findElement(By.xpath("//button[normalize-space()='" + label + "']"));
                    button.click();
                    return button;
                });
        wait.until(ExpectedConditions.stalenessOf(pressed));
    }
}
