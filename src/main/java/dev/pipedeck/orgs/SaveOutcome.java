package dev.pipedeck.orgs;

import java.util.Map;

import dev.pipedeck.cloud.CloudProblem;

/**
 * How saving a connection went: saved (verified or, when the admin insisted, not), refused by a field rule, or not
 * saved because ClickHouse Cloud did not accept the key.
 */
public record SaveOutcome(OrgConnection saved, Map<String, String> fieldErrors, CloudProblem verificationProblem) {

    static SaveOutcome saved(OrgConnection connection, CloudProblem problemIfUnverified) {
        return new SaveOutcome(connection, Map.of(), problemIfUnverified);
    }

    static SaveOutcome invalid(Map<String, String> fieldErrors) {
        return new SaveOutcome(null, Map.copyOf(fieldErrors), null);
    }

    static SaveOutcome notVerified(CloudProblem problem) {
        return new SaveOutcome(null, Map.of(), problem);
    }

    public boolean isSaved() {
        return saved != null;
    }
}
