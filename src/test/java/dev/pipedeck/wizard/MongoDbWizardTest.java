package dev.pipedeck.wizard;

import static dev.pipedeck.wizard.DocumentAndWarehouseBodies.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.pipedeck.audit.SecretMasking;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBSource;
import dev.pipedeck.testsupport.OpenApiSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MongoDB CDC wizard against the published spec: every replication mode with every TLS choice, with only what is
 * required or with everything, builds a create body the spec accepts (and nothing it does not declare); the choices
 * and minimums are the spec's; the URI never carries a password; the collection rows are checked across each other;
 * Duplicate pre-fills everything but the password; and the reference page's MongoDB example comes out as written.
 */
class MongoDbWizardTest {

    private static final String PASSWORD = "mongo-planted-password-7Q";
    private static final String CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIUJ3b9nZyq0Xo3c2VydmVyLWNhMB4XDTI0MDEwMTAwMDAw
            -----END CERTIFICATE-----""";

    private final MongoDbWizard wizard = new MongoDbWizard();

    static Stream<Arguments> modesTlsChoicesAndOptions() {
        List<Arguments> cases = new ArrayList<>();
        for (String mode : List.of("cdc", "snapshot", "cdc_only")) {
            for (String tls : List.of(MongoDbWizard.TLS_VERIFY, MongoDbWizard.TLS_NO_VERIFY, MongoDbWizard.TLS_OFF)) {
                cases.add(Arguments.of(mode, tls, false));
                cases.add(Arguments.of(mode, tls, true));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, TLS {1}, everything {2}")
    @MethodSource("modesTlsChoicesAndOptions")
    void theCreateBodyIsWhatTheSpecAccepts(String mode, String tls, boolean everything) {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        WizardValues values = typed(mode, tls, everything);
        assertThat(allErrors(values)).as("typed as a person would, nothing is refused").isEmpty();

        JsonNode body = DocumentAndWarehouseBodies.createBody(wizard, values);

        assertThat(DocumentAndWarehouseBodies.violations(spec, body)).as(body.toString()).isEmpty();
        assertThat(DocumentAndWarehouseBodies.undeclared(spec, body)).as(body.toString()).isEmpty();
        assertThat(body.path("source").propertyNames()).containsExactly("mongodb");
        JsonNode mongodb = body.path("source").path("mongodb");
        assertThat(mongodb.path("uri").asString()).isEqualTo("mongodb+srv://cluster0.example.mongodb.net/?appName=pd");
        assertThat(mongodb.path("readPreference").asString()).isEqualTo("secondaryPreferred");
        if (everything) {
            assertThat(mongodb.path("credentials").toString())
                    .isEqualTo("{\"username\":\"clickpipes\",\"password\":\"" + PASSWORD + "\"}");
        } else {
            assertThat(mongodb.has("credentials")).as("the spec makes credentials optional").isFalse();
        }

        // TLS: one choice, two switches; what does not apply to it is not sent even though it was typed
        assertThat(mongodb.path("disableTls").asBoolean()).isEqualTo(tls.equals(MongoDbWizard.TLS_OFF));
        assertThat(mongodb.path("skipCertVerification").asBoolean())
                .isEqualTo(tls.equals(MongoDbWizard.TLS_NO_VERIFY));
        assertThat(mongodb.has("disableTls")).isEqualTo(tls.equals(MongoDbWizard.TLS_OFF));
        assertThat(mongodb.has("skipCertVerification")).isEqualTo(tls.equals(MongoDbWizard.TLS_NO_VERIFY));
        assertThat(mongodb.has("tlsHost")).isEqualTo(everything && !tls.equals(MongoDbWizard.TLS_OFF));
        assertThat(mongodb.has("caCertificate")).isEqualTo(everything && tls.equals(MongoDbWizard.TLS_VERIFY));

        JsonNode settings = mongodb.path("settings");
        assertThat(settings.path("replicationMode").asString()).isEqualTo(mode);
        boolean cdc = !mode.equals("snapshot");
        boolean snapshot = !mode.equals("cdc_only");
        assertThat(settings.has("syncIntervalSeconds")).isEqualTo(everything && cdc);
        assertThat(settings.has("pullBatchSize")).isEqualTo(everything && cdc);
        assertThat(settings.has("deleteOnMerge")).isEqualTo(everything && cdc);
        assertThat(settings.has("snapshotNumRowsPerPartition")).isEqualTo(everything && snapshot);
        assertThat(settings.has("snapshotNumberOfParallelTables")).isEqualTo(everything && snapshot);
        assertThat(settings.has("useJsonNativeFormat")).isEqualTo(everything);
        if (everything) {
            assertThat(settings.path("useJsonNativeFormat").isBoolean()).isTrue();
            assertThat(settings.path("useJsonNativeFormat").asBoolean()).isFalse();
            if (cdc) {
                assertThat(settings.path("syncIntervalSeconds").isInt()).isTrue();
                assertThat(settings.path("syncIntervalSeconds").asInt()).isEqualTo(30);
                assertThat(settings.path("deleteOnMerge").asBoolean()).isTrue();
            }
            if (snapshot) {
                assertThat(settings.path("snapshotNumRowsPerPartition").asInt()).isEqualTo(1000);
            }
        }

        JsonNode mappings = mongodb.path("tableMappings");
        assertThat(mappings.size()).isEqualTo(everything ? 2 : 1);
        assertThat(mappings.get(0).toString()).isEqualTo(
                "{\"sourceDatabaseName\":\"shop\",\"sourceCollection\":\"orders\",\"targetTable\":\"shop_orders\"}");
        if (everything) {
            assertThat(mappings.get(1).path("tableEngine").asString()).isEqualTo("MergeTree");
            assertThat(body.path("destination").toString())
                    .isEqualTo("{\"database\":\"analytics\",\"roles\":[\"ingest\",\"reader\"]}");
            assertThat(body.path("settings").path("clickhouse_max_insert_threads").asInt()).isEqualTo(4);
        } else {
            assertThat(body.path("destination").toString()).isEqualTo("{\"database\":\"analytics\"}");
            assertThat(body.has("settings")).isFalse();
        }
        assertThat(body.has("scaling")).as("database pipes share the service's CDC capacity").isFalse();
    }

    // ---- the choices offered are the spec's

    @Test
    void theChoicesMinimumsAndRequiredFieldsAreTheSpecs() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        assertThat(optionValues(field("readPreference")))
                .isEqualTo(spec.enumOf("ClickPipeMutateMongoDBSource", "readPreference"))
                .isEqualTo(ClickPipeMongoDBSource.READ_PREFERENCES);
        assertThat(optionValues(field("settings.replicationMode")))
                .isEqualTo(spec.enumOf("ClickPipeMongoDBPipeSettings", "replicationMode"))
                .isEqualTo(ClickPipeMongoDBPipeSettings.REPLICATION_MODES);
        assertThat(optionValues(rowField("tableEngine")))
                .isEqualTo(spec.enumOf("ClickPipeMongoDBPipeTableMapping", "tableEngine"))
                .isEqualTo(ClickPipeMongoDBPipeTableMapping.TABLE_ENGINES);

        JsonNode settings = spec.schema("ClickPipeMongoDBPipeSettings").get("properties");
        for (String name : settings.propertyNames()) {
            WizardField field = field("settings." + name);
            JsonNode property = settings.get(name);
            if (property.path("type").asString().equals("integer")) {
                assertThat(field.type()).as(name).isEqualTo(FieldType.INTEGER);
                assertThat(field.min()).as(name).isEqualTo(property.get("minimum").asLong());
                assertThat(field.required()).as(name).isFalse();
            } else if (property.path("type").asString().equals("boolean")) {
                assertThat(optionValues(field)).as(name + ": on, off, or the API's default").containsExactly("true",
                        "false");
                assertThat(field.required()).as(name).isFalse();
            }
        }
        assertThat(field("settings.replicationMode").required()).isTrue();

        // every property of the create source is asked for: TLS's two switches by one choice
        Set<String> asked = new java.util.HashSet<>(allFieldNames());
        asked.add("disableTls");
        asked.add("skipCertVerification");
        for (String property : spec.schema("ClickPipeMutateMongoDBSource").get("properties").propertyNames()) {
            if (property.equals("tableMappings")) {
                continue;
            }
            assertThat(asked.stream().anyMatch(name -> name.equals(property) || name.startsWith(property + ".")))
                    .as(property).isTrue();
        }
        List<String> required = new ArrayList<>();
        spec.schema("ClickPipeMutateMongoDBSource").get("required").forEach(n -> required.add(n.asString()));
        for (String name : required) {
            if (!name.equals("settings") && !name.equals("tableMappings")) {
                assertThat(field(name).required()).as(name).isTrue();
            }
        }

        // a row: exactly the mapping's properties, required as the spec says
        JsonNode mapping = spec.schema("ClickPipeMongoDBPipeTableMapping");
        assertThat(wizard.tableMappingFields(null)).extracting(WizardField::name)
                .containsExactlyElementsOf(mapping.get("properties").propertyNames());
        List<String> requiredInRow = new ArrayList<>();
        mapping.get("required").forEach(n -> requiredInRow.add(n.asString()));
        assertThat(wizard.tableMappingFields(null).stream().filter(WizardField::required).map(WizardField::name))
                .containsExactlyElementsOf(requiredInRow);
    }

    @Test
    void thePasswordIsTheOneSecretAndEverySecretLookingFieldIsOne() {
        assertThat(field("credentials.password").type()).isEqualTo(FieldType.SECRET);
        assertThat(field("credentials.username").secret()).isFalse();
        List<WizardField> every = new ArrayList<>(allFields());
        every.addAll(wizard.tableMappingFields(null));
        assertThat(every.stream().filter(WizardField::secret).map(WizardField::name))
                .containsExactly("credentials.password");
        assertThat(every).allSatisfy(f -> assertThat(SecretMasking.isSecretName(f.name().replaceAll(".*\\.", "")))
                .as(f.name()).isEqualTo(f.secret()));
    }

    @Test
    void aKindThatReplicatesTablesAndCannotBeSampled() {
        assertThat(wizard.replicatesTables()).isTrue();
        assertThat(wizard.discoverySource(null, typed("cdc", MongoDbWizard.TLS_VERIFY, true))).isNull();
        assertThat(wizard.tiles()).singleElement().satisfies(tile -> {
            assertThat(tile.group()).isEqualTo("Databases");
            assertThat(tile.kind()).isEqualTo("mongodb");
            assertThat(tile.type()).as("the spec's MongoDB source has no type").isNull();
        });
    }

    // ---- the reference page's example

    /** Fields the wizard asks for although the page's example leaves them out, and what they send. */
    private static final Map<String, String> ADDED_ON_PURPOSE = Map.of(
            MongoDbWizard.TLS, "TLS is a conscious choice; " + MongoDbWizard.TLS_VERIFY + " (the API's default) "
                    + "sends nothing");

    @Test
    void theReferencePagesMongoDbExampleTypedIntoTheFieldsComesOutAsThePageWroteIt() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        JsonNode page = DocumentAndWarehouseBodies.referenceExample("mongodb");
        JsonNode example = page.path("source").path("mongodb");
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        plain.put("name", page.path("name").asString());
        plain.put("destination.database", page.path("destination").path("database").asString());
        for (WizardField field : allFields()) {
            JsonNode value = example;
            for (String part : field.name().split("\\.")) {
                value = value.path(part);
            }
            if (!value.isMissingNode()) {
                (field.secret() ? secrets : plain).put(field.name(), value.asString());
            }
        }
        JsonNode mappings = example.path("tableMappings");
        for (int row = 0; row < mappings.size(); row++) {
            for (String part : mappings.get(row).propertyNames()) {
                plain.put("tables." + row + "." + part, mappings.get(row).get(part).asString());
            }
        }
        ADDED_ON_PURPOSE.keySet().forEach(name -> plain.put(name, MongoDbWizard.TLS_VERIFY));
        WizardValues values = new WizardValues(plain, secrets);
        assertThat(allErrors(values)).isEmpty();

        JsonNode body = DocumentAndWarehouseBodies.createBody(wizard, values);

        assertThat(body).isEqualTo(page);
        assertThat(DocumentAndWarehouseBodies.violations(spec, body)).isEmpty();
        assertThat(DocumentAndWarehouseBodies.undeclared(spec, body)).isEmpty();
    }

    // ---- step 1: the URI, credentials and TLS

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mongodb://clickpipes:s3cret@db.example.com:27017   | verify | uri | go in their own fields",
        "mongodb+srv://clickpipes@cluster0.example.mongodb.net | verify | uri | go in their own fields",
        "mongodb://u:p@ss/word@db.example.com/?tls=true     | verify | uri | go in their own fields",
        "mongodb://db.example.com/?tlsCertificateKeyFilePassword=x | verify | uri | option holds a secret",
        "postgres://db.example.com:5432                     | verify | uri | starts with mongodb://",
        "MONGODB://db.example.com                           | verify | uri | starts with mongodb://",
        "mongodb+srv://cluster0.example.mongodb.net:27017   | verify | uri | one host without a port",
        "mongodb://a.example.com:27017,,b.example.com       | verify | uri | empty host",
        "mongodb://db.example.com:27017:1                   | verify | uri | is not a host",
        "mongodb:///admin                                   | verify | uri | empty host",
        "mongodb://db.example.com/?tls=false                | verify | tls | The URI says tls=false",
        "mongodb://db.example.com/?ssl=true                 | off    | tls | The URI says tls=true" })
    void aUriThatCannotWorkOrWouldShowAPasswordIsRefused(String uri, String tls, String field, String message) {
        Map<String, String> plain = new HashMap<>(typed("cdc", tls, false).values());
        plain.put("uri", uri);

        Map<String, String> errors = wizard.crossFieldErrors(1, null, new WizardValues(plain, Map.of()));

        assertThat(errors).containsOnlyKeys(field);
        assertThat(errors.get(field)).contains(message).doesNotContain("s3cret").doesNotContain("word@");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"mongodb://db.example.com",
        "mongodb://db-1.example.com:27017,db-2.example.com:27017,[::1]:27018/admin?replicaSet=rs0&authSource=admin",
        "mongodb+srv://cluster0.example.mongodb.net/?retryWrites=true&w=majority&tls=true",
        "mongodb://10.0.0.12:27017/?directConnection=true"})
    void ordinaryUrisPass(String uri) {
        Map<String, String> plain = new HashMap<>(typed("cdc", MongoDbWizard.TLS_VERIFY, false).values());
        plain.put("uri", uri);
        assertThat(wizard.crossFieldErrors(1, null, new WizardValues(plain, Map.of()))).isEmpty();
    }

    @Test
    void aConnectionStringPastedWithItsPasswordIsTakenApartBeforeAnythingIsSaved() {
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put("uri", " mongodb+srv://click%40pipes:p%40ss+w%2Frd@cluster0.example.mongodb.net/?retryWrites=true ");
        plain.put("credentials.username", "");
        Map<String, String> secrets = new LinkedHashMap<>();

        wizard.separateSecrets(1, null, plain, secrets);

        assertThat(plain).containsEntry("uri", "mongodb+srv://cluster0.example.mongodb.net/?retryWrites=true")
                .containsEntry("credentials.username", "click@pipes");
        assertThat(secrets).containsExactly(Map.entry("credentials.password", "p@ss+w/rd"));
        assertThat(plain.toString()).doesNotContain("p%40ss").doesNotContain("p@ss");
        assertThat(wizard.crossFieldErrors(1, null, new WizardValues(with(plain, "readPreference", "primary", "tls",
                "verify"), secrets))).isEmpty();
    }

    @Test
    void whatIsTypedInTheUsernameAndPasswordFieldsWinsOverTheUris() {
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put("uri", "mongodb://old:old-password@db.example.com");
        plain.put("credentials.username", "reader");
        Map<String, String> secrets = new LinkedHashMap<>(Map.of("credentials.password", "typed-password"));

        wizard.separateSecrets(1, null, plain, secrets);

        assertThat(plain).containsEntry("uri", "mongodb://db.example.com").containsEntry("credentials.username",
                "reader");
        assertThat(secrets).containsExactly(Map.entry("credentials.password", "typed-password"));

        Map<String, String> otherStep = new LinkedHashMap<>(Map.of("uri", "mongodb://u:p@db.example.com"));
        wizard.separateSecrets(2, null, otherStep, new LinkedHashMap<>());
        assertThat(otherStep).as("only step 1 has the URI").containsEntry("uri", "mongodb://u:p@db.example.com");
        Map<String, String> plainUri = new LinkedHashMap<>(Map.of("uri", "mongodb://db.example.com"));
        wizard.separateSecrets(1, null, plainUri, secrets);
        assertThat(plainUri).containsExactly(Map.entry("uri", "mongodb://db.example.com"));
    }

    @Test
    void aUsernameNeedsItsPasswordAndAPasswordItsUsername() {
        Map<String, String> plain = new HashMap<>(typed("cdc", MongoDbWizard.TLS_VERIFY, false).values());
        plain.put("credentials.username", "clickpipes");
        assertThat(wizard.crossFieldErrors(1, null, new WizardValues(plain, Map.of())))
                .containsOnlyKeys("credentials.password");
        plain.remove("credentials.username");
        assertThat(wizard.crossFieldErrors(1, null, new WizardValues(plain,
                Map.of("credentials.password", PASSWORD)))).containsOnlyKeys("credentials.username");
        plain.put("credentials.username", "clickpipes");
        assertThat(wizard.crossFieldErrors(1, null, new WizardValues(plain,
                Map.of("credentials.password", PASSWORD)))).isEmpty();
    }

    @Test
    void aTlsHostMustBeAHostAndACaCertificateAPemCertificateWhenTheyApply() {
        Map<String, String> plain = new HashMap<>(typed("cdc", MongoDbWizard.TLS_VERIFY, false).values());
        plain.put("tlsHost", "https://cluster0.example.mongodb.net:27017");
        plain.put("caCertificate", "MIIBszCCAVmgAwIBAgIU");
        assertThat(wizard.crossFieldErrors(1, null, new WizardValues(plain, Map.of())))
                .containsOnlyKeys("tlsHost", "caCertificate");
        plain.put(MongoDbWizard.TLS, MongoDbWizard.TLS_NO_VERIFY);
        assertThat(wizard.crossFieldErrors(1, null, new WizardValues(plain, Map.of()))).containsOnlyKeys("tlsHost");
        plain.put(MongoDbWizard.TLS, MongoDbWizard.TLS_OFF);
        assertThat(wizard.crossFieldErrors(1, null, new WizardValues(plain, Map.of())))
                .as("neither applies without TLS").isEmpty();
    }

    @Test
    void settingsBelowTheSpecsMinimumsAreRefusedAtTheirFields() {
        Map<String, String> plain = new HashMap<>(typed("cdc", MongoDbWizard.TLS_VERIFY, false).values());
        plain.put("settings.snapshotNumRowsPerPartition", "999");
        plain.put("settings.syncIntervalSeconds", "0");
        plain.put("settings.deleteOnMerge", "yes");
        Map<String, String> errors = FieldValidation.errors(wizard.dataFields(null), new WizardValues(plain,
                Map.of()));
        assertThat(errors).containsOnlyKeys("settings.snapshotNumRowsPerPartition", "settings.syncIntervalSeconds",
                "settings.deleteOnMerge");
        assertThat(errors.get("settings.snapshotNumRowsPerPartition")).contains("from 1000");
    }

    // ---- step 3: the collections

    @Test
    void noCollectionIsRefusedAtTheTablesEditor() {
        Map<String, String> plain = new HashMap<>(typed("cdc", MongoDbWizard.TLS_VERIFY, false).values());
        plain.keySet().removeIf(name -> name.startsWith("tables."));
        plain.put("tables.0.sourceDatabaseName", "");

        Map<String, String> errors = DatabaseDestination.errors(wizard, null, new WizardValues(plain, Map.of()));

        assertThat(errors).containsOnlyKeys("tables");
        assertThat(errors.get("tables")).contains("at least one table");
    }

    @Test
    void rowsAreCheckedAcrossEachOther() {
        Map<String, String> plain = new HashMap<>(typed("cdc", MongoDbWizard.TLS_VERIFY, false).values());
        row(plain, 1, "shop", "orders", "orders_copy");       // the same collection again
        row(plain, 2, "shop", "customers", "shop_orders");    // the same target again
        row(plain, 3, "my.shop", "system.users", "db.t");     // names MongoDB and ClickHouse cannot take
        row(plain, 4, "shop", "pay$ments", "pay ments");
        row(plain, 5, "shop", "", "");                        // half-typed: the required checks say so

        Map<String, String> errors = DatabaseDestination.errors(wizard, null, new WizardValues(plain, Map.of()));

        assertThat(errors).containsOnlyKeys("tables.1.sourceCollection", "tables.2.targetTable",
                "tables.3.sourceDatabaseName", "tables.3.sourceCollection", "tables.3.targetTable",
                "tables.4.sourceCollection", "tables.4.targetTable", "tables.5.sourceCollection",
                "tables.5.targetTable");
        assertThat(errors.get("tables.1.sourceCollection")).contains("Table 1 already replicates");
        assertThat(errors.get("tables.2.targetTable")).contains("Table 1 already goes to this table");
        assertThat(errors.get("tables.3.targetTable")).contains("target database is chosen above");
        assertThat(errors.get("tables.3.sourceCollection")).contains("system.");
        assertThat(errors.get("tables.5.targetTable")).isEqualTo("Target table is required.");
    }

    // ---- Duplicate

    @ParameterizedTest(name = "{0}, TLS {1}, everything {2}")
    @MethodSource("modesTlsChoicesAndOptions")
    void duplicatingAPipeFillsInEveryPlainValueAndRowButNotThePassword(String mode, String tls, boolean everything) {
        WizardValues values = typed(mode, tls, everything);
        ObjectNode answered = JSON.valueToTree(wizard.source(null, values));
        ((ObjectNode) answered.path("mongodb")).remove("credentials");

        Map<String, String> prefill = wizard.prefill(DocumentAndWarehouseBodies.pipeWith(answered, "analytics"));

        Map<String, String> expected = new LinkedHashMap<>();
        WizardValues sentOnly = values;
        for (WizardField field : allFields()) {
            if (!field.name().startsWith("credentials.") && field.appliesTo(sentOnly)
                    && values.get(field.name()) != null) {
                expected.put(field.name(), values.get(field.name()));
            }
        }
        values.values().forEach((name, value) -> {
            if (name.startsWith("tables.")) {
                expected.put(name, value);
            }
        });
        assertThat(prefill).isEqualTo(expected).doesNotContainValue(PASSWORD);
    }

    @Test
    void aPipeWhoseUriHoldsCredentialsIsDuplicatedWithoutThePassword() {
        ObjectNode source = JSON.createObjectNode();
        source.putObject("mongodb").put("uri", "mongodb://click%40pipes:s3cret@db.example.com:27017/?replicaSet=rs0")
                .put("readPreference", "primary");

        Map<String, String> prefill = wizard.prefill(DocumentAndWarehouseBodies.pipeWith(source, "default"));

        assertThat(prefill).containsEntry("uri", "mongodb://db.example.com:27017/?replicaSet=rs0")
                .containsEntry("credentials.username", "click@pipes").containsEntry("tls", "verify");
        assertThat(prefill.toString()).doesNotContain("s3cret");
        ObjectNode kafka = JSON.createObjectNode();
        kafka.putObject("kafka").put("topics", "orders");
        assertThat(wizard.prefill(DocumentAndWarehouseBodies.pipeWith(kafka, "default"))).isEmpty();
    }

    // ---- helpers

    /**
     * Values as a person types them: the required fields, or everything — including fields that do not apply to the
     * choices made (typed before changing their mind), which must then be neither checked nor sent.
     */
    private static WizardValues typed(String mode, String tls, boolean everything) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        plain.put("name", "shop from MongoDB");
        plain.put("uri", "mongodb+srv://cluster0.example.mongodb.net/?appName=pd");
        plain.put("readPreference", "secondaryPreferred");
        plain.put(MongoDbWizard.TLS, tls);
        plain.put("settings.replicationMode", mode);
        plain.put("destination.database", "analytics");
        row(plain, 0, "shop", "orders", "shop_orders");
        if (everything) {
            plain.put("credentials.username", "clickpipes");
            secrets.put("credentials.password", PASSWORD);
            plain.put("tlsHost", "cluster0.example.mongodb.net");
            plain.put("caCertificate", CERTIFICATE);
            plain.put("settings.syncIntervalSeconds", "30");
            plain.put("settings.pullBatchSize", "50000");
            plain.put("settings.snapshotNumRowsPerPartition", "1000");
            plain.put("settings.snapshotNumberOfParallelTables", "2");
            plain.put("settings.deleteOnMerge", "true");
            plain.put("settings.useJsonNativeFormat", "false");
            row(plain, 1, "shop", "customers", "shop_customers");
            plain.put("tables.1.tableEngine", "MergeTree");
            plain.put("destination.roles", "ingest, reader");
            plain.put("settings.clickhouse_max_insert_threads", "4");
        }
        return new WizardValues(plain, secrets);
    }

    private static Map<String, String> with(Map<String, String> plain, String... more) {
        Map<String, String> values = new LinkedHashMap<>(plain);
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return values;
    }

    private static void row(Map<String, String> plain, int row, String database, String collection, String target) {
        plain.put("tables." + row + ".sourceDatabaseName", database);
        plain.put("tables." + row + ".sourceCollection", collection);
        plain.put("tables." + row + ".targetTable", target);
    }

    /** Every message the wizard's steps 1 to 4 would give these values. */
    private Map<String, String> allErrors(WizardValues values) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<WizardField> fields = new ArrayList<>(allFields());
        fields.add(WizardField.named("name", "Pipe name", FieldType.TEXT).required().build());
        fields.addAll(DatabaseDestination.destinationFields());
        fields.addAll(DatabaseDestination.settingsFields(MongoDbWizard.KIND));
        errors.putAll(FieldValidation.errors(fields, values));
        errors.putAll(wizard.crossFieldErrors(1, null, values));
        errors.putAll(wizard.crossFieldErrors(2, null, values));
        errors.putAll(DatabaseDestination.errors(wizard, null, values));
        return errors;
    }

    private List<WizardField> allFields() {
        return Stream.concat(wizard.connectionFields(null).stream(), wizard.dataFields(null).stream()).toList();
    }

    private List<String> allFieldNames() {
        return allFields().stream().map(WizardField::name).toList();
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
