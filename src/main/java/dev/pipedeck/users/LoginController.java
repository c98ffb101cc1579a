package dev.pipedeck.users;

import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.pipedeck.audit.AuditUnavailableException;

/**
 * The sign-in page (the password form, and the single sign-on button when configured) and the page of the second
 * step, the code. Spring Security handles the POSTs ({@code /login}, {@code /login/code}, the provider callback).
 */
@Controller
class LoginController {

    private final AccountService accounts;
    private final SingleSignOn singleSignOn;
    private final Clock clock;

    LoginController(AccountService accounts, SingleSignOn singleSignOn, Clock clock) {
        this.accounts = accounts;
        this.singleSignOn = singleSignOn;
        this.clock = clock;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String local,
            Authentication authentication, HttpSession session, Model model) {
        if (signedIn(authentication)) {
            return "redirect:/";
        }
        if (error != null) {
            Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("loginError", message(failure));
        }
        model.addAttribute("setupPending", accounts.noAccountExists());
        model.addAttribute("ssoEnabled", singleSignOn.enabled());
        model.addAttribute("ssoName", singleSignOn.displayName());
        model.addAttribute("ssoPath", singleSignOn.loginPath());
        model.addAttribute("breakGlassOffered", !singleSignOn.localLoginEnabled() && singleSignOn.breakGlassConfigured());
        model.addAttribute("passwordFormShown", singleSignOn.localLoginEnabled()
                || (local != null && singleSignOn.breakGlassConfigured()));
        return "users/login";
    }

    @GetMapping(SecondFactorSignInFilter.PATH)
    String code(@RequestParam(required = false) String error, Authentication authentication, HttpSession session,
            Model model) {
        if (signedIn(authentication)) {
            return "redirect:/";
        }
        if (session.getAttribute(PendingSignIn.SESSION_ATTRIBUTE) instanceof PendingSignIn pending
                && !pending.expiredAt(clock.instant())) {
            if (error != null) {
                model.addAttribute("loginError", message(session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)));
            }
            model.addAttribute("pendingUsername", pending.username());
        }
        return "users/login-code";
    }

    private static boolean signedIn(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }

    private String message(Object failure) {
        if (failure instanceof LoginThrottledException throttled) {
            long minutes = Math.max(1, (Duration.between(clock.instant(), throttled.blockedUntil()).toSeconds() + 59) / 60);
            return "Too many failed sign-in attempts. Try again in " + minutes + (minutes == 1 ? " minute." : " minutes.");
        }
        if (failure instanceof InternalAuthenticationServiceException internal
                && internal.getCause() instanceof AuditUnavailableException) {
            return "Sign-in refused: the audit log cannot be written right now. Try again in a moment; if it "
                    + "persists, tell your admin.";
        }
        if (failure instanceof WrongSecondFactorException) {
            return "That code is not right (or was already used). Enter the code your authenticator app shows now, "
                    + "or one of your recovery codes.";
        }
        if (failure instanceof SecondFactorExpiredException) {
            return "The sign-in took too long. Enter your username and password again.";
        }
        if (failure instanceof PasswordSignInRefusedException) {
            return "Password sign-in is switched off. Sign in with " + singleSignOn.displayName() + ".";
        }
        if (failure instanceof SingleSignOnRefusedException refused) {
            return refused.getMessage();
        }
        if (failure instanceof OAuth2AuthenticationException oauth) {
            return "Sign-in with " + singleSignOn.displayName() + " failed (" + oauth.getError().getErrorCode()
                    + "). Try again; if it persists, tell your admin.";
        }
        if (failure instanceof AuthenticationException) {
            return "Wrong username or password, or the account is disabled.";
        }
        return "Sign-in failed. Try again.";
    }
}
