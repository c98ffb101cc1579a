package dev.pipedeck.pipes;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The home dashboard's judgement calls.
 *
 * @param pausedAttentionAfter how long a pipe may stay Paused before the dashboard lists it as needing attention
 */
@ConfigurationProperties("pipedeck.dashboard")
public record DashboardProperties(@DefaultValue("24h") Duration pausedAttentionAfter) {

    public DashboardProperties {
        if (pausedAttentionAfter == null) {
            pausedAttentionAfter = Duration.ofHours(24);
        }
        if (pausedAttentionAfter.isNegative()) {
            throw new IllegalArgumentException("pipedeck.dashboard.paused-attention-after must not be negative");
        }
    }
}
