package dev.pipedeck.security;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.pipedeck.orgs.OrgConnectionService;
import dev.pipedeck.orgs.SandboxConnector;
import dev.pipedeck.testsupport.SandboxPages;

/**
 * The test configuration of the hostile sandbox: hostile strings on from the start (pipe, service and table names,
 * error messages, metrics labels, discovered columns, endpoint descriptions, key names), and no read cache, so every
 * page reads the sandbox as it is now. The XSS proofs share one application context through it.
 */
final class HostileSandbox {

    static final String HOSTILE_STRINGS = "pipedeck.sandbox.faults.hostile-strings=true";
    static final String NO_READ_CACHE = "pipedeck.cloud.read-cache-ttl=0ms";
    static final String FAST_TRANSITIONS = "pipedeck.sandbox.transition-delay=500ms";

    private HostileSandbox() {
    }

    /**
     * Connects the sandbox and gives the path of its analytics-prod service. The connection's request budget is
     * raised far past the published one: the proofs read every page of the sandbox, not ClickHouse Cloud.
     */
    static String connect(SandboxConnector sandbox, OrgConnectionService connections, JdbcTemplate jdbc) {
        String service = SandboxPages.analyticsProdPath(sandbox, connections);
        jdbc.update("update org_connection set budget_requests = 100000, budget_window_seconds = 1 "
                + "where organization_id = ?", service.split("/")[2]);
        return service;
    }
}
