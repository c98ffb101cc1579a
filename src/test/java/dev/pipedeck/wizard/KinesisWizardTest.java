package dev.pipedeck.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestination;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationColumn;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationTableDefinition;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationTableEngine;
import dev.pipedeck.cloud.clickpipe.ClickPipePostRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipePostSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoveryRequest;
import dev.pipedeck.testsupport.OpenApiSpec;
import dev.pipedeck.testsupport.SeedCurlExamples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Kinesis wizard: what it asks, what it refuses, and that what it sends is what the published spec accepts (the
 * spec in {@code ../shared/}; those checks are skipped, saying so, where it is absent).
 */
class KinesisWizardTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private static final String ROLE = "arn:aws:iam::123456789012:role/clickpipes-kinesis";
    private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private final KinesisWizard wizard = new KinesisWizard(Clock.fixed(NOW, ZoneOffset.UTC));

    static Stream<Arguments> authenticationsAndIteratorTypes() {
        return Stream.of("IAM_ROLE", "IAM_USER").flatMap(authentication -> Stream.of("TRIM_HORIZON", "LATEST",
                "AT_TIMESTAMP").map(iteratorType -> Arguments.of(authentication, iteratorType)));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("authenticationsAndIteratorTypes")
    void theCreateBodyIsWhatTheSpecAcceptsForEveryAuthenticationAndIteratorType(String authentication,
            String iteratorType) {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        WizardValues values = typed(authentication, iteratorType, true);

        JsonNode body = createBody(wizard.source(null, values));

        assertThat(spec.violations(createOperation(spec).requestSchema(), body)).as(body.toString()).isEmpty();
        JsonNode kinesis = body.get("source").get("kinesis");
        assertThat(body.get("source").properties()).hasSize(1);
        // the spec lists no required fields for Kinesis, so say what a Kinesis pipe cannot do without
        assertThat(kinesis.get("format").asString()).isEqualTo("JSONEachRow");
        assertThat(kinesis.get("streamName").asString()).isEqualTo("clickstream");
        assertThat(kinesis.get("region").asString()).isEqualTo("us-east-1");
        assertThat(kinesis.get("authentication").asString()).isEqualTo(authentication);
        assertThat(kinesis.get("iteratorType").asString()).isEqualTo(iteratorType);
        assertThat(kinesis.get("useEnhancedFanOut").asBoolean()).isTrue();
        if (authentication.equals("IAM_ROLE")) {
            assertThat(kinesis.get("iamRole").asString()).isEqualTo(ROLE);
            assertThat(kinesis.has("accessKey")).isFalse();
        } else {
            assertThat(kinesis.has("iamRole")).isFalse();
            assertThat(kinesis.get("accessKey").get("accessKeyId").asString()).isEqualTo(ACCESS_KEY_ID);
            assertThat(kinesis.get("accessKey").get("secretKey").asString()).isEqualTo(SECRET_KEY);
        }
        if (iteratorType.equals("AT_TIMESTAMP")) {
            assertThat(kinesis.get("timestamp").isIntegralNumber()).isTrue();
            assertThat(kinesis.get("timestamp").asLong()).isEqualTo(Instant.parse("2026-02-27T12:00:00Z")
                    .getEpochSecond());
        } else {
            assertThat(kinesis.has("timestamp")).isFalse();
        }
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("authenticationsAndIteratorTypes")
    void schemaDiscoverySamplesTheSameSourceAndTheSpecAcceptsIt(String authentication, String iteratorType) {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        WizardValues values = typed(authentication, iteratorType, false);

        JsonNode discovery = JSON.valueToTree(new ClickPipeSchemaDiscoveryRequest(wizard.discoverySource(null,
                values)));

        OpenApiSpec.Operation operation = spec.operation("POST", "/v1/organizations/" + UUID.randomUUID()
                + "/services/" + UUID.randomUUID() + "/clickpipes/schemaDiscovery");
        assertThat(operation.operationId()).isEqualTo("clickPipeSchemaDiscovery");
        assertThat(spec.violations(operation.requestSchema(), discovery)).as(discovery.toString()).isEmpty();
        assertThat(discovery.get("source").get("kinesis"))
                .isEqualTo(JSON.valueToTree(wizard.source(null, values)).get("kinesis"));
    }

    @Test
    void theChoicesAreTheSpecsEnumsAndTheTimeIsAskedOnlyForAtTimestamp() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        assertThat(optionValues(field("format"))).isEqualTo(spec.enumOf("ClickPipePostKinesisSource", "format"));
        assertThat(optionValues(field("iteratorType")))
                .isEqualTo(spec.enumOf("ClickPipePostKinesisSource", "iteratorType"));
        assertThat(optionValues(field("authentication")))
                .isEqualTo(spec.enumOf("ClickPipePostKinesisSource", "authentication"));

        WizardField timestamp = field("timestamp");
        assertThat(timestamp.type()).isEqualTo(FieldType.INSTANT);
        assertThat(timestamp.required()).isTrue();
        assertThat(timestamp.appliesTo(new WizardValues(Map.of("iteratorType", "AT_TIMESTAMP"), Map.of()))).isTrue();
        assertThat(timestamp.appliesTo(new WizardValues(Map.of("iteratorType", "LATEST"), Map.of()))).isFalse();
        assertThat(field("iamRole").type()).isEqualTo(FieldType.ARN);
        assertThat(field("iamRole").shownWhen()).isEqualTo(Map.of("authentication", java.util.Set.of("IAM_ROLE")));
        assertThat(field("accessKey.accessKeyId").type()).isEqualTo(FieldType.TEXT);
        assertThat(field("accessKey.secretKey").type()).isEqualTo(FieldType.SECRET);
        assertThat(field("accessKey.secretKey").shownWhen())
                .isEqualTo(Map.of("authentication", java.util.Set.of("IAM_USER")));
        assertThat(wizard.tiles()).containsExactly(new SourceTile("Streaming", "Amazon Kinesis", "kinesis", null,
                wizard.tiles().get(0).description()));
        assertThat(wizard.kind()).isEqualTo("kinesis");
    }

    @Test
    void whatWasTypedForTheOtherChoiceIsNotSent() {
        Map<String, String> plain = new HashMap<>(typed("IAM_USER", "LATEST", false).values());
        plain.put("iamRole", ROLE);
        plain.put("timestamp", "2026-02-27T12:00:00Z");

        JsonNode kinesis = JSON.valueToTree(wizard.source(null, new WizardValues(plain,
                Map.of("accessKey.secretKey", SECRET_KEY)))).get("kinesis");

        assertThat(kinesis.has("iamRole")).isFalse();
        assertThat(kinesis.has("timestamp")).isFalse();
        assertThat(kinesis.get("useEnhancedFanOut").asBoolean()).isFalse();

        Map<String, String> roleNow = new HashMap<>(plain);
        roleNow.put("authentication", "IAM_ROLE");
        JsonNode withRole = JSON.valueToTree(wizard.source(null, new WizardValues(roleNow,
                Map.of("accessKey.secretKey", SECRET_KEY)))).get("kinesis");
        assertThat(withRole.has("accessKey")).isFalse();
        assertThat(withRole.get("iamRole").asString()).isEqualTo(ROLE);
    }

    @Test
    void theStartTimeIsSentAsWholeUnixSecondsWhateverOffsetItWasTypedIn() {
        Map<String, String> plain = new HashMap<>(typed("IAM_ROLE", "AT_TIMESTAMP", false).values());
        plain.put("timestamp", "2026-02-27T14:00:00.750+02:00");

        JsonNode kinesis = JSON.valueToTree(wizard.source(null, new WizardValues(plain, Map.of()))).get("kinesis");

        assertThat(kinesis.get("timestamp").asLong()).isEqualTo(Instant.parse("2026-02-27T12:00:00Z")
                .getEpochSecond());
    }

    @Test
    void stepOneRefusesARegionThatIsNoRegionARoleArnThatIsNoRoleAndAMalformedAccessKeyId() {
        Map<String, String> errors = wizard.crossFieldErrors(1, null, new WizardValues(Map.of("region", "US East",
                "authentication", "IAM_ROLE", "iamRole", "arn:aws:s3:::my-bucket"), Map.of()));
        assertThat(errors).containsOnlyKeys("region", "iamRole");
        assertThat(errors.get("region")).contains("us-east-1");
        assertThat(errors.get("iamRole")).contains("role");

        Map<String, String> keyErrors = wizard.crossFieldErrors(1, null, new WizardValues(Map.of("region",
                "eu-central-1", "authentication", "IAM_USER", "accessKey.accessKeyId", "akia-not-a-key"),
                Map.of("accessKey.secretKey", SECRET_KEY)));
        assertThat(keyErrors).containsOnlyKeys("accessKey.accessKeyId");

        assertThat(wizard.crossFieldErrors(1, null, typed("IAM_ROLE", "LATEST", false))).isEmpty();
        assertThat(wizard.crossFieldErrors(1, null, typed("IAM_USER", "LATEST", false))).isEmpty();
        assertThat(wizard.crossFieldErrors(1, null, new WizardValues(Map.of("region", "us-gov-west-1",
                "authentication", "IAM_ROLE", "iamRole", "arn:aws-us-gov:iam::123456789012:role/reader"), Map.of())))
                .isEmpty();
    }

    @Test
    void aRoleTypedBeforeSwitchingToAnAccessKeyIsNotJudged() {
        assertThat(wizard.crossFieldErrors(1, null, new WizardValues(Map.of("region", "us-east-1", "authentication",
                "IAM_USER", "iamRole", "arn:aws:s3:::bucket", "accessKey.accessKeyId", ACCESS_KEY_ID),
                Map.of("accessKey.secretKey", SECRET_KEY)))).isEmpty();
    }

    @Test
    void stepTwoRefusesAStreamArnAFutureStartAndAStartBefore1970() {
        Map<String, String> plain = new HashMap<>(typed("IAM_ROLE", "AT_TIMESTAMP", false).values());
        plain.put("streamName", "arn:aws:kinesis:us-east-1:123456789012:stream/clickstream");
        plain.put("timestamp", NOW.plusSeconds(3600).toString());

        Map<String, String> errors = wizard.crossFieldErrors(2, null, new WizardValues(plain, Map.of()));

        assertThat(errors).containsOnlyKeys("streamName", "timestamp");
        assertThat(errors.get("streamName")).contains("not its ARN");
        assertThat(errors.get("timestamp")).contains("future").contains("LATEST");

        plain.put("streamName", "click stream!");
        plain.put("timestamp", "1969-12-31T23:59:59Z");
        errors = wizard.crossFieldErrors(2, null, new WizardValues(plain, Map.of()));
        assertThat(errors).containsOnlyKeys("streamName", "timestamp");
        assertThat(errors.get("timestamp")).contains("1970");

        plain.put("streamName", "click.stream_2026-v1");
        plain.put("timestamp", NOW.toString());
        assertThat(wizard.crossFieldErrors(2, null, new WizardValues(plain, Map.of()))).isEmpty();
    }

    @Test
    void aFutureTimeTypedBeforeSwitchingToLatestIsNotJudged() {
        Map<String, String> plain = new HashMap<>(typed("IAM_ROLE", "LATEST", false).values());
        plain.put("timestamp", NOW.plusSeconds(86_400).toString());

        assertThat(wizard.crossFieldErrors(2, null, new WizardValues(plain, Map.of()))).isEmpty();
    }

    @Test
    void stepOneAndStepTwoJudgeOnlyTheirOwnFields() {
        Map<String, String> plain = Map.of("region", "nowhere", "streamName", "arn:aws:kinesis:x",
                "authentication", "IAM_ROLE", "iamRole", ROLE, "iteratorType", "LATEST", "format", "JSONEachRow");
        WizardValues values = new WizardValues(plain, Map.of());

        assertThat(wizard.crossFieldErrors(1, null, values)).containsOnlyKeys("region");
        assertThat(wizard.crossFieldErrors(2, null, values)).containsOnlyKeys("streamName");
        assertThat(declaredNames(wizard.connectionFields(null))).contains("region").doesNotContain("streamName");
        assertThat(declaredNames(wizard.dataFields(null))).contains("streamName").doesNotContain("region");
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("authenticationsAndIteratorTypes")
    void duplicatingAPipeFillsInEveryPlainValueAndNoSecret(String authentication, String iteratorType) {
        WizardValues values = typed(authentication, iteratorType, true);
        ObjectNode source = JSON.valueToTree(wizard.source(null, values));
        // what the API answers for an IAM_USER pipe at most: the key id, never the secret (the spec returns neither)
        if (source.get("kinesis").has("accessKey")) {
            ((ObjectNode) source.get("kinesis").get("accessKey")).put("secretKey", "leaked-by-a-bad-server");
        }

        Map<String, String> prefill = wizard.prefill(pipeWith(source));

        assertThat(prefill).isEqualTo(values.values());
        assertThat(prefill).doesNotContainKey("accessKey.secretKey");
        assertThat(prefill.values()).doesNotContain(SECRET_KEY, "leaked-by-a-bad-server");
        assertThat(declaredNames(allFields())).containsAll(prefill.keySet());
        assertThat(allFields().stream().filter(WizardField::secret).map(WizardField::name))
                .doesNotContainAnyElementsOf(prefill.keySet());
    }

    @Test
    void duplicatingAPipeAsTheSpecReturnsItLeavesTheKeyToBeTypedAgain() {
        ObjectNode source = JSON.valueToTree(wizard.source(null, typed("IAM_USER", "TRIM_HORIZON", false)));
        ((ObjectNode) source.get("kinesis")).remove("accessKey");

        Map<String, String> prefill = wizard.prefill(pipeWith(source));

        assertThat(prefill).containsEntry("authentication", "IAM_USER").doesNotContainKeys("accessKey.accessKeyId",
                "accessKey.secretKey", "useEnhancedFanOut", "timestamp");
        ObjectNode kafka = JSON.createObjectNode();
        kafka.putObject("kafka").put("topics", "orders");
        assertThat(wizard.prefill(pipeWith(kafka))).isEmpty();
    }

    @Test
    void theReferencePagesKinesisExampleTypedIntoTheWizardGivesTheSameSource() {
        SeedCurlExamples.Example example = SeedCurlExamples.read("org", "svc", "pipe").stream()
                .filter(candidate -> "POST".equals(candidate.method()) && candidate.body() != null
                        && JSON.readTree(candidate.body()).path("source").has("kinesis"))
                .findFirst().orElseThrow(() -> new AssertionError("the reference page has no Kinesis create example"));
        JsonNode expected = JSON.readTree(example.body()).get("source");
        JsonNode exampleKinesis = expected.get("kinesis");
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (WizardField field : allFields()) {
            JsonNode value = exampleKinesis;
            for (String part : field.name().split("\\.")) {
                value = value.path(part);
            }
            if (!value.isMissingNode()) {
                (field.secret() ? secrets : plain).put(field.name(), value.asString());
            }
        }
        WizardValues values = new WizardValues(plain, secrets);
        assertThat(wizard.crossFieldErrors(1, null, values)).isEmpty();
        assertThat(wizard.crossFieldErrors(2, null, values)).isEmpty();

        ObjectNode sent = JSON.valueToTree(wizard.source(null, values));

        // added on purpose: enhanced fan-out is always sent, so the pipe never depends on the server's default
        ObjectNode sentKinesis = (ObjectNode) sent.get("kinesis");
        assertThat(sentKinesis.remove("useEnhancedFanOut").asBoolean()).isFalse();
        assertThat(sent).isEqualTo(expected);
    }

    // ---- helpers ----

    /** Values as a person types them for one authentication and iterator type. */
    private static WizardValues typed(String authentication, String iteratorType, boolean enhancedFanOut) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        plain.put("region", "us-east-1");
        plain.put("authentication", authentication);
        if (authentication.equals("IAM_ROLE")) {
            plain.put("iamRole", ROLE);
        } else {
            plain.put("accessKey.accessKeyId", ACCESS_KEY_ID);
            secrets.put("accessKey.secretKey", SECRET_KEY);
        }
        plain.put("streamName", "clickstream");
        plain.put("format", "JSONEachRow");
        plain.put("iteratorType", iteratorType);
        if (iteratorType.equals("AT_TIMESTAMP")) {
            plain.put("timestamp", "2026-02-27T12:00:00Z");
        }
        if (enhancedFanOut) {
            plain.put("useEnhancedFanOut", "true");
        }
        return new WizardValues(plain, secrets);
    }

    private static JsonNode createBody(ClickPipePostSource source) {
        ClickPipeDestination destination = new ClickPipeDestination("default", "clickstream", true,
                ClickPipeDestinationTableDefinition.of(ClickPipeDestinationTableEngine.of("MergeTree")),
                List.of(new ClickPipeDestinationColumn("id", "UInt64"),
                        new ClickPipeDestinationColumn("message", "String")),
                null);
        return JSON.valueToTree(ClickPipePostRequest.of("clickstream from Kinesis", source, destination));
    }

    private static OpenApiSpec.Operation createOperation(OpenApiSpec spec) {
        OpenApiSpec.Operation operation = spec.operation("POST", "/v1/organizations/" + UUID.randomUUID()
                + "/services/" + UUID.randomUUID() + "/clickpipes");
        assertThat(operation.operationId()).isEqualTo("clickPipeCreate");
        return operation;
    }

    private static ClickPipe pipeWith(JsonNode source) {
        ObjectNode pipe = JSON.createObjectNode();
        pipe.put("id", UUID.randomUUID().toString());
        pipe.put("name", "clickstream from Kinesis");
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

    private static List<String> declaredNames(List<WizardField> fields) {
        return fields.stream().map(WizardField::name).toList();
    }
}
