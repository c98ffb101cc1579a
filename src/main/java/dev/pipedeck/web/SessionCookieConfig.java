package dev.pipedeck.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The session cookie. Sessions live in the database (Spring Session JDBC), whose cookie does not follow
 * {@code server.servlet.session.cookie.*} by itself: it is set here from those properties. HttpOnly and SameSite=Lax
 * always; Secure whenever the request came over HTTPS (behind a proxy: with {@code server.forward-headers-strategy}).
 */
@Configuration(proxyBeanMethods = false)
class SessionCookieConfig {

    @Bean
    DefaultCookieSerializer cookieSerializer(@Value("${server.servlet.session.cookie.name}") String name,
            @Value("${server.servlet.session.cookie.same-site:lax}") String sameSite) {
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        serializer.setCookieName(name);
        serializer.setUseHttpOnlyCookie(true);
        serializer.setSameSite(sameSite.substring(0, 1).toUpperCase() + sameSite.substring(1).toLowerCase());
        serializer.setCookiePath("/");
        return serializer;
    }
}
