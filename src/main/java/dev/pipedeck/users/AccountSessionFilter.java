package dev.pipedeck.users;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session when its account was disabled, deleted, had its password reset or its role changed
 * since sign-in (the account's session version moved on), or when the session is older than the absolute limit.
 * The check reads the account on every request, so it holds across instances and takes effect at once.
 */
public class AccountSessionFilter extends OncePerRequestFilter {

    private final AccountRepository accounts;
    private final Duration maxAge;
    private final Clock clock;

    public AccountSessionFilter(AccountRepository accounts, SessionProperties properties, Clock clock) {
        this.accounts = accounts;
        this.maxAge = properties.maxAge();
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && authentication != null && authentication.getPrincipal() instanceof AccountPrincipal user
                && !stillValid(user, session)) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            String loginPage = request.getContextPath() + "/login?expired";
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setHeader("HX-Redirect", loginPage);
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                response.sendRedirect(loginPage);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean stillValid(AccountPrincipal user, HttpSession session) {
        if (Instant.ofEpochMilli(session.getCreationTime()).plus(maxAge).isBefore(clock.instant())) {
            return false;
        }
        Optional<Account> account = accounts.findById(user.accountId());
        return account.isPresent() && account.get().isEnabled()
                && account.get().getSessionVersion() == user.sessionVersion();
    }
}
