package dev.pipedeck.wizard;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.pipedeck.cloud.clickpipe.AccessKey;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeKinesisSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePostSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoverySource;

/**
 * The Amazon Kinesis wizard. Step 1: the stream's region and how ClickPipes signs in (an IAM role it assumes, or an IAM
 * user's access key). Step 2: the stream, its record format, where to start reading and enhanced fan-out. The start
 * time is typed as an ISO-8601 instant and sent as the spec's UNIX timestamp in whole seconds.
 */
@Component
public class KinesisWizard implements SourceWizard {

    static final String IAM_ROLE = "IAM_ROLE";
    static final String IAM_USER = "IAM_USER";
    static final String AT_TIMESTAMP = "AT_TIMESTAMP";

    /** AWS region codes: {@code us-east-1}, {@code us-gov-west-1}, {@code ap-southeast-3}, {@code cn-north-1}. */
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    /** Kinesis stream names: 1 to 128 letters, digits, underscores, hyphens and periods. */
    private static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    /** IAM access key ids: 16 to 128 capital letters and digits (AKIA… for a user's long-term key). */
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");

    private final Clock clock;

    public KinesisWizard(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "kinesis";
    }

    @Override
    public List<SourceTile> tiles() {
        return List.of(new SourceTile("Streaming", "Amazon Kinesis", kind(), null,
                "Read an Amazon Kinesis data stream, signing in with an IAM role or an IAM user's access key."));
    }

    @Override
    public List<WizardField> connectionFields(String type) {
        return List.of(
                WizardField.named("region", "AWS region", FieldType.TEXT).required()
                        .help("The region the stream lives in.").placeholder("us-east-1").build(),
                WizardField.named("authentication", "Authentication", FieldType.SELECT).required()
                        .options(List.of(
                                new FieldOption(IAM_ROLE, "IAM role (ClickPipes assumes a role you trust it with)"),
                                new FieldOption(IAM_USER, "IAM user (access key ID and secret access key)")))
                        .build(),
                WizardField.named("iamRole", "IAM role ARN", FieldType.ARN).required()
                        .help("A role that allows reading the stream and trusts ClickHouse Cloud's IAM role.")
                        .placeholder("arn:aws:iam::123456789012:role/clickpipes-kinesis")
                        .shownWhen("authentication", IAM_ROLE).build(),
                WizardField.named("accessKey.accessKeyId", "Access key ID", FieldType.TEXT).required()
                        .placeholder("AKIAIOSFODNN7EXAMPLE").shownWhen("authentication", IAM_USER).build(),
                WizardField.named("accessKey.secretKey", "Secret access key", FieldType.SECRET).required()
                        .help("Kept encrypted until the pipe is created, then forgotten.")
                        .shownWhen("authentication", IAM_USER).build());
    }

    @Override
    public List<WizardField> dataFields(String type) {
        return List.of(
                WizardField.named("streamName", "Stream name", FieldType.TEXT).required()
                        .help("The stream's name (not its ARN).").placeholder("my-stream").build(),
                WizardField.named("format", "Record format", FieldType.SELECT).required()
                        .options(List.of(
                                new FieldOption("JSONEachRow", "JSON, one object per record (JSONEachRow)"),
                                new FieldOption("Avro", "Avro"),
                                new FieldOption("AvroConfluent", "Avro, Confluent wire format (AvroConfluent)")))
                        .build(),
                WizardField.named("iteratorType", "Start reading", FieldType.SELECT).required()
                        .options(List.of(
                                new FieldOption("TRIM_HORIZON", "From the oldest record kept (TRIM_HORIZON)"),
                                new FieldOption("LATEST", "New records only (LATEST)"),
                                new FieldOption(AT_TIMESTAMP, "From a point in time (AT_TIMESTAMP)")))
                        .build(),
                WizardField.named("timestamp", "Start at", FieldType.INSTANT).required()
                        .help("An ISO-8601 time, e.g. 2026-01-31T12:00:00Z, not in the future. Sent as a UNIX "
                                + "timestamp in whole seconds: a fraction of a second is dropped.")
                        .placeholder("2026-01-31T12:00:00Z").shownWhen("iteratorType", AT_TIMESTAMP).build(),
                WizardField.named("useEnhancedFanOut", "Use enhanced fan-out", FieldType.CHECKBOX)
                        .help("A dedicated read throughput per shard for this pipe (AWS charges for it).").build());
    }

    @Override
    public Map<String, String> crossFieldErrors(int step, String type, WizardValues values) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (step == 1) {
            String region = values.get("region");
            if (region != null && !REGION.matcher(region).matches()) {
                errors.put("region", "Not an AWS region code: type one like us-east-1 or eu-central-1.");
            }
            String authentication = values.get("authentication");
            String role = values.get("iamRole");
            if (IAM_ROLE.equals(authentication) && role != null && role.startsWith("arn:")
                    && !IamRoleArn.matches(role)) {
                errors.put("iamRole", "This ARN is not an IAM role's: it should look like "
                        + "arn:aws:iam::123456789012:role/role-name.");
            }
            String accessKeyId = values.get("accessKey.accessKeyId");
            if (IAM_USER.equals(authentication) && accessKeyId != null
                    && !ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
                errors.put("accessKey.accessKeyId", "An access key ID is 16 or more capital letters and digits, "
                        + "like AKIAIOSFODNN7EXAMPLE (the secret access key goes in the next field).");
            }
        } else if (step == 2) {
            String streamName = values.get("streamName");
            if (streamName != null && streamName.startsWith("arn:")) {
                errors.put("streamName", "Type the stream's name, not its ARN: the part after stream/.");
            } else if (streamName != null && !STREAM_NAME.matcher(streamName).matches()) {
                errors.put("streamName", "A Kinesis stream name is 1 to 128 letters, digits, underscores (_), "
                        + "hyphens (-) and periods (.).");
            }
            String timestamp = values.get("timestamp");
            if (AT_TIMESTAMP.equals(values.get("iteratorType")) && timestamp != null) {
                Instant start = parseInstant(timestamp);
                if (start != null && start.isAfter(clock.instant())) {
                    errors.put("timestamp", "This time is in the future, so there is nothing to read from it yet. "
                            + "To read only records that arrive from now on, choose New records only (LATEST).");
                } else if (start != null && start.isBefore(Instant.EPOCH)) {
                    errors.put("timestamp", "A UNIX timestamp starts in 1970: type a later time.");
                }
            }
        }
        return errors;
    }

    @Override
    public ClickPipePostSource source(String type, WizardValues values) {
        return ClickPipePostSource.kinesis(kinesisSource(values));
    }

    /** Kinesis streams can be sampled: the same source as the create body's. */
    @Override
    public ClickPipeSchemaDiscoverySource discoverySource(String type, WizardValues values) {
        return new ClickPipeSchemaDiscoverySource(null, kinesisSource(values));
    }

    @Override
    public Map<String, String> prefill(ClickPipe pipe) {
        Map<String, String> values = new LinkedHashMap<>();
        ClickPipeKinesisSource kinesis = pipe.source() == null ? null : pipe.source().kinesis();
        if (kinesis == null) {
            return values;
        }
        putIfPresent(values, "region", kinesis.region());
        putIfPresent(values, "authentication", kinesis.authentication());
        if (IAM_ROLE.equals(kinesis.authentication())) {
            putIfPresent(values, "iamRole", kinesis.iamRole());
        }
        if (IAM_USER.equals(kinesis.authentication()) && kinesis.accessKey() != null) {
            putIfPresent(values, "accessKey.accessKeyId", kinesis.accessKey().accessKeyId());
        }
        putIfPresent(values, "streamName", kinesis.streamName());
        putIfPresent(values, "format", kinesis.format());
        putIfPresent(values, "iteratorType", kinesis.iteratorType());
        if (AT_TIMESTAMP.equals(kinesis.iteratorType()) && kinesis.timestamp() != null) {
            values.put("timestamp", Instant.ofEpochSecond(kinesis.timestamp()).toString());
        }
        if (Boolean.TRUE.equals(kinesis.useEnhancedFanOut())) {
            values.put("useEnhancedFanOut", "true");
        }
        return values;
    }

    /**
     * The Kinesis source from the values of both steps. Only what the chosen authentication and iterator type use is
     * sent: a role typed before switching to an access key (or a time typed before switching to LATEST) stays behind.
     * Enhanced fan-out is always sent, true or false, so the pipe does not depend on the server's default.
     */
    private ClickPipeKinesisSource kinesisSource(WizardValues values) {
        String authentication = values.get("authentication");
        String iteratorType = values.get("iteratorType");
        ClickPipeKinesisSource.Builder kinesis = ClickPipeKinesisSource.builder()
                .format(values.get("format"))
                .streamName(values.get("streamName"))
                .region(values.get("region"))
                .useEnhancedFanOut(values.isOn("useEnhancedFanOut"))
                .iteratorType(iteratorType)
                .authentication(authentication);
        if (AT_TIMESTAMP.equals(iteratorType)) {
            Instant start = parseInstant(values.get("timestamp"));
            if (start == null) {
                throw new IllegalArgumentException("AT_TIMESTAMP needs a valid start time");
            }
            kinesis.timestamp(start.getEpochSecond());
        }
        if (IAM_ROLE.equals(authentication)) {
            kinesis.iamRole(values.get("iamRole"));
        } else if (IAM_USER.equals(authentication)) {
            kinesis.accessKey(new AccessKey(values.get("accessKey.accessKeyId"), values.secret("accessKey.secretKey")));
        }
        return kinesis.build();
    }

    /** An ISO-8601 instant ({@code Z} or an offset), or null when there is none or it does not parse. */
    private static Instant parseInstant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffsetDateTime) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notInstant) {
                return null;
            }
        }
    }

    private static void putIfPresent(Map<String, String> values, String name, String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, value);
        }
    }
}
