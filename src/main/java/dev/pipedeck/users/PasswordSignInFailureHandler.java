package dev.pipedeck.users;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * The password form's outcome when it did not sign in: a correct password of an account with a second factor keeps
 * the {@link PendingSignIn} in the session (under a new session id) and asks for the code; anything else shows the
 * sign-in page with the reason.
 */
public class PasswordSignInFailureHandler implements AuthenticationFailureHandler {

    private final SimpleUrlAuthenticationFailureHandler page = new SimpleUrlAuthenticationFailureHandler("/login?error");

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException, ServletException {
        if (failure instanceof SecondFactorRequiredException required) {
            HttpSession session = request.getSession();
            request.changeSessionId();
            session.setAttribute(PendingSignIn.SESSION_ATTRIBUTE, required.pending());
            response.sendRedirect(request.getContextPath() + SecondFactorSignInFilter.PATH);
            return;
        }
        page.onAuthenticationFailure(request, response, failure);
    }
}
