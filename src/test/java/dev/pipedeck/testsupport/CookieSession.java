package dev.pipedeck.testsupport;

import jakarta.servlet.http.Cookie;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A browser's session for MockMvc: sessions live in the database (Spring Session), found by their cookie, so tests
 * carry the cookie from answer to request as a browser does (a MockHttpSession would be ignored).
 */
public final class CookieSession {

    public static final String COOKIE = "PIPEDECK_SESSION";

    private final MockMvc mvc;
    private Cookie cookie;

    public CookieSession(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** Sends {@code request} with the session's cookie, and keeps the cookie the answer sets (or clears). */
    public ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
        if (cookie != null) {
            request.cookie(cookie);
        }
        ResultActions actions = mvc.perform(request);
        remember(actions.andReturn().getResponse());
        return actions;
    }

    public boolean hasCookie() {
        return cookie != null;
    }

    private void remember(MockHttpServletResponse response) {
        Cookie set = response.getCookie(COOKIE);
        if (set != null) {
            cookie = set.getMaxAge() == 0 || set.getValue().isEmpty() ? null : set;
        }
    }
}
