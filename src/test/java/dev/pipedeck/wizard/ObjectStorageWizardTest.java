package dev.pipedeck.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestination;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationColumn;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationTableDefinition;
import dev.pipedeck.cloud.clickpipe.ClickPipeDestinationTableEngine;
import dev.pipedeck.cloud.clickpipe.ClickPipeObjectStorageSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePostRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipePostSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeState;
import dev.pipedeck.cloud.clickpipe.ClickPipeSettings;
import dev.pipedeck.testsupport.OpenApiSpec;
import dev.pipedeck.testsupport.SeedCurlExamples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The object storage wizard against the published spec: every storage type with every sign-in method it offers builds
 * a create body the spec accepts (and nothing it does not declare), the choices are the spec's, the rules between
 * location, sign-in and continuous ingestion catch what they should, Duplicate pre-fills the plain values, and the
 * reference page's S3, GCS and Azure Blob Storage examples come out as the page wrote them.
 */
class ObjectStorageWizardTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
    private static final String ORGANIZATION = "7f3e9c2a-1b4d-4e8f-9a6c-2d5b8e1f0a3c";
    private static final String SERVICE = "0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f";
    private static final String PIPE = "5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716";

    /** A service account key file as Google downloads it (the private key is a stand-in, not a real one). */
    static final String KEY_FILE = """
            {
              "type": "service_account",
              "project_id": "acme-analytics",
              "private_key_id": "3f1c0a9e8b7d6c5b4a39281706f5e4d3c2b1a090",
              "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\n-----END PRIVATE KEY-----\\n",
              "client_email": "clickpipes@acme-analytics.iam.gserviceaccount.com",
              "token_uri": "https://oauth2.googleapis.com/token"
            }
            """;
    static final String CONNECTION_STRING = "DefaultEndpointsProtocol=https;AccountName=acmelake;"
            + "AccountKey=c3RvcmFnZS1hY2NvdW50LWtleS1zZWNyZXQ=;EndpointSuffix=core.windows.net";

    /** A files URL each type accepts. */
    static final Map<String, String> URLS = Map.of(
            "s3", "https://acme-lake.s3.eu-west-3.amazonaws.com/events/**/*.ndjson.gz",
            "gcs", "https://storage.googleapis.com/acme-lake/events/*.json",
            "dospaces", "https://acme-lake.nyc3.digitaloceanspaces.com/events/2026-??-*.csv",
            "cloudflarer2", "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com/acme-lake/events/*.parquet",
            "ovhobjectstorage", "https://acme-lake.s3.gra.io.cloud.ovh.net/events/*.avro");
    /** A queue each queue-taking type accepts. */
    static final Map<String, String> QUEUES = Map.of(
            "s3", "https://sqs.eu-west-3.amazonaws.com/123456789012/acme-lake-events",
            "gcs", "projects/acme-analytics/subscriptions/acme-lake-events");

    /** A valid value for every typed (non-choice) field; secrets among them by their declared type. */
    private static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("azureContainerName", "acme-lake"),
            Map.entry("path", "events/**/*.json"),
            Map.entry("accessKey.accessKeyId", "AKIAIOSFODNN7EXAMPLE"),
            Map.entry("accessKey.secretKey", "storage-secret-key-secret"),
            Map.entry("iamRole", "arn:aws:iam::123456789012:role/clickpipes-s3"),
            Map.entry("serviceAccountKey", KEY_FILE),
            Map.entry("connectionString", CONNECTION_STRING),
            Map.entry("delimiter", ";"),
            Map.entry("startAfter", "events/2026-06-01/"));

    /**
     * The sign-in methods offered per type: the spec's description of {@code authentication} ("IAM_USER is for S3,
     * GCS, and DigitalOcean Spaces. IAM_ROLE is for S3 only. SERVICE_ACCOUNT is for GCS only. CONNECTION_STRING is for
     * Azure Blob Storage. PUBLIC uses no authentication.") with R2 and OVH (in the type enum, named by no method)
     * signing in with an access key like the other S3-compatible stores, and no public choice for Spaces and Azure
     * (ClickPipes' documentation: only protected buckets there).
     */
    static final Map<String, List<String>> METHODS = Map.of(
            "s3", List.of("IAM_USER", "IAM_ROLE", "PUBLIC"),
            "gcs", List.of("IAM_USER", "SERVICE_ACCOUNT", "PUBLIC"),
            "dospaces", List.of("IAM_USER"),
            "azureblobstorage", List.of("CONNECTION_STRING"),
            "cloudflarer2", List.of("IAM_USER", "PUBLIC"),
            "ovhobjectstorage", List.of("IAM_USER", "PUBLIC"));

    private final ObjectStorageWizard wizard = new ObjectStorageWizard();

    /** How one scenario fills the wizard. */
    private record Scenario(String name, String format, boolean everything, boolean queue, boolean skipInitialLoad) {
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("required only, JSONEachRow read once", "JSONEachRow", false, false, false),
            new Scenario("everything, CSV with a header, continuous with a queue where offered", "CSVWithNames", true,
                    true, false),
            new Scenario("Parquet, continuous, queue only, initial load skipped", "Parquet", false, true, true),
            new Scenario("TabSeparated, continuous without a queue, start after a key", "TabSeparated", true, false,
                    false));

    // ---- every type × every method × scenario: what is sent is what the spec accepts

    @TestFactory
    Stream<DynamicTest> everyTypeWithEveryMethodItOffersBuildsABodyTheSpecAccepts() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        JsonNode createSchema = spec.operation("POST", pipesPath()).requestSchema();
        List<DynamicTest> tests = new ArrayList<>();
        for (String type : types()) {
            for (String method : offered(type)) {
                for (Scenario scenario : SCENARIOS) {
                    if (scenario.skipInitialLoad() && !queueApplies(type, method)) {
                        continue;
                    }
                    tests.add(DynamicTest.dynamicTest(type + " " + method + ": " + scenario.name(), () -> {
                        WizardValues values = fill(type, method, scenario);
                        assertThat(wizard.crossFieldErrors(1, type, values)).isEmpty();
                        assertThat(wizard.crossFieldErrors(2, type, values)).isEmpty();
                        assertThat(FieldValidation.errors(wizard.connectionFields(type), values)).isEmpty();
                        assertThat(FieldValidation.errors(wizard.dataFields(type), values)).isEmpty();

                        JsonNode body = JSON.valueToTree(createBody(wizard.source(type, values)));
                        assertThat(spec.violations(createSchema, body)).as(body.toString()).isEmpty();
                        assertThat(spec.undeclaredProperties(createSchema, body)).as(body.toString())
                                .isEmpty();

                        JsonNode storage = body.path("source").path("objectStorage");
                        assertThat(storage.path("type").asString()).isEqualTo(type);
                        assertThat(storage.path("format").asString()).isEqualTo(scenario.format());
                        assertSignInShape(type, method, storage);
                        if ("azureblobstorage".equals(type)) {
                            assertThat(storage.path("azureContainerName").asString()).isEqualTo("acme-lake");
                            assertThat(storage.path("path").asString()).isEqualTo("events/**/*.json");
                            assertThat(storage.has("url")).isFalse();
                        } else {
                            assertThat(storage.path("url").asString()).isEqualTo(URLS.get(type));
                            assertThat(storage.has("path")).isFalse();
                            assertThat(storage.has("azureContainerName")).isFalse();
                        }
                        boolean continuous = scenario.everything() || scenario.queue();
                        assertThat(storage.has("isContinuous")).isEqualTo(continuous);
                        boolean queue = scenario.queue() && queueApplies(type, method);
                        assertThat(storage.path("queueUrl").asString(null)).isEqualTo(queue ? QUEUES.get(type) : null);
                        assertThat(storage.has("skipInitialLoad")).isEqualTo(scenario.skipInitialLoad());
                        assertThat(storage.has("startAfter")).isEqualTo(scenario.everything());
                        assertThat(storage.has("compression")).isEqualTo(scenario.everything());
                        assertThat(storage.has("delimiter"))
                                .isEqualTo(scenario.everything() && scenario.format().startsWith("CSV"));
                    }));
                }
            }
        }
        assertThat(tests).as("every type and method").hasSizeGreaterThanOrEqualTo(12 * 3);
        return tests.stream();
    }

    /** Exactly the credentials of the method, no other. */
    private static void assertSignInShape(String type, String method, JsonNode storage) {
        if ("PUBLIC".equals(method)) {
            assertThat(storage.has("authentication")).as("a public bucket is sent without authentication").isFalse();
        } else {
            assertThat(storage.path("authentication").asString()).isEqualTo(method);
        }
        assertThat(storage.has("accessKey")).isEqualTo("IAM_USER".equals(method));
        assertThat(storage.has("iamRole")).isEqualTo("IAM_ROLE".equals(method));
        assertThat(storage.has("serviceAccountKey")).isEqualTo("SERVICE_ACCOUNT".equals(method));
        assertThat(storage.has("connectionString")).isEqualTo("CONNECTION_STRING".equals(method));
        switch (method) {
            case "IAM_USER" -> assertThat(storage.path("accessKey").toString()).isEqualTo(
                    "{\"accessKeyId\":\"AKIAIOSFODNN7EXAMPLE\",\"secretKey\":\"storage-secret-key-secret\"}");
            case "IAM_ROLE" -> assertThat(storage.path("iamRole").asString()).isEqualTo(SAMPLES.get("iamRole"));
            case "CONNECTION_STRING" -> assertThat(storage.path("connectionString").asString())
                    .isEqualTo(CONNECTION_STRING);
            case "SERVICE_ACCOUNT" -> {
                assertThat(storage.path("serviceAccountKey").isString()).as("a base64 string, not an object").isTrue();
                assertThat(new String(Base64.getDecoder().decode(storage.path("serviceAccountKey").asString()),
                        StandardCharsets.UTF_8)).isEqualTo(KEY_FILE);
            }
            default -> {
            }
        }
    }

    // ---- the choices offered are the spec's

    @Test
    void theTilesAreTheSpecsStorageTypesOnTheObjectStorageShelf() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        assertThat(wizard.tiles()).extracting(SourceTile::type)
                .containsExactlyInAnyOrderElementsOf(spec.enumOf("ClickPipePostObjectStorageSource", "type"));
        assertThat(wizard.tiles()).extracting(SourceTile::label).containsExactly("Amazon S3", "Google Cloud Storage",
                "DigitalOcean Spaces", "Azure Blob Storage", "Cloudflare R2", "OVHcloud Object Storage");
        assertThat(wizard.tiles()).allSatisfy(tile -> {
            assertThat(tile.group()).isEqualTo("Object storage");
            assertThat(tile.kind()).isEqualTo("objectStorage").isEqualTo(wizard.kind());
            assertThat(tile.description()).isNotBlank();
        });
    }

    @Test
    void eachTypeOffersTheSignInMethodsTheSpecGivesIt() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        List<String> wire = spec.enumOf("ClickPipePostObjectStorageSource", "authentication");
        String description = spec.schema("ClickPipePostObjectStorageSource").path("properties")
                .path("authentication").path("description").asString();
        assertThat(description).contains("IAM_USER is for S3, GCS, and DigitalOcean Spaces",
                "IAM_ROLE is for S3 only", "SERVICE_ACCOUNT is for GCS only",
                "CONNECTION_STRING is for Azure Blob Storage", "PUBLIC uses no authentication");
        assertThat(wire).as("PUBLIC is said in words, not an enum value").doesNotContain("PUBLIC");
        for (String type : types()) {
            assertThat(offered(type)).as(type).containsExactlyInAnyOrderElementsOf(METHODS.get(type));
            assertThat(wire).containsAll(offered(type).stream().filter(m -> !m.equals("PUBLIC")).toList());
        }
        for (String type : types()) {
            assertThat(offered(type).contains("IAM_ROLE")).as(type).isEqualTo(type.equals("s3"));
            assertThat(offered(type).contains("SERVICE_ACCOUNT")).as(type).isEqualTo(type.equals("gcs"));
            assertThat(offered(type).contains("CONNECTION_STRING")).as(type).isEqualTo(type.equals("azureblobstorage"));
        }
        for (String type : List.of("s3", "gcs", "dospaces")) {
            assertThat(offered(type)).as(type).contains("IAM_USER");
        }
    }

    @Test
    void formatsAndCompressionsAreTheSpecsEnums() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        for (String type : types()) {
            List<WizardField> data = wizard.dataFields(type);
            assertThat(values(field(data, "format"))).containsExactlyInAnyOrderElementsOf(
                    spec.enumOf("ClickPipePostObjectStorageSource", "format"));
            assertThat(values(field(data, "compression"))).containsExactlyInAnyOrderElementsOf(
                    spec.enumOf("ClickPipePostObjectStorageSource", "compression"));
            assertThat(field(data, "format").required()).isTrue();
            assertThat(field(data, "compression").required()).isFalse();
        }
    }

    @Test
    void theLocationIsAUrlExceptForAzureWhichTakesAContainerAndAPath() {
        for (String type : types()) {
            List<String> names = names(wizard.connectionFields(type));
            if (type.equals("azureblobstorage")) {
                assertThat(names).contains("azureContainerName", "path").doesNotContain("url");
            } else {
                assertThat(names).contains("url").doesNotContain("azureContainerName", "path");
            }
        }
    }

    @Test
    void aQueueAndSkippingTheInitialLoadAreOfferedForS3AndGcsOnly() {
        for (String type : types()) {
            List<String> names = names(wizard.dataFields(type));
            boolean queue = type.equals("s3") || type.equals("gcs");
            assertThat(names.contains("queueUrl")).as(type).isEqualTo(queue);
            assertThat(names.contains("skipInitialLoad")).as(type).isEqualTo(queue);
            assertThat(names).as(type).contains("isContinuous", "startAfter");
        }
        assertThat(field(wizard.dataFields("s3"), "queueUrl").label()).isEqualTo("SQS queue URL");
        assertThat(field(wizard.dataFields("gcs"), "queueUrl").label()).isEqualTo("Pub/Sub subscription");
    }

    @Test
    void theDelimiterAppliesToCsvOnlyAndATabCanBeTypedOut() {
        WizardField delimiter = field(wizard.dataFields("s3"), "delimiter");
        assertThat(delimiter.appliesTo(new WizardValues(Map.of("format", "CSV"), Map.of()))).isTrue();
        assertThat(delimiter.appliesTo(new WizardValues(Map.of("format", "Parquet"), Map.of()))).isFalse();

        WizardValues tab = fill("s3", "PUBLIC", SCENARIOS.get(0)).with(Map.of("format", "CSV", "delimiter", "\\t"),
                Map.of());
        assertThat(wizard.crossFieldErrors(2, "s3", tab)).isEmpty();
        assertThat(storageJson("s3", tab).path("delimiter").asString()).isEqualTo("\t");
        WizardValues space = tab.with(Map.of("delimiter", " "), Map.of());
        assertThat(storageJson("s3", space).path("delimiter").asString()).as("a space is a delimiter too")
                .isEqualTo(" ");
        WizardValues json = tab.with(Map.of("format", "JSONEachRow"), Map.of());
        assertThat(storageJson("s3", json).has("delimiter")).as("left over from CSV, not sent").isFalse();
        assertThat(wizard.crossFieldErrors(2, "s3", tab.with(Map.of("delimiter", ";;"), Map.of())))
                .containsOnlyKeys("delimiter");
    }

    @Test
    void stepFourOffersTheObjectStorageSettingsAndNoReplicas() {
        List<String> names = names(StreamingDestination.scalingFields("objectStorage"));
        assertThat(names).contains("settings." + ClickPipeSettings.OBJECT_STORAGE_CONCURRENCY,
                "settings." + ClickPipeSettings.OBJECT_STORAGE_POLLING_INTERVAL_MS,
                "settings." + ClickPipeSettings.OBJECT_STORAGE_MAX_INSERT_BYTES,
                "settings." + ClickPipeSettings.OBJECT_STORAGE_MAX_FILE_COUNT)
                .noneMatch(name -> name.startsWith("scaling."))
                .noneMatch(name -> name.startsWith("settings.streaming_"));
        assertThat(StreamingDestination.scaling("objectStorage",
                new WizardValues(Map.of("scaling.replicas", "3"), Map.of()))).as("left over from a copy").isNull();
        assertThat(names(StreamingDestination.scalingFields("kafka"))).contains("scaling.replicas");
    }

    // ---- secrets

    @Test
    void everySecretIsDeclaredSecretAndNothingElseIs() {
        Set<String> seen = new LinkedHashSet<>();
        for (String type : types()) {
            List<WizardField> fields = new ArrayList<>(wizard.connectionFields(type));
            fields.addAll(wizard.dataFields(type));
            for (WizardField field : fields) {
                if (field.secret()) {
                    seen.add(field.name() + ":" + field.type());
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder("accessKey.secretKey:SECRET", "connectionString:SECRET",
                "serviceAccountKey:SECRET_JSON");
    }

    @Test
    void theSignInFieldsShowOnlyForTheirMethod() {
        List<WizardField> s3 = wizard.connectionFields("s3");
        assertThat(field(s3, "iamRole").type()).isEqualTo(FieldType.ARN);
        assertThat(field(s3, "iamRole").shownWhen()).isEqualTo(Map.of("authentication", Set.of("IAM_ROLE")));
        assertThat(field(s3, "accessKey.secretKey").shownWhen()).isEqualTo(Map.of("authentication",
                Set.of("IAM_USER")));
        assertThat(names(s3)).doesNotContain("connectionString", "serviceAccountKey");
        assertThat(field(wizard.connectionFields("gcs"), "serviceAccountKey").shownWhen())
                .isEqualTo(Map.of("authentication", Set.of("SERVICE_ACCOUNT")));
        assertThat(field(wizard.connectionFields("gcs"), "accessKey.accessKeyId").label()).isEqualTo(
                "HMAC access ID");
        assertThat(names(wizard.connectionFields("azureblobstorage"))).contains("connectionString")
                .doesNotContain("accessKey.accessKeyId", "iamRole", "serviceAccountKey");
        for (String type : types()) {
            List<String> unconditional = wizard.connectionFields(type).stream()
                    .filter(field -> field.appliesTo(WizardValues.empty())).map(WizardField::name).toList();
            assertThat(unconditional).as(type).containsExactlyElementsOf(type.equals("azureblobstorage")
                    ? List.of("azureContainerName", "path", "authentication") : List.of("url", "authentication"));
        }
    }

    @Test
    void leftoverValuesOfAnotherSignInMethodAreNotSent() {
        WizardValues typed = fill("s3", "IAM_USER", SCENARIOS.get(0))
                .with(Map.of("iamRole", SAMPLES.get("iamRole")), Map.of());
        WizardValues switched = typed.with(Map.of("authentication", "PUBLIC"), Map.of());
        JsonNode storage = storageJson("s3", switched);
        assertThat(storage.has("accessKey")).isFalse();
        assertThat(storage.has("iamRole")).isFalse();
        assertThat(storage.toString()).doesNotContain("storage-secret-key-secret");
    }

    // ---- rules between fields

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "s3       | s3://acme-lake/events/*.json                                      | https://",
        "s3       | http://acme-lake.s3.amazonaws.com/events/*.json                   | https://",
        "s3       | https://storage.googleapis.com/acme-lake/events/*.json            | amazonaws.com",
        "s3       | https://s3.console.aws.amazon.com/s3/buckets/acme-lake            | amazonaws.com",
        "s3       | https://acme-*.s3.amazonaws.com/events/*.json                     | not in the host",
        "s3       | https://acme-lake.s3.amazonaws.com/{a,b}/*.json                   | {a,b}",
        "s3       | https://acme-lake.s3.amazonaws.com/events/file-{1..9}.json        | {1..9}",
        "s3       | https://acme-lake.s3.amazonaws.com/                               | path after the bucket",
        "s3       | https://acme-lake.s3.amazonaws.com/my events/*.json               | no spaces",
        "s3       | acme-lake/events/*.json                                           | whole URL",
        "gcs      | gs://acme-*/events/*.json                                         | not in the bucket",
        "gcs      | https://acme-lake.s3.amazonaws.com/events/*.json                  | storage.googleapis.com",
        "dospaces | gs://acme-lake/events/*.json                                      | https://",
        "dospaces | https://acme-lake.s3.amazonaws.com/events/*.json                  | digitaloceanspaces.com",
        "cloudflarer2 | https://acme-lake.s3.amazonaws.com/events/*.json              | r2.cloudflarestorage.com",
        "ovhobjectstorage | https://acme-lake.nyc3.digitaloceanspaces.com/e/*.json    | cloud.ovh.net" })
    void aUrlOfTheWrongShapeForTheTypeIsRefusedAtTheUrl(String type, String url, String message) {
        Map<String, String> errors = wizard.crossFieldErrors(1, type,
                fill(type, offered(type).get(0), SCENARIOS.get(0)).with(Map.of("url", url), Map.of()));
        assertThat(errors).containsOnlyKeys("url");
        assertThat(errors.get("url")).contains(message);
    }

    @Test
    void theUrlFormsEachTypeTakesAreAccepted() {
        Map<String, List<String>> good = Map.of(
                "s3", List.of("https://acme-lake.s3.amazonaws.com/data/*.json",
                        "https://s3.eu-west-3.amazonaws.com/acme-lake/http/**.ndjson.gz",
                        "https://datasets-documentation.s3.eu-west-3.amazonaws.com/http/**.ndjson.gz",
                        "https://acme-lake.s3.cn-north-1.amazonaws.com.cn/data/file?.csv"),
                "gcs", List.of("gs://acme-lake/data/*.json", "https://storage.googleapis.com/acme-lake/**"),
                "dospaces", List.of("https://acme.fra1.digitaloceanspaces.com/logs/*.gz"),
                "cloudflarer2", List.of("https://abc123.eu.r2.cloudflarestorage.com/lake/*.json"),
                "ovhobjectstorage", List.of("https://s3.gra.io.cloud.ovh.net/lake/*.json",
                        "https://lake.s3.bhs.perf.cloud.ovh.net/x/*.csv"));
        good.forEach((type, urls) -> urls.forEach(url -> assertThat(wizard.crossFieldErrors(1, type,
                fill(type, offered(type).get(0), SCENARIOS.get(0)).with(Map.of("url", url), Map.of())))
                .as(url).isEmpty()));
    }

    @Test
    void azureTakesAContainerNameAndAPathNotAUrl() {
        assertThat(azureErrors(Map.of("azureContainerName", "Acme_Lake"), Map.of()))
                .containsOnlyKeys("azureContainerName");
        assertThat(azureErrors(Map.of("azureContainerName", "a--b"), Map.of())).containsOnlyKeys("azureContainerName");
        assertThat(azureErrors(Map.of("path", "https://acmelake.blob.core.windows.net/lake/data/*.json"), Map.of()))
                .containsOnlyKeys("path");
        assertThat(azureErrors(Map.of("path", "data/{a,b}.json"), Map.of())).containsOnlyKeys("path");
        assertThat(azureErrors(Map.of(), Map.of("connectionString",
                "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=x;SharedAccessKey=y")))
                .containsOnlyKeys("connectionString");
        assertThat(azureErrors(Map.of(), Map.of("connectionString", "acmelake"))).containsOnlyKeys("connectionString");
        assertThat(azureErrors(Map.of(), Map.of("connectionString", "DefaultEndpointsProtocol=https;AccountName=a")))
                .containsOnlyKeys("connectionString");
        assertThat(azureErrors(Map.of(), Map.of("connectionString",
                "BlobEndpoint=https://acmelake.blob.core.windows.net/;SharedAccessSignature=sv=2022&sig=abc")))
                .as("a SAS connection string").isEmpty();
    }

    @Test
    void aConnectionStringIsAzuresOnly() {
        for (String type : types()) {
            boolean azure = type.equals("azureblobstorage");
            assertThat(names(wizard.connectionFields(type)).contains("connectionString")).as(type).isEqualTo(azure);
        }
        WizardValues forged = fill("s3", "IAM_USER", SCENARIOS.get(0))
                .with(Map.of("authentication", "CONNECTION_STRING"), Map.of("connectionString", CONNECTION_STRING));
        assertThat(wizard.crossFieldErrors(1, "s3", forged)).containsOnlyKeys("authentication");
        assertThat(FieldValidation.errors(wizard.connectionFields("s3"), forged)).containsKey("authentication");
        assertThatThrownBy(() -> wizard.source("s3", forged)).isInstanceOf(IllegalArgumentException.class);
        WizardValues stray = fill("s3", "IAM_USER", SCENARIOS.get(0))
                .with(Map.of(), Map.of("connectionString", CONNECTION_STRING));
        assertThat(storageJson("s3", stray).has("connectionString")).as("a stray value is never sent").isFalse();
    }

    @Test
    void continuousIngestionRulesAreTheSpecs() {
        // queueUrl: "Only applicable when isContinuous is true and authentication is not public."
        assertThat(dataErrors("s3", "IAM_USER", Map.of("queueUrl", QUEUES.get("s3")))).containsOnlyKeys("queueUrl");
        assertThat(dataErrors("s3", "IAM_USER", Map.of("queueUrl", QUEUES.get("s3"), "isContinuous", "true")))
                .isEmpty();
        assertThat(dataErrors("s3", "PUBLIC", Map.of("queueUrl", QUEUES.get("s3"), "isContinuous", "true")))
                .containsOnlyKeys("queueUrl");
        // "For S3, provide an SQS queue URL. For GCS, provide a Pub/Sub subscription."
        assertThat(dataErrors("s3", "IAM_ROLE", Map.of("queueUrl", QUEUES.get("gcs"), "isContinuous", "true")))
                .containsOnlyKeys("queueUrl");
        assertThat(dataErrors("s3", "IAM_ROLE", Map.of("queueUrl",
                "https://sqs.us-east-1.amazonaws.com/123456789012/events.fifo", "isContinuous", "true")).get("queueUrl"))
                .contains("FIFO");
        assertThat(dataErrors("gcs", "SERVICE_ACCOUNT", Map.of("queueUrl", QUEUES.get("s3"),
                "isContinuous", "true"))).containsOnlyKeys("queueUrl");
        assertThat(dataErrors("gcs", "SERVICE_ACCOUNT", Map.of("queueUrl", "acme-lake-events",
                "isContinuous", "true"))).containsOnlyKeys("queueUrl");
        assertThat(dataErrors("gcs", "IAM_USER", Map.of("queueUrl", QUEUES.get("gcs"), "isContinuous", "true")))
                .isEmpty();
        // skipInitialLoad: "Only applicable when queueUrl is provided."
        assertThat(dataErrors("gcs", "IAM_USER", Map.of("skipInitialLoad", "true", "isContinuous", "true")))
                .containsOnlyKeys("skipInitialLoad");
        // startAfter: "Cannot be provided when skipInitialLoad is true."
        assertThat(dataErrors("s3", "IAM_USER", Map.of("queueUrl", QUEUES.get("s3"), "isContinuous", "true",
                "skipInitialLoad", "true", "startAfter", "events/2026-06-01/"))).containsOnlyKeys("startAfter");
        assertThat(dataErrors("s3", "IAM_USER", Map.of("startAfter",
                "https://acme-lake.s3.amazonaws.com/events/2026-06-01/"))).containsOnlyKeys("startAfter");
        assertThat(dataErrors("dospaces", "IAM_USER", Map.of("startAfter", "events/2026-06-01/"))).isEmpty();
        // A queue typed on a type that takes none is not a field of it: not checked, not sent.
        WizardValues stray = fill("dospaces", "IAM_USER", SCENARIOS.get(0))
                .with(Map.of("queueUrl", QUEUES.get("s3"), "skipInitialLoad", "true"), Map.of());
        assertThat(wizard.crossFieldErrors(2, "dospaces", stray)).isEmpty();
        assertThat(storageJson("dospaces", stray).has("queueUrl")).isFalse();
        assertThat(storageJson("dospaces", stray).has("skipInitialLoad")).isFalse();
    }

    @Test
    void signInMistakesAreNamedNextToTheirField() {
        assertThat(wizard.crossFieldErrors(1, "s3", fill("s3", "IAM_ROLE", SCENARIOS.get(0))
                .with(Map.of("iamRole", "arn:aws:s3:::acme-lake"), Map.of()))).containsOnlyKeys("iamRole");
        assertThat(wizard.crossFieldErrors(1, "gcs", fill("gcs", "IAM_USER", SCENARIOS.get(0))
                .with(Map.of("accessKey.accessKeyId", "GOOG 1"), Map.of()))).containsOnlyKeys(
                "accessKey.accessKeyId");
        assertThat(wizard.crossFieldErrors(1, "gcs", fill("gcs", "SERVICE_ACCOUNT", SCENARIOS.get(0))
                .with(Map.of(), Map.of("serviceAccountKey", "{\"type\":\"authorized_user\"}"))))
                .containsOnlyKeys("serviceAccountKey");
        assertThat(FieldValidation.errors(wizard.connectionFields("gcs"), fill("gcs", "SERVICE_ACCOUNT",
                SCENARIOS.get(0)).with(Map.of(), Map.of("serviceAccountKey", "{not json")))).containsKey(
                "serviceAccountKey");
    }

    @Test
    void eachStepsErrorsNameOnlyThatStepsFields() {
        WizardValues bad = new WizardValues(Map.of("url", "s3://x", "authentication", "IAM_ROLE", "iamRole",
                "arn:aws:s3:::x", "format", "CSV", "delimiter", "ab", "queueUrl", "x", "skipInitialLoad", "true",
                "startAfter", "k"), Map.of());
        assertThat(names(wizard.connectionFields("s3"))).containsAll(wizard.crossFieldErrors(1, "s3", bad).keySet());
        assertThat(names(wizard.dataFields("s3"))).containsAll(wizard.crossFieldErrors(2, "s3", bad).keySet());
        assertThat(wizard.crossFieldErrors(1, "s3", bad)).hasSize(2);
        assertThat(wizard.crossFieldErrors(2, "s3", bad)).hasSize(3);
    }

    @Test
    void anUnknownTypeIsRefusedAndNothingCanBeSampled() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        assertThatThrownBy(() -> wizard.connectionFields("azure")).isInstanceOf(IllegalArgumentException.class);
        assertThat(spec.schema("ClickPipeSchemaDiscoverySource").path("properties").has("objectStorage"))
                .as("the spec's schema discovery takes no object storage source").isFalse();
        assertThat(wizard.discoverySource("s3", fill("s3", "PUBLIC", SCENARIOS.get(0)))).isNull();
    }

    // ---- Duplicate

    @TestFactory
    Stream<DynamicTest> prefillGivesBackThePlainValuesOfEveryTypeAndMethod() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String type : types()) {
            for (String method : offered(type)) {
                for (Scenario scenario : SCENARIOS) {
                    if (scenario.skipInitialLoad() && !queueApplies(type, method)) {
                        continue;
                    }
                    tests.add(DynamicTest.dynamicTest(type + " " + method + ": " + scenario.name(), () -> {
                        WizardValues typed = fill(type, method, scenario);
                        ClickPipeObjectStorageSource created = wizard.source(type, typed).objectStorage();
                        // What the API answers: the same source without the keys it never returns.
                        ClickPipe pipe = pipeWith(created.toBuilder().accessKey(null).serviceAccountKey(null)
                                .build());

                        Map<String, String> prefill = new LinkedHashMap<>(wizard.prefill(pipe));
                        assertThat(prefill.remove("type")).isEqualTo(type);
                        assertThat(prefill.values()).noneMatch(value -> typed.secrets().containsValue(value));
                        assertThat(prefill).doesNotContainKeys("connectionString", "accessKey.secretKey",
                                "serviceAccountKey", "accessKey.accessKeyId");
                        Set<String> expected = new LinkedHashSet<>(typed.values().keySet());
                        expected.remove("accessKey.accessKeyId");
                        assertThat(prefill.keySet()).containsExactlyInAnyOrderElementsOf(expected);

                        Map<String, String> retyped = new LinkedHashMap<>(prefill);
                        typed.values().forEach((name, value) -> retyped.putIfAbsent(name, value));
                        assertThat(storageJson(type, new WizardValues(retyped, typed.secrets())))
                                .isEqualTo(storageJson(type, typed));
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

    // ---- the reference page's examples

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "s3", "gcs", "azureblobstorage" })
    void theReferencePagesExampleTypedIntoTheFieldsComesOutAsThePageWroteIt(String type) {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        SeedCurlExamples.Example example = SeedCurlExamples.read(ORGANIZATION, SERVICE, PIPE).stream()
                .filter(candidate -> "POST".equals(candidate.method()) && candidate.body() != null
                        && type.equals(JSON.readTree(candidate.body()).path("source").path("objectStorage")
                                .path("type").asString(null)))
                .findFirst().orElseThrow(() -> new AssertionError("the page's " + type + " create example"));
        JsonNode page = JSON.readTree(example.body());
        ObjectNode pageStorage = (ObjectNode) page.path("source").path("objectStorage").deepCopy();

        Map<String, WizardField> declared = new LinkedHashMap<>();
        wizard.connectionFields(type).forEach(field -> declared.put(field.name(), field));
        wizard.dataFields(type).forEach(field -> declared.put(field.name(), field));
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        KafkaWizardTest.flatten(pageStorage, "", (name, value) -> {
            if (!name.equals("type")) {
                WizardField field = declared.get(name);
                assertThat(field).as("a wizard field for the page's " + name).isNotNull();
                if (field.type() == FieldType.SECRET_JSON) {
                    // The page writes "<base64_encoded_service_account_json>": a person uploads the key file
                    // itself, and Pipedeck encodes it.
                    secrets.put(name, KEY_FILE);
                } else {
                    (field.secret() ? secrets : plain).put(name, value);
                }
            }
        });
        if (pageStorage.has("serviceAccountKey")) {
            pageStorage.put("serviceAccountKey",
                    Base64.getEncoder().encodeToString(KEY_FILE.getBytes(StandardCharsets.UTF_8)));
        }
        WizardValues values = new WizardValues(plain, secrets);

        List<String> missing = declared.values().stream()
                .filter(field -> field.required() && field.appliesTo(values))
                .filter(field -> values.get(field.name()) == null && values.secret(field.name()) == null)
                .map(WizardField::name).toList();
        assertThat(missing).as("required fields the page does not fill").isEmpty();
        assertThat(FieldValidation.errors(wizard.connectionFields(type), values)).isEmpty();
        assertThat(FieldValidation.errors(wizard.dataFields(type), values)).isEmpty();
        assertThat(wizard.crossFieldErrors(1, type, values)).isEmpty();
        assertThat(wizard.crossFieldErrors(2, type, values)).isEmpty();

        JsonNode sent = storageJson(type, values);
        assertThat(sent).as("nothing added, nothing left out").isEqualTo(pageStorage);

        ObjectNode body = (ObjectNode) page.deepCopy();
        ((ObjectNode) body.path("source")).set("objectStorage", sent);
        JsonNode createSchema = spec.operation("POST", pipesPath()).requestSchema();
        assertThat(spec.violations(createSchema, body)).isEmpty();
        assertThat(spec.undeclaredProperties(createSchema, body)).isEmpty();
    }

    // ---- helpers

    /** The wizard filled as a person would: the scenario's choices, then each field that applies. */
    private WizardValues fill(String type, String method, Scenario scenario) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        boolean queue = scenario.queue() && queueApplies(type, method);
        List<WizardField> fields = new ArrayList<>(wizard.connectionFields(type));
        fields.addAll(wizard.dataFields(type));
        for (WizardField field : fields) {
            WizardValues sofar = new WizardValues(plain, secrets);
            if (!field.appliesTo(sofar)) {
                continue;
            }
            String name = field.name();
            switch (name) {
                case "authentication" -> plain.put(name, method);
                case "format" -> plain.put(name, scenario.format());
                case "compression" -> {
                    if (scenario.everything()) {
                        plain.put(name, "gzip");
                    }
                }
                case "url" -> plain.put(name, URLS.get(type));
                case "isContinuous" -> {
                    if (scenario.everything() || scenario.queue()) {
                        plain.put(name, "true");
                    }
                }
                case "queueUrl" -> {
                    if (queue) {
                        plain.put(name, QUEUES.get(type));
                    }
                }
                case "skipInitialLoad" -> {
                    if (scenario.skipInitialLoad()) {
                        plain.put(name, "true");
                    }
                }
                default -> {
                    if (field.required() || scenario.everything()) {
                        String sample = SAMPLES.get(name);
                        assertThat(sample).as("a sample for " + name).isNotNull();
                        (field.secret() ? secrets : plain).put(name, sample);
                    }
                }
            }
        }
        return new WizardValues(plain, secrets);
    }

    private static boolean queueApplies(String type, String method) {
        return QUEUES.containsKey(type) && !"PUBLIC".equals(method);
    }

    private Map<String, String> azureErrors(Map<String, String> plain, Map<String, String> secrets) {
        return wizard.crossFieldErrors(1, "azureblobstorage",
                fill("azureblobstorage", "CONNECTION_STRING", SCENARIOS.get(0)).with(plain, secrets));
    }

    private Map<String, String> dataErrors(String type, String method, Map<String, String> plain) {
        return wizard.crossFieldErrors(2, type, fill(type, method, SCENARIOS.get(0)).with(plain, Map.of()));
    }

    private JsonNode storageJson(String type, WizardValues values) {
        return JSON.valueToTree(wizard.source(type, values)).path("objectStorage");
    }

    private static ClickPipePostRequest createBody(ClickPipePostSource source) {
        return ClickPipePostRequest.of("files", source, new ClickPipeDestination("default", "files", true,
                ClickPipeDestinationTableDefinition.of(ClickPipeDestinationTableEngine.of("MergeTree")),
                List.of(new ClickPipeDestinationColumn("id", "UInt64"),
                        new ClickPipeDestinationColumn("message", "String")), null));
    }

    private static ClickPipe pipeWith(ClickPipeObjectStorageSource storage) {
        return new ClickPipe(PIPE, SERVICE, "files", ClickPipeState.RUNNING, null,
                new ClickPipeSource(null, storage, null, null, null, null, null, null), null, null, null,
                Instant.EPOCH, Instant.EPOCH);
    }

    private static String pipesPath() {
        return "/v1/organizations/" + ORGANIZATION + "/services/" + SERVICE + "/clickpipes";
    }

    private List<String> types() {
        return wizard.tiles().stream().map(SourceTile::type).toList();
    }

    private List<String> offered(String type) {
        return values(field(wizard.connectionFields(type), "authentication"));
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
}
