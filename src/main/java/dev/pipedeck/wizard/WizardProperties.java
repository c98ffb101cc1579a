package dev.pipedeck.wizard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Creation wizards' drafts.
 *
 * @param draftTtl how long a draft (and the secrets typed into it) is kept after it was last saved
 * @param cleanupInterval how often expired drafts are deleted
 */
@ConfigurationProperties("pipedeck.wizard")
public record WizardProperties(@DefaultValue("24h") Duration draftTtl, @DefaultValue("15m") Duration cleanupInterval) {

    public WizardProperties {
        if (draftTtl == null) {
            draftTtl = Duration.ofHours(24);
        }
        if (cleanupInterval == null) {
            cleanupInterval = Duration.ofMinutes(15);
        }
        if (draftTtl.isNegative() || draftTtl.isZero()) {
            throw new IllegalArgumentException("pipedeck.wizard.draft-ttl must be positive");
        }
        if (cleanupInterval.isNegative() || cleanupInterval.isZero()) {
            throw new IllegalArgumentException("pipedeck.wizard.cleanup-interval must be positive");
        }
    }
}
