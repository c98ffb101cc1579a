package dev.pipedeck.users;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

import dev.pipedeck.audit.AuditActor;
import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditLog;
import dev.pipedeck.audit.AuditTarget;
import dev.pipedeck.audit.AuditUnavailableException;

/**
 * Records every failed single sign-on as {@code auth.login.failure} on channel {@code oidc} (refused by Pipedeck,
 * refused or cancelled at the provider, or an ID token that does not check out), then shows the sign-in page with
 * the reason. This is the one place they are recorded: some fail before any authentication event is published.
 */
class SingleSignOnFailureHandler implements AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(SingleSignOnFailureHandler.class);

    private final AuditLog audit;
    private final String providerName;
    private final SimpleUrlAuthenticationFailureHandler page = new SimpleUrlAuthenticationFailureHandler("/login?error");

    SingleSignOnFailureHandler(AuditLog audit, String providerName) {
        this.audit = audit;
        this.providerName = providerName;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException, ServletException {
        String username = failure instanceof SingleSignOnRefusedException refused ? refused.username() : "";
        try {
            audit.record(AuditEntry.of(SignInAudit.LOGIN_FAILURE)
                    .actor(AuditActor.anonymous())
                    .channel(SingleSignOnAccounts.CHANNEL)
                    .target(AuditTarget.account(username))
                    .request(AccountAudit.request("provider", providerName, "username", username))
                    .denied(reason(failure))
                    .build());
        } catch (AuditUnavailableException e) {
            log.error("A refused single sign-on could not be recorded", e);
        }
        page.onAuthenticationFailure(request, response, failure);
    }

    private static String reason(AuthenticationException failure) {
        if (failure instanceof SingleSignOnRefusedException refused) {
            return refused.getMessage();
        }
        if (failure instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            return "Single sign-on failed: " + oauth.getError().getErrorCode()
                    + (description == null ? "" : " (" + description + ")");
        }
        return "Single sign-on failed: " + failure.getMessage();
    }
}
