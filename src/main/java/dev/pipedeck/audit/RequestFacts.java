package dev.pipedeck.audit;

import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who and how, as far as the current thread knows: the signed-in user and their role, and from the current HTTP
 * request (when there is one) the channel, client address, user agent and Pipedeck's request id.
 */
record RequestFacts(AuditActor actor, String channel, String clientAddress, String userAgent,
        String consoleRequestId) {

    static final String CHANNEL_WEB = "web";
    static final String CHANNEL_API = "api";
    static final String CHANNEL_SYSTEM = "system";

    /** The request attribute in which the web layer's request id filter keeps the id it gave the request. */
    static final String REQUEST_ID_ATTRIBUTE = "pipedeck.requestId";

    private static final String ROLE_PREFIX = "ROLE_";

    /** The facts of the current thread, with what the entry says explicitly taking precedence. */
    static RequestFacts resolve(AuditEntry entry) {
        HttpServletRequest request = currentRequest();
        AuditActor actor = entry.actor() != null ? entry.actor() : currentActor();
        if (entry.actor() == null && request == null && AuditActor.ANONYMOUS.equals(actor.username())) {
            // No request and no user: Pipedeck itself (start-up, a scheduled job).
            actor = AuditActor.system();
        }
        String channel = entry.channel() != null ? entry.channel()
                : request == null ? CHANNEL_SYSTEM : channelOf(request);
        if (request == null) {
            return new RequestFacts(actor, channel, null, null, null);
        }
        Object requestId = request.getAttribute(REQUEST_ID_ATTRIBUTE);
        return new RequestFacts(actor, channel, request.getRemoteAddr(), request.getHeader("User-Agent"),
                requestId == null ? null : requestId.toString());
    }

    /** The signed-in user of this thread and their role(s), or anonymous. */
    static AuditActor currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return AuditActor.anonymous();
        }
        return AuditActor.of(authentication.getName(), roleOf(authentication));
    }

    /** The role names of an authentication's {@code ROLE_} authorities (ADMIN, OPERATOR...), joined by "+". */
    static String roleOf(Authentication authentication) {
        String roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith(ROLE_PREFIX))
                .map(a -> a.substring(ROLE_PREFIX.length()))
                .sorted()
                .collect(Collectors.joining("+"));
        return roles.isEmpty() ? null : roles;
    }

    private static String channelOf(HttpServletRequest request) {
        String path = request.getRequestURI();
        String context = request.getContextPath();
        if (path != null && context != null && path.startsWith(context)) {
            path = path.substring(context.length());
        }
        return path != null && path.toLowerCase(Locale.ROOT).startsWith("/api/") ? CHANNEL_API : CHANNEL_WEB;
    }

    private static HttpServletRequest currentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
    }
}
