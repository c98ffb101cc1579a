package dev.pipedeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.pipedeck.testsupport.FakeCloud;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * No secret leaves: one pipe of every source kind is created through the wizard's pages with unique planted secrets
 * (passwords, secret keys, service account keys, private keys, connection strings, a password pasted inside a
 * connection URI). The secrets reach ClickHouse Cloud, and nothing else: not any column of any table of the database
 * (the sessions' serialized attributes included), not the log (with Pipedeck's and Spring MVC's loggers at DEBUG),
 * not any page or fragment rendered during the run, not any audit record, not the CSV or JSON Lines export.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class NoSecretLeavesTest {

    static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-0000000000f7";
    static final String CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIUJ3b9nZyq0Xo3c2VydmVyLWNhMB4XDTI0MDEwMTAwMDAw
            -----END CERTIFICATE-----""";

    static FakeCloud cloud;
    static String organization;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AccountService accounts;

    final List<String> planted = new ArrayList<>();
    final List<String> rendered = new ArrayList<>();
    RequestPostProcessor operator;

    @BeforeAll
    static void startCloud() {
        cloud = new FakeCloud();
        organization = UUID.randomUUID().toString();
        String service = "/organizations/" + organization + "/services/" + SERVICE;
        cloud.ok("GET", service, "{\"id\":\"" + SERVICE + "\",\"name\":\"secrets\",\"state\":\"running\"}");
        cloud.ok("GET", service + "/clickpipesReversePrivateEndpoints", "[]");
        cloud.ok("GET", service + "/clickpipes", "[]");
        cloud.on("POST", service + "/clickpipes", call -> FakeCloud.envelope("{\"id\":\"" + UUID.randomUUID()
                + "\",\"name\":\"created\",\"state\":\"Provisioning\"}"));
    }

    @AfterAll
    static void stopCloud() {
        cloud.close();
    }

    record Walk(String kind, String type, List<Map<String, String>> steps) {
    }

    @Test
    void aPipeOfEveryKindCreatedThroughTheWizardLeavesItsSecretsNowhere(CapturedOutput output) throws Exception {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel("dev.pipedeck", LogLevel.DEBUG);
        logging.setLogLevel("org.springframework.web", LogLevel.DEBUG);
        try {
            cloud.connectOrganization(mvc, organization, "Secrets org");
            String username = "secret-planter-" + System.nanoTime();
            TestAccounts.create(accounts, username, Role.OPERATOR);
            operator = user(username).roles("OPERATOR");
            List<Walk> walks = walks();
            for (Walk walk : walks) {
                walkAndCreate(walk);
            }
            assertThat(cloud.received().stream().filter(call -> call.method().equals("POST")).count())
                    .as("one pipe of every kind created").isEqualTo(walks.size());
            String sentUpstream = withBase64Decoded(cloud.received().toString());
            for (String secret : planted) {
                assertThat(sentUpstream.contains(secret))
                        .as("the secret %s did reach ClickHouse Cloud (so the walk really carried it)", secret).isTrue();
            }
            renderTheAuditPages();

            List<String> leaks = new ArrayList<>();
            leaks.addAll(inTheDatabase());
            leaks.addAll(in("the log", output.getAll()));
            for (String page : rendered) {
                leaks.addAll(in("a page", page));
            }
            leaks.addAll(in("the audit records", jdbc.queryForList("select * from audit_record").toString()));
            leaks.addAll(in("the CSV export", export("/audit/export.csv")));
            leaks.addAll(in("the JSON Lines export", export("/audit/export.jsonl")));
            assertThat(leaks).isEmpty();
            assertThat(in("a probe", "[" + base64(planted.get(0)) + "]")).as("the search finds what it looks for")
                    .hasSize(1);
            assertThat(rendered).as("pages rendered during the run").hasSizeGreaterThan(60);
        } finally {
            logging.setLogLevel("dev.pipedeck", LogLevel.INFO);
            logging.setLogLevel("org.springframework.web", null);
        }
    }

    // ---- the walks, one per source kind (and per kind of secret)

    private List<Walk> walks() {
        Map<String, String> streamingDestination = Map.of("destination.database", "default",
                "destination.table", "events", "destination.managedTable", "true", "destination.engine", "MergeTree",
                "columns.0.name", "id", "columns.0.type", "String");
        List<Walk> walks = new ArrayList<>();
        String kafkaPassword = plant("kafka-password");
        walks.add(new Walk("kafka", "confluent", List.of(
                Map.of("name", "kafka with a password", "brokers", "pkc-1.us-east-1.aws.confluent.cloud:9092",
                        "authentication", "PLAIN", "credentials.username", "KEY", "secret:credentials.password",
                        kafkaPassword),
                Map.of("topics", "orders", "format", "JSONEachRow", "offset.strategy", "from_beginning"),
                streamingDestination, Map.of())));
        String privateKey = plantWithoutDashes("kafkaclientkey");
        walks.add(new Walk("kafka", "kafka", List.of(
                Map.of("name", "kafka with a client certificate", "brokers", "broker-1.example.com:9093",
                        "authentication", "MUTUAL_TLS", "credentials.certificate", CERTIFICATE,
                        "secret:credentials.privateKey", "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMG" + privateKey
                                + "\n-----END PRIVATE KEY-----"),
                Map.of("topics", "orders", "format", "JSONEachRow", "offset.strategy", "from_beginning"),
                streamingDestination, Map.of())));
        String kinesisKey = plant("kinesis-secret-key");
        walks.add(new Walk("kinesis", null, List.of(
                Map.of("name", "kinesis", "region", "us-east-1", "authentication", "IAM_USER",
                        "accessKey.accessKeyId", "AKIAIOSFODNN7EXAMPLE", "secret:accessKey.secretKey", kinesisKey),
                Map.of("streamName", "clicks", "format", "JSONEachRow", "iteratorType", "TRIM_HORIZON"),
                streamingDestination, Map.of())));
        String pubsubKey = plantWithoutDashes("pubsubkey");
        walks.add(new Walk("pubsub", null, List.of(
                Map.of("name", "pubsub", "projectId", "acme-analytics", "secret:serviceAccountKey", pubsubKey(pubsubKey)),
                Map.of("topic", "events", "format", "JSONEachRow", "seekType", "earliest"),
                streamingDestination, Map.of())));
        String s3Key = plant("s3-secret-key");
        walks.add(new Walk("objectStorage", "s3", List.of(
                Map.of("name", "s3", "url", "https://acme-lake.s3.eu-west-3.amazonaws.com/events/**/*.ndjson.gz",
                        "authentication", "IAM_USER", "accessKey.accessKeyId", "AKIAIOSFODNN7EXAMPLE",
                        "secret:accessKey.secretKey", s3Key),
                Map.of("format", "JSONEachRow"), streamingDestination, Map.of())));
        String gcsKey = plantWithoutDashes("gcskey");
        walks.add(new Walk("objectStorage", "gcs", List.of(
                Map.of("name", "gcs", "url", "https://storage.googleapis.com/acme-lake/events/*.json",
                        "authentication", "SERVICE_ACCOUNT", "secret:serviceAccountKey", pubsubKey(gcsKey)),
                Map.of("format", "JSONEachRow"), streamingDestination, Map.of())));
        String azureKey = plantWithoutDashes("AzureAccountKey");
        walks.add(new Walk("objectStorage", "azureblobstorage", List.of(
                Map.of("name", "azure", "azureContainerName", "acme-lake", "path", "events/**/*.json",
                        "authentication", "CONNECTION_STRING", "secret:connectionString",
                        "DefaultEndpointsProtocol=https;AccountName=acmelake;AccountKey=" + azureKey
                                + ";EndpointSuffix=core.windows.net"),
                Map.of("format", "JSONEachRow"), streamingDestination, Map.of())));
        String postgresPassword = plant("postgres-password");
        walks.add(new Walk("postgres", "rdspostgres", List.of(
                Map.of("name", "postgres", "host", "db.example.com", "port", "5432", "database", "shop",
                        "authentication", "basic", "credentials.username", "clickpipes",
                        "secret:credentials.password", postgresPassword),
                Map.of("settings.replicationMode", "cdc"),
                Map.of("destination.database", "analytics", "tables.0.sourceSchemaName", "public",
                        "tables.0.sourceTable", "orders"), Map.of())));
        String mysqlPassword = plant("mysql-password");
        walks.add(new Walk("mysql", "mariadb", List.of(
                Map.of("name", "mysql", "host", "10.0.0.12", "port", "3306", "authentication", "basic",
                        "credentials.username", "clickpipes", "secret:credentials.password", mysqlPassword),
                Map.of("settings.replicationMode", "cdc", "serverId", "4242"),
                Map.of("destination.database", "analytics", "tables.0.sourceSchemaName", "shop",
                        "tables.0.sourceTable", "orders"), Map.of())));
        String mongoPassword = plant("Atlas");
        walks.add(new Walk("mongodb", null, List.of(
                Map.of("name", "mongodb, password pasted in the URI", "uri", "mongodb+srv://clickpipes:"
                        + mongoPassword + "@cluster0.abcde.mongodb.net/?retryWrites=true&w=majority",
                        "readPreference", "secondaryPreferred", "tls", "verify"),
                Map.of("settings.replicationMode", "cdc"),
                Map.of("destination.database", "default", "tables.0.sourceDatabaseName", "app",
                        "tables.0.sourceCollection", "events", "tables.0.targetTable", "app_events"), Map.of())));
        String bigqueryKey = plantWithoutDashes("bigquerykey");
        walks.add(new Walk("bigquery", null, List.of(
                Map.of("name", "bigquery", "secret:serviceAccountKey", pubsubKey(bigqueryKey),
                        "snapshotStagingPath", "gs://acme-staging/bigquery/"),
                Map.of("settings.replicationMode", "snapshot"),
                Map.of("destination.database", "warehouse", "tables.0.sourceDatasetName", "sales",
                        "tables.0.sourceTable", "orders", "tables.0.targetTable", "sales_orders"), Map.of())));
        return walks;
    }

    private void walkAndCreate(Walk walk) throws Exception {
        MockHttpServletRequestBuilder start = post("/organizations/" + organization + "/services/" + SERVICE
                + "/pipes/new").param("kind", walk.kind());
        if (walk.type() != null) {
            start.param("type", walk.type());
        }
        String stepOne = perform(start).getRedirectedUrl();
        assertThat(stepOne).as("started " + walk.kind()).isNotNull();
        String base = stepOne.substring(0, stepOne.lastIndexOf("/step/"));
        render(base + "/step/1");
        for (int step = 1; step <= 4; step++) {
            MockHttpServletRequestBuilder next = post(base + "/step/" + step).param("_action", "next");
            walk.steps().get(step - 1).forEach(next::param);
            MockHttpServletResponse answer = perform(next);
            rendered.add(answer.getContentAsString());
            assertThat(answer.getRedirectedUrl()).as(walk.kind() + " step " + step + ": " + fieldErrors(answer))
                    .endsWith("/step/" + (step + 1));
            render(base + "/step/" + (step + 1));
            for (int back = 1; back <= step; back++) {
                render(base + "/step/" + back);
            }
            MockHttpServletRequestBuilder check = post(base + "/validate/" + step).header("HX-Request", "true")
                    .param("_field", "name");
            walk.steps().get(step - 1).forEach(check::param);
            rendered.add(perform(check).getContentAsString());
        }
        MockHttpServletResponse created = perform(post(base + "/create"));
        rendered.add(created.getContentAsString());
        assertThat(created.getRedirectedUrl()).as(walk.kind() + " created: " + fieldErrors(created)).contains("/pipes/");
        render(base + "/step/5");
        render(created.getRedirectedUrl());
    }

    // ---- where secrets must not be

    private List<String> inTheDatabase() {
        List<String> leaks = new ArrayList<>();
        List<Map<String, Object>> tables = jdbc.queryForList("select table_schema, table_name from "
                + "information_schema.tables where lower(table_type) in ('base table', 'table') and "
                + "lower(table_schema) not in ('information_schema', 'pg_catalog')");
        assertThat(tables).as("the database's tables").hasSizeGreaterThan(10);
        for (Map<String, Object> table : tables) {
            String name = "\"" + table.get("table_schema") + "\".\"" + table.get("table_name") + "\"";
            for (Map<String, Object> row : jdbc.queryForList("select * from " + name)) {
                StringBuilder text = new StringBuilder();
                for (Object value : row.values()) {
                    text.append(' ').append(asText(value));
                }
                leaks.addAll(in("table " + name, text.toString()));
            }
        }
        return leaks;
    }

    private static String asText(Object value) {
        try {
            if (value instanceof byte[] bytes) {
                return new String(bytes, StandardCharsets.ISO_8859_1) + " " + new String(bytes, StandardCharsets.UTF_8);
            }
            if (value instanceof Blob blob) {
                return asText(blob.getBytes(1, (int) blob.length()));
            }
            if (value instanceof Clob clob) {
                return clob.getSubString(1, (int) clob.length());
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return String.valueOf(value);
    }

    private List<String> in(String where, String text) {
        List<String> leaks = new ArrayList<>();
        String decoded = withBase64Decoded(text);
        for (String secret : planted) {
            if (decoded.contains(secret) || text.contains(base64(secret))) {
                leaks.add(secret + " in " + where);
            }
        }
        return leaks;
    }

    private void renderTheAuditPages() throws Exception {
        String list = render("/audit");
        render("/audit?q=pipe.create");
        for (String detail : Jsoup.parse(list).select("a[href~=^/audit/\\d+$]").eachAttr("href")) {
            render(detail);
        }
        for (Long id : jdbc.queryForList("select id from audit_record order by id desc limit 60", Long.class)) {
            render("/audit/" + id);
        }
        render("/account");
    }

    private String export(String path) throws Exception {
        MvcResult started = mvc.perform(get(path).with(user("secret-auditor").roles("VIEWER"))).andReturn();
        MockHttpServletResponse response = started.getRequest().isAsyncStarted()
                ? mvc.perform(asyncDispatch(started)).andReturn().getResponse() : started.getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).as(path + " holds the run's records").contains("pipe.create");
        return body;
    }

    // ---- helpers

    private String plant(String label) {
        String secret = "planted-" + label + "-" + UUID.randomUUID();
        planted.add(secret);
        return secret;
    }

    /** For secrets inside keys and connection strings, where a dash would end the token. */
    private String plantWithoutDashes(String label) {
        String secret = "planted" + label + UUID.randomUUID().toString().replace("-", "");
        planted.add(secret);
        return secret;
    }

    /** A Google service account key whose private key carries {@code marker}. */
    private static String pubsubKey(String marker) {
        return """
                {"type":"service_account","project_id":"acme","private_key_id":"k1",
                 "private_key":"-----BEGIN PRIVATE KEY-----\\nMIIE%s\\n-----END PRIVATE KEY-----\\n",
                 "client_email":"clickpipes@acme.iam.gserviceaccount.com",
                 "token_uri":"https://oauth2.googleapis.com/token"}""".formatted(marker);
    }

    /** The text, followed by what each base64 token in it decodes to (keys travel base64-encoded). */
    private static String withBase64Decoded(String text) {
        StringBuilder all = new StringBuilder(text);
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("[A-Za-z0-9+/]{40,}={0,2}").matcher(text);
        while (token.find()) {
            try {
                all.append(' ').append(new String(Base64.getDecoder().decode(token.group()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notBase64) {
                // a long word, not base64
            }
        }
        return all.toString();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private String render(String path) throws Exception {
        MockHttpServletResponse response = perform(get(path));
        String body = response.getContentAsString();
        rendered.add(body);
        return body;
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(csrf()).with(operator)).andReturn().getResponse();
    }

    private static String fieldErrors(MockHttpServletResponse answer) throws Exception {
        return Jsoup.parse(answer.getContentAsString()).select("[role=alert]").eachText().toString();
    }
}
