package dev.pipedeck.wizard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code pipedeck.wizard.cleanup-interval} (15 minutes by default), deletes the drafts past their expiry, and
 * with them the secrets typed into them. Safe on several instances at once: each deletes what is expired.
 */
@Component
class WizardDraftCleanup {

    private static final Logger log = LoggerFactory.getLogger(WizardDraftCleanup.class);

    private final WizardDrafts drafts;

    WizardDraftCleanup(WizardDrafts drafts) {
        this.drafts = drafts;
    }

    @Scheduled(fixedDelayString = "${pipedeck.wizard.cleanup-interval:15m}",
            initialDelayString = "${pipedeck.wizard.cleanup-interval:15m}")
    void deleteExpiredDrafts() {
        int deleted = drafts.deleteExpired();
        if (deleted > 0) {
            log.info("Deleted {} expired wizard draft(s) and their secrets.", deleted);
        }
    }
}
