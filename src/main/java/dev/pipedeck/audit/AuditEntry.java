package dev.pipedeck.audit;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One thing to record, as the feature that did it describes it. Build with {@link #of(String)}:
 *
 * <pre>{@code
 * AuditEntry.of("pipe.scaling.update")
 *         .target(AuditTarget.pipe(orgId, orgName, serviceId, serviceName, pipeId, pipeName))
 *         .request(body)                      // any object or Map: stored as JSON, secrets redacted
 *         .secretValues(keySecret)            // values to scrub wherever they appear, whatever their key
 *         .change(scalingBefore, scalingAfter)
 *         .build();
 * }</pre>
 *
 * The actor, channel, client address and user agent default to the current request and signed-in user; the outcome
 * defaults to {@link AuditOutcome#SUCCESS}.
 */
public final class AuditEntry {

    private final String action;
    private final AuditActor actor;
    private final String channel;
    private final AuditTarget target;
    private final Object request;
    private final String requestJson;
    private final Object changeBefore;
    private final Object changeAfter;
    private final boolean hasChange;
    private final Set<String> secretValues;
    private final AuditOutcome outcome;
    private final Integer httpStatus;
    private final String errorText;
    private final String upstreamRequestId;
    private final Duration duration;

    private AuditEntry(Builder b) {
        this.action = b.action;
        this.actor = b.actor;
        this.channel = b.channel;
        this.target = b.target;
        this.request = b.request;
        this.requestJson = b.requestJson;
        this.changeBefore = b.changeBefore;
        this.changeAfter = b.changeAfter;
        this.hasChange = b.hasChange;
        this.secretValues = Set.copyOf(b.secretValues);
        this.outcome = b.outcome;
        this.httpStatus = b.httpStatus;
        this.errorText = b.errorText;
        this.upstreamRequestId = b.upstreamRequestId;
        this.duration = b.duration;
    }

    /** Starts an entry for a stable action code such as {@code account.created} or {@code pipe.state.stop}. */
    public static Builder of(String action) {
        return new Builder(action);
    }

    /** A builder holding everything this entry holds, to record a variant of it. */
    public Builder toBuilder() {
        Builder b = new Builder(action);
        b.actor = actor;
        b.channel = channel;
        b.target = target;
        b.request = request;
        b.requestJson = requestJson;
        b.changeBefore = changeBefore;
        b.changeAfter = changeAfter;
        b.hasChange = hasChange;
        b.secretValues.addAll(secretValues);
        b.outcome = outcome;
        b.httpStatus = httpStatus;
        b.errorText = errorText;
        b.upstreamRequestId = upstreamRequestId;
        b.duration = duration;
        return b;
    }

    public String action() {
        return action;
    }

    public AuditActor actor() {
        return actor;
    }

    public String channel() {
        return channel;
    }

    public AuditTarget target() {
        return target;
    }

    Object request() {
        return request;
    }

    String requestJson() {
        return requestJson;
    }

    Object changeBefore() {
        return changeBefore;
    }

    Object changeAfter() {
        return changeAfter;
    }

    boolean hasChange() {
        return hasChange;
    }

    Set<String> secretValues() {
        return secretValues;
    }

    public AuditOutcome outcome() {
        return outcome;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    public String errorText() {
        return errorText;
    }

    public String upstreamRequestId() {
        return upstreamRequestId;
    }

    public Duration duration() {
        return duration;
    }

    public static final class Builder {

        private final String action;
        private AuditActor actor;
        private String channel;
        private AuditTarget target = AuditTarget.NONE;
        private Object request;
        private String requestJson;
        private Object changeBefore;
        private Object changeAfter;
        private boolean hasChange;
        private final Set<String> secretValues = new LinkedHashSet<>();
        private AuditOutcome outcome = AuditOutcome.SUCCESS;
        private Integer httpStatus;
        private String errorText;
        private String upstreamRequestId;
        private Duration duration;

        private Builder(String action) {
            if (action == null || action.isBlank()) {
                throw new IllegalArgumentException("An audit entry needs an action code");
            }
            this.action = action.strip();
        }

        /** Who did it; by default the signed-in user of the current request, or anonymous. */
        public Builder actor(AuditActor actor) {
            this.actor = actor;
            return this;
        }

        /** {@code web}, {@code api} or {@code system}; by default from the current request ({@code /api/**} is api). */
        public Builder channel(String channel) {
            this.channel = channel;
            return this;
        }

        public Builder target(AuditTarget target) {
            this.target = target == null ? AuditTarget.NONE : target;
            return this;
        }

        /** What was sent: a Map, record or bean, stored as JSON with every secret-named field redacted. */
        public Builder request(Object request) {
            this.request = request;
            this.requestJson = null;
            return this;
        }

        /** What was sent, as raw JSON text (for instance a proxied API body); redacted like {@link #request}. */
        public Builder requestJson(String json) {
            this.requestJson = json;
            this.request = null;
            return this;
        }

        /** For settings and scaling changes: the values before and after, shown side by side (both redacted). */
        public Builder change(Object before, Object after) {
            this.changeBefore = before;
            this.changeAfter = after;
            this.hasChange = true;
            return this;
        }

        Builder noChange() {
            this.changeBefore = null;
            this.changeAfter = null;
            this.hasChange = false;
            return this;
        }

        /** Secret values known to the caller (a typed password, a key secret): scrubbed wherever they appear. */
        public Builder secretValues(String... values) {
            for (String value : values) {
                addSecret(value);
            }
            return this;
        }

        public Builder secretValues(Collection<String> values) {
            values.forEach(this::addSecret);
            return this;
        }

        public Builder outcome(AuditOutcome outcome) {
            this.outcome = Objects.requireNonNull(outcome, "outcome");
            return this;
        }

        public Builder denied(String reason) {
            return outcome(AuditOutcome.DENIED).error(reason);
        }

        public Builder invalid(String reason) {
            return outcome(AuditOutcome.INVALID).error(reason);
        }

        public Builder upstreamError(Integer httpStatus, String error, String upstreamRequestId) {
            return outcome(AuditOutcome.UPSTREAM_ERROR).httpStatus(httpStatus).error(error)
                    .upstreamRequestId(upstreamRequestId);
        }

        public Builder httpStatus(Integer httpStatus) {
            this.httpStatus = httpStatus;
            return this;
        }

        public Builder error(String errorText) {
            this.errorText = errorText;
            return this;
        }

        public Builder upstreamRequestId(String upstreamRequestId) {
            this.upstreamRequestId = upstreamRequestId;
            return this;
        }

        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        public AuditEntry build() {
            return new AuditEntry(this);
        }

        private void addSecret(String value) {
            if (value != null && !value.isEmpty()) {
                secretValues.add(value);
            }
        }
    }
}
