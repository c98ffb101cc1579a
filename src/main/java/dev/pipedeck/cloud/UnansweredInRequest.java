package dev.pipedeck.cloud;

import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Remembers, for the person's request being served, the connections that left one of its reads unanswered: the
 * request's further calls to them fail at once instead of each waiting out its own timeout, so a page or an action
 * answers within one response timeout however many calls it makes, and a change is not sent into an upstream that
 * just hung (its outcome stays known: not made). Only the calling request is affected, never another person's, and
 * background work (no request) is not.
 */
final class UnansweredInRequest {

    private static final String PREFIX = UnansweredInRequest.class.getName() + ":";

    /** The request being served on this thread, or null (background work). Take it when the call is made. */
    @Nullable
    RequestAttributes currentRequest() {
        return RequestContextHolder.getRequestAttributes();
    }

    /** Whether {@code connection} already left this request without an answer. */
    boolean leftUnanswered(@Nullable RequestAttributes request, CloudConnection connection) {
        return request != null && request.getAttribute(key(connection), RequestAttributes.SCOPE_REQUEST) != null;
    }

    /** Records that {@code connection} did not answer this request in time. */
    void remember(@Nullable RequestAttributes request, CloudConnection connection) {
        if (request != null) {
            try {
                request.setAttribute(key(connection), Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
            } catch (IllegalStateException finished) {
                // The request already ended: nothing left to spare.
            }
        }
    }

    private static String key(CloudConnection connection) {
        return PREFIX + connection.baseUrl() + "|" + connection.keyId();
    }
}
