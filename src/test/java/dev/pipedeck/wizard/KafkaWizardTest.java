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
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestination;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationColumn;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationTableDefinition;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationTableEngine;
import dev.pipedeck.cloud.clickpipe.ClickPipeKafkaSchemaRegistry;
import dev.pipedeck.cloud.clickpipe.ClickPipeKafkaSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePostRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipePostSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoveryRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipeSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeState;
import dev.pipedeck.testsupport.OpenApiSpec;
import dev.pipedeck.testsupport.SeedCurlExamples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Kafka wizard against the published spec: every flavour with every sign-in method the spec allows it builds a
 * create body the spec accepts (and nothing it does not declare), the choices offered are the spec's, the rules
 * between fields catch what they should, Duplicate pre-fills the plain values, and the reference page's Kafka example
 * comes out as the page wrote it.
 */
class KafkaWizardTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
    private static final String ORGANIZATION = "7f3e9c2a-1b4d-4e8f-9a6c-2d5b8e1f0a3c";
    private static final String SERVICE = "0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f";
    private static final String PIPE = "5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716";

    private static final String CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIUJ3b9nZyq0Xo3c2VydmVyLWNhMB4XDTI0MDEwMTAwMDAw
            WhcNMzQwMTAxMDAwMDAwWjAUMRIwEAYDVQQDDAlzZXJ2ZXItY2EwWTATBgcqhkjO
            -----END CERTIFICATE-----""";
    private static final String PRIVATE_KEY = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgY2xpZW50LWtleS1m
            b3ItdGVzdHMtb25seS1ub3QtcmVhbC1hdC1hbGwhoUQDQgAE
            -----END PRIVATE KEY-----""";

    /** A valid value for every typed (non-choice) field; secrets among them by their declared type. */
    private static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("brokers", "broker-1.example.com:9092, broker-2.example.com:9092"),
            Map.entry("credentials.username", "clickpipes"),
            Map.entry("credentials.password", "kafka-password-secret"),
            Map.entry("credentials.connectionString", "Endpoint=sb://acme.servicebus.windows.net/;"
                    + "SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=eventhub-secret="),
            Map.entry("iamRole", "arn:aws:iam::123456789012:role/clickpipes-msk"),
            Map.entry("credentials.accessKeyId", "AKIAIOSFODNN7EXAMPLE"),
            Map.entry("credentials.secretKey", "aws-secret-key-secret"),
            Map.entry("credentials.certificate", CERTIFICATE),
            Map.entry("credentials.privateKey", PRIVATE_KEY),
            Map.entry("caCertificate", CERTIFICATE),
            Map.entry("reversePrivateEndpointIds", "3f1c6a9e-2b7d-4c1e-9a8f-0d2e4b6c8a10"),
            Map.entry("topics", "orders, payments"),
            Map.entry("consumerGroup", "clickpipes-orders"),
            Map.entry("offset.timestamp", "2024-05-01T10:00"),
            Map.entry("schemaRegistry.url", "https://psrc-aa00.us-east-2.aws.confluent.cloud"),
            Map.entry("schemaRegistry.credentials.username", "REGISTRYKEY"),
            Map.entry("schemaRegistry.credentials.password", "registry-password-secret"),
            Map.entry("schemaRegistry.caCertificate", CERTIFICATE),
            Map.entry("exactlyOnce", "true"));

    /** Fields the wizard sends although the reference page's example leaves them out, and why. */
    private static final Map<String, String> ADDED_ON_PURPOSE = Map.of(
            "offset", "the wizard asks where to start reading and always says so, rather than leave it to a default");

    private final KafkaWizard wizard = new KafkaWizard();

    /** How one scenario fills the wizard: the choices made, and whether optional fields are filled too. */
    private record Scenario(String name, String format, String offset, String registrySignIn, boolean everything) {
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("required only, JSON from latest", "JSONEachRow", "from_latest", null, false),
            new Scenario("everything, AvroConfluent from a timestamp, registry with sign-in", "AvroConfluent",
                    "from_timestamp", "PLAIN", true),
            new Scenario("required only, Protobuf from the beginning, open registry", "Protobuf", "from_beginning",
                    KafkaWizard.NO_REGISTRY_SIGN_IN, false),
            new Scenario("everything, Avro from the beginning, open registry", "Avro", "from_beginning",
                    KafkaWizard.NO_REGISTRY_SIGN_IN, true));

    // ---- every type × every method × scenario: what is sent is what the spec accepts

    @TestFactory
    Stream<DynamicTest> everyTypeWithEveryMethodTheSpecAllowsItBuildsABodyTheSpecAccepts() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        JsonNode createSchema = spec.operation("POST", pipesPath()).requestSchema();
        JsonNode discoverySchema = spec.operation("POST", pipesPath() + "/schemaDiscovery").requestSchema();
        List<DynamicTest> tests = new ArrayList<>();
        specMethodsByType(spec).forEach((type, methods) -> {
            for (String method : methods) {
                for (Scenario scenario : SCENARIOS) {
                    tests.add(DynamicTest.dynamicTest(type + " " + method + ": " + scenario.name(), () -> {
                        WizardValues values = fill(type, method, scenario);
                        assertThat(wizard.crossFieldErrors(1, type, values)).isEmpty();
                        assertThat(wizard.crossFieldErrors(2, type, values)).isEmpty();

                        JsonNode body = JSON.valueToTree(createBody(wizard.source(type, values)));
                        assertThat(spec.violations(createSchema, body)).as(body.toString()).isEmpty();
                        assertThat(spec.undeclaredProperties(createSchema, body)).as(body.toString()).isEmpty();

                        JsonNode kafka = body.path("source").path("kafka");
                        assertThat(kafka.path("type").asString()).isEqualTo(type);
                        assertThat(kafka.path("authentication").asString()).isEqualTo(method);
                        assertSignInShape(type, method, kafka);
                        assertThat(kafka.path("brokers").asString())
                                .isEqualTo("broker-1.example.com:9092,broker-2.example.com:9092");
                        assertThat(kafka.path("topics").asString()).isEqualTo("orders,payments");
                        for (String optional : List.of("consumerGroup", "caCertificate", "reversePrivateEndpointIds",
                                "exactlyOnce")) {
                            assertThat(kafka.has(optional)).as(optional).isEqualTo(scenario.everything());
                        }
                        if (scenario.everything()) {
                            assertThat(kafka.path("consumerGroup").asString()).isEqualTo("clickpipes-orders");
                            assertThat(kafka.path("exactlyOnce").asBoolean()).isTrue();
                            assertThat(kafka.path("caCertificate").asString()).isEqualTo(CERTIFICATE);
                            assertThat(kafka.path("reversePrivateEndpointIds").toString())
                                    .isEqualTo("[\"3f1c6a9e-2b7d-4c1e-9a8f-0d2e4b6c8a10\"]");
                        }
                        assertThat(kafka.path("format").asString()).isEqualTo(scenario.format());
                        assertThat(kafka.path("offset").path("strategy").asString()).isEqualTo(scenario.offset());
                        assertThat(kafka.has("schemaRegistry"))
                                .isEqualTo(KafkaWizard.REGISTRY_FORMATS.contains(scenario.format()));
                        assertThat(kafka.path("schemaRegistry").has("credentials"))
                                .isEqualTo("PLAIN".equals(scenario.registrySignIn()));

                        JsonNode discovery = JSON.valueToTree(
                                new ClickPipeSchemaDiscoveryRequest(wizard.discoverySource(type, values)));
                        assertThat(spec.violations(discoverySchema, discovery)).as(discovery.toString()).isEmpty();
                        assertThat(spec.undeclaredProperties(discoverySchema, discovery)).isEmpty();
                    }));
                }
            }
        });
        assertThat(tests).as("19 pairs of type and method in the spec").hasSize(19 * SCENARIOS.size());
        return tests.stream();
    }

    @Test
    void theStricterCheckCatchesWhatTheSpecsOpenSchemasLetThrough() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        JsonNode createSchema = spec.operation("POST", pipesPath()).requestSchema();
        ObjectNode body = JSON.valueToTree(
                createBody(wizard.source("kafka", fill("kafka", "PLAIN", SCENARIOS.get(0)))));
        ObjectNode kafka = (ObjectNode) body.path("source").path("kafka");
        kafka.put("consumer_group", "g");
        ((ObjectNode) kafka.path("credentials")).put("user", "u");
        kafka.putObject("offset").put("strategy", "from_latest").put("ts", "x");
        assertThat(spec.violations(createSchema, body)).as("the spec's schemas are open").isEmpty();
        assertThat(spec.undeclaredProperties(createSchema, body)).containsExactlyInAnyOrder("$.source.kafka.consumer_group",
                "$.source.kafka.credentials.user", "$.source.kafka.offset.ts");
    }

    /** Exactly the credentials shape of the method (spec: PLAIN, MskIamUser, AzureEventHub, MutualTLS), no other. */
    private static void assertSignInShape(String type, String method, JsonNode kafka) {
        Set<String> expected = switch (method) {
            case "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512" -> KafkaWizard.AZURE_EVENT_HUBS.equals(type)
                    ? Set.of("connectionString") : Set.of("username", "password");
            case "IAM_USER" -> Set.of("accessKeyId", "secretKey");
            case "MUTUAL_TLS" -> Set.of("certificate", "privateKey");
            default -> Set.of();
        };
        Set<String> sent = new LinkedHashSet<>(kafka.path("credentials").propertyNames());
        assertThat(sent).as(type + " " + method + " credentials").isEqualTo(expected);
        sent.forEach(name -> assertThat(kafka.path("credentials").path(name).asString()).as(name)
                .isEqualTo(SAMPLES.get("credentials." + name)));
        assertThat(kafka.has("iamRole")).isEqualTo("IAM_ROLE".equals(method));
        if ("IAM_ROLE".equals(method)) {
            assertThat(kafka.path("iamRole").asString()).isEqualTo(SAMPLES.get("iamRole"));
        }
    }

    // ---- the choices offered are the spec's

    @Test
    void theTilesAreTheSpecsKafkaTypesEachOnTheStreamingShelf() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        List<SourceTile> tiles = wizard.tiles();
        assertThat(tiles).extracting(SourceTile::type)
                .containsExactlyInAnyOrderElementsOf(spec.enumOf("ClickPipePostKafkaSource", "type"));
        assertThat(tiles).extracting(SourceTile::label).containsExactly("Apache Kafka", "Confluent Cloud",
                "Amazon MSK", "Azure Event Hubs", "Redpanda", "WarpStream", "Google Managed Kafka",
                "DigitalOcean Kafka");
        assertThat(tiles).allSatisfy(tile -> {
            assertThat(tile.group()).isEqualTo("Streaming");
            assertThat(tile.kind()).isEqualTo("kafka").isEqualTo(wizard.kind());
            assertThat(tile.description()).isNotBlank();
        });
    }

    @Test
    void eachTypeOffersExactlyTheSignInMethodsTheSpecListsForIt() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        List<String> wireMethods = spec.enumOf("ClickPipePostKafkaSource", "authentication");
        Map<String, List<String>> specMethods = specMethodsByType(spec);
        assertThat(specMethods.keySet()).containsExactlyInAnyOrderElementsOf(
                spec.enumOf("ClickPipePostKafkaSource", "type"));
        specMethods.forEach((type, methods) -> {
            List<String> offered = field(wizard.connectionFields(type), "authentication").options().stream()
                    .map(FieldOption::value).toList();
            assertThat(offered).as(type).containsExactlyInAnyOrderElementsOf(methods);
            assertThat(wireMethods).containsAll(offered);
        });
    }

    @Test
    void formatsOffsetStrategiesAndRegistrySignInAreTheSpecsEnums() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        for (String type : types()) {
            List<WizardField> data = wizard.dataFields(type);
            assertThat(values(field(data, "format"))).containsExactlyElementsOf(
                    spec.enumOf("ClickPipePostKafkaSource", "format"));
            assertThat(values(field(data, "offset.strategy"))).containsExactlyElementsOf(
                    spec.enumOf("ClickPipeKafkaOffset", "strategy"));
            List<String> registry = new ArrayList<>(values(field(data, "schemaRegistry.authentication")));
            assertThat(registry.remove(KafkaWizard.NO_REGISTRY_SIGN_IN)).as("a 'no sign-in' choice").isTrue();
            assertThat(registry).containsExactlyElementsOf(
                    spec.enumOf("ClickPipeMutateKafkaSchemaRegistry", "authentication"));
        }
    }

    @Test
    void theRegistryIsAskedForAndRequiredOnlyForAvroAndProtobuf() {
        WizardField url = field(wizard.dataFields("confluent"), "schemaRegistry.url");
        assertThat(url.required()).isTrue();
        assertThat(url.type()).isEqualTo(FieldType.URL);
        for (String format : List.of("Avro", "AvroConfluent", "Protobuf")) {
            assertThat(url.appliesTo(new WizardValues(Map.of("format", format), Map.of()))).as(format).isTrue();
        }
        assertThat(url.appliesTo(new WizardValues(Map.of("format", "JSONEachRow"), Map.of()))).isFalse();

        Map<String, String> leftovers = new LinkedHashMap<>(fill("confluent", "PLAIN", SCENARIOS.get(1)).values());
        leftovers.put("format", "JSONEachRow");
        WizardValues switched = new WizardValues(leftovers,
                fill("confluent", "PLAIN", SCENARIOS.get(1)).secrets());
        assertThat(kafkaJson("confluent", switched).has("schemaRegistry"))
                .as("a registry typed before switching to JSON is not sent").isFalse();
    }

    @Test
    void exactlyOnceIsOfferedEverywhereAndSentOnlyWhenTicked() {
        for (String type : types()) {
            assertThat(field(wizard.dataFields(type), "exactlyOnce").type()).isEqualTo(FieldType.CHECKBOX);
        }
        WizardValues off = fill("kafka", "PLAIN", SCENARIOS.get(0));
        assertThat(kafkaJson("kafka", off).has("exactlyOnce")).isFalse();
        WizardValues on = off.with(Map.of("exactlyOnce", "true"), Map.of());
        assertThat(kafkaJson("kafka", on).path("exactlyOnce").asBoolean()).isTrue();
        assertThat(JSON.valueToTree(wizard.discoverySource("kafka", on)).path("kafka").has("exactlyOnce"))
                .as("nothing to sample").isFalse();
    }

    // ---- secrets

    @Test
    void everySecretIsDeclaredSecretAndNothingElseIs() {
        Set<String> secretNames = Set.of("password", "secretKey", "privateKey", "connectionString");
        Set<String> seen = new LinkedHashSet<>();
        for (String type : types()) {
            List<WizardField> fields = new ArrayList<>(wizard.connectionFields(type));
            fields.addAll(wizard.dataFields(type));
            for (WizardField field : fields) {
                String last = field.name().substring(field.name().lastIndexOf('.') + 1);
                assertThat(field.type() == FieldType.SECRET).as(type + " " + field.name())
                        .isEqualTo(secretNames.contains(last));
                if (field.secret()) {
                    seen.add(field.name());
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder("credentials.password", "credentials.secretKey",
                "credentials.privateKey", "credentials.connectionString", "schemaRegistry.credentials.password");
    }

    @Test
    void theSignInFieldsOfEachMethodShowOnlyForThatMethod() {
        List<WizardField> msk = wizard.connectionFields("msk");
        assertThat(field(msk, "iamRole").type()).isEqualTo(FieldType.ARN);
        assertThat(field(msk, "iamRole").shownWhen()).isEqualTo(Map.of("authentication", Set.of("IAM_ROLE")));
        assertThat(field(msk, "credentials.accessKeyId").type()).isEqualTo(FieldType.TEXT);
        assertThat(field(msk, "credentials.secretKey").shownWhen())
                .isEqualTo(Map.of("authentication", Set.of("IAM_USER")));
        assertThat(field(msk, "credentials.username").shownWhen())
                .isEqualTo(Map.of("authentication", Set.of("SCRAM-SHA-512")));
        assertThat(field(msk, "credentials.certificate").type()).isEqualTo(FieldType.TEXTAREA);
        assertThat(field(msk, "caCertificate").type()).isEqualTo(FieldType.TEXTAREA);
        assertThat(field(msk, "reversePrivateEndpointIds").type()).isEqualTo(FieldType.TEXT);
        assertThat(field(msk, "reversePrivateEndpointIds").required()).isFalse();

        List<WizardField> azure = wizard.connectionFields("azureeventhub");
        assertThat(names(azure)).contains("credentials.connectionString")
                .doesNotContain("credentials.username", "credentials.password", "iamRole", "credentials.privateKey");
        assertThat(field(azure, "authentication").options()).containsExactly(new FieldOption("PLAIN",
                "Connection string"));
        assertThat(names(wizard.connectionFields("warpstream"))).doesNotContain("credentials.certificate",
                "credentials.privateKey", "iamRole", "credentials.connectionString");
    }

    @Test
    void beforeAnythingIsChosenOnlyTheUnconditionalFieldsShow() {
        for (String type : types()) {
            List<WizardField> fields = new ArrayList<>(wizard.connectionFields(type));
            fields.addAll(wizard.dataFields(type));
            List<String> shown = fields.stream().filter(field -> field.appliesTo(WizardValues.empty()))
                    .map(WizardField::name).toList();
            assertThat(shown).as(type).containsExactly("brokers", "authentication", "caCertificate",
                    "reversePrivateEndpointIds", "topics", "format", "consumerGroup", "offset.strategy",
                    "exactlyOnce");
        }
    }

    @Test
    void leftoverValuesOfAnotherSignInMethodAreNotSent() {
        Map<String, String> plain = new LinkedHashMap<>(SAMPLES);
        plain.keySet().removeIf(name -> secretField("msk", name));
        Map<String, String> secrets = new LinkedHashMap<>(SAMPLES);
        secrets.keySet().removeIf(name -> !secretField("msk", name));
        plain.putAll(Map.of("authentication", "IAM_USER", "format", "JSONEachRow", "offset.strategy", "from_latest"));
        JsonNode kafka = kafkaJson("msk", new WizardValues(plain, secrets));
        assertThat(kafka.path("credentials").propertyNames()).containsExactlyInAnyOrder("accessKeyId", "secretKey");
        assertThat(kafka.has("iamRole")).isFalse();
        assertThat(kafka.toString()).doesNotContain("kafka-password-secret", "BEGIN PRIVATE KEY");
    }

    @Test
    void aKeyPastedIntoAOneLineInputGetsItsLineBreaksBack() {
        String oneLine = PRIVATE_KEY.replace("\n", " ");
        WizardValues values = fill("kafka", "MUTUAL_TLS", SCENARIOS.get(0))
                .with(Map.of(), Map.of("credentials.privateKey", oneLine));
        assertThat(wizard.crossFieldErrors(1, "kafka", values)).isEmpty();
        String sent = kafkaJson("kafka", values).path("credentials").path("privateKey").asString();
        assertThat(sent).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("\n-----END PRIVATE KEY-----");
        assertThat(sent.lines().skip(1).limit(sent.lines().count() - 2)).allSatisfy(line ->
                assertThat(line).hasSizeLessThanOrEqualTo(64).matches("[A-Za-z0-9+/=]+"));
        assertThat(sent.replaceAll("\\s", "")).isEqualTo(PRIVATE_KEY.replaceAll("\\s", ""));
        String crlf = CERTIFICATE.replace("\n", "\r\n");
        assertThat(KafkaWizard.pem(crlf)).isEqualTo(CERTIFICATE);
    }

    // ---- rules between fields

    @Test
    void connectionMistakesAreNamedNextToTheirField() {
        assertThat(connectionErrors("kafka", "PLAIN", Map.of("brokers", "broker.example.com"), Map.of()))
                .containsOnlyKeys("brokers");
        assertThat(connectionErrors("kafka", "PLAIN", Map.of("brokers", "SASL_SSL://broker.example.com:9092"),
                Map.of())).containsOnlyKeys("brokers");
        assertThat(connectionErrors("kafka", "PLAIN", Map.of("brokers", "broker.example.com:70000"), Map.of()))
                .containsOnlyKeys("brokers");
        assertThat(connectionErrors("kafka", "PLAIN", Map.of("brokers", "10.0.0.1:9092,[2001:db8::1]:9093"),
                Map.of())).isEmpty();
        assertThat(connectionErrors("kafka", "PLAIN", Map.of("caCertificate", "my ca"), Map.of()))
                .containsOnlyKeys("caCertificate");
        assertThat(connectionErrors("kafka", "PLAIN", Map.of("reversePrivateEndpointIds", "rpe-1"), Map.of()))
                .containsOnlyKeys("reversePrivateEndpointIds");
        assertThat(connectionErrors("kafka", "PLAIN", Map.of("reversePrivateEndpointIds",
                "3f1c6a9e-2b7d-4c1e-9a8f-0d2e4b6c8a10, 4a2d7b0f-3c8e-4d2f-8b9a-1e3f5c7d9b21"), Map.of())).isEmpty();
        assertThat(connectionErrors("msk", "IAM_ROLE", Map.of("iamRole", "arn:aws:s3:::my-bucket"), Map.of()))
                .containsOnlyKeys("iamRole");
        assertThat(connectionErrors("msk", "IAM_USER", Map.of("credentials.accessKeyId", "AKIA 1"), Map.of()))
                .containsOnlyKeys("credentials.accessKeyId");
        assertThat(connectionErrors("kafka", "MUTUAL_TLS", Map.of("credentials.certificate", "cert"),
                Map.of("credentials.privateKey", "key"))).containsOnlyKeys("credentials.certificate",
                "credentials.privateKey");
        assertThat(connectionErrors("azureeventhub", "PLAIN", Map.of(),
                Map.of("credentials.connectionString", "my-namespace"))).containsOnlyKeys(
                "credentials.connectionString");
        assertThat(connectionErrors("confluent", "PLAIN", Map.of("authentication", "IAM_ROLE"), Map.of()))
                .containsOnlyKeys("authentication");
    }

    @Test
    void dataMistakesAreNamedNextToTheirField() {
        assertThat(dataErrors("JSONEachRow", "from_latest", Map.of("topics", "orders payments"))).containsOnlyKeys(
                "topics");
        assertThat(dataErrors("JSONEachRow", "from_latest", Map.of("topics", "orders/eu"))).containsOnlyKeys(
                "topics");
        assertThat(dataErrors("JSONEachRow", "from_timestamp", Map.of("offset.timestamp", "2024-05-01")))
                .containsOnlyKeys("offset.timestamp");
        assertThat(dataErrors("JSONEachRow", "from_timestamp", Map.of("offset.timestamp", "2024-13-01T10:00")))
                .containsOnlyKeys("offset.timestamp");
        assertThat(dataErrors("JSONEachRow", "from_timestamp", Map.of("offset.timestamp", "2024-05-01T10:00:30Z")))
                .as("minute precision").containsOnlyKeys("offset.timestamp");
        assertThat(dataErrors("AvroConfluent", "from_latest", Map.of("schemaRegistry.url",
                "http://registry.example.com"))).containsOnlyKeys("schemaRegistry.url");
        assertThat(dataErrors("AvroConfluent", "from_latest", Map.of("schemaRegistry.caCertificate", "ca")))
                .containsOnlyKeys("schemaRegistry.caCertificate");
        assertThat(dataErrors("JSONEachRow", "from_latest", Map.of("schemaRegistry.url", "http://ignored.example")))
                .as("a registry that does not apply is not checked").isEmpty();
    }

    @Test
    void aTimestampIsSentToTheMinuteAsTheSpecsExampleWritesIt() {
        for (String typed : List.of("2024-05-01T10:00", "2024-05-01 10:00", "2024-05-01T10:00:00Z",
                "2024-05-01T10:00Z")) {
            WizardValues values = fill("kafka", "PLAIN", SCENARIOS.get(0))
                    .with(Map.of("offset.strategy", "from_timestamp", "offset.timestamp", typed), Map.of());
            assertThat(wizard.crossFieldErrors(2, "kafka", values)).as(typed).isEmpty();
            assertThat(kafkaJson("kafka", values).path("offset").toString())
                    .isEqualTo("{\"strategy\":\"from_timestamp\",\"timestamp\":\"2024-05-01T10:00\"}");
        }
    }

    @Test
    void eachStepsErrorsNameOnlyThatStepsFields() {
        WizardValues bad = new WizardValues(Map.of("authentication", "MUTUAL_TLS", "brokers", "x",
                "credentials.certificate", "c", "caCertificate", "c", "reversePrivateEndpointIds", "x",
                "topics", "a b", "format", "Avro", "offset.strategy", "from_timestamp", "offset.timestamp", "x",
                "schemaRegistry.url", "http://r.example"), Map.of("credentials.privateKey", "k"));
        assertThat(names(wizard.connectionFields("kafka")))
                .containsAll(wizard.crossFieldErrors(1, "kafka", bad).keySet());
        assertThat(names(wizard.dataFields("kafka"))).containsAll(wizard.crossFieldErrors(2, "kafka", bad).keySet());
        assertThat(wizard.crossFieldErrors(1, "kafka", bad)).hasSize(5);
        assertThat(wizard.crossFieldErrors(2, "kafka", bad)).hasSize(3);
    }

    @Test
    void anUnknownTypeIsRefused() {
        assertThatThrownBy(() -> wizard.connectionFields("kinesis")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> wizard.source("confluent", fill("kafka", "SCRAM-SHA-256", SCENARIOS.get(0))))
                .as("a method the type does not offer").isInstanceOf(IllegalArgumentException.class);
    }

    // ---- Duplicate

    @TestFactory
    Stream<DynamicTest> prefillGivesBackThePlainValuesOfEveryTypeAndMethod() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String type : types()) {
            for (FieldOption method : field(wizard.connectionFields(type), "authentication").options()) {
                for (Scenario scenario : SCENARIOS) {
                    tests.add(DynamicTest.dynamicTest(type + " " + method.value() + ": " + scenario.name(), () -> {
                        WizardValues typed = fill(type, method.value(), scenario);
                        ClickPipeKafkaSource created = wizard.source(type, typed).kafka();
                        // What the API answers: the same source without its credentials (never returned).
                        ClickPipe pipe = pipeWith(created.toBuilder().credentials(null).schemaRegistry(
                                created.schemaRegistry() == null ? null : new ClickPipeKafkaSchemaRegistry(
                                        created.schemaRegistry().url(),
                                        created.schemaRegistry().authentication(),
                                        created.schemaRegistry().caCertificate(), null)).build());

                        Map<String, String> prefill = wizard.prefill(pipe);
                        Set<String> expected = new LinkedHashSet<>(typed.values().keySet());
                        expected.removeIf(name -> name.startsWith("credentials.")
                                || name.startsWith("schemaRegistry.credentials.") || name.equals("consumerGroup"));
                        expected.add("type"); // which tile Duplicate opens
                        assertThat(prefill.keySet()).containsExactlyInAnyOrderElementsOf(expected);
                        assertThat(prefill.get("type")).isEqualTo(type);
                        assertThat(prefill).doesNotContainKeys("consumerGroup");
                        assertThat(prefill.values()).noneMatch(value -> typed.secrets().containsValue(value));

                        // Typing the credentials and group again gives the very same source.
                        Map<String, String> retyped = new LinkedHashMap<>(prefill);
                        typed.values().forEach((name, value) -> {
                            if (!expected.contains(name)) {
                                retyped.put(name, value);
                            }
                        });
                        assertThat(kafkaJson(type, new WizardValues(retyped, typed.secrets())))
                                .isEqualTo(kafkaJson(type, typed));
                    }));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void prefillOfAPipeOfAnotherKindIsEmpty() {
        ClickPipe kinesis = new ClickPipe(PIPE, SERVICE, "k", ClickPipeState.RUNNING, null,
                new ClickPipeSource(null, null, null, null, null, null, null, null), null, null, null,
                Instant.EPOCH, Instant.EPOCH);
        assertThat(wizard.prefill(kinesis)).isEmpty();
    }

    // ---- the reference page's example

    @Test
    void theReferencePagesKafkaExampleTypedIntoTheFieldsComesOutAsThePageWroteIt() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        SeedCurlExamples.Example example = SeedCurlExamples.read(ORGANIZATION, SERVICE, PIPE).stream()
                .filter(candidate -> "POST".equals(candidate.method()) && candidate.body() != null
                        && JSON.readTree(candidate.body()).path("source").has("kafka"))
                .findFirst().orElseThrow(() -> new AssertionError("the page's Kafka create example"));
        JsonNode page = JSON.readTree(example.body());
        JsonNode pageKafka = page.path("source").path("kafka");
        String type = pageKafka.path("type").asString();

        Map<String, WizardField> declared = new LinkedHashMap<>();
        wizard.connectionFields(type).forEach(field -> declared.put(field.name(), field));
        wizard.dataFields(type).forEach(field -> declared.put(field.name(), field));
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        flatten(pageKafka, "", (name, value) -> {
            if (!name.equals("type")) {
                WizardField field = declared.get(name);
                assertThat(field).as("a wizard field for the page's " + name).isNotNull();
                (field.secret() ? secrets : plain).put(name, value);
            }
        });
        plain.put("offset.strategy", "from_beginning");
        WizardValues values = new WizardValues(plain, secrets);

        List<String> missing = declared.values().stream()
                .filter(field -> field.required() && field.appliesTo(values))
                .filter(field -> values.get(field.name()) == null && values.secret(field.name()) == null)
                .map(WizardField::name).toList();
        assertThat(missing).as("required fields the page does not fill").isEmpty();
        assertThat(wizard.crossFieldErrors(1, type, values)).isEmpty();
        assertThat(wizard.crossFieldErrors(2, type, values)).isEmpty();

        ObjectNode sent = (ObjectNode) kafkaJson(type, values);
        assertThat(sent.path("offset").toString()).isEqualTo("{\"strategy\":\"from_beginning\"}");
        ADDED_ON_PURPOSE.keySet().forEach(sent::remove);
        assertThat(sent).isEqualTo(pageKafka);

        ObjectNode body = (ObjectNode) page.deepCopy();
        ((ObjectNode) body.path("source")).set("kafka", kafkaJson(type, values));
        JsonNode createSchema = spec.operation("POST", pipesPath()).requestSchema();
        assertThat(spec.violations(createSchema, body)).isEmpty();
        assertThat(spec.undeclaredProperties(createSchema, body)).isEmpty();
    }

    // ---- helpers

    /** The wizard filled as a person would: the choices of the scenario, then each field that applies. */
    private WizardValues fill(String type, String method, Scenario scenario) {
        Map<String, String> choices = new LinkedHashMap<>();
        choices.put("authentication", method);
        choices.put("format", scenario.format());
        choices.put("offset.strategy", scenario.offset());
        if (scenario.registrySignIn() != null) {
            choices.put("schemaRegistry.authentication", scenario.registrySignIn());
        }
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        List<WizardField> fields = new ArrayList<>(wizard.connectionFields(type));
        fields.addAll(wizard.dataFields(type));
        for (WizardField field : fields) {
            WizardValues sofar = new WizardValues(plain, secrets);
            if (!field.appliesTo(sofar)) {
                continue;
            }
            if (field.type() == FieldType.SELECT) {
                String choice = choices.get(field.name());
                assertThat(choice).as("a choice for " + field.name()).isNotNull();
                assertThat(values(field)).as(field.name()).contains(choice);
                plain.put(field.name(), choice);
            } else if (field.required() || scenario.everything()) {
                String sample = SAMPLES.get(field.name());
                assertThat(sample).as("a sample for " + field.name()).isNotNull();
                (field.secret() ? secrets : plain).put(field.name(), sample);
            }
        }
        return new WizardValues(plain, secrets);
    }

    private Map<String, String> connectionErrors(String type, String method, Map<String, String> plain,
            Map<String, String> secrets) {
        WizardValues values = fill(type, method, SCENARIOS.get(1)).with(plain, secrets);
        return wizard.crossFieldErrors(1, type, values);
    }

    private Map<String, String> dataErrors(String format, String offset, Map<String, String> plain) {
        Scenario scenario = new Scenario("errors", format, offset,
                KafkaWizard.REGISTRY_FORMATS.contains(format) ? "PLAIN" : null, true);
        return wizard.crossFieldErrors(2, "confluent", fill("confluent", "PLAIN", scenario).with(plain, Map.of()));
    }

    private JsonNode kafkaJson(String type, WizardValues values) {
        return JSON.valueToTree(wizard.source(type, values)).path("kafka");
    }

    private static ClickPipePostRequest createBody(ClickPipePostSource source) {
        return ClickPipePostRequest.of("orders", source, new ClickPipeDestination("default", "orders", true,
                ClickPipeDestinationTableDefinition.of(ClickPipeDestinationTableEngine.of("MergeTree")),
                List.of(new ClickPipeDestinationColumn("id", "UInt64"),
                        new ClickPipeDestinationColumn("message", "String")), null));
    }

    private static ClickPipe pipeWith(ClickPipeKafkaSource kafka) {
        return new ClickPipe(PIPE, SERVICE, "orders", ClickPipeState.RUNNING, null,
                new ClickPipeSource(kafka, null, null, null, null, null, null, null), null, null, null,
                Instant.EPOCH, Instant.EPOCH);
    }

    private static String pipesPath() {
        return "/v1/organizations/" + ORGANIZATION + "/services/" + SERVICE + "/clickpipes";
    }

    private List<String> types() {
        return wizard.tiles().stream().map(SourceTile::type).toList();
    }

    private boolean secretField(String type, String name) {
        List<WizardField> fields = new ArrayList<>(wizard.connectionFields(type));
        fields.addAll(wizard.dataFields(type));
        return fields.stream().anyMatch(field -> field.name().equals(name) && field.secret());
    }

    private static WizardField field(List<WizardField> fields, String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + name));
    }

    private static List<String> names(List<WizardField> fields) {
        return fields.stream().map(WizardField::name).toList();
    }

    private static List<String> values(WizardField field) {
        return field.options().stream().map(FieldOption::value).toList();
    }

    /**
     * The spec's own list, from the description of {@code ClickPipePostKafkaSource.authentication}: "Supported
     * authentication methods: kafka: PLAIN, SCRAM-SHA-256, …, msk: SCRAM-SHA-512, IAM_ROLE, …".
     */
    private static Map<String, List<String>> specMethodsByType(OpenApiSpec spec) {
        String description = spec.schema("ClickPipePostKafkaSource").path("properties").path("authentication")
                .path("description").asString();
        String list = description.substring(description.indexOf("Supported authentication methods:")
                + "Supported authentication methods:".length());
        Matcher type = Pattern.compile("([a-z]+):").matcher(list);
        List<int[]> marks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (type.find()) {
            names.add(type.group(1));
            marks.add(new int[] {type.start(), type.end()});
        }
        Map<String, List<String>> methods = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            int end = i + 1 < names.size() ? marks.get(i + 1)[0] : list.length();
            String segment = list.substring(marks.get(i)[1], end);
            methods.put(names.get(i), Stream.of(segment.split(",")).map(String::strip)
                    .filter(method -> !method.isEmpty()).toList());
        }
        return methods;
    }

    /** Leaves of a JSON object by dotted path: {@code credentials.username} → {@code my_user}. */
    static void flatten(JsonNode node, String prefix, BiConsumer<String, String> leaf) {
        for (String name : node.propertyNames()) {
            JsonNode child = node.get(name);
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            if (child.isObject()) {
                flatten(child, path, leaf);
            } else {
                leaf.accept(path, child.asString());
            }
        }
    }
}
