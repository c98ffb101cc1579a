package dev.pipedeck.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * The MongoDB and BigQuery wizards walked through their pages as a browser posts them, the collections and tables
 * added with the rows editor's buttons: the body that reaches (a local stand-in for) ClickHouse Cloud is what the spec
 * accepts and carries the secret typed on step 1, which no audit record, draft row or review page shows; bad input
 * (no tables, a key that is not one, a password in the URI, a target used twice…) is refused at its field with
 * nothing sent upstream.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DocumentAndWarehouseWizardWalkTest {

    static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-0000000000e1";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIUJ3b9nZyq0Xo3c2VydmVyLWNhMB4XDTI0MDEwMTAwMDAw
            -----END CERTIFICATE-----""";
    static final String PIPES_PATH_UNDER_V1 = "/organizations/%s/services/" + SERVICE + "/clickpipes";

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
        cloud.ok("POST", PIPES_PATH_UNDER_V1.formatted(organizationId),
                "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"walked\",\"state\":\"Provisioning\"}");
    }

    @AfterAll
    static void stopCloud() {
        cloud.close();
    }

    @BeforeEach
    void connectOnce() throws Exception {
        WizardWalker.connectOnce(mvc, jdbc, organizationId, "Database walk org", "DbWalk", cloud.baseUrl());
    }

    @Test
    void aMongoDbPipeWithTwoCollectionsAddedInTheRowsEditor() throws Exception {
        String password = "planted-mongo-" + UUID.randomUUID();
        String base = start("mongodb");
        Map<String, String> connection = new LinkedHashMap<>();
        connection.put("name", "shop from MongoDB");
        connection.put("uri", "mongodb+srv://cluster0.example.mongodb.net/?appName=pipedeck");
        connection.put("readPreference", "secondaryPreferred");
        connection.put("credentials.username", "clickpipes");
        connection.put("secret:credentials.password", password);
        connection.put("tls", "verify");
        connection.put("caCertificate", CERTIFICATE);
        assertThat(next(base, 1, connection)).endsWith("/step/2");
        assertThat(next(base, 2, Map.of("settings.replicationMode", "cdc", "settings.syncIntervalSeconds", "30",
                "settings.useJsonNativeFormat", "true"))).endsWith("/step/3");

        String stepThree = page(base + "/step/3");
        assertThat(stepThree).contains("name=\"tables.0.sourceDatabaseName\"", "Add table")
                .doesNotContain("name=\"tables.1.sourceDatabaseName\"");
        Map<String, String> firstRow = Map.of("destination.database", "shop", "tables.0.sourceDatabaseName", "shop",
                "tables.0.sourceCollection", "orders", "tables.0.targetTable", "shop_orders");
        submit(base, 3, "add-row", firstRow);
        assertThat(page(base + "/step/3")).contains("value=\"shop_orders\"", "name=\"tables.1.sourceDatabaseName\"");
        Map<String, String> twoRows = new LinkedHashMap<>(firstRow);
        twoRows.putAll(Map.of("tables.1.sourceDatabaseName", "shop", "tables.1.sourceCollection", "customers",
                "tables.1.targetTable", "shop_customers", "tables.1.tableEngine", "ReplacingMergeTree"));
        assertThat(next(base, 3, twoRows)).endsWith("/step/4");
        assertThat(next(base, 4, Map.of("settings.clickhouse_max_insert_threads", "2"))).endsWith("/step/5");
        String review = page(base + "/step/5");
        assertThat(review).contains("Create pipe", "shop_customers", "[redacted]").doesNotContain(password);

        FakeCloud.Received sent = create(base);

        JsonNode body = JSON.readTree(sent.body());
        assertSpecAccepts(body);
        JsonNode mongodb = body.at("/source/mongodb");
        assertThat(mongodb.at("/credentials/password").asString()).as("the password does go upstream")
                .isEqualTo(password);
        assertThat(mongodb.path("tableMappings").size()).isEqualTo(2);
        assertThat(mongodb.at("/tableMappings/1/tableEngine").asString()).isEqualTo("ReplacingMergeTree");
        assertThat(mongodb.at("/settings/syncIntervalSeconds").asInt()).isEqualTo(30);
        assertThat(mongodb.path("caCertificate").asString()).isEqualTo(CERTIFICATE);
        assertThat(body.at("/destination").toString()).isEqualTo("{\"database\":\"shop\"}");
        assertThat(body.at("/settings/clickhouse_max_insert_threads").asInt()).isEqualTo(2);
        assertNowhereStored(password);
    }

    @Test
    void aMongoDbSnapshotWithoutSignInOrTlsAfterARowWasRemoved() throws Exception {
        String base = start("mongodb");
        assertThat(next(base, 1, Map.of("name", "catalog once", "uri", "mongodb://10.0.0.12:27017/?replicaSet=rs0",
                "readPreference", "primary", "tls", "off", "tlsHost", "ignored.example.com")))
                .endsWith("/step/2");
        assertThat(next(base, 2, Map.of("settings.replicationMode", "snapshot",
                "settings.syncIntervalSeconds", "0"))).as("a CDC setting does not apply to a snapshot")
                .endsWith("/step/3");
        submit(base, 3, "remove-row:0", Map.of("destination.database", "catalog",
                "tables.0.sourceDatabaseName", "old", "tables.0.sourceCollection", "gone", "tables.0.targetTable",
                "old_gone", "tables.1.sourceDatabaseName", "catalog", "tables.1.sourceCollection", "products",
                "tables.1.targetTable", "catalog_products"));
        assertThat(page(base + "/step/3")).contains("value=\"catalog_products\"").doesNotContain("old_gone");
        assertThat(next(base, 3, Map.of("destination.database", "catalog", "tables.0.sourceDatabaseName", "catalog",
                "tables.0.sourceCollection", "products", "tables.0.targetTable", "catalog_products")))
                .endsWith("/step/4");
        assertThat(next(base, 4, Map.of())).endsWith("/step/5");

        JsonNode body = JSON.readTree(create(base).body());

        assertSpecAccepts(body);
        JsonNode mongodb = body.at("/source/mongodb");
        assertThat(mongodb.has("credentials")).isFalse();
        assertThat(mongodb.path("disableTls").asBoolean()).isTrue();
        assertThat(mongodb.has("tlsHost")).isFalse();
        assertThat(mongodb.path("settings").toString()).isEqualTo("{\"replicationMode\":\"snapshot\"}");
        assertThat(mongodb.path("tableMappings").toString()).isEqualTo("[{\"sourceDatabaseName\":\"catalog\","
                + "\"sourceCollection\":\"products\",\"targetTable\":\"catalog_products\"}]");
    }

    @Test
    void aBigQueryPipeWithAnUploadedKey() throws Exception {
        String marker = "PLANTED" + UUID.randomUUID().toString().replace("-", "");
        String key = BigQueryWizardTest.KEY_FILE.replace("MIIEvQIBADANBg", "MIIEvQIBADANBg" + marker);
        String keyBase64 = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
        String base = start("bigquery");
        assertThat(page(base + "/step/1")).contains("type=\"file\"", "Service account key (JSON)");
        assertThat(next(base, 1, Map.of("name", "warehouse from BigQuery", "secret:serviceAccountKey", key,
                "snapshotStagingPath", "gs://acme-staging/bigquery/"))).endsWith("/step/2");
        assertThat(page(base + "/step/2")).contains("selected=\"selected\"", "snapshot");
        assertThat(next(base, 2, Map.of("settings.replicationMode", "snapshot",
                "settings.allowNullableColumns", "true", "settings.snapshotNumberOfParallelTables", "2")))
                .endsWith("/step/3");
        assertThat(next(base, 3, Map.of("destination.database", "warehouse", "destination.roles", "ingest",
                "tables.0.sourceDatasetName", "sales", "tables.0.sourceTable", "orders",
                "tables.0.targetTable", "sales_orders", "tables.0.excludedColumns", "card_number",
                "tables.0.sortingKeys", "order_day, order_id", "tables.0.tableEngine", "MergeTree")))
                .endsWith("/step/4");
        assertThat(next(base, 4, Map.of())).endsWith("/step/5");
        assertThat(page(base + "/step/5")).contains("[redacted]", "sales_orders").doesNotContain(marker)
                .doesNotContain(keyBase64);

        JsonNode body = JSON.readTree(create(base).body());

        assertSpecAccepts(body);
        JsonNode bigquery = body.at("/source/bigquery");
        assertThat(bigquery.at("/credentials/serviceAccountFile").asString()).as("the key goes upstream in base64")
                .isEqualTo(keyBase64);
        assertThat(bigquery.at("/tableMappings/0").toString()).isEqualTo("{\"sourceDatasetName\":\"sales\","
                + "\"sourceTable\":\"orders\",\"targetTable\":\"sales_orders\",\"excludedColumns\":[\"card_number\"],"
                + "\"useCustomSortingKey\":true,\"sortingKeys\":[\"order_day\",\"order_id\"],"
                + "\"tableEngine\":\"MergeTree\"}");
        assertThat(bigquery.path("settings").toString()).isEqualTo("{\"replicationMode\":\"snapshot\","
                + "\"allowNullableColumns\":true,\"snapshotNumberOfParallelTables\":2}");
        assertThat(body.at("/destination").toString()).isEqualTo("{\"database\":\"warehouse\",\"roles\":[\"ingest\"]}");
        assertNowhereStored(marker);
        assertNowhereStored(keyBase64);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no tables           | mongodb  | 3 | destination.database=default;tables.0.sourceDatabaseName=              | tables                    | Add at least one table",
        "half a row          | mongodb  | 3 | destination.database=default;tables.0.sourceDatabaseName=shop          | tables.0.sourceCollection | Collection is required",
        "target used twice   | bigquery | 3 | destination.database=default;tables.0.sourceDatasetName=a;tables.0.sourceTable=t;tables.0.targetTable=x;tables.1.sourceDatasetName=b;tables.1.sourceTable=t;tables.1.targetTable=x | tables.1.targetTable | Table 1 already goes to this table",
        "sort by excluded    | bigquery | 3 | destination.database=default;tables.0.sourceDatasetName=a;tables.0.sourceTable=t;tables.0.targetTable=x;tables.0.excludedColumns=id;tables.0.sortingKeys=id | tables.0.sortingKeys | excluded column",
        "malformed key       | bigquery | 1 | name=x;snapshotStagingPath=gs://acme-staging/;secret:serviceAccountKey={not json | serviceAccountKey | not valid JSON",
        "not a SA key        | bigquery | 1 | name=x;snapshotStagingPath=gs://acme-staging/;secret:serviceAccountKey={\"type\":\"authorized_user\"} | serviceAccountKey | not a service account key",
        "staging not on GCS  | bigquery | 1 | name=x;snapshotStagingPath=s3://acme-staging/;secret:serviceAccountKey={\"type\":\"service_account\"} | snapshotStagingPath | gs://",
        "secret URI option   | mongodb  | 1 | name=x;uri=mongodb://db.example.com/?tlsCertificateKeyFilePassword=k;readPreference=primary;tls=verify | uri | option holds a secret",
        "unknown read pref   | mongodb  | 1 | name=x;uri=mongodb://db.example.com;readPreference=fastest;tls=verify  | readPreference            | must be one of",
        "rows below minimum  | mongodb  | 2 | settings.replicationMode=cdc;settings.snapshotNumRowsPerPartition=10 | settings.snapshotNumRowsPerPartition | from 1000" })
    void badInputIsRefusedAtItsFieldAndNothingIsSent(String name, String kind, int step, String typed, String field,
            String message) throws Exception {
        String base = start(kind);
        String draft = base.substring(base.lastIndexOf('/') + 1);
        jdbc.update("update wizard_draft set step = 5 where id = ?", draft);
        long posts = cloud.count("POST", PIPES_PATH_UNDER_V1.formatted(organizationId));
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : typed.split(";")) {
            String[] parts = pair.split("=", 2);
            fields.put(parts[0], parts[1]);
        }

        String page = body(submit(base, step, "next", fields));

        assertThat(page).as(name).contains("Some fields need fixing");
        assertThat(errorAt(page, field)).as(name + ": the message at " + field).contains(message);
        String created = body(mvc.perform(post(base + "/create").with(csrf()).with(user("walker").roles("OPERATOR")))
                .andReturn().getResponse());
        assertThat(created).as("Create on the refused draft shows a step to fix").contains("needs fixing");
        assertThat(cloud.count("POST", PIPES_PATH_UNDER_V1.formatted(organizationId))).as("nothing sent upstream")
                .isEqualTo(posts);
    }

    @Test
    void anAtlasConnectionStringPastedWithItsPasswordKeepsThePasswordOnlyAsASecret() throws Exception {
        String password = "Atlas-" + UUID.randomUUID();
        String base = start("mongodb");
        String draft = base.substring(base.lastIndexOf('/') + 1);

        assertThat(next(base, 1, Map.of("name", "pasted", "uri", "mongodb+srv://clickpipes:" + password
                + "@cluster0.abcde.mongodb.net/?retryWrites=true&w=majority", "readPreference", "secondaryPreferred",
                "tls", "verify"))).endsWith("/step/2");

        assertThat(page(base + "/step/1")).contains("value=\"mongodb+srv://cluster0.abcde.mongodb.net/"
                + "?retryWrites=true&amp;w=majority\"", "value=\"clickpipes\"", "stored — leave blank to keep")
                .doesNotContain(password);
        assertThat(jdbc.queryForObject("select values_json from wizard_draft where id = ?", String.class, draft))
                .doesNotContain(password).contains("cluster0.abcde.mongodb.net");
        assertThat(jdbc.queryForObject("select secrets_ciphertext from wizard_draft where id = ?", String.class,
                draft)).isNotNull().doesNotContain(password);
        assertThat(next(base, 2, Map.of("settings.replicationMode", "cdc"))).endsWith("/step/3");
        assertThat(next(base, 3, Map.of("destination.database", "default", "tables.0.sourceDatabaseName", "app",
                "tables.0.sourceCollection", "events", "tables.0.targetTable", "app_events"))).endsWith("/step/4");
        assertThat(next(base, 4, Map.of())).endsWith("/step/5");

        JsonNode body = JSON.readTree(create(base).body());

        assertSpecAccepts(body);
        assertThat(body.at("/source/mongodb/uri").asString())
                .isEqualTo("mongodb+srv://cluster0.abcde.mongodb.net/?retryWrites=true&w=majority");
        assertThat(body.at("/source/mongodb/credentials/username").asString()).isEqualTo("clickpipes");
        assertThat(body.at("/source/mongodb/credentials/password").asString()).isEqualTo(password);
        assertNowhereStored(password);
    }

    @Test
    void duplicatingAMongoDbPipeCopiesItsCollectionsButNeverAPassword() throws Exception {
        String pipe = UUID.randomUUID().toString();
        cloud.ok("GET", PIPES_PATH_UNDER_V1.formatted(organizationId) + "/" + pipe, """
                {"id":"%s","name":"catalog","state":"Running",
                 "source":{"mongodb":{"uri":"mongodb://reader:hunter2-in-uri@db.example.com:27017/?replicaSet=rs0",
                   "readPreference":"secondary","skipCertVerification":true,
                   "settings":{"replicationMode":"cdc","pullBatchSize":5000},
                   "tableMappings":[{"sourceDatabaseName":"catalog","sourceCollection":"products",
                                     "targetTable":"catalog_products","tableEngine":"MergeTree"}]}},
                 "destination":{"database":"catalog"}}""".formatted(pipe));

        String stepOne = mvc.perform(post("/organizations/" + organizationId + "/services/" + SERVICE + "/pipes/"
                + pipe + "/duplicate").with(csrf()).with(user("walker").roles("OPERATOR"))).andReturn().getResponse()
                .getRedirectedUrl();

        String base = stepOne.substring(0, stepOne.lastIndexOf("/step/"));
        String draft = base.substring(base.lastIndexOf('/') + 1);
        jdbc.update("update wizard_draft set step = 5 where id = ?", draft); // to look at the later steps
        assertThat(page(stepOne)).contains("value=\"Copy of catalog\"",
                "value=\"mongodb://db.example.com:27017/?replicaSet=rs0\"", "value=\"reader\"")
                .doesNotContain("hunter2-in-uri").doesNotContain("stored — leave blank to keep");
        assertThat(page(base + "/step/2")).contains("value=\"5000\"");
        assertThat(page(base + "/step/3")).contains("value=\"catalog\"", "value=\"catalog_products\"");
        assertNowhereStored("hunter2-in-uri");
        assertThat(next(base, 1, Map.of("name", "Copy of catalog",
                "uri", "mongodb://db.example.com:27017/?replicaSet=rs0", "readPreference", "secondary",
                "credentials.username", "reader", "tls", "noVerify")))
                .as("the password is asked for again").contains("A password is needed with the username");
    }

    @Test
    void duplicatingABigQueryPipeCopiesItsTablesButNotTheKey() throws Exception {
        String pipe = UUID.randomUUID().toString();
        cloud.ok("GET", PIPES_PATH_UNDER_V1.formatted(organizationId) + "/" + pipe, """
                {"id":"%s","name":"warehouse","state":"Completed",
                 "source":{"bigquery":{"snapshotStagingPath":"gs://acme-staging/bq/",
                   "settings":{"replicationMode":"snapshot","initialLoadParallelism":4},
                   "tableMappings":[{"sourceDatasetName":"sales","sourceTable":"orders","targetTable":"sales_orders",
                     "excludedColumns":["card_number"],"useCustomSortingKey":true,"sortingKeys":["day","id"]}]}},
                 "destination":{"database":"warehouse","roles":["ingest"]}}""".formatted(pipe));

        String stepOne = mvc.perform(post("/organizations/" + organizationId + "/services/" + SERVICE + "/pipes/"
                + pipe + "/duplicate").with(csrf()).with(user("walker").roles("OPERATOR"))).andReturn().getResponse()
                .getRedirectedUrl();

        String base = stepOne.substring(0, stepOne.lastIndexOf("/step/"));
        String draft = base.substring(base.lastIndexOf('/') + 1);
        jdbc.update("update wizard_draft set step = 5 where id = ?", draft); // to look at the later steps
        assertThat(page(stepOne)).contains("value=\"gs://acme-staging/bq/\"")
                .doesNotContain("stored — leave blank to keep");
        assertThat(page(base + "/step/3")).contains("value=\"warehouse\"", "value=\"ingest\"",
                "value=\"sales_orders\"", "value=\"card_number\"", "value=\"day, id\"");
        assertThat(jdbc.queryForObject("select secrets_ciphertext from wizard_draft where id = ?", String.class,
                draft)).isNull();
    }

    // ---- helpers

    private String start(String kind) throws Exception {
        String stepOne = mvc.perform(post("/organizations/" + organizationId + "/services/" + SERVICE + "/pipes/new")
                .with(csrf()).with(user("walker").roles("OPERATOR")).param("kind", kind)).andReturn().getResponse()
                .getRedirectedUrl();
        assertThat(stepOne).as("started " + kind).isNotNull().endsWith("/step/1");
        return stepOne.substring(0, stepOne.lastIndexOf("/step/"));
    }

    private String next(String base, int step, Map<String, String> fields) throws Exception {
        MockHttpServletResponse response = submit(base, step, "next", fields);
        return response.getRedirectedUrl() != null ? response.getRedirectedUrl()
                : "stayed on " + step + ": " + response.getContentAsString()
                        .replaceAll("(?s).*?(<span class=\"field-error\"[^>]*>[^<]+).*", "$1");
    }

    private MockHttpServletResponse submit(String base, int step, String action, Map<String, String> fields)
            throws Exception {
        MockHttpServletRequestBuilder request = post(base + "/step/" + step).with(csrf())
                .with(user("walker").roles("OPERATOR")).param("_action", action);
        fields.forEach(request::param);
        return mvc.perform(request).andReturn().getResponse();
    }

    private String page(String path) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(path).with(user("walker").roles("OPERATOR"))).andReturn()
                .getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    private FakeCloud.Received create(String base) throws Exception {
        int before = cloud.received().size();
        MockHttpServletResponse created = mvc.perform(post(base + "/create").with(csrf())
                .with(user("walker").roles("OPERATOR"))).andReturn().getResponse();
        assertThat(created.getRedirectedUrl()).as(created.getContentAsString()).contains("/pipes/");
        List<FakeCloud.Received> posts = cloud.received().subList(before, cloud.received().size()).stream()
                .filter(r -> r.method().equals("POST")).toList();
        assertThat(posts).hasSize(1);
        return posts.get(0);
    }

    private static void assertSpecAccepts(JsonNode body) {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        assertThat(spec.violations(spec.operation("POST", "/v1" + PIPES_PATH_UNDER_V1.formatted(organizationId))
                .requestSchema(), body)).as(body.toString()).isEmpty();
        assertThat(DocumentAndWarehouseBodies.undeclared(spec, body)).as(body.toString()).isEmpty();
    }

    private void assertNowhereStored(String secret) {
        assertThat(jdbc.queryForList("select * from audit_record where action = 'pipe.create'").toString())
                .as("audit").doesNotContain(secret);
        assertThat(jdbc.queryForList("select * from wizard_draft").toString()).as("drafts").doesNotContain(secret);
    }

    /** The message shown at a field: its own message element, or for a table row's part the one beside its input. */
    private static String errorAt(String page, String field) {
        Matcher own = Pattern.compile("id=\"f-" + Pattern.quote(field.replace('.', '-'))
                + "-error\"[^>]*>([^<]*)<").matcher(page);
        if (own.find()) {
            return own.group(1);
        }
        Matcher row = Pattern.compile("name=\"" + Pattern.quote(field)
                + "\"[^<]*<span class=\"field-error\">([^<]*)<").matcher(page);
        return row.find() ? row.group(1) : "no message at " + field;
    }

    private static String body(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString();
    }
}
