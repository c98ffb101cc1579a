package dev.pipedeck.users;

import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.pipedeck.audit.AuditUnavailableException;

/** The sign-in page. Spring Security's form login handles the POST. */
@Controller
class LoginController {

    private final AccountService accounts;
    private final Clock clock;

    LoginController(AccountService accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, Authentication authentication, HttpSession session,
            Model model) {
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        if (error != null) {
            Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("loginError", message(failure));
        }
        model.addAttribute("setupPending", accounts.noAccountExists());
        return "users/login";
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
        if (failure instanceof AuthenticationException) {
            return "Wrong username or password, or the account is disabled.";
        }
        return "Sign-in failed. Try again.";
    }
}
