package dev.pipedeck.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import jakarta.persistence.PersistenceException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

import dev.pipedeck.audit.AuditUnavailableException;

/**
 * When Pipedeck cannot reach its database (sessions, sign-in, the audit log all live there), every request is
 * answered at once with 503 and what happened — the API's envelope on {@code /api/v1}, a short page otherwise —
 * never a stack trace. Nothing was changed: a change is only sent upstream after its audit record was written. It
 * sits outside the session and security filters, which need the database themselves.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    /** How long the check "is the database there?" may take after a database failure. */
    private static final int PROBE_SECONDS = 2;

    private final DataSource dataSource;

    DatabaseUnavailableFilter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static final String MESSAGE = "Pipedeck cannot reach its database right now, so nothing was changed. "
            + "Try again in a moment.";

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException failure) {
            if (response.isCommitted() || !(databaseUnavailable(failure)
                    || databaseFailure(failure) && !databaseAnswers())) {
                throw failure;
            }
            log.warn("{} {} refused: the database cannot be reached ({})", request.getMethod(),
                    request.getRequestURI(), rootCause(failure));
            answer(request, response);
        }
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        String id = requestId == null ? "" : requestId.toString();
        response.reset();
        if (requestId != null) {
            response.setHeader(RequestIdFilter.HEADER, id);
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "5");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", SecurityConfig.CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType("application/json");
            response.getWriter().write("{\"status\":503,\"requestId\":\"" + id + "\",\"error\":\"UNAVAILABLE: "
                    + MESSAGE + "\"}");
            return;
        }
        response.setContentType("text/html");
        String message = "<p>" + HtmlUtils.htmlEscape(MESSAGE) + "</p><p class=\"muted\">Request id: <code>"
                + HtmlUtils.htmlEscape(id) + "</code></p>";
        if (request.getHeader("HX-Request") != null) {
            response.getWriter().write("<div class=\"flash flash-error\" role=\"alert\">" + message + "</div>");
            return;
        }
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Database unavailable · Pipedeck</title>"
                + "<link rel=\"stylesheet\" href=\"/assets/css/pipedeck.css\"></head><body><main class=\"page narrow\">"
                + "<section class=\"card error-card\"><p class=\"error-code\">503</p><h1>Database unavailable</h1>"
                + message + "</section></main></body></html>");
    }

    static boolean databaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException || cause instanceof AuditUnavailableException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** A failure of the database layer of any kind: whether the database is gone, {@link #databaseAnswers} tells. */
    static boolean databaseFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException || cause instanceof DataAccessException
                    || cause instanceof TransactionException || cause instanceof PersistenceException) {
                return true;
            }
        }
        return false;
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(PROBE_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
