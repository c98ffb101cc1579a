package dev.pipedeck.wizard;

import static dev.pipedeck.wizard.WizardWalker.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.pipedeck.testsupport.FakeCloud;
import dev.pipedeck.testsupport.OpenApiSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every Postgres and MySQL flavour (with IAM where it is offered, and each replication mode in turn) walked through
 * the wizard's pages as a browser would post them, two table mappings on the destination step: the body that reaches
 * (a local stand-in for) ClickHouse Cloud is what the spec accepts and carries the password typed on step 1, which
 * no audit record or draft row keeps. Bad input — a replication slot outside cdc_only, no table to replicate, a port
 * out of range — is refused at its field and nothing is sent.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DatabaseWizardWalkTest {

    static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-0000000000e1";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> MODES = List.of("cdc", "snapshot", "cdc_only");

    static FakeCloud cloud;
    static String organizationId;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void startCloud() {
        cloud = new FakeCloud();
        organizationId = UUID.randomUUID().toString();
        cloud.ok("GET", "/organizations/" + organizationId + "/services/" + SERVICE,
                "{\"id\":\"" + SERVICE + "\",\"name\":\"analytics\",\"state\":\"running\"}");
        cloud.ok("POST", createPath(),
                "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"walked\",\"state\":\"Setup\"}");
    }

    @AfterAll
    static void stopCloud() {
        cloud.close();
    }

    @BeforeEach
    void connectOnce() throws Exception {
        WizardWalker.connectOnce(mvc, jdbc, organizationId, "Database walk org", "DbWalk", cloud.baseUrl());
    }

    record Walk(String kind, String type, String authentication, String mode) {
        @Override
        public String toString() {
            return kind + " · " + type + " · " + authentication + " · " + mode;
        }
    }

    static Stream<Arguments> walks() {
        List<Arguments> walks = new ArrayList<>();
        int turn = 0;
        for (DatabaseSourceForm.Flavour flavour : PostgresWizard.FLAVOURS) {
            for (String method : flavour.authentications()) {
                walks.add(Arguments.of(new Walk("postgres", flavour.type(), method, MODES.get(turn++ % 3))));
            }
        }
        for (DatabaseSourceForm.Flavour flavour : MySqlWizard.FLAVOURS) {
            for (String method : flavour.authentications()) {
                walks.add(Arguments.of(new Walk("mysql", flavour.type(), method, MODES.get(turn++ % 3))));
            }
        }
        return walks.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("walks")
    void theWizardSendsWhatTheSpecAccepts(Walk walk) throws Exception {
        String base = start(walk.kind(), walk.type());
        String secret = "planted-" + walk.type() + "-" + UUID.randomUUID();
        assertThat(next(mvc, base, 1, connection(walk, secret))).endsWith("/step/2");
        Map<String, String> data = new LinkedHashMap<>();
        data.put("settings.replicationMode", walk.mode());
        data.put("settings.allowNullableColumns", "true");
        if (walk.kind().equals("postgres") && walk.mode().equals("cdc_only")) {
            data.put("settings.replicationSlotName", "clickpipes_slot");
        }
        if (walk.kind().equals("mysql") && !walk.mode().equals("snapshot")) {
            data.put("serverId", "4242");
        }
        assertThat(next(mvc, base, 2, data)).endsWith("/step/3");
        assertThat(next(mvc, base, 3, twoTables(walk.kind()))).endsWith("/step/4");
        assertThat(next(mvc, base, 4, Map.of())).endsWith("/step/5");

        String review = body(perform(get(base + "/step/5").with(user("walker").roles("OPERATOR"))));
        assertThat(review).contains("tableMappings", "Create pipe").doesNotContain(secret);
        int before = cloud.received().size();
        MockHttpServletResponse created = perform(post(base + "/create").with(csrf())
                .with(user("walker").roles("OPERATOR")));
        assertThat(created.getRedirectedUrl()).as(created.getContentAsString()).contains("/pipes/");

        FakeCloud.Received sent = cloud.received().subList(before, cloud.received().size()).stream()
                .filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        JsonNode body = JSON.readTree(sent.body());
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        assertThat(spec.violations(spec.operation("POST", "/v1" + createPath()).requestSchema(), body))
                .as(body.toString()).isEmpty();
        JsonNode source = body.at("/source/" + walk.kind());
        assertThat(source.path("type").asString()).isEqualTo(walk.type());
        assertThat(source.path("authentication").asString()).isEqualTo(walk.authentication());
        assertThat(source.path("settings").path("replicationMode").asString()).isEqualTo(walk.mode());
        assertThat(source.path("tableMappings").size()).isEqualTo(2);
        assertThat(source.path("tableMappings").get(1).path("sortingKeys").toString()).isEqualTo("[\"id\",\"day\"]");
        assertThat(body.at("/destination").toString()).isEqualTo("{\"database\":\"analytics\"}");
        assertThat(body.has("scaling")).as("database pipes share the service's CDC capacity").isFalse();
        if (walk.authentication().equals("basic")) {
            assertThat(source.path("credentials").path("password").asString()).as("the password goes upstream")
                    .isEqualTo(secret);
            assertThat(jdbc.queryForList("select * from audit_record where action = 'pipe.create'").toString())
                    .doesNotContain(secret);
            assertThat(jdbc.queryForList("select * from wizard_draft").toString()).doesNotContain(secret);
        } else {
            assertThat(source.path("iamRole").asString()).startsWith("arn:aws:iam::");
            assertThat(source.path("credentials").has("password")).isFalse();
        }
    }

    @Test
    void aReplicationSlotOutsideCdcOnlyIsRefusedAtItsFieldAndNothingIsSent() throws Exception {
        String base = start("postgres", "supabase");
        next(mvc, base, 1, connection(new Walk("postgres", "supabase", "basic", "cdc"), "pw-" + UUID.randomUUID()));
        long posts = creates();
        String page = stayed(base, 2, Map.of("settings.replicationMode", "cdc",
                "settings.replicationSlotName", "my_slot"));
        assertThat(fieldError(page, "settings.replicationSlotName")).contains("cdc_only");
        assertThat(page).contains("value=\"my_slot\"");
        assertThat(perform(post(base + "/create").with(csrf()).with(user("walker").roles("OPERATOR")))
                .getContentAsString()).contains("needs fixing");
        assertThat(creates()).isEqualTo(posts);
        assertThat(next(mvc, base, 2, Map.of("settings.replicationMode", "cdc_only",
                "settings.replicationSlotName", "my_slot"))).as("fine with cdc_only").endsWith("/step/3");
    }

    @Test
    void noTableToReplicateIsRefusedAndNothingIsSent() throws Exception {
        String base = start("mysql", "mariadb");
        next(mvc, base, 1, connection(new Walk("mysql", "mariadb", "basic", "cdc"), "pw-" + UUID.randomUUID()));
        next(mvc, base, 2, Map.of("settings.replicationMode", "cdc"));
        long posts = creates();
        String page = stayed(base, 3, Map.of("destination.database", "analytics", "tables.0.sourceSchemaName", ""));
        assertThat(fieldError(page, "tables")).isEqualTo("Add at least one table to replicate.");
        assertThat(perform(post(base + "/create").with(csrf()).with(user("walker").roles("OPERATOR")))
                .getContentAsString()).contains("Add at least one table to replicate.");
        assertThat(creates()).isEqualTo(posts);

        // The rows editor: add a row, fill both, remove the first.
        stayed(base, 3, Map.of("_action", "add-row", "destination.database", "analytics",
                "tables.0.sourceSchemaName", "shop", "tables.0.sourceTable", "orders"));
        String twoRows = body(perform(get(base + "/step/3").with(user("walker").roles("OPERATOR"))));
        assertThat(twoRows).contains("name=\"tables.1.sourceTable\"", "value=\"orders\"", "Add table");
        stayed(base, 3, Map.of("_action", "remove-row:0", "destination.database", "analytics",
                "tables.0.sourceSchemaName", "shop", "tables.0.sourceTable", "orders",
                "tables.1.sourceSchemaName", "shop", "tables.1.sourceTable", "customers"));
        String oneRow = body(perform(get(base + "/step/3").with(user("walker").roles("OPERATOR"))));
        assertThat(oneRow).contains("value=\"customers\"").doesNotContain("value=\"orders\"",
                "name=\"tables.1.sourceTable\"");
    }

    @Test
    void aPortOutOfRangeIsRefusedAtItsFieldAndNothingIsSent() throws Exception {
        String base = start("postgres", "rdspostgres");
        long posts = creates();
        Map<String, String> typed = connection(new Walk("postgres", "rdspostgres", "basic", "cdc"), "pw");
        typed.put("port", "70000");
        String page = stayed(base, 1, typed);
        assertThat(fieldError(page, "port")).isEqualTo("Port must be from 1 to 65535.");
        assertThat(page).contains("value=\"70000\"");
        String asLeft = body(perform(post(base + "/validate/1").with(csrf()).with(user("walker").roles("OPERATOR"))
                .param("_field", "port").param("port", "0")));
        assertThat(asLeft).contains("Port must be from 1 to 65535.");
        assertThat(perform(post(base + "/create").with(csrf()).with(user("walker").roles("OPERATOR")))
                .getContentAsString()).contains("needs fixing");
        assertThat(creates()).isEqualTo(posts);
    }

    @Test
    void duplicateOpensTheWizardFilledWithTheTablesButNoPasswordOrSlot() throws Exception {
        String pipe = UUID.randomUUID().toString();
        cloud.ok("GET", "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes/" + pipe, """
                {"id":"%s","name":"orders","state":"Running",
                 "source":{"postgres":{"type":"neon","host":"ep-1.neon.tech","port":5432,"database":"shop",
                   "authentication":"basic","settings":{"replicationMode":"cdc_only","replicationSlotName":"s1"},
                   "tableMappings":[{"sourceSchemaName":"public","sourceTable":"orders","targetTable":"orders",
                     "useCustomSortingKey":true,"sortingKeys":["id","day"]}]}},
                 "destination":{"database":"analytics"}}""".formatted(pipe));
        String pipePage = "/organizations/" + organizationId + "/services/" + SERVICE + "/pipes/" + pipe;
        assertThat(body(perform(get(pipePage).with(user("walker").roles("OPERATOR")))))
                .as("the pipe's page offers Duplicate").contains("action=\"" + pipePage + "/duplicate\"");
        String stepOne = perform(post(pipePage + "/duplicate").with(csrf()).with(user("walker").roles("OPERATOR")))
                .getRedirectedUrl();
        assertThat(stepOne).endsWith("/step/1");
        String page = body(perform(get(stepOne).with(user("walker").roles("OPERATOR"))));
        assertThat(page).contains("New pipe from <span>Neon</span>", "value=\"Copy of orders\"", "value=\"ep-1.neon.tech\"")
                .doesNotContain("stored — leave blank to keep");
        String draft = stepOne.replaceAll(".*/new/([0-9a-f-]{36})/step/1", "$1");
        assertThat(jdbc.queryForObject("select values_json from wizard_draft where id = ?", String.class, draft))
                .contains("\"tables.0.sortingKeys\":\"id, day\"", "\"destination.database\":\"analytics\"")
                .doesNotContain("s1");
    }

    // ---- helpers

    private String start(String kind, String type) throws Exception {
        String stepOne = perform(post("/organizations/" + organizationId + "/services/" + SERVICE + "/pipes/new")
                .with(csrf()).with(user("walker").roles("OPERATOR")).param("kind", kind).param("type", type))
                .getRedirectedUrl();
        assertThat(stepOne).as("started").isNotNull();
        return stepOne.substring(0, stepOne.lastIndexOf("/step/"));
    }

    private static Map<String, String> connection(Walk walk, String secret) {
        Map<String, String> connection = new LinkedHashMap<>();
        connection.put("name", "walked " + walk);
        connection.put("host", walk.kind().equals("postgres") ? "db.example.com" : "10.0.0.12");
        connection.put("port", walk.kind().equals("postgres") ? "5432" : "3306");
        if (walk.kind().equals("postgres")) {
            connection.put("database", "shop");
        }
        connection.put("authentication", walk.authentication());
        connection.put("credentials.username", "clickpipes");
        if (walk.authentication().equals("basic")) {
            connection.put("secret:credentials.password", secret);
        } else {
            connection.put("iamRole", "arn:aws:iam::123456789012:role/clickpipes-db");
        }
        return connection;
    }

    private static Map<String, String> twoTables(String kind) {
        String namespace = kind.equals("postgres") ? "public" : "shop";
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("destination.database", "analytics");
        tables.put("tables.0.sourceSchemaName", namespace);
        tables.put("tables.0.sourceTable", "orders");
        tables.put("tables.1.sourceSchemaName", namespace);
        tables.put("tables.1.sourceTable", "events");
        tables.put("tables.1.targetTable", "events_by_day");
        tables.put("tables.1.sortingKeys", "id, day");
        tables.put("tables.1.tableEngine", "ReplacingMergeTree");
        tables.put("tables.1.excludedColumns", "payload");
        return tables;
    }

    /** Posts a step expecting to stay on it: the page answered. */
    private String stayed(String base, int step, Map<String, String> fields) throws Exception {
        MockHttpServletRequestBuilder request = post(base + "/step/" + step).with(csrf())
                .with(user("walker").roles("OPERATOR"));
        if (!fields.containsKey("_action")) {
            request.param("_action", "next");
        }
        fields.forEach(request::param);
        MockHttpServletResponse response = perform(request);
        assertThat(response.getRedirectedUrl()).as("stays on step " + step).isNull();
        return body(response);
    }

    /** The message in the field's error element, or "" when there is none. */
    private static String fieldError(String page, String field) {
        String id = "f-" + field.replace('.', '-') + "-error";
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("<span[^>]*id=\"" + id + "\"[^>]*>([^<]*)<")
                .matcher(page);
        return matcher.find() ? matcher.group(1).replace("&quot;", "\"").replace("&#39;", "'") : "";
    }

    private static long creates() {
        return cloud.count("POST", createPath());
    }

    private static String createPath() {
        return "/organizations/" + organizationId + "/services/" + SERVICE + "/clickpipes";
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static String body(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString();
    }
}
