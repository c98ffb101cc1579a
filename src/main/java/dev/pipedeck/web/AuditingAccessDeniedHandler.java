package dev.pipedeck.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditLog;
import dev.pipedeck.audit.AuditUnavailableException;

/**
 * Records every refused attempt to change something (a 403 on POST, PUT, PATCH or DELETE: a role that does not
 * include the action, or a missing CSRF token) as {@code request.denied}, then answers 403 as usual. Features may
 * record their own, more specific denials as well.
 */
class AuditingAccessDeniedHandler implements AccessDeniedHandler {

    static final String ACTION = "request.denied";

    private static final Logger log = LoggerFactory.getLogger(AuditingAccessDeniedHandler.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private static final int MAX_RECORDED_BODY = 64 * 1024;

    private final AuditLog audit;
    private final AccessDeniedHandler delegate;
    private final boolean recordBody;

    /** For pages: the refusal is recorded, then answered with the 403 error page. */
    AuditingAccessDeniedHandler(AuditLog audit) {
        this(audit, new AccessDeniedHandlerImpl(), false);
    }

    /** The refusal is recorded (with the JSON body the caller sent, when {@code recordBody}), then answered. */
    AuditingAccessDeniedHandler(AuditLog audit, AccessDeniedHandler delegate, boolean recordBody) {
        this.audit = audit;
        this.delegate = delegate;
        this.recordBody = recordBody;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        if (!READS.contains(request.getMethod())) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("method", request.getMethod());
            summary.put("path", request.getRequestURI());
            if (recordBody) {
                byte[] body = request.getInputStream().readNBytes(MAX_RECORDED_BODY);
                if (body.length > 0) {
                    summary.put("body", new String(body, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            try {
                audit.recordIndependently(AuditEntry.of(ACTION).request(summary)
                        .denied(HttpServletResponse.SC_FORBIDDEN + " " + denied.getMessage())
                        .httpStatus(HttpServletResponse.SC_FORBIDDEN)
                        .build());
            } catch (AuditUnavailableException e) {
                log.error("A refused {} {} could not be recorded", request.getMethod(), request.getRequestURI(), e);
            }
        }
        delegate.handle(request, response, denied);
    }
}
