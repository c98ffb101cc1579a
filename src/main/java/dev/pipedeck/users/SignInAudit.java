package dev.pipedeck.users;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.pipedeck.audit.AuditActor;
import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditLog;
import dev.pipedeck.audit.AuditTarget;
import dev.pipedeck.audit.AuditUnavailableException;

/**
 * Records sign-ins (successful, failed with the username tried, refused by the throttle) from Spring Security's
 * authentication events, and sign-outs as the first logout handler. A sign-in whose record cannot be written is
 * refused. A sign-out goes ahead even then: keeping a session open would be the less safe failure.
 */
@Component
public class SignInAudit implements LogoutHandler {

    static final String LOGIN_SUCCESS = "auth.login.success";
    static final String LOGIN_FAILURE = "auth.login.failure";
    static final String LOGIN_THROTTLED = "auth.login.throttled";
    static final String LOGOUT = "auth.logout";

    /** Longest attempted username kept: whatever was typed, within the record's target column. */
    private static final int MAX_ATTEMPTED_USERNAME = 128;

    private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);

    private final AuditLog audit;

    public SignInAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    public void signedIn(AuthenticationSuccessEvent event) {
        if (isApiRequest()) {
            return; // API calls authenticate on every request; the actions they take are what gets recorded.
        }
        Authentication authentication = event.getAuthentication();
        AuditEntry.Builder entry = AuditEntry.of(LOGIN_SUCCESS)
                .actor(AuditActor.of(authentication.getName(), roleOf(authentication)))
                .target(AuditTarget.account(authentication.getName()));
        if (authentication.getPrincipal() instanceof SignedInOidcUser) {
            entry.channel(SingleSignOnAccounts.CHANNEL);
        } else if (secondStep()) {
            entry.request(AccountAudit.request("secondFactor", "totp"));
        }
        recordOrRefuse(entry.build());
    }

    @EventListener
    public void signInFailed(AbstractAuthenticationFailureEvent event) {
        AuthenticationException failure = event.getException();
        if (failure instanceof SecondFactorRequiredException
                || event.getAuthentication() instanceof OAuth2LoginAuthenticationToken) {
            // A correct password awaiting its code is no failure; single sign-on failures are recorded by their
            // failure handler (some happen before any event).
            return;
        }
        String attempted = attemptedUsername(event.getAuthentication());
        AuditEntry.Builder entry;
        if (failure instanceof LoginThrottledException throttled) {
            entry = AuditEntry.of(LOGIN_THROTTLED).denied("Too many failed sign-in attempts; refused without "
                    + "checking the password until " + throttled.blockedUntil() + ".");
        } else {
            entry = AuditEntry.of(LOGIN_FAILURE).denied(reason(failure));
        }
        recordOrRefuse(entry.actor(AuditActor.anonymous())
                .target(AuditTarget.account(attempted))
                .request(AccountAudit.request("username", attempted))
                .secretValues(credentialsOf(event.getAuthentication()))
                .build());
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (authentication == null) {
            return;
        }
        try {
            audit.record(AuditEntry.of(LOGOUT)
                    .actor(AuditActor.of(authentication.getName(), roleOf(authentication)))
                    .target(AuditTarget.account(authentication.getName()))
                    .build());
        } catch (AuditUnavailableException e) {
            log.error("Sign-out of {} goes ahead without its audit record", authentication.getName(), e);
        }
    }

    /** A sign-in event whose record cannot be written ends the sign-in as an authentication failure. */
    private void recordOrRefuse(AuditEntry entry) {
        try {
            audit.record(entry);
        } catch (AuditUnavailableException e) {
            throw new InternalAuthenticationServiceException(AuditUnavailableException.USER_MESSAGE, e);
        }
    }

    private static String reason(AuthenticationException failure) {
        if (failure instanceof WrongSecondFactorException) {
            return "Wrong authentication code (after a correct password).";
        }
        if (failure instanceof SecondFactorExpiredException) {
            return "No code within " + PendingSignIn.LIFETIME.toMinutes() + " minutes of the password, or the account "
                    + "changed meanwhile: sign-in must start again.";
        }
        if (failure instanceof PasswordSignInRefusedException refused) {
            return refused.getMessage();
        }
        if (failure instanceof DisabledException) {
            return "The account is disabled.";
        }
        if (failure instanceof InternalAuthenticationServiceException) {
            return "Sign-in failed inside Pipedeck: " + failure.getMessage();
        }
        return "Wrong username or password.";
    }

    /** The completion of a password sign-in by its second factor (rather than a password alone). */
    private static boolean secondStep() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRequestURI().substring(request.getContextPath().length())
                    .equals(SecondFactorSignInFilter.PATH);
        }
        return false;
    }

    private static String roleOf(Authentication authentication) {
        if (authentication.getPrincipal() instanceof AccountPrincipal user) {
            return user.role().name();
        }
        return authentication.getAuthorities().stream()
                .map(a -> a.getAuthority())
                .filter(a -> a != null && a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .findFirst()
                .orElse(null);
    }

    private static String attemptedUsername(Authentication authentication) {
        String name = authentication == null || authentication.getName() == null ? "" : authentication.getName();
        name = name.strip().toLowerCase(Locale.ROOT);
        return name.length() > MAX_ATTEMPTED_USERNAME ? name.substring(0, MAX_ATTEMPTED_USERNAME) : name;
    }

    /** The password typed, so that it is scrubbed should it appear anywhere in the record. */
    private static String[] credentialsOf(Authentication authentication) {
        if (authentication != null && authentication.getCredentials() instanceof CharSequence typed) {
            return new String[] {typed.toString()};
        }
        return new String[0];
    }

    private static boolean isApiRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return path.startsWith("/api/");
        }
        return false;
    }
}
