package dev.pipedeck.wizard;

import static dev.pipedeck.wizard.DocumentAndWarehouseBodies.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pipedeck.audit.SecretMasking;
import dev.pipedeck.cloud.clickpipe.ClickPipeBigQueryPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeBigQueryPipeTableMapping;
import dev.pipedeck.testsupport.OpenApiSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The BigQuery wizard against the published spec: with only what is required or with every option (each table
 * engine), the create body is what the spec accepts and declares; the key goes out as base64 under
 * {@code credentials.serviceAccountFile} and must look like a service account key; the staging path is a gs:// path;
 * the table rows are checked across each other; Duplicate pre-fills everything but the key; and the reference page's
 * BigQuery example comes out as written.
 */
class BigQueryWizardTest {

    /** A service account key file as Google downloads it (the private key is a stand-in, not a real one). */
    static final String KEY_FILE = """
            {
              "type": "service_account",
              "project_id": "acme-warehouse",
              "private_key_id": "3f1c0a9e8b7d6c5b4a39281706f5e4d3c2b1a090",
              "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\n-----END PRIVATE KEY-----\\n",
              "client_email": "clickpipes@acme-warehouse.iam.gserviceaccount.com",
              "client_id": "104567890123456789012",
              "token_uri": "https://oauth2.googleapis.com/token"
            }
            """;

    private final BigQueryWizard wizard = new BigQueryWizard();

    static Stream<Arguments> optionGroups() {
        return Stream.of(Arguments.of(false, null), Arguments.of(true, "MergeTree"),
                Arguments.of(true, "ReplacingMergeTree"), Arguments.of(true, "Null"));
    }

    @ParameterizedTest(name = "everything {0}, engine {1}")
    @MethodSource("optionGroups")
    void theCreateBodyIsWhatTheSpecAccepts(boolean everything, String engine) {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        WizardValues values = typed(everything, engine);
        assertThat(allErrors(values)).as("typed as a person would, nothing is refused").isEmpty();

        JsonNode body = DocumentAndWarehouseBodies.createBody(wizard, values);

        assertThat(DocumentAndWarehouseBodies.violations(spec, body)).as(body.toString()).isEmpty();
        assertThat(DocumentAndWarehouseBodies.undeclared(spec, body)).as(body.toString()).isEmpty();
        assertThat(body.path("source").propertyNames()).containsExactly("bigquery");
        JsonNode bigquery = body.path("source").path("bigquery");
        assertThat(bigquery.path("snapshotStagingPath").asString()).isEqualTo("gs://acme-staging/bigquery/");
        assertThat(bigquery.path("credentials").propertyNames()).containsExactly("serviceAccountFile");
        JsonNode settings = bigquery.path("settings");
        assertThat(settings.path("replicationMode").asString()).isEqualTo("snapshot");
        if (everything) {
            assertThat(settings.toString()).isEqualTo("{\"replicationMode\":\"snapshot\",\"allowNullableColumns\":"
                    + "true,\"initialLoadParallelism\":4,\"snapshotNumRowsPerPartition\":500000,"
                    + "\"snapshotNumberOfParallelTables\":2}");
        } else {
            assertThat(settings.propertyNames()).containsExactly("replicationMode");
        }

        JsonNode mappings = bigquery.path("tableMappings");
        assertThat(mappings.size()).isEqualTo(everything ? 3 : 1);
        assertThat(mappings.get(0).toString()).isEqualTo(everything
                ? "{\"sourceDatasetName\":\"sales\",\"sourceTable\":\"orders\",\"targetTable\":\"sales_orders\","
                        + "\"excludedColumns\":[\"card_number\",\"notes\"],\"useCustomSortingKey\":true,"
                        + "\"sortingKeys\":[\"order_day\",\"order_id\"],\"tableEngine\":\"" + engine + "\"}"
                : "{\"sourceDatasetName\":\"sales\",\"sourceTable\":\"orders\",\"targetTable\":\"sales_orders\"}");
        if (everything) {
            assertThat(mappings.get(1).toString()).as("a sorting key alone")
                    .isEqualTo("{\"sourceDatasetName\":\"sales\",\"sourceTable\":\"daily revenue\",\"targetTable\":"
                            + "\"sales_daily_revenue\",\"useCustomSortingKey\":true,\"sortingKeys\":[\"day\"]}");
            assertThat(mappings.get(2).toString()).as("excluded columns alone")
                    .isEqualTo("{\"sourceDatasetName\":\"crm\",\"sourceTable\":\"orders\",\"targetTable\":"
                            + "\"crm_orders\",\"excludedColumns\":[\"email\"]}");
            assertThat(body.path("destination").toString())
                    .isEqualTo("{\"database\":\"warehouse\",\"roles\":[\"ingest\"]}");
        } else {
            assertThat(body.path("destination").toString()).isEqualTo("{\"database\":\"warehouse\"}");
        }
        assertThat(body.has("scaling")).isFalse();
    }

    @Test
    void theKeyIsSentAsTheBase64OfTheFileUnderCredentials() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();

        JsonNode credentials = JSON.valueToTree(wizard.source(null, typed(false, null))).path("bigquery")
                .path("credentials");

        assertThat(spec.schema("ClickPipeMutateBigQuerySource").get("properties").get("credentials").get("$ref")
                .asString()).isEqualTo("#/components/schemas/ServiceAccount");
        assertThat(spec.violations(spec.schema("ServiceAccount"), credentials)).isEmpty();
        byte[] decoded = Base64.getDecoder().decode(credentials.path("serviceAccountFile").asString());
        assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo(KEY_FILE);
        assertThat(JSON.valueToTree(wizard.source(null, typed(false, null))).toString())
                .doesNotContain("acme-warehouse").doesNotContain("PRIVATE KEY");
    }

    @Test
    void aKeyThatIsNotAServiceAccountKeyOrNotJsonIsRefusedAtTheKeyWithoutQuotingIt() {
        Map<String, String> userCredential = step1Errors("""
                {"type": "authorized_user", "client_id": "764086051850.apps.googleusercontent.com",
                 "client_secret": "d-FL95Q19q7MQmFpd7hHD0Ty", "refresh_token": "1//0gxyz"}""");
        assertThat(userCredential).containsOnlyKeys("serviceAccountKey");
        assertThat(userCredential.get("serviceAccountKey")).contains("authorized_user")
                .doesNotContain("d-FL95Q19q7MQmFpd7hHD0Ty");

        Map<String, String> incomplete = step1Errors("{\"type\": \"service_account\", \"project_id\": \"p\"}");
        assertThat(incomplete.get("serviceAccountKey")).contains("private_key, client_email");

        WizardField key = field("serviceAccountKey");
        assertThat(FieldValidation.error(key, new WizardValues(Map.of(), Map.of("serviceAccountKey", "{not json"))))
                .contains("not valid JSON");
        assertThat(FieldValidation.error(key, new WizardValues(Map.of(), Map.of("serviceAccountKey",
                Base64.getEncoder().encodeToString(KEY_FILE.getBytes(StandardCharsets.UTF_8))))))
                .as("the file itself, not its base64").isNotNull();
        assertThat(step1Errors(KEY_FILE)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://storage.googleapis.com/acme-staging/bigquery/", "s3://acme-staging/",
        "gs://Acme-Staging/", "gs://ab", "acme-staging/bigquery/", "gs://acme staging/"})
    void aStagingPathThatIsNotAGcsPathIsRefused(String path) {
        Map<String, String> plain = new HashMap<>(typed(false, null).values());
        plain.put("snapshotStagingPath", path);
        assertThat(wizard.crossFieldErrors(1, null, new WizardValues(plain, Map.of("serviceAccountKey", KEY_FILE))))
                .containsOnlyKeys("snapshotStagingPath");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gs://acme-staging", "gs://acme-staging/", "gs://acme.example.com/bq/staging/",
        "gs://acme_staging_01/a/b"})
    void gcsPathsPass(String path) {
        Map<String, String> plain = new HashMap<>(typed(false, null).values());
        plain.put("snapshotStagingPath", path);
        assertThat(wizard.crossFieldErrors(1, null, new WizardValues(plain, Map.of("serviceAccountKey", KEY_FILE))))
                .isEmpty();
    }

    // ---- the choices offered are the spec's

    @Test
    void theChoicesAndTheRowsAreTheSpecs() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        assertThat(optionValues(field("settings.replicationMode")))
                .isEqualTo(spec.enumOf("ClickPipeBigQueryPipeSettings", "replicationMode"))
                .isEqualTo(ClickPipeBigQueryPipeSettings.REPLICATION_MODES);
        assertThat(optionValues(rowField("tableEngine")))
                .isEqualTo(spec.enumOf("ClickPipeBigQueryPipeTableMapping", "tableEngine"))
                .isEqualTo(ClickPipeBigQueryPipeTableMapping.TABLE_ENGINES);
        JsonNode settings = spec.schema("ClickPipeBigQueryPipeSettings").get("properties");
        for (String name : settings.propertyNames()) {
            WizardField field = field("settings." + name);
            switch (settings.get(name).path("type").asString()) {
                case "number" -> assertThat(field.type()).as(name).isEqualTo(FieldType.INTEGER);
                case "boolean" -> assertThat(optionValues(field)).as(name).containsExactly("true", "false");
                default -> assertThat(field.type()).as(name).isEqualTo(FieldType.SELECT);
            }
        }
        for (String property : spec.schema("ClickPipeMutateBigQuerySource").get("properties").propertyNames()) {
            String asked = switch (property) {
                case "credentials" -> "serviceAccountKey";
                case "settings" -> "settings.replicationMode";
                case "tableMappings" -> null;
                default -> property;
            };
            if (asked != null) {
                assertThat(field(asked)).as(property).isNotNull();
            }
        }
        // a row: every property of the mapping, useCustomSortingKey said by typing a sorting key
        List<String> rowNames = new ArrayList<>(wizard.tableMappingFields(null).stream().map(WizardField::name)
                .toList());
        rowNames.add("useCustomSortingKey");
        assertThat(rowNames).containsExactlyInAnyOrderElementsOf(
                spec.schema("ClickPipeBigQueryPipeTableMapping").get("properties").propertyNames());
        assertThat(wizard.tableMappingFields(null).stream().filter(WizardField::required).map(WizardField::name))
                .containsExactly("sourceDatasetName", "sourceTable", "targetTable");
    }

    @Test
    void theKeyIsTheOneSecretAndASecretJsonField() {
        assertThat(field("serviceAccountKey").type()).isEqualTo(FieldType.SECRET_JSON);
        assertThat(field("serviceAccountKey").required()).isTrue();
        List<WizardField> every = new ArrayList<>(allFields());
        every.addAll(wizard.tableMappingFields(null));
        assertThat(every.stream().filter(WizardField::secret).map(WizardField::name))
                .containsExactly("serviceAccountKey");
        assertThat(every).allSatisfy(f -> assertThat(SecretMasking.isSecretName(f.name().replaceAll(".*\\.", "")))
                .as(f.name()).isEqualTo(f.secret()));
    }

    @Test
    void aKindThatReplicatesTablesAndCannotBeSampled() {
        assertThat(wizard.replicatesTables()).isTrue();
        assertThat(wizard.discoverySource(null, typed(true, "MergeTree"))).isNull();
        assertThat(wizard.tiles()).singleElement().satisfies(tile -> {
            assertThat(tile.group()).isEqualTo("Databases");
            assertThat(tile.kind()).isEqualTo("bigquery");
            assertThat(tile.type()).as("the spec's BigQuery source has no type").isNull();
        });
    }

    // ---- the reference page's example

    /** Fields the wizard asks for although the page's example leaves them out: none. */
    private static final Map<String, String> ADDED_ON_PURPOSE = Map.of();

    @Test
    void theReferencePagesBigQueryExampleTypedIntoTheFieldsComesOutAsThePageWroteIt() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        JsonNode page = DocumentAndWarehouseBodies.referenceExample("bigquery");
        JsonNode example = page.path("source").path("bigquery");
        Map<String, String> plain = new LinkedHashMap<>(ADDED_ON_PURPOSE);
        plain.put("name", page.path("name").asString());
        plain.put("destination.database", page.path("destination").path("database").asString());
        for (WizardField field : allFields()) {
            JsonNode value = example;
            for (String part : field.name().split("\\.")) {
                value = value.path(part);
            }
            if (!value.isMissingNode()) {
                plain.put(field.name(), value.asString());
            }
        }
        JsonNode mappings = example.path("tableMappings");
        for (int row = 0; row < mappings.size(); row++) {
            for (String part : mappings.get(row).propertyNames()) {
                plain.put("tables." + row + "." + part, mappings.get(row).get(part).asString());
            }
        }
        // the page's key is a placeholder; a person uploads the file, which goes out in base64 where it stood
        WizardValues values = new WizardValues(plain, Map.of("serviceAccountKey", KEY_FILE));
        assertThat(allErrors(values)).isEmpty();

        ObjectNode body = (ObjectNode) DocumentAndWarehouseBodies.createBody(wizard, values);

        assertThat(DocumentAndWarehouseBodies.violations(spec, body)).isEmpty();
        assertThat(DocumentAndWarehouseBodies.undeclared(spec, body)).isEmpty();
        ObjectNode credentials = (ObjectNode) body.path("source").path("bigquery").path("credentials");
        assertThat(Base64.getDecoder().decode(credentials.path("serviceAccountFile").asString()))
                .isEqualTo(KEY_FILE.getBytes(StandardCharsets.UTF_8));
        credentials.put("serviceAccountFile", example.path("credentials").path("serviceAccountFile").asString());
        assertThat(body).isEqualTo(page);
    }

    // ---- step 3: the tables

    @Test
    void noTableIsRefusedAtTheTablesEditor() {
        Map<String, String> plain = new HashMap<>(typed(false, null).values());
        plain.keySet().removeIf(name -> name.startsWith("tables."));
        plain.put("tables.0.sourceDatasetName", "");

        Map<String, String> errors = DatabaseDestination.errors(wizard, null, new WizardValues(plain, Map.of()));

        assertThat(errors).containsOnlyKeys("tables");
    }

    @Test
    void rowsAreCheckedAcrossEachOther() {
        Map<String, String> plain = new HashMap<>(typed(false, null).values());
        row(plain, 1, "sales", "orders", "orders_again");              // the same table again
        row(plain, 2, "crm", "contacts", "sales_orders");              // the same target again
        row(plain, 3, "acme-warehouse.sales", "sales.refunds", "refunds"); // project and dataset typed in
        row(plain, 4, "sales", "items", "items");
        plain.put("tables.4.excludedColumns", "price, note, price");
        plain.put("tables.4.sortingKeys", "id, id");
        row(plain, 5, "sales", "returns", "returns");
        plain.put("tables.5.excludedColumns", "reason");
        plain.put("tables.5.sortingKeys", "day, reason");
        row(plain, 6, "sales", "`quoted`", "sales quoted");

        Map<String, String> errors = DatabaseDestination.errors(wizard, null, new WizardValues(plain, Map.of()));

        assertThat(errors).containsOnlyKeys("tables.1.sourceTable", "tables.2.targetTable",
                "tables.3.sourceDatasetName", "tables.3.sourceTable", "tables.4.excludedColumns",
                "tables.4.sortingKeys", "tables.5.sortingKeys", "tables.6.sourceTable", "tables.6.targetTable");
        assertThat(errors.get("tables.1.sourceTable")).contains("Table 1 already copies this table");
        assertThat(errors.get("tables.2.targetTable")).contains("Table 1 already goes to this table");
        assertThat(errors.get("tables.3.sourceDatasetName")).contains("without the project");
        assertThat(errors.get("tables.3.sourceTable")).contains("dataset has its own field");
        assertThat(errors.get("tables.4.excludedColumns")).isEqualTo("Listed twice: price.");
        assertThat(errors.get("tables.4.sortingKeys")).isEqualTo("Listed twice: id.");
        assertThat(errors.get("tables.5.sortingKeys")).contains("excluded column").contains("reason");
    }

    // ---- Duplicate

    @ParameterizedTest(name = "everything {0}, engine {1}")
    @MethodSource("optionGroups")
    void duplicatingAPipeFillsInEveryPlainValueAndRowButNotTheKey(boolean everything, String engine) {
        WizardValues values = typed(everything, engine);
        ObjectNode source = JSON.valueToTree(wizard.source(null, values));
        ObjectNode answered = source.deepCopy();
        ((ObjectNode) answered.path("bigquery")).remove("credentials");

        Map<String, String> expected = new LinkedHashMap<>(values.values());
        expected.keySet().removeIf(name -> name.equals("name") || name.startsWith("destination.")
                || name.startsWith("settings.clickhouse"));
        assertThat(wizard.prefill(DocumentAndWarehouseBodies.pipeWith(answered, "warehouse"))).isEqualTo(expected);
        // even a server that echoed the key back does not get it into the new draft
        assertThat(wizard.prefill(DocumentAndWarehouseBodies.pipeWith(source, "warehouse"))).isEqualTo(expected)
                .doesNotContainKey("serviceAccountKey");
    }

    @Test
    void sortingKeysTheApiIgnoresAreNotPrefilledAndAnotherKindPrefillsNothing() {
        ObjectNode source = JSON.createObjectNode();
        ObjectNode mapping = source.putObject("bigquery").put("snapshotStagingPath", "gs://b/s/")
                .putArray("tableMappings").addObject();
        mapping.put("sourceDatasetName", "d").put("sourceTable", "t").put("targetTable", "d_t")
                .put("useCustomSortingKey", false).putArray("sortingKeys").add("id");

        assertThat(wizard.prefill(DocumentAndWarehouseBodies.pipeWith(source, "default")))
                .doesNotContainKey("tables.0.sortingKeys").containsEntry("tables.0.targetTable", "d_t");
        ObjectNode mongodb = JSON.createObjectNode();
        mongodb.putObject("mongodb").put("uri", "mongodb://db.example.com");
        assertThat(wizard.prefill(DocumentAndWarehouseBodies.pipeWith(mongodb, "default"))).isEmpty();
    }

    // ---- helpers

    private Map<String, String> step1Errors(String keyFile) {
        return wizard.crossFieldErrors(1, null, new WizardValues(Map.of("snapshotStagingPath", "gs://acme-staging/"),
                Map.of("serviceAccountKey", keyFile)));
    }

    /** Values as a person types them: the required fields, or every option with this engine on the first table. */
    private static WizardValues typed(boolean everything, String engine) {
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put("name", "warehouse from BigQuery");
        plain.put("snapshotStagingPath", "gs://acme-staging/bigquery/");
        plain.put("settings.replicationMode", "snapshot");
        plain.put("destination.database", "warehouse");
        row(plain, 0, "sales", "orders", "sales_orders");
        if (everything) {
            plain.put("settings.allowNullableColumns", "true");
            plain.put("settings.initialLoadParallelism", "4");
            plain.put("settings.snapshotNumRowsPerPartition", "500000");
            plain.put("settings.snapshotNumberOfParallelTables", "2");
            plain.put("tables.0.excludedColumns", "card_number, notes");
            plain.put("tables.0.sortingKeys", "order_day, order_id");
            plain.put("tables.0.tableEngine", engine);
            row(plain, 1, "sales", "daily revenue", "sales_daily_revenue");
            plain.put("tables.1.sortingKeys", "day");
            row(plain, 2, "crm", "orders", "crm_orders");
            plain.put("tables.2.excludedColumns", "email");
            plain.put("destination.roles", "ingest");
        }
        return new WizardValues(plain, Map.of("serviceAccountKey", KEY_FILE));
    }

    private static void row(Map<String, String> plain, int row, String dataset, String table, String target) {
        plain.put("tables." + row + ".sourceDatasetName", dataset);
        plain.put("tables." + row + ".sourceTable", table);
        plain.put("tables." + row + ".targetTable", target);
    }

    /** Every message the wizard's steps 1 to 4 would give these values. */
    private Map<String, String> allErrors(WizardValues values) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<WizardField> fields = new ArrayList<>(allFields());
        fields.add(WizardField.named("name", "Pipe name", FieldType.TEXT).required().build());
        fields.addAll(DatabaseDestination.destinationFields());
        fields.addAll(DatabaseDestination.settingsFields(BigQueryWizard.KIND));
        errors.putAll(FieldValidation.errors(fields, values));
        errors.putAll(wizard.crossFieldErrors(1, null, values));
        errors.putAll(wizard.crossFieldErrors(2, null, values));
        errors.putAll(DatabaseDestination.errors(wizard, null, values));
        return errors;
    }

    private List<WizardField> allFields() {
        return Stream.concat(wizard.connectionFields(null).stream(), wizard.dataFields(null).stream()).toList();
    }

    private WizardField field(String name) {
        return allFields().stream().filter(field -> field.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + name));
    }

    private WizardField rowField(String name) {
        return wizard.tableMappingFields(null).stream().filter(field -> field.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row field " + name));
    }

    private static List<String> optionValues(WizardField field) {
        return field.options().stream().map(FieldOption::value).toList();
    }
}
