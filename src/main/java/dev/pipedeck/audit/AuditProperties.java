package dev.pipedeck.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The audit log's settings.
 *
 * @param retentionDays records older than this many days are purged daily, leaving a signed anchor; null or 0 keeps
 *                      everything forever ({@code PIPEDECK_AUDIT_RETENTION_DAYS})
 * @param anchorKey     when set, anchors are signed with HMAC-SHA256 under this key, else with a plain SHA-256
 *                      ({@code PIPEDECK_AUDIT_ANCHOR_KEY})
 * @param lockTimeout   on PostgreSQL, how long an append waits for the chain lock before it fails (and with it the
 *                      action)
 * @param pageSize      records per page on the audit page
 */
@ConfigurationProperties("pipedeck.audit")
public record AuditProperties(Integer retentionDays, String anchorKey, Duration lockTimeout, Integer pageSize) {

    public AuditProperties {
        if (lockTimeout == null) {
            lockTimeout = Duration.ofSeconds(10);
        }
        if (pageSize == null || pageSize < 1) {
            pageSize = 50;
        }
        if (anchorKey != null && anchorKey.isBlank()) {
            anchorKey = null;
        }
    }

    public boolean retentionEnabled() {
        return retentionDays != null && retentionDays > 0;
    }
}
