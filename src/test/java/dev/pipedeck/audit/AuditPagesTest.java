package dev.pipedeck.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit pages: who may see and verify, HTMX fragments, filters, keyset pages, details and exports. */
class AuditPagesTest extends AuditIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditLog audit;

    @Autowired
    AuditQueries queries;

    @Test
    void everyRoleMayReadTheAuditLogButOnlyAnAdminMayVerifyIt() throws Exception {
        mvc.perform(get("/audit")).andExpect(redirectedUrl("/login"));
        for (String role : List.of("VIEWER", "OPERATOR", "ADMIN")) {
            mvc.perform(get("/audit").with(user("reader").roles(role))).andExpect(status().isOk())
                    .andExpect(content().string(containsString("Audit log")));
        }
        mvc.perform(get("/audit").with(user("reader").roles("VIEWER")))
                .andExpect(content().string(not(containsString("Verify integrity"))));
        mvc.perform(get("/audit").with(user("boss").roles("ADMIN")))
                .andExpect(content().string(containsString("Verify integrity")));

        mvc.perform(post("/audit/verify").with(user("reader").roles("VIEWER")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/audit/verify").with(user("op").roles("OPERATOR")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/audit/verify").with(user("boss").roles("ADMIN")).with(csrf()))
                .andExpect(redirectedUrl("/audit"));
        mvc.perform(post("/audit/verify").with(user("boss").roles("ADMIN")).with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The audit chain is intact")))
                .andExpect(content().string(not(containsString("<html"))));
    }

    @Test
    void theVerifyServiceMethodItselfRequiresAdmin() {
        signInAs("op", "OPERATOR");
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> verifierBean().verify())
                    .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        } finally {
            signOut();
        }
    }

    @Test
    void theNavigationLinksTheAuditPage() throws Exception {
        mvc.perform(get("/").with(user("reader").roles("VIEWER")))
                .andExpect(content().string(containsString("href=\"/audit\"")));
    }

    @Test
    void htmxRequestsGetOnlyTheResultsFragment() throws Exception {
        String pipe = "pipe-" + UUID.randomUUID();
        audit.record(AuditEntry.of("pipe.state.stop").target(AuditTarget.pipe("o", null, "s", null, pipe, "events"))
                .build());
        mvc.perform(get("/audit").param("pipe", pipe).header("HX-Request", "true").with(user("r").roles("VIEWER")))
                .andExpect(status().isOk())
                .andExpect(header().string("Vary", containsString("HX-Request")))
                .andExpect(content().string(containsString("id=\"audit-results\"")))
                .andExpect(content().string(containsString("pipe events")))
                .andExpect(content().string(not(containsString("<header"))));
        mvc.perform(get("/audit").param("pipe", pipe).header("HX-Request", "true")
                        .header("HX-History-Restore-Request", "true").with(user("r").roles("VIEWER")))
                .andExpect(content().string(containsString("<header")));
    }

    @Test
    void aTimeThatDoesNotParseIsIgnoredWithAWarning() throws Exception {
        mvc.perform(get("/audit").param("from", "yesterday").with(user("r").roles("VIEWER")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("use a date and time such as")));
    }

    @Test
    void keysetPagesWalkBackwardsWithoutOverlapOrGaps() throws Exception {
        String actor = "pager-" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(audit.record(AuditEntry.of("test.page").actor(AuditActor.of(actor, "VIEWER")).build()));
        }
        AuditFilter filter = new AuditFilter(null, null, actor, null, null, null, null, null, null);
        List<Long> seen = new ArrayList<>();
        Long cursor = null;
        int pages = 0;
        do {
            AuditPage page = queries.search(filter, cursor, 3);
            page.records().forEach(r -> seen.add(r.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        List<Long> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);

        mvc.perform(get("/audit").param("actor", actor).param("before", String.valueOf(ids.get(2)))
                        .with(user("r").roles("VIEWER")))
                .andExpect(content().string(containsString("Older records")))
                .andExpect(content().string(containsString("href=\"/audit/" + ids.get(1) + "\"")))
                .andExpect(content().string(not(containsString("href=\"/audit/" + ids.get(2) + "\""))));
    }

    @Test
    void filtersNarrowTheRecords() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String org = "org-" + tag;
        long stop = audit.record(AuditEntry.of("pipe.state.stop").actor(AuditActor.of("ann-" + tag, "OPERATOR"))
                .target(AuditTarget.pipe(org, "Acme", "svc-a-" + tag, "main", "pipe-a-" + tag, "orders")).build());
        long start = audit.record(AuditEntry.of("pipe.state.start").actor(AuditActor.of("ben-" + tag, "OPERATOR"))
                .target(AuditTarget.pipe(org, "Acme", "svc-b-" + tag, "main", "pipe-b-" + tag, "clicks"))
                .upstreamError(500, "Internal error from upstream " + tag, "req-" + tag).build());
        long denied = audit.record(AuditEntry.of("pipe.delete").actor(AuditActor.of("ann-" + tag, "VIEWER"))
                .target(AuditTarget.organization(org, "Acme")).denied("not allowed").build());

        assertThat(ids(filter(org, null, null, null, null, null, null))).containsExactly(denied, start, stop);
        assertThat(ids(filter(org, "ann-" + tag, null, null, null, null, null))).containsExactly(denied, stop);
        assertThat(ids(filter(org, null, "pipe.state.start", null, null, null, null))).containsExactly(start);
        assertThat(ids(filter(org, null, null, "upstream_error", null, null, null))).containsExactly(start);
        assertThat(ids(filter(org, null, null, "DENIED", null, null, null))).containsExactly(denied);
        assertThat(ids(filter(null, null, null, null, "svc-a-" + tag, null, null))).containsExactly(stop);
        assertThat(ids(filter(null, null, null, null, null, "pipe-b-" + tag, null))).containsExactly(start);
        assertThat(ids(filter(org, null, null, null, null, null, "ORDERS"))).containsExactly(stop);
        assertThat(ids(filter(null, null, null, null, null, null, "upstream " + tag))).containsExactly(start);
        assertThat(ids(filter(org, null, null, null, null, null, "100%_"))).isEmpty();

        Instant stopAt = queries.find(stop).orElseThrow().occurredAt();
        Instant deniedAt = queries.find(denied).orElseThrow().occurredAt();
        assertThat(ids(queries.search(new AuditFilter(stopAt, deniedAt, null, null, org, null, null, null, null))))
                .as("from inclusive, to exclusive").contains(stop).doesNotContain(denied);
        assertThat(ids(queries.search(new AuditFilter(deniedAt.plus(1, ChronoUnit.DAYS), null, null, null, org, null,
                null, null, null)))).isEmpty();
        assertThat(ids(queries.search(new AuditFilter(null, stopAt.minus(1, ChronoUnit.DAYS), null, null, org, null,
                null, null, null)))).isEmpty();
    }

    @Test
    void theDetailPageShowsTheRedactedRequestTheChangeAndTheUpstreamFacts() throws Exception {
        long id = audit.record(AuditEntry.of("pipe.settings.update")
                .target(AuditTarget.pipe("org-d", "Acme", "svc-d", "main", "pipe-d", "orders"))
                .request(Map.of("settings", Map.of("streaming_max_insert_wait_ms", 5000),
                        "credentials", Map.of("username", "kafka-user", "password", "hunter2-kafka")))
                .change(Map.of("streaming_max_insert_wait_ms", 1000), Map.of("streaming_max_insert_wait_ms", 5000))
                .upstreamError(429, "RATE_LIMITED: slow down", "req-detail-1")
                .build());
        mvc.perform(get("/audit/" + id).with(user("r").roles("VIEWER")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("pipe.settings.update")))
                .andExpect(content().string(containsString("[redacted]")))
                .andExpect(content().string(not(containsString("hunter2-kafka"))))
                .andExpect(content().string(containsString("kafka-user")))
                .andExpect(content().string(containsString("streaming_max_insert_wait_ms")))
                .andExpect(content().string(containsString("1000")))
                .andExpect(content().string(containsString("req-detail-1")))
                .andExpect(content().string(containsString("429")));
        mvc.perform(get("/audit/999999999").with(user("r").roles("VIEWER"))).andExpect(status().isNotFound());
    }

    @Test
    void noPageEditsOrDeletesRecords() throws Exception {
        long id = audit.record(AuditEntry.of("test.immutable").build());
        mvc.perform(post("/audit/" + id).with(user("boss").roles("ADMIN")).with(csrf()))
                .andExpect(status().is4xxClientError());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/audit/" + id)
                .with(user("boss").roles("ADMIN")).with(csrf())).andExpect(status().is4xxClientError());
        assertThat(queries.find(id)).isPresent();
    }

    @Test
    void exportsTheFilteredRecordsAsCsvAndJsonLines() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String actor = "exporter-" + tag;
        long first = audit.record(AuditEntry.of("pipe.create").actor(AuditActor.of(actor, "OPERATOR"))
                .target(AuditTarget.pipe("org-x", "Acme, Inc.", "svc-x", "main", "pipe-x-" + tag, "orders \"eu\""))
                .request(Map.of("name", "orders", "source", Map.of("kafka", Map.of("credentials",
                        Map.of("username", "u", "password", "csv-secret-pw")))))
                .build());
        long second = audit.record(AuditEntry.of("pipe.state.stop").actor(AuditActor.of(actor, "OPERATOR"))
                .error("=cmd|' /C calc'!A0").outcome(AuditOutcome.INVALID).build());
        audit.record(AuditEntry.of("pipe.state.stop").actor(AuditActor.of("someone-else-" + tag, "ADMIN")).build());

        String csv = export("/audit/export.csv", actor, "text/csv");
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("id,occurred_at,actor,actor_role,channel");
        assertThat(lines[1]).startsWith(second + ",").contains("'=cmd|' /C calc'!A0");
        assertThat(lines[2]).startsWith(first + ",").contains("\"Acme, Inc.\"").contains("\"orders \"\"eu\"\"\"")
                .contains("[redacted]").doesNotContain("csv-secret-pw");

        String jsonl = export("/audit/export.jsonl", actor, "application/x-ndjson");
        String[] records = jsonl.split("\n");
        assertThat(records).hasSize(2);
        JsonMapper json = JsonMapper.builder().build();
        JsonNode newest = json.readTree(records[0]);
        JsonNode oldest = json.readTree(records[1]);
        assertThat(newest.get("id").asLong()).isEqualTo(second);
        assertThat(newest.get("outcome").asString()).isEqualTo("invalid");
        assertThat(oldest.get("id").asLong()).isEqualTo(first);
        assertThat(oldest.get("actor").asString()).isEqualTo(actor);
        assertThat(oldest.get("pipe_name").asString()).isEqualTo("orders \"eu\"");
        assertThat(oldest.at("/request_summary/source/kafka/credentials/password").asString()).isEqualTo("[redacted]");
        assertThat(oldest.at("/request_summary/source/kafka/credentials/username").asString()).isEqualTo("u");
        assertThat(oldest.get("hash").asString()).hasSize(64);
    }

    private String export(String path, String actor, String contentType) throws Exception {
        MvcResult started = mvc.perform(get(path).param("actor", actor).with(user("r").roles("VIEWER")))
                .andExpect(request().asyncStarted())
                .andReturn();
        MvcResult done = mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString(contentType)))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andReturn();
        return done.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private AuditPage filter(String org, String actor, String action, String outcome, String service, String pipe,
            String text) {
        return queries.search(new AuditFilter(null, null, actor, action, org, service, pipe, outcome, text));
    }

    private static List<Long> ids(AuditPage page) {
        return page.records().stream().map(AuditRecord::id).toList();
    }

    @Autowired
    AuditVerifier verifier;

    private AuditVerifier verifierBean() {
        return verifier;
    }
}
