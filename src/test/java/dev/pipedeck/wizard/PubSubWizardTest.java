package dev.pipedeck.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestination;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationColumn;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationTableDefinition;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationTableEngine;
import dev.pipedeck.cloud.clickpipe.ClickPipePostRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipePostSource;
import dev.pipedeck.testsupport.OpenApiSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Pub/Sub wizard: what it asks, what it refuses, the service account key's shape on the wire, and that what it
 * sends is what the published spec accepts (the spec in {@code ../shared/}; those checks are skipped, saying so, where
 * it is absent).
 */
class PubSubWizardTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    /** A service account key file as Google downloads it (the private key is a stand-in, not a real one). */
    private static final String KEY_FILE = """
            {
              "type": "service_account",
              "project_id": "acme-analytics",
              "private_key_id": "3f1c0a9e8b7d6c5b4a39281706f5e4d3c2b1a090",
              "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\n-----END PRIVATE KEY-----\\n",
              "client_email": "clickpipes@acme-analytics.iam.gserviceaccount.com",
              "client_id": "104567890123456789012",
              "auth_uri": "https://accounts.google.com/o/oauth2/auth",
              "token_uri": "https://oauth2.googleapis.com/token",
              "universe_domain": "googleapis.com"
            }
            """;

    private final PubSubWizard wizard = new PubSubWizard(Clock.fixed(NOW, ZoneOffset.UTC));

    static Stream<Arguments> seekTypesWithAndWithoutTheOptions() {
        return Stream.of("latest", "earliest", "timestamp")
                .flatMap(seekType -> Stream.of(Arguments.of(seekType, false), Arguments.of(seekType, true)));
    }

    @ParameterizedTest(name = "seek {0}, options {1}")
    @MethodSource("seekTypesWithAndWithoutTheOptions")
    void theCreateBodyIsWhatTheSpecAcceptsForEverySeekType(String seekType, boolean options) {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();

        JsonNode body = createBody(wizard.source(null, typed(seekType, options)));

        OpenApiSpec.Operation operation = spec.operation("POST", "/v1/organizations/" + UUID.randomUUID()
                + "/services/" + UUID.randomUUID() + "/clickpipes");
        assertThat(operation.operationId()).isEqualTo("clickPipeCreate");
        assertThat(spec.violations(operation.requestSchema(), body)).as(body.toString()).isEmpty();
        JsonNode pubsub = body.get("source").get("pubsub");
        assertThat(body.get("source").properties()).hasSize(1);
        assertThat(pubsub.get("authentication").asString()).isEqualTo("SERVICE_ACCOUNT");
        assertThat(pubsub.get("seekType").asString()).isEqualTo(seekType);
        if (seekType.equals("timestamp")) {
            assertThat(pubsub.get("seekTimestamp").asString()).isEqualTo("2026-02-27T12:00:00Z");
        } else {
            assertThat(pubsub.has("seekTimestamp")).as("must be omitted unless seekType is timestamp").isFalse();
        }
        assertThat(pubsub.get("enableOrdering").asBoolean()).isEqualTo(options);
        if (options) {
            assertThat(pubsub.get("ackDeadline").isInt()).isTrue();
            assertThat(pubsub.get("ackDeadline").asInt()).isEqualTo(120);
            assertThat(pubsub.get("filter").asString()).isEqualTo("attributes.env = \"prod\"");
        } else {
            assertThat(pubsub.has("ackDeadline")).isFalse();
            assertThat(pubsub.has("filter")).isFalse();
        }
    }

    @Test
    void aPastedKeyIsSentAsTheSpecsServiceAccountObjectHoldingTheFileInBase64() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();

        JsonNode key = JSON.valueToTree(wizard.source(null, typed("latest", false))).get("pubsub")
                .get("serviceAccountKey");

        assertThat(key.isObject()).as("Pub/Sub takes an object, unlike GCS's base64 string").isTrue();
        assertThat(key.propertyNames()).containsExactly("serviceAccountFile");
        assertThat(spec.violations(spec.schema("ServiceAccount"), key)).isEmpty();
        byte[] decoded = Base64.getDecoder().decode(key.get("serviceAccountFile").asString());
        assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo(KEY_FILE);
        assertThat(JSON.readTree(decoded)).isEqualTo(JSON.readTree(KEY_FILE));
        assertThat(spec.schema("ClickPipePostPubSubSource").get("properties").get("serviceAccountKey").get("$ref")
                .asString()).isEqualTo("#/components/schemas/ServiceAccount");
    }

    @Test
    void aKeyThatIsNotAServiceAccountKeyIsRefusedWithoutQuotingIt() {
        Map<String, String> userCredential = step1Errors("""
                {"type": "authorized_user", "client_id": "764086051850.apps.googleusercontent.com",
                 "client_secret": "d-FL95Q19q7MQmFpd7hHD0Ty", "refresh_token": "1//0gxyz"}""");
        assertThat(userCredential).containsOnlyKeys("serviceAccountKey");
        assertThat(userCredential.get("serviceAccountKey")).contains("authorized_user")
                .contains("\"service_account\"").doesNotContain("d-FL95Q19q7MQmFpd7hHD0Ty");

        Map<String, String> noType = step1Errors("{\"project_id\": \"acme-analytics\"}");
        assertThat(noType.get("serviceAccountKey")).contains("not a service account key");

        Map<String, String> incomplete = step1Errors("""
                {"type": "service_account", "project_id": "acme-analytics",
                 "private_key": "-----BEGIN PRIVATE KEY-----\\nsecret-material\\n-----END PRIVATE KEY-----\\n"}""");
        assertThat(incomplete.get("serviceAccountKey")).contains("client_email").doesNotContain("private_key")
                .doesNotContain("secret-material");

        Map<String, String> blanks = step1Errors("""
                {"type": "service_account", "project_id": "", "private_key": 42, "client_email": " "}""");
        assertThat(blanks.get("serviceAccountKey")).contains("project_id, private_key, client_email");

        assertThat(step1Errors(KEY_FILE)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json {", "[1, 2]", "\"service_account\"", "eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0="})
    void aKeyThatIsNotAJsonObjectIsLeftToTheJsonCheckWithoutFailing(String notAnObject) {
        assertThatNoException().isThrownBy(() -> step1Errors(notAnObject));
        assertThat(step1Errors(notAnObject)).doesNotContainKey("projectId");
    }

    @Test
    void theKeyIsASecretJsonFieldAndNoPlainFieldChoosesTheOnlyAuthentication() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        WizardField key = field("serviceAccountKey");
        assertThat(key.type()).isEqualTo(FieldType.SECRET_JSON);
        assertThat(key.required()).isTrue();
        assertThat(key.secret()).isTrue();
        assertThat(spec.enumOf("ClickPipePostPubSubSource", "authentication")).containsExactly("SERVICE_ACCOUNT");
        assertThat(allFields()).extracting(WizardField::name).doesNotContain("authentication");
    }

    @Test
    void theChoicesAndRangesAreTheSpecs() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        assertThat(optionValues(field("format"))).isEqualTo(spec.enumOf("ClickPipePostPubSubSource", "format"));
        assertThat(optionValues(field("seekType"))).isEqualTo(spec.enumOf("ClickPipePostPubSubSource", "seekType"));
        JsonNode ackDeadline = spec.schema("ClickPipePostPubSubSource").get("properties").get("ackDeadline");
        assertThat(field("ackDeadline").type()).isEqualTo(FieldType.INTEGER);
        assertThat(field("ackDeadline").required()).isFalse();
        assertThat(field("ackDeadline").min()).isEqualTo(ackDeadline.get("minimum").asLong());
        assertThat(field("ackDeadline").max()).isEqualTo(ackDeadline.get("maximum").asLong());
        int filterMax = spec.schema("ClickPipePostPubSubSource").get("properties").get("filter").get("maxLength")
                .asInt();
        assertThat(PubSubWizard.FILTER_MAX_LENGTH).isEqualTo(filterMax);

        WizardField seekTimestamp = field("seekTimestamp");
        assertThat(seekTimestamp.type()).isEqualTo(FieldType.INSTANT);
        assertThat(seekTimestamp.required()).isTrue();
        assertThat(seekTimestamp.shownWhen()).isEqualTo(Map.of("seekType", Set.of("timestamp")));
        assertThat(wizard.discoverySource(null, typed("latest", false))).as("the spec samples Kafka and Kinesis only")
                .isNull();
        assertThat(wizard.tiles()).containsExactly(new SourceTile("Streaming", "Google Pub/Sub", "pubsub", null,
                wizard.tiles().get(0).description()));
    }

    @Test
    void stepTwoRefusesAFullTopicPathAReservedNameAFutureSeekAndALongFilter() {
        Map<String, String> plain = new HashMap<>(typed("timestamp", true).values());
        plain.put("topic", "projects/acme-analytics/topics/app-events");
        plain.put("seekTimestamp", NOW.plusSeconds(60).toString());
        plain.put("filter", "attributes.env = \"" + "x".repeat(250) + "\"");

        Map<String, String> errors = wizard.crossFieldErrors(2, null, new WizardValues(plain, Map.of()));

        assertThat(errors).containsOnlyKeys("topic", "seekTimestamp", "filter");
        assertThat(errors.get("topic")).contains("name only");
        assertThat(errors.get("seekTimestamp")).contains("future").contains("latest");
        assertThat(errors.get("filter")).contains("256").contains(String.valueOf(plain.get("filter").length()));

        plain.put("topic", "goog-events");
        plain.put("seekTimestamp", NOW.toString());
        plain.put("filter", "a".repeat(256));
        assertThat(wizard.crossFieldErrors(2, null, new WizardValues(plain, Map.of()))).containsOnlyKeys("topic");

        plain.put("topic", "app-events.v2~eu");
        assertThat(wizard.crossFieldErrors(2, null, new WizardValues(plain, Map.of()))).isEmpty();
    }

    @Test
    void aFutureTimeTypedBeforeSwitchingAwayFromTimestampIsNeitherJudgedNorSent() {
        Map<String, String> plain = new HashMap<>(typed("earliest", false).values());
        plain.put("seekTimestamp", NOW.plusSeconds(86_400).toString());
        WizardValues values = new WizardValues(plain, Map.of("serviceAccountKey", KEY_FILE));

        assertThat(wizard.crossFieldErrors(2, null, values)).isEmpty();
        assertThat(JSON.valueToTree(wizard.source(null, values)).get("pubsub").has("seekTimestamp")).isFalse();
    }

    @Test
    void stepOneRefusesAProjectNameOrNumberForTheProjectId() {
        Map<String, String> plain = new HashMap<>(typed("latest", false).values());
        plain.put("projectId", "Acme Analytics");
        assertThat(wizard.crossFieldErrors(1, null, new WizardValues(plain, Map.of("serviceAccountKey", KEY_FILE))))
                .containsOnlyKeys("projectId");
        plain.put("projectId", "123456789012");
        assertThat(wizard.crossFieldErrors(1, null, new WizardValues(plain, Map.of("serviceAccountKey", KEY_FILE))))
                .containsOnlyKeys("projectId");
        plain.put("projectId", "example.com:analytics-01");
        assertThat(wizard.crossFieldErrors(1, null, new WizardValues(plain, Map.of("serviceAccountKey", KEY_FILE))))
                .isEmpty();
    }

    @Test
    void aSeekTimeTypedWithAnOffsetIsSentInUtc() {
        Map<String, String> plain = new HashMap<>(typed("timestamp", false).values());
        plain.put("seekTimestamp", "2026-02-27T14:00:00+02:00");

        JsonNode pubsub = JSON.valueToTree(wizard.source(null, new WizardValues(plain,
                Map.of("serviceAccountKey", KEY_FILE)))).get("pubsub");

        assertThat(pubsub.get("seekTimestamp").asString()).isEqualTo("2026-02-27T12:00:00Z");
    }

    @ParameterizedTest(name = "seek {0}, options {1}")
    @MethodSource("seekTypesWithAndWithoutTheOptions")
    void duplicatingAPipeFillsInEveryPlainValueAndNotTheKey(String seekType, boolean options) {
        WizardValues values = typed(seekType, options);
        ObjectNode source = JSON.valueToTree(wizard.source(null, values));
        ObjectNode answered = source.deepCopy();
        ((ObjectNode) answered.get("pubsub")).remove("serviceAccountKey");

        assertThat(wizard.prefill(pipeWith(answered))).isEqualTo(values.values());
        // even a server that echoed the key back does not get it into the new draft
        Map<String, String> fromEcho = wizard.prefill(pipeWith(source));
        assertThat(fromEcho).isEqualTo(values.values()).doesNotContainKey("serviceAccountKey");
        assertThat(allFields()).extracting(WizardField::name).containsAll(fromEcho.keySet());
    }

    @Test
    void aPipeOfAnotherKindPrefillsNothing() {
        ObjectNode kinesis = JSON.createObjectNode();
        kinesis.putObject("kinesis").put("streamName", "clickstream");
        assertThat(wizard.prefill(pipeWith(kinesis))).isEmpty();
    }

    // ---- helpers ----

    private Map<String, String> step1Errors(String keyFile) {
        return wizard.crossFieldErrors(1, null, new WizardValues(Map.of("projectId", "acme-analytics"),
                Map.of("serviceAccountKey", keyFile)));
    }

    /** Values as a person types them for one seek type, with or without the optional fields. */
    private static WizardValues typed(String seekType, boolean options) {
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put("projectId", "acme-analytics");
        plain.put("topic", "app-events");
        plain.put("format", "JSONEachRow");
        plain.put("seekType", seekType);
        if (seekType.equals("timestamp")) {
            plain.put("seekTimestamp", "2026-02-27T12:00:00Z");
        }
        if (options) {
            plain.put("filter", "attributes.env = \"prod\"");
            plain.put("enableOrdering", "true");
            plain.put("ackDeadline", "120");
        }
        return new WizardValues(plain, Map.of("serviceAccountKey", KEY_FILE));
    }

    private static JsonNode createBody(ClickPipePostSource source) {
        ClickPipeDestination destination = new ClickPipeDestination("default", "app_events", true,
                ClickPipeDestinationTableDefinition.of(ClickPipeDestinationTableEngine.of("MergeTree")),
                List.of(new ClickPipeDestinationColumn("event", "String"),
                        new ClickPipeDestinationColumn("ts", "DateTime")),
                null);
        return JSON.valueToTree(ClickPipePostRequest.of("events from Pub/Sub", source, destination));
    }

    private static ClickPipe pipeWith(JsonNode source) {
        ObjectNode pipe = JSON.createObjectNode();
        pipe.put("id", UUID.randomUUID().toString());
        pipe.put("name", "events from Pub/Sub");
        pipe.set("source", source);
        return JSON.treeToValue(pipe, ClickPipe.class);
    }

    private List<WizardField> allFields() {
        return Stream.concat(wizard.connectionFields(null).stream(), wizard.dataFields(null).stream()).toList();
    }

    private WizardField field(String name) {
        return allFields().stream().filter(field -> field.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + name));
    }

    private static List<String> optionValues(WizardField field) {
        return field.options().stream().map(FieldOption::value).toList();
    }
}
