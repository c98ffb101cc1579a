package dev.pipedeck.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What every request to {@code /sandbox/**} passes before it reaches an operation, in the order the real service
 * would apply it: 404 when the sandbox is disabled; counted in {@link SandboxStats}; the configured latency; a burst
 * of 503s; HTTP Basic against the keys the sandbox issued (401 in the envelope otherwise); a burst of 429s; and,
 * when enforced, the per-key budget.
 */
class SandboxGate extends OncePerRequestFilter {

    static final String RATE_LIMIT_RESET = "X-RateLimit-Reset";
    /** Longer claimed key ids are counted as no key, so junk headers cannot bloat the per-key counts. */
    private static final int LONGEST_KEY_ID = 64;

    private final SandboxProperties properties;
    private final SandboxKeys keys;
    private final SandboxFaults faults;
    private final SandboxStats stats;
    private final KeyBudget budget;
    private final SandboxWire wire;

    SandboxGate(SandboxProperties properties, SandboxKeys keys, SandboxFaults faults, SandboxStats stats,
            KeyBudget budget, SandboxWire wire) {
        this.properties = properties;
        this.keys = keys;
        this.faults = faults;
        this.stats = stats;
        this.budget = budget;
        this.wire = wire;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!properties.enabled()) {
            send(response, wire.error(request, 404, "NOT_FOUND", "The sandbox is disabled on this Pipedeck "
                    + "(pipedeck.sandbox.enabled=false)"));
            return;
        }
        String[] claimed = basicCredentials(request);
        stats.record(request.getMethod(), claimed == null || claimed[0].length() > LONGEST_KEY_ID ? null : claimed[0]);
        pause(faults.latency());
        if (faults.takeServerError()) {
            send(response, wire.error(request, 503, "SERVICE_UNAVAILABLE", "The service is temporarily unavailable "
                    + "(sandbox fault: a burst of 503 answers). Try again."));
            return;
        }
        if (claimed == null || !keys.authenticate(claimed[0], claimed[1])) {
            send(response, wire.error(request, 401, "UNAUTHORIZED", claimed == null
                    ? "Authentication required: send an API key id and secret with HTTP Basic"
                    : "The API key id or secret is wrong, or the key has expired"));
            return;
        }
        if (faults.takeRateLimited()) {
            tooManyRequests(request, response, Duration.ofSeconds(1), "sandbox fault: a burst of 429 answers");
            return;
        }
        Duration wait = budget.overBudget(claimed[0]);
        if (wait != null) {
            tooManyRequests(request, response, wait, "more than " + properties.rateLimit().requests()
                    + " requests within " + properties.rateLimit().window().toSeconds() + " seconds with this key");
            return;
        }
        chain.doFilter(request, response);
    }

    private void tooManyRequests(HttpServletRequest request, HttpServletResponse response, Duration wait,
            String why) throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader(RATE_LIMIT_RESET, Long.toString(seconds));
        send(response, wire.error(request, 429, "TOO_MANY_REQUESTS", "Rate limit exceeded (" + why + "); retry in "
                + seconds + " s"));
    }

    /** The key id and secret of an HTTP Basic header, or null when there is none or it is malformed. */
    private static String[] basicCredentials(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static void pause(Duration latency) {
        if (latency.isZero() || latency.isNegative()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpServletResponse response, ResponseEntity<byte[]> answer) throws IOException {
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        byte[] body = answer.getBody() == null ? new byte[0] : answer.getBody();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
