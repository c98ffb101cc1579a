package dev.pipedeck.users;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With {@code pipedeck.security.totp-required-for-admins}, a signed-in local ADMIN without a second factor reaches
 * only the enrolment page (and signing out, and the page assets) until enrolled; everything else redirects there.
 */
public class SecondFactorEnrolmentRequirement extends OncePerRequestFilter {

    public static final String ENROLMENT_PAGE = "/account/second-factor";
    private static final List<String> ALWAYS_ALLOWED = List.of(ENROLMENT_PAGE, "/logout", "/error", "/favicon.ico");
    private static final List<String> ALLOWED_PREFIXES = List.of(ENROLMENT_PAGE + "/", "/assets/", "/webjars/");

    private final SecondFactorProperties properties;
    private final SecondFactorService secondFactors;

    public SecondFactorEnrolmentRequirement(SecondFactorProperties properties, SecondFactorService secondFactors) {
        this.properties = properties;
        this.secondFactors = secondFactors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!properties.totpRequiredForAdmins()) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return ALWAYS_ALLOWED.contains(path) || ALLOWED_PREFIXES.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user
                && user.role() == Role.ADMIN && !secondFactors.isEnabled(user.accountId())) {
            String page = request.getContextPath() + ENROLMENT_PAGE + "?required";
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setHeader("HX-Redirect", page);
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                response.sendRedirect(page);
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
