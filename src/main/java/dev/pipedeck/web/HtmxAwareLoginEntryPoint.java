package dev.pipedeck.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * Anonymous page requests are redirected to the login page. An anonymous HTMX request would swap a login form into
 * a fragment, so it gets 401 with {@code HX-Redirect} instead and the browser loads the login page whole.
 */
class HtmxAwareLoginEntryPoint extends LoginUrlAuthenticationEntryPoint {

    HtmxAwareLoginEntryPoint(String loginPage) {
        super(loginPage);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException, ServletException {
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", request.getContextPath() + getLoginFormUrl());
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        super.commence(request, response, failure);
    }
}
