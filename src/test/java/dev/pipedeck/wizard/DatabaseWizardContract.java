package dev.pipedeck.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipePostRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipePostSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeState;
import dev.pipedeck.testsupport.OpenApiSpec;
import dev.pipedeck.testsupport.SeedCurlExamples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the Postgres and MySQL wizards both promise, checked against the published spec: every flavour with every
 * sign-in method it offers and every replication mode builds a create body the spec accepts (and nothing it does not
 * declare), the choices and ranges are the spec's, every property of the spec's source, settings and table mapping
 * has a field (or a stated reason not to), secrets are declared secret, the rules across rows catch what they should,
 * Duplicate pre-fills the plain values, and the reference page's example comes out as the page wrote it.
 */
abstract class DatabaseWizardContract {

    static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
    static final String ORGANIZATION = "7f3e9c2a-1b4d-4e8f-9a6c-2d5b8e1f0a3c";
    static final String SERVICE = "0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f";
    static final String PIPE = "5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716";
    static final String CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIUJ3b9nZyq0Xo3c2VydmVyLWNhMB4XDTI0MDEwMTAwMDAw
            -----END CERTIFICATE-----""";
    static final String PASSWORD = "db-password-secret";

    /** The wizard under test. */
    abstract SourceWizard wizard();

    /** The spec's schemas: the create body's source, its settings and its table mapping. */
    abstract String sourceSchema();

    abstract String settingsSchema();

    abstract String mappingSchema();

    /** The flavours whose databases run on AWS (RDS, Aurora): the only ones offered IAM database authentication. */
    abstract Set<String> awsFlavours();

    /** A valid value for every typed field the kind has of its own (its samples add to the shared ones). */
    abstract Map<String, String> ownSamples();

    /** Properties of the spec's source not asked for by a field of the same name, and why. */
    abstract Map<String, String> sourcePropertiesNotFields();

    /** Fields the wizard sends although the reference page's example leaves them out, and why. */
    static final Map<String, String> ADDED_ON_PURPOSE = Map.of(
            "type", "the tile chosen is sent, so the pipe is listed as that flavour rather than the default",
            "authentication", "the sign-in method chosen is always said, rather than left to a default");

    /** Table mapping properties with no row field of their own, and why. */
    static final Map<String, String> MAPPING_PROPERTIES_NOT_FIELDS = Map.of(
            "useCustomSortingKey", "sent as true exactly when a sorting key is typed (the spec: true requires "
                    + "sortingKeys, and sortingKeys is only used when it is true)");

    private Map<String, String> samples() {
        Map<String, String> samples = new LinkedHashMap<>(Map.ofEntries(
                Map.entry("name", "orders replica"),
                Map.entry("host", "db.example.com"),
                Map.entry("port", "6543"),
                Map.entry("credentials.username", "clickpipes"),
                Map.entry("credentials.password", PASSWORD),
                Map.entry("iamRole", "arn:aws:iam::123456789012:role/clickpipes-db"),
                Map.entry("tlsHost", "db-primary.example.com"),
                Map.entry("caCertificate", CERTIFICATE),
                Map.entry("settings.syncIntervalSeconds", "30"),
                Map.entry("settings.pullBatchSize", "5000"),
                Map.entry("settings.initialLoadParallelism", "4"),
                Map.entry("settings.snapshotNumRowsPerPartition", "250000"),
                Map.entry("settings.snapshotNumberOfParallelTables", "2")));
        samples.putAll(ownSamples());
        return samples;
    }

    /** How one scenario fills the wizard: the replication mode, and whether optional fields are filled too. */
    record Scenario(String mode, boolean everything) {
        @Override
        public String toString() {
            return mode + (everything ? ", everything" : ", required only");
        }
    }

    static final List<Scenario> SCENARIOS = List.of(new Scenario("cdc", false), new Scenario("cdc", true),
            new Scenario("snapshot", false), new Scenario("snapshot", true), new Scenario("cdc_only", false),
            new Scenario("cdc_only", true));

    // ---- every flavour × method × mode: what is sent is what the spec accepts

    @TestFactory
    Stream<DynamicTest> everyFlavourWithEveryMethodAndModeBuildsABodyTheSpecAccepts() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        JsonNode createSchema = spec.operation("POST", pipesPath()).requestSchema();
        List<DynamicTest> tests = new ArrayList<>();
        for (String type : types()) {
            for (String method : methods(type)) {
                for (Scenario scenario : SCENARIOS) {
                    tests.add(DynamicTest.dynamicTest(type + " " + method + ": " + scenario, () -> {
                        WizardValues values = fill(type, method, scenario);
                        assertThat(wizard().crossFieldErrors(1, type, values)).isEmpty();
                        assertThat(wizard().crossFieldErrors(2, type, values)).isEmpty();
                        assertThat(DatabaseDestination.errors(wizard(), type, values)).isEmpty();

                        JsonNode body = JSON.valueToTree(createBody(values, type));
                        assertThat(spec.violations(createSchema, body)).as(body.toString()).isEmpty();
                        assertThat(spec.undeclaredProperties(createSchema, body)).as(body.toString()).isEmpty();

                        JsonNode source = body.path("source").path(wizard().kind());
                        assertThat(source.path("type").asString()).isEqualTo(type);
                        assertThat(source.path("authentication").asString()).isEqualTo(method);
                        assertThat(source.path("host").asString()).isEqualTo("db.example.com");
                        assertThat(source.path("port").asInt()).isEqualTo(6543);
                        assertSignIn(method, source);
                        for (String tls : List.of("tlsHost", "caCertificate", "skipCertVerification")) {
                            assertThat(source.has(tls)).as(tls).isEqualTo(scenario.everything());
                        }
                        assertThat(source.has("disableTls")).isFalse();
                        assertSettings(scenario, source.path("settings"));
                        assertMappings(scenario, source.path("tableMappings"));
                        assertKindSpecifics(type, scenario, source);
                    }));
                }
            }
        }
        return tests.stream();
    }

    /** What the kind sends of its own (Postgres' database and slot, MySQL's server id and mechanism). */
    abstract void assertKindSpecifics(String type, Scenario scenario, JsonNode source);

    private void assertSignIn(String method, JsonNode source) {
        Set<String> credentials = new LinkedHashSet<>(source.path("credentials").propertyNames());
        if (DatabaseSourceForm.BASIC.equals(method)) {
            assertThat(credentials).containsExactly("username", "password");
            assertThat(source.path("credentials").path("password").asString()).isEqualTo(PASSWORD);
            assertThat(source.has("iamRole")).isFalse();
        } else {
            assertThat(credentials).as("IAM signs the database user in with a token").containsExactly("username");
            assertThat(source.path("iamRole").asString()).isEqualTo("arn:aws:iam::123456789012:role/clickpipes-db");
        }
        assertThat(source.path("credentials").path("username").asString()).isEqualTo("clickpipes");
    }

    private void assertSettings(Scenario scenario, JsonNode settings) {
        assertThat(settings.path("replicationMode").asString()).isEqualTo(scenario.mode());
        boolean follows = !scenario.mode().equals("snapshot");
        boolean loads = !scenario.mode().equals("cdc_only");
        Map<String, Boolean> expected = new LinkedHashMap<>();
        expected.put("syncIntervalSeconds", follows && scenario.everything());
        expected.put("pullBatchSize", follows && scenario.everything());
        expected.put("deleteOnMerge", follows && scenario.everything());
        expected.put("initialLoadParallelism", loads && scenario.everything());
        expected.put("snapshotNumRowsPerPartition", loads && scenario.everything());
        expected.put("snapshotNumberOfParallelTables", loads && scenario.everything());
        expected.put("allowNullableColumns", scenario.everything());
        expected.forEach((name, sent) -> assertThat(settings.has(name)).as(name).isEqualTo(sent));
        if (scenario.everything() && follows) {
            assertThat(settings.path("syncIntervalSeconds").asInt()).isEqualTo(30);
            assertThat(settings.path("deleteOnMerge").asBoolean()).isTrue();
        }
        if (scenario.everything() && loads) {
            assertThat(settings.path("snapshotNumRowsPerPartition").asInt()).isEqualTo(250000);
        }
    }

    private void assertMappings(Scenario scenario, JsonNode mappings) {
        assertThat(mappings.size()).isEqualTo(2);
        JsonNode first = mappings.get(0);
        assertThat(first.path("sourceSchemaName").asString()).isEqualTo(namespaceSample());
        assertThat(first.path("sourceTable").asString()).isEqualTo("orders");
        assertThat(first.path("targetTable").asString()).isEqualTo("orders_replica");
        assertThat(mappings.get(1).path("targetTable").asString()).as("an empty target is <namespace>_<table>")
                .isEqualTo(namespaceSample() + "_customers");
        assertThat(new LinkedHashSet<>(mappings.get(1).propertyNames()))
                .containsExactly("sourceSchemaName", "sourceTable", "targetTable");
        if (scenario.everything()) {
            assertThat(first.path("excludedColumns").toString()).isEqualTo("[\"internal_note\",\"card_token\"]");
            assertThat(first.path("useCustomSortingKey").asBoolean()).isTrue();
            assertThat(first.path("sortingKeys").toString()).isEqualTo("[\"customer_id\",\"id\"]");
            assertThat(first.path("tableEngine").asString()).isEqualTo("ReplacingMergeTree");
            assertThat(first.has("partitionKey")).isEqualTo(!scenario.mode().equals("cdc_only"));
        } else {
            assertThat(new LinkedHashSet<>(first.propertyNames()))
                    .containsExactly("sourceSchemaName", "sourceTable", "targetTable");
        }
    }

    abstract String namespaceSample();

    @Test
    void tlsOffIsSentAloneAndContradictingTlsOptionsAreRefused() {
        String type = types().get(0);
        WizardValues off = fill(type, "basic", SCENARIOS.get(0)).with(Map.of("disableTls", "true"), Map.of());
        assertThat(wizard().crossFieldErrors(1, type, off)).isEmpty();
        JsonNode source = sourceJson(type, off);
        assertThat(source.path("disableTls").asBoolean()).isTrue();
        assertThat(source.has("skipCertVerification")).isFalse();

        WizardValues contradicting = off.with(Map.of("caCertificate", CERTIFICATE, "skipCertVerification", "true"),
                Map.of());
        assertThat(wizard().crossFieldErrors(1, type, contradicting)).containsOnlyKeys("caCertificate",
                "skipCertVerification");
    }

    // ---- the choices offered are the spec's

    @Test
    void theTilesAreTheSpecsFlavoursOnTheDatabasesShelf() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        assertThat(types()).containsExactlyElementsOf(spec.enumOf(sourceSchema(), "type"));
        assertThat(wizard().tiles()).allSatisfy(tile -> {
            assertThat(tile.group()).isEqualTo("Databases");
            assertThat(tile.kind()).isEqualTo(wizard().kind());
            assertThat(tile.label()).isNotBlank();
            assertThat(tile.description()).isNotBlank();
        });
        assertThat(wizard().tiles()).extracting(SourceTile::label).doesNotHaveDuplicates();
        assertThat(wizard().replicatesTables()).isTrue();
        assertThat(wizard().discoverySource(types().get(0), WizardValues.empty())).isNull();
    }

    @Test
    void signInMethodsAreTheSpecsAndIamIsOfferedOnlyOnAws() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        Set<String> offered = new LinkedHashSet<>();
        for (String type : types()) {
            List<String> methods = methods(type);
            offered.addAll(methods);
            assertThat(methods).as(type).containsExactlyElementsOf(awsFlavours().contains(type)
                    ? List.of("basic", "IAM_ROLE") : List.of("basic"));
        }
        assertThat(offered).containsExactlyInAnyOrderElementsOf(spec.enumOf(sourceSchema(), "authentication"));
        String notAws = types().stream().filter(type -> !awsFlavours().contains(type)).findFirst().orElseThrow();
        WizardValues iam = fill(notAws, "basic", SCENARIOS.get(0)).with(Map.of("authentication", "IAM_ROLE"),
                Map.of());
        assertThat(wizard().crossFieldErrors(1, notAws, iam)).containsKey("authentication");
        assertThatThrownBy(() -> wizard().source(notAws, iam)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replicationModesAndTableEnginesAreTheSpecsEnums() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        for (String type : types()) {
            assertThat(values(field(wizard().dataFields(type), DatabaseSourceForm.MODE)))
                    .containsExactlyElementsOf(spec.enumOf(settingsSchema(), "replicationMode"));
            assertThat(values(field(wizard().tableMappingFields(type), "tableEngine")))
                    .containsExactlyInAnyOrderElementsOf(spec.enumOf(mappingSchema(), "tableEngine"));
        }
    }

    @Test
    void everyPropertyOfTheSpecHasAFieldWithTheSpecsRange() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        String type = types().get(0);
        Map<String, WizardField> everyFlavours = new LinkedHashMap<>();
        for (String flavour : types()) {
            wizard().connectionFields(flavour).forEach(field -> everyFlavours.putIfAbsent(field.name(), field));
            wizard().dataFields(flavour).forEach(field -> everyFlavours.putIfAbsent(field.name(), field));
        }
        List<WizardField> fields = List.copyOf(everyFlavours.values());
        Set<String> names = new LinkedHashSet<>(names(fields));

        JsonNode source = spec.schema(sourceSchema()).path("properties");
        for (String property : source.propertyNames()) {
            boolean asked = names.contains(property) || names.stream().anyMatch(n -> n.startsWith(property + "."));
            assertThat(asked || sourcePropertiesNotFields().containsKey(property)).as(property).isTrue();
            checkRange(source.path(property), fields, property);
        }
        JsonNode settings = spec.schema(settingsSchema()).path("properties");
        for (String property : settings.propertyNames()) {
            assertThat(names).as("settings." + property).contains("settings." + property);
            checkRange(settings.path(property), fields, "settings." + property);
        }
        Set<String> rowNames = new LinkedHashSet<>(names(wizard().tableMappingFields(type)));
        for (String property : spec.schema(mappingSchema()).path("properties").propertyNames()) {
            assertThat(rowNames.contains(property) || MAPPING_PROPERTIES_NOT_FIELDS.containsKey(property))
                    .as(property).isTrue();
        }
        assertThat(rowNames).allMatch(name -> spec.schema(mappingSchema()).path("properties").has(name));
    }

    private static void checkRange(JsonNode property, List<WizardField> fields, String name) {
        if (!property.path("type").isString() || !"integer".equals(property.path("type").asString())) {
            return;
        }
        WizardField field = field(fields, name);
        assertThat(field.type()).as(name).isEqualTo(FieldType.INTEGER);
        assertThat(field.min()).as(name + " minimum").isEqualTo(property.path("minimum").asLong());
        assertThat(field.max()).as(name + " maximum").isEqualTo(property.has("maximum")
                ? property.path("maximum").asLong() : Integer.MAX_VALUE);
    }

    @Test
    void eachSettingShowsForTheModesItAppliesTo() {
        for (String type : types()) {
            List<WizardField> data = wizard().dataFields(type);
            for (String name : List.of("settings.syncIntervalSeconds", "settings.pullBatchSize",
                    "settings.deleteOnMerge")) {
                assertThat(field(data, name).shownWhen()).as(name)
                        .isEqualTo(Map.of(DatabaseSourceForm.MODE, Set.of("cdc", "cdc_only")));
            }
            for (String name : List.of("settings.initialLoadParallelism", "settings.snapshotNumRowsPerPartition",
                    "settings.snapshotNumberOfParallelTables")) {
                assertThat(field(data, name).shownWhen()).as(name)
                        .isEqualTo(Map.of(DatabaseSourceForm.MODE, Set.of("cdc", "snapshot")));
            }
            assertThat(field(data, "settings.allowNullableColumns").shownWhen()).isEmpty();
            assertThat(field(data, DatabaseSourceForm.MODE).required()).isTrue();
        }
    }

    // ---- secrets

    @Test
    void thePasswordIsTheOnlySecretAndIsNeverPrefilled() {
        for (String type : types()) {
            List<WizardField> fields = new ArrayList<>(wizard().connectionFields(type));
            fields.addAll(wizard().dataFields(type));
            fields.addAll(wizard().tableMappingFields(type));
            assertThat(fields.stream().filter(WizardField::secret).map(WizardField::name).toList())
                    .containsExactly("credentials.password");
            assertThat(field(fields, "credentials.password").type()).isEqualTo(FieldType.SECRET);
            assertThat(field(fields, "credentials.password").shownWhen())
                    .isEqualTo(Map.of("authentication", Set.of("basic")));
        }
    }

    // ---- the rows

    @Test
    void rowsThatCannotBeRightAreRefusedAtTheirField() {
        String type = types().get(0);
        WizardValues good = fill(type, "basic", SCENARIOS.get(0));
        assertThat(rowErrors(type, good, Map.of())).isEmpty();

        assertThat(rowErrors(type, good, Map.of("tables.1.targetTable", "orders_replica")))
                .containsOnlyKeys("tables.1.targetTable");
        assertThat(rowErrors(type, good, Map.of("tables.0.targetTable", namespaceSample() + "_customers")))
                .as("a typed target equal to another row's derived one").containsOnlyKeys("tables.1.targetTable");
        assertThat(rowErrors(type, good, Map.of("tables.1.sourceTable", "orders")))
                .as("the same source table twice").containsKeys("tables.1.sourceTable");
        assertThat(rowErrors(type, good, Map.of("tables.1.sourceTable", namespaceSample() + ".customers")))
                .containsOnlyKeys("tables.1.sourceTable");
        assertThat(rowErrors(type, good, Map.of("tables.1.targetTable", "analytics.customers")))
                .containsEntry("tables.1.targetTable",
                        "Type the table name only: the database is the target database above.");
        assertThat(rowErrors(type, good, Map.of("tables.1.targetTable", "my customers")))
                .containsOnlyKeys("tables.1.targetTable");
        assertThat(rowErrors(type, good, Map.of("tables.1.sourceTable", "x".repeat(65))))
                .containsOnlyKeys("tables.1.sourceTable");
        assertThat(rowErrors(type, good, Map.of("tables.1.excludedColumns", "a, b, a")))
                .containsEntry("tables.1.excludedColumns", "a is listed twice.");
        assertThat(rowErrors(type, good, Map.of("tables.1.excludedColumns", "id", "tables.1.sortingKeys", "id")))
                .containsOnlyKeys("tables.1.sortingKeys");
        assertThat(rowErrors(type, good, Map.of("tables.1.tableEngine", "Null", "tables.1.sortingKeys", "id")))
                .containsOnlyKeys("tables.1.sortingKeys");
        assertThat(rowErrors(type, good, Map.of("tables.1.partitionKey", "id", "tables.1.excludedColumns", "id")))
                .containsOnlyKeys("tables.1.partitionKey");
        assertThat(rowErrors(type, good.with(Map.of(DatabaseSourceForm.MODE, "cdc_only"), Map.of()),
                Map.of("tables.1.partitionKey", "id"))).containsOnlyKeys("tables.1.partitionKey");

        assertThat(DatabaseDestination.errors(wizard(), type, good.with(Map.of("tables.1.sourceTable", ""),
                Map.of()))).as("a row missing its table").containsOnlyKeys("tables.1.sourceTable");
        WizardValues none = new WizardValues(Map.of("tables.0.sourceSchemaName", ""), Map.of());
        assertThat(DatabaseDestination.errors(wizard(), type, none)).containsOnlyKeys("tables");
        assertThat(DatabaseDestination.errors(wizard(), type, good.with(Map.of("tables.1.tableEngine", "Log"),
                Map.of()))).containsOnlyKeys("tables.1.tableEngine");
    }

    private Map<String, String> rowErrors(String type, WizardValues values, Map<String, String> changes) {
        return wizard().tableMappingErrors(type, values.with(changes, Map.of()));
    }

    @Test
    void theHostIsAHostNameAndNothingElse() {
        String type = types().get(0);
        for (String host : List.of("postgres://db.example.com", "db.example.com:5432", "db example", "-db.example")) {
            WizardValues values = fill(type, "basic", SCENARIOS.get(0)).with(Map.of("host", host), Map.of());
            assertThat(wizard().crossFieldErrors(1, type, values)).as(host).containsOnlyKeys("host");
        }
        WizardValues ip = fill(type, "basic", SCENARIOS.get(0)).with(Map.of("host", "10.0.0.12"), Map.of());
        assertThat(wizard().crossFieldErrors(1, type, ip)).isEmpty();
        WizardField port = field(wizard().connectionFields(type), "port");
        assertThat(FieldValidation.error(port, new WizardValues(Map.of("port", "70000"), Map.of())))
                .isEqualTo("Port must be from 1 to 65535.");
        assertThat(FieldValidation.error(port, new WizardValues(Map.of("port", "abc"), Map.of())))
                .isEqualTo("Port must be a whole number.");
    }

    // ---- Duplicate

    @TestFactory
    Stream<DynamicTest> prefillGivesBackThePlainValuesOfEveryFlavourMethodAndMode() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String type : types()) {
            for (String method : methods(type)) {
                for (Scenario scenario : SCENARIOS) {
                    tests.add(DynamicTest.dynamicTest(type + " " + method + ": " + scenario, () -> {
                        WizardValues typed = fill(type, method, scenario);
                        ClickPipe pipe = answered(wizard().source(type, typed));
                        Map<String, String> prefill = wizard().prefill(pipe);
                        assertThat(prefill).containsEntry("type", type);
                        assertThat(prefill.values()).doesNotContain(PASSWORD);
                        Set<String> notPrefilled = notPrefilled();
                        Map<String, String> retyped = new LinkedHashMap<>(prefill);
                        retyped.remove("type");
                        typed.values().forEach((name, value) -> {
                            if (notPrefilled.contains(name)) {
                                assertThat(retyped).doesNotContainKey(name);
                                retyped.put(name, value);
                            }
                        });
                        assertThat(sourceJson(type, new WizardValues(retyped, typed.secrets())))
                                .isEqualTo(sourceJson(type, typed));
                    }));
                }
            }
        }
        return tests.stream();
    }

    /** What Duplicate does not copy: the username (never answered) and what the kind keeps to one pipe. */
    abstract Set<String> notPrefilled();

    @Test
    void prefillOfAPipeOfAnotherKindIsEmpty() {
        ClickPipe kinesis = new ClickPipe(PIPE, SERVICE, "k", ClickPipeState.RUNNING, null,
                new ClickPipeSource(null, null, null, null, null, null, null, null), null, null, null,
                Instant.EPOCH, Instant.EPOCH);
        assertThat(wizard().prefill(kinesis)).isEmpty();
    }

    @Test
    void anUnknownFlavourIsRefused() {
        assertThatThrownBy(() -> wizard().connectionFields("kafka")).isInstanceOf(IllegalArgumentException.class);
        WizardValues values = fill(types().get(0), "basic", SCENARIOS.get(0));
        assertThatThrownBy(() -> wizard().source("kafka", values)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- the reference page's example

    @Test
    void theReferencePagesExampleTypedIntoTheFieldsComesOutAsThePageWroteIt() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        String kind = wizard().kind();
        SeedCurlExamples.Example example = SeedCurlExamples.read(ORGANIZATION, SERVICE, PIPE).stream()
                .filter(candidate -> "POST".equals(candidate.method()) && candidate.body() != null
                        && JSON.readTree(candidate.body()).path("source").has(kind))
                .findFirst().orElseThrow(() -> new AssertionError("the page's " + kind + " create example"));
        JsonNode page = JSON.readTree(example.body());
        JsonNode pageSource = page.path("source").path(kind);
        String type = pageSource.has("type") ? pageSource.path("type").asString() : kind;

        Map<String, WizardField> declared = new LinkedHashMap<>();
        wizard().connectionFields(type).forEach(field -> declared.put(field.name(), field));
        wizard().dataFields(type).forEach(field -> declared.put(field.name(), field));
        Set<String> rowFields = new LinkedHashSet<>(names(wizard().tableMappingFields(type)));
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        plain.put("name", page.path("name").asString());
        plain.put("destination.database", page.path("destination").path("database").asString());
        plain.put("authentication", "basic");
        flatten(pageSource, "", (name, value) -> {
            WizardField field = declared.get(name);
            assertThat(field).as("a wizard field for the page's " + name).isNotNull();
            (field.secret() ? secrets : plain).put(name, value);
        });
        JsonNode mappings = pageSource.path("tableMappings");
        for (int row = 0; row < mappings.size(); row++) {
            for (String part : mappings.get(row).propertyNames()) {
                assertThat(rowFields).as("a row field for the page's " + part).contains(part);
                plain.put("tables." + row + "." + part, mappings.get(row).path(part).asString());
            }
        }
        WizardValues values = new WizardValues(plain, secrets);

        List<String> missing = declared.values().stream()
                .filter(field -> field.required() && field.appliesTo(values))
                .filter(field -> values.get(field.name()) == null && values.secret(field.name()) == null)
                .map(WizardField::name).toList();
        assertThat(missing).as("required fields the page does not fill").isEmpty();
        assertThat(wizard().crossFieldErrors(1, type, values)).isEmpty();
        assertThat(wizard().crossFieldErrors(2, type, values)).isEmpty();
        assertThat(DatabaseDestination.errors(wizard(), type, values)).isEmpty();

        ObjectNode sent = JSON.valueToTree(new ClickPipePostRequest(values.get("name"), wizard().source(type, values),
                DatabaseDestination.destination(values), null, null, null));
        assertThat(spec.violations(spec.operation("POST", pipesPath()).requestSchema(), sent)).isEmpty();
        ObjectNode sentSource = (ObjectNode) sent.path("source").path(kind);
        assertThat(sentSource.path("type").asString()).isEqualTo(kind);
        assertThat(sentSource.path("authentication").asString()).isEqualTo("basic");
        ADDED_ON_PURPOSE.keySet().forEach(sentSource::remove);
        assertThat(sent).isEqualTo(page);
    }

    // ---- helpers

    List<String> types() {
        return wizard().tiles().stream().map(SourceTile::type).toList();
    }

    List<String> methods(String type) {
        return values(field(wizard().connectionFields(type), "authentication"));
    }

    /** The wizard filled as a person would: the choices, then each field that applies, and two table rows. */
    WizardValues fill(String type, String method, Scenario scenario) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        plain.put("name", "orders replica");
        List<WizardField> fields = new ArrayList<>(wizard().connectionFields(type));
        fields.addAll(wizard().dataFields(type));
        Map<String, String> samples = samples();
        for (WizardField field : fields) {
            if (field.name().equals("authentication")) {
                plain.put(field.name(), method);
                continue;
            }
            if (field.name().equals(DatabaseSourceForm.MODE)) {
                plain.put(field.name(), scenario.mode());
                continue;
            }
            if (!field.appliesTo(new WizardValues(plain, secrets))) {
                continue;
            }
            if (field.type() == FieldType.CHECKBOX) {
                boolean conflicting = field.name().equals("disableTls")
                        || (field.name().equals("settings.enableFailoverSlots") && scenario.mode().equals("cdc_only"));
                if (scenario.everything() && !conflicting) {
                    plain.put(field.name(), "true");
                }
            } else if (field.required() || scenario.everything()) {
                String sample = field.type() == FieldType.SELECT ? samples.getOrDefault(field.name(),
                        field.options().get(0).value()) : samples.get(field.name());
                assertThat(sample).as("a sample for " + field.name()).isNotNull();
                (field.secret() ? secrets : plain).put(field.name(), sample);
            }
        }
        plain.put("destination.database", "replica");
        plain.put("tables.0.sourceSchemaName", namespaceSample());
        plain.put("tables.0.sourceTable", "orders");
        plain.put("tables.0.targetTable", "orders_replica");
        if (scenario.everything()) {
            plain.put("tables.0.excludedColumns", "internal_note, card_token");
            plain.put("tables.0.sortingKeys", "customer_id,id");
            plain.put("tables.0.tableEngine", "ReplacingMergeTree");
            if (!scenario.mode().equals("cdc_only")) {
                plain.put("tables.0.partitionKey", "id");
            }
            ownRowSamples().forEach((part, value) -> plain.put("tables.0." + part, value));
        }
        plain.put("tables.1.sourceSchemaName", namespaceSample());
        plain.put("tables.1.sourceTable", "customers");
        return new WizardValues(plain, secrets);
    }

    /** Row parts only the kind has (Postgres' PARTITION BY), filled in the "everything" scenarios. */
    abstract Map<String, String> ownRowSamples();

    JsonNode sourceJson(String type, WizardValues values) {
        return JSON.valueToTree(wizard().source(type, values)).path(wizard().kind());
    }

    ClickPipePostRequest createBody(WizardValues values, String type) {
        return new ClickPipePostRequest(values.get("name"), wizard().source(type, values),
                DatabaseDestination.destination(values), null, null, null);
    }

    /** The pipe as the API answers it: the source without its credentials (never returned). */
    ClickPipe answered(ClickPipePostSource source) {
        ObjectNode node = JSON.valueToTree(source);
        ((ObjectNode) node.path(wizard().kind())).remove("credentials");
        ClickPipeSource answered = JSON.treeToValue(node, ClickPipeSource.class);
        return new ClickPipe(PIPE, SERVICE, "orders replica", ClickPipeState.RUNNING, null, answered, null, null,
                null, Instant.EPOCH, Instant.EPOCH);
    }

    static String pipesPath() {
        return "/v1/organizations/" + ORGANIZATION + "/services/" + SERVICE + "/clickpipes";
    }

    static WizardField field(List<WizardField> fields, String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + name));
    }

    static List<String> names(List<WizardField> fields) {
        return fields.stream().map(WizardField::name).toList();
    }

    static List<String> values(WizardField field) {
        return field.options().stream().map(FieldOption::value).toList();
    }

    /** Leaves of a JSON object by dotted path, arrays left out: {@code credentials.username} → {@code my_user}. */
    static void flatten(JsonNode node, String prefix, java.util.function.BiConsumer<String, String> leaf) {
        for (String name : node.propertyNames()) {
            JsonNode child = node.get(name);
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            if (child.isObject()) {
                flatten(child, path, leaf);
            } else if (!child.isArray()) {
                leaf.accept(path, child.asString());
            }
        }
    }
}
