package dev.pipedeck.users;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * {@code POST /login/code}: the second step of a password sign-in. Takes the code for the {@link PendingSignIn} in
 * the session through the second-factor manager (behind the login throttle, with its authentication events, so it
 * is audited like a password); on success the session is signed in (new session id, new CSRF token) and goes where
 * the password step was headed. A wrong code asks again; an expired or invalid pending sign-in starts over.
 */
public class SecondFactorSignInFilter extends AbstractAuthenticationProcessingFilter {

    public static final String PATH = "/login/code";

    public SecondFactorSignInFilter(AuthenticationManager secondFactorSignIn) {
        super(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PATH), secondFactorSignIn);
        setSecurityContextRepository(new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository()));
        setSessionAuthenticationStrategy(new CompositeSessionAuthenticationStrategy(List.of(
                new ChangeSessionIdAuthenticationStrategy(),
                new CsrfAuthenticationStrategy(new HttpSessionCsrfTokenRepository()))));
        SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
        success.setDefaultTargetUrl("/");
        setAuthenticationSuccessHandler(success);
        setAuthenticationFailureHandler(this::failed);
    }

    @Override
    public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PendingSignIn.SESSION_ATTRIBUTE) instanceof PendingSignIn pending)) {
            throw new SecondFactorExpiredException();
        }
        SecondFactorCodeToken token = new SecondFactorCodeToken(pending, request.getParameter("code"));
        token.setDetails(authenticationDetailsSource.buildDetails(request));
        return getAuthenticationManager().authenticate(token);
    }

    @Override
    protected void successfulAuthentication(HttpServletRequest request, HttpServletResponse response,
            FilterChain chain, Authentication result) throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(PendingSignIn.SESSION_ATTRIBUTE);
        }
        super.successfulAuthentication(request, response, chain, result);
    }

    private void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        HttpSession session = request.getSession();
        session.setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, failure);
        if (failure instanceof AccountStatusException) {
            // Expired, or the account changed or was disabled since the password: start over.
            session.removeAttribute(PendingSignIn.SESSION_ATTRIBUTE);
            response.sendRedirect(request.getContextPath() + "/login?error");
            return;
        }
        response.sendRedirect(request.getContextPath() + PATH + "?error");
    }
}
