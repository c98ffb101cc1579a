package dev.pipedeck.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.pipedeck.alerts.AlertQueries;

/** Gives every page of a signed-in user the number of firing alerts, for the navigation's "Alerts" link. */
@ControllerAdvice
class AlertCountAdvice {

    private static final Logger log = LoggerFactory.getLogger(AlertCountAdvice.class);

    private final AlertQueries alerts;

    AlertCountAdvice(AlertQueries alerts) {
        this.alerts = alerts;
    }

    @ModelAttribute("firingAlerts")
    Integer firingAlerts(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        try {
            return alerts.firingCount();
        } catch (RuntimeException e) {
            log.debug("The firing alert count could not be read: {}", e.toString());
            return null;
        }
    }
}
