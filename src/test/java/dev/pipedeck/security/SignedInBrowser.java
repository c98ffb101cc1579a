package dev.pipedeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.concurrent.atomic.AtomicInteger;

import org.jsoup.Jsoup;
import org.springframework.test.web.servlet.MockMvc;

import dev.pipedeck.testsupport.CookieSession;
import dev.pipedeck.testsupport.TestAccounts;

/** Signs in through the real login form, as a browser does, and keeps the session cookie it gets. */
final class SignedInBrowser {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private SignedInBrowser() {
    }

    /** A browser signed in as {@code username} (password {@link TestAccounts#PASSWORD}). */
    static CookieSession signIn(MockMvc mvc, String username) throws Exception {
        CookieSession session = new CookieSession(mvc);
        String address = "198.51.100." + (ADDRESSES.incrementAndGet() % 250 + 1);
        var response = session.perform(post("/login").with(csrf()).param("username", username)
                .param("password", TestAccounts.PASSWORD).with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                })).andReturn().getResponse();
        assertThat(response.getRedirectedUrl()).as("signed in as " + username).doesNotContain("error")
                .doesNotContain("/login");
        return session;
    }

    /** The CSRF token a page of this session carries (what pipedeck.js sends along with every change). */
    static String csrfToken(CookieSession session, String page) throws Exception {
        String html = session.perform(get(page)).andReturn().getResponse().getContentAsString();
        String token = Jsoup.parse(html).select("meta[name=csrf-token]").attr("content");
        assertThat(token).as("the page's CSRF token").isNotBlank();
        return token;
    }
}
