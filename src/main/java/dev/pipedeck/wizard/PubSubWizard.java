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

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipePostSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePubSubSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoverySource;

/**
 * The Google Cloud Pub/Sub wizard. Step 1: the GCP project and the service account key ClickPipes signs in with (the
 * JSON key file, uploaded or pasted). Step 2: the topic, its message format, where the new subscription starts, a
 * filter, ordering and the acknowledgement deadline.
 *
 * <p>The key is sent as the spec's {@code ServiceAccount} object, {@code {"serviceAccountFile": "<base64 of the key
 * file>"}} — unlike GCS object storage, whose {@code serviceAccountKey} is the base64 string itself. Pub/Sub's only
 * authentication is {@code SERVICE_ACCOUNT}, so it is sent without a field to choose it.
 */
@Component
public class PubSubWizard implements SourceWizard {

    static final String SERVICE_ACCOUNT = "SERVICE_ACCOUNT";
    static final String SEEK_TIMESTAMP = "timestamp";
    /** The spec's {@code filter.maxLength}. */
    static final int FILTER_MAX_LENGTH = 256;

    /** GCP project ids: 6 to 30 lowercase letters, digits and hyphens, from a letter; older ones may be domain:id. */
    private static final Pattern PROJECT_ID = Pattern.compile("([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]");
    /** Pub/Sub topic names: 3 to 255 characters from a letter, letters, digits and - _ . ~ + %; not goog…. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z][A-Za-z0-9._~+%-]{2,254}");

    private final Clock clock;

    public PubSubWizard(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "pubsub";
    }

    @Override
    public List<SourceTile> tiles() {
        return List.of(new SourceTile("Streaming", "Google Pub/Sub", kind(), null,
                "Read a Google Cloud Pub/Sub topic, signing in with a service account key. In limited preview: "
                        + "ClickHouse support enables it per organization."));
    }

    @Override
    public List<WizardField> connectionFields(String type) {
        return List.of(
                WizardField.named("projectId", "GCP project ID", FieldType.TEXT).required()
                        .help("The project that owns the topic.").placeholder("my-gcp-project").build(),
                WizardField.named("serviceAccountKey", "Service account key (JSON)", FieldType.SECRET_JSON).required()
                        .help("Upload or paste the JSON key file of a service account allowed to subscribe to the "
                                + "topic (roles/pubsub.subscriber and roles/pubsub.viewer). Kept encrypted until the "
                                + "pipe is created, then forgotten.")
                        .build());
    }

    @Override
    public List<WizardField> dataFields(String type) {
        return List.of(
                WizardField.named("topic", "Topic", FieldType.TEXT).required()
                        .help("The topic's name only, not projects/…/topics/….").placeholder("my-topic").build(),
                WizardField.named("format", "Message format", FieldType.SELECT).required()
                        .options(List.of(
                                new FieldOption("JSONEachRow", "JSON, one object per message (JSONEachRow)"),
                                new FieldOption("Avro", "Avro"),
                                new FieldOption("Protobuf", "Protobuf")))
                        .build(),
                WizardField.named("seekType", "Start reading", FieldType.SELECT).required()
                        .options(List.of(
                                new FieldOption("latest", "New messages only (latest)"),
                                new FieldOption("earliest", "From the oldest message retained (earliest)"),
                                new FieldOption(SEEK_TIMESTAMP, "From a point in time (timestamp)")))
                        .build(),
                WizardField.named("seekTimestamp", "Start at", FieldType.INSTANT).required()
                        .help("An ISO-8601 time, e.g. 2026-01-31T12:00:00Z, not in the future.")
                        .placeholder("2026-01-31T12:00:00Z").shownWhen("seekType", SEEK_TIMESTAMP).build(),
                WizardField.named("filter", "Filter", FieldType.TEXTAREA)
                        .help("Optional subscription filter on message attributes, at most 256 characters, e.g. "
                                + "attributes.env = \"prod\". Messages it leaves out are never delivered.")
                        .build(),
                WizardField.named("enableOrdering", "Ordered delivery", FieldType.CHECKBOX)
                        .help("Deliver messages with the same ordering key in order (they must be published with "
                                + "ordering keys).")
                        .build(),
                WizardField.named("ackDeadline", "Acknowledgement deadline (seconds)", FieldType.INTEGER)
                        .range(10, 600).help("Optional: 10 to 600 seconds.").placeholder("10").build());
    }

    @Override
    public Map<String, String> crossFieldErrors(int step, String type, WizardValues values) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (step == 1) {
            String projectId = values.get("projectId");
            if (projectId != null && !PROJECT_ID.matcher(projectId).matches()) {
                errors.put("projectId", "Not a GCP project ID: it is 6 to 30 lowercase letters, digits and hyphens, "
                        + "starting with a letter (the ID, not the project's display name or number).");
            }
            String keyProblem = GoogleServiceAccountKey.problem(values.secret("serviceAccountKey"));
            if (keyProblem != null) {
                errors.put("serviceAccountKey", keyProblem);
            }
        } else if (step == 2) {
            String topic = values.get("topic");
            if (topic != null && topic.startsWith("projects/")) {
                errors.put("topic", "Type the topic's name only: the part after /topics/ in " + topic + ".");
            } else if (topic != null && (!TOPIC.matcher(topic).matches() || topic.startsWith("goog"))) {
                errors.put("topic", "A Pub/Sub topic name is 3 to 255 characters starting with a letter: letters, "
                        + "digits and - _ . ~ + %, and it cannot start with goog.");
            }
            String seekTimestamp = values.get("seekTimestamp");
            if (SEEK_TIMESTAMP.equals(values.get("seekType")) && seekTimestamp != null) {
                Instant start = parseInstant(seekTimestamp);
                if (start != null && start.isAfter(clock.instant())) {
                    errors.put("seekTimestamp", "This time is in the future: seeking there would skip every message "
                            + "published until then. To read only new messages, choose New messages only (latest).");
                }
            }
            String filter = values.get("filter");
            if (filter != null && filter.length() > FILTER_MAX_LENGTH) {
                errors.put("filter", "A filter is at most " + FILTER_MAX_LENGTH + " characters; this one has "
                        + filter.length() + ".");
            }
        }
        return errors;
    }

    @Override
    public ClickPipePostSource source(String type, WizardValues values) {
        String seekType = values.get("seekType");
        ClickPipePubSubSource.Builder pubsub = ClickPipePubSubSource.builder()
                .format(values.get("format"))
                .projectId(values.get("projectId"))
                .topic(values.get("topic"))
                .authentication(SERVICE_ACCOUNT)
                .seekType(seekType)
                .filter(values.get("filter"))
                .enableOrdering(values.isOn("enableOrdering"))
                .serviceAccountKey(GoogleServiceAccountKey.asServiceAccount(values.secret("serviceAccountKey"), "Pub/Sub"));
        if (SEEK_TIMESTAMP.equals(seekType)) {
            Instant start = parseInstant(values.get("seekTimestamp"));
            if (start == null) {
                throw new IllegalArgumentException("seekType timestamp needs a valid seekTimestamp");
            }
            pubsub.seekTimestamp(start.toString());
        }
        String ackDeadline = values.get("ackDeadline");
        if (ackDeadline != null) {
            pubsub.ackDeadline(Integer.valueOf(ackDeadline));
        }
        return ClickPipePostSource.pubsub(pubsub.build());
    }

    /** The spec's schema discovery takes Kafka and Kinesis sources only. */
    @Override
    public ClickPipeSchemaDiscoverySource discoverySource(String type, WizardValues values) {
        return null;
    }

    @Override
    public Map<String, String> prefill(ClickPipe pipe) {
        Map<String, String> values = new LinkedHashMap<>();
        ClickPipePubSubSource pubsub = pipe.source() == null ? null : pipe.source().pubsub();
        if (pubsub == null) {
            return values;
        }
        putIfPresent(values, "projectId", pubsub.projectId());
        putIfPresent(values, "topic", pubsub.topic());
        putIfPresent(values, "format", pubsub.format());
        putIfPresent(values, "seekType", pubsub.seekType());
        if (SEEK_TIMESTAMP.equals(pubsub.seekType())) {
            putIfPresent(values, "seekTimestamp", pubsub.seekTimestamp());
        }
        putIfPresent(values, "filter", pubsub.filter());
        if (Boolean.TRUE.equals(pubsub.enableOrdering())) {
            values.put("enableOrdering", "true");
        }
        if (pubsub.ackDeadline() != null) {
            values.put("ackDeadline", pubsub.ackDeadline().toString());
        }
        return values;
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
