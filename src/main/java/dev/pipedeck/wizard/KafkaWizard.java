package dev.pipedeck.wizard;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeKafkaOffset;
import dev.pipedeck.cloud.clickpipe.ClickPipeKafkaSchemaRegistry;
import dev.pipedeck.cloud.clickpipe.ClickPipeKafkaSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePostSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoverySource;
import dev.pipedeck.cloud.clickpipe.KafkaCredentials;
import dev.pipedeck.cloud.clickpipe.PlainCredentials;

/**
 * The Kafka wizard: one tile per Kafka flavour of the spec ({@code ClickPipePostKafkaSource.type}), each offering only
 * the sign-in methods the spec lists for it. Field names are the JSON paths under {@code source.kafka}
 * ({@code credentials.password}, {@code offset.timestamp}, …) except {@code schemaRegistry.authentication}'s
 * {@code NONE}, which means "send no authentication".
 */
@Component
public class KafkaWizard implements SourceWizard {

    static final String KIND = "kafka";

    /** Values of {@code authentication} that sign in with a username and password. */
    private static final Set<String> USERNAME_PASSWORD = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");
    /** Formats whose messages are decoded with a schema from a registry (Avro and Protobuf). */
    static final List<String> REGISTRY_FORMATS = List.of("Avro", "AvroConfluent", "Protobuf");
    /** The registry choice meaning "no sign-in": not a wire value, it leaves {@code authentication} out. */
    static final String NO_REGISTRY_SIGN_IN = "NONE";
    static final String AZURE_EVENT_HUBS = "azureeventhub";

    /**
     * A Kafka flavour: wire type, tile label and description, the sign-in methods the spec allows it (from the
     * description of {@code ClickPipePostKafkaSource.authentication}: "Supported authentication methods: kafka: PLAIN,
     * SCRAM-SHA-256, …"), and what its brokers look like.
     */
    private record Flavour(String type, String label, String description, List<String> authentications,
            String brokersPlaceholder, String brokersHelp) {
    }

    private static final List<Flavour> FLAVOURS = List.of(
            new Flavour("kafka", "Apache Kafka", "Any Apache Kafka cluster you run or rent.",
                    List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "MUTUAL_TLS"),
                    "broker-1.example.com:9092,broker-2.example.com:9092", null),
            new Flavour("confluent", "Confluent Cloud", "Topics of a Confluent Cloud cluster.",
                    List.of("PLAIN", "MUTUAL_TLS"),
                    "pkc-xxxxx.us-east-1.aws.confluent.cloud:9092",
                    "The bootstrap server from the cluster's settings."),
            new Flavour("msk", "Amazon MSK", "Amazon Managed Streaming for Apache Kafka.",
                    List.of("SCRAM-SHA-512", "IAM_ROLE", "IAM_USER", "MUTUAL_TLS"),
                    "b-1.mycluster.abc123.c2.kafka.us-east-1.amazonaws.com:9096",
                    "MSK listens on one port per sign-in method: 9096 for SCRAM, 9098 for IAM, 9094 for mutual TLS."),
            new Flavour(AZURE_EVENT_HUBS, "Azure Event Hubs", "An Event Hubs namespace through its Kafka endpoint.",
                    List.of("PLAIN"),
                    "my-namespace.servicebus.windows.net:9093",
                    "The namespace's Kafka endpoint, port 9093."),
            new Flavour("redpanda", "Redpanda", "Redpanda Cloud or a self-hosted Redpanda cluster.",
                    List.of("SCRAM-SHA-256", "SCRAM-SHA-512", "MUTUAL_TLS"),
                    "seed-abc123.xyz.fmc.prd.cloud.redpanda.com:9092", null),
            new Flavour("warpstream", "WarpStream", "A WarpStream virtual cluster through its agents.",
                    List.of("PLAIN"),
                    "warpstream-agent.example.com:9092", null),
            new Flavour("gcmk", "Google Managed Kafka", "Google Cloud Managed Service for Apache Kafka.",
                    List.of("PLAIN", "MUTUAL_TLS"),
                    "bootstrap.my-cluster.us-central1.managedkafka.my-project.cloud.goog:9092", null),
            new Flavour("dokafka", "DigitalOcean Kafka", "A DigitalOcean Managed Kafka cluster.",
                    List.of("SCRAM-SHA-256", "MUTUAL_TLS"),
                    "db-kafka-nyc1-12345-do-user-0.k.db.ondigitalocean.com:25073", null));

    /** host:port, the host a name, an IPv4 address or a bracketed IPv6 address. */
    private static final Pattern BROKER = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\\d{1,5})");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\w{16,128}");
    private static final Pattern CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----[\\s\\S]+?-----END CERTIFICATE-----");
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN ([A-Z]+ )?PRIVATE KEY-----[\\s\\S]+?-----END ([A-Z]+ )?PRIVATE KEY-----");
    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
            Pattern.DOTALL);
    /** A UTC time to the minute, as the spec's example {@code 2021-01-01T00:00}; seconds (zero) and Z tolerated. */
    private static final Pattern MINUTE_TIMESTAMP = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2})(?::00(?:\\.0+)?)?Z?");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<SourceTile> tiles() {
        return FLAVOURS.stream()
                .map(flavour -> new SourceTile("Streaming", flavour.label(), KIND, flavour.type(),
                        flavour.description()))
                .toList();
    }

    @Override
    public List<WizardField> connectionFields(String type) {
        Flavour flavour = flavour(type);
        List<String> methods = flavour.authentications();
        List<WizardField> fields = new ArrayList<>();
        fields.add(WizardField.named("brokers", "Brokers", FieldType.TEXT).required()
                .placeholder(flavour.brokersPlaceholder())
                .help(join("host:port, several separated by commas.", flavour.brokersHelp()))
                .build());
        fields.add(WizardField.named("authentication", "Authentication", FieldType.SELECT).required()
                .options(methods.stream().map(method -> new FieldOption(method, methodLabel(type, method))).toList())
                .build());

        if (AZURE_EVENT_HUBS.equals(type)) {
            // The spec allows Event Hubs only PLAIN and has an AzureEventHub credentials shape {connectionString};
            // the Terraform provider's Event Hubs example sends just that, so PLAIN here means the connection string.
            fields.add(WizardField.named("credentials.connectionString", "Connection string", FieldType.SECRET)
                    .required().shownWhen("authentication", "PLAIN")
                    .help("The namespace's shared access policy connection string (Endpoint=sb://…).")
                    .build());
        } else {
            String[] userPassword = methods.stream().filter(USERNAME_PASSWORD::contains).toArray(String[]::new);
            if (userPassword.length > 0) {
                fields.add(WizardField.named("credentials.username", usernameLabel(type), FieldType.TEXT).required()
                        .shownWhen("authentication", userPassword).help(usernameHelp(type)).build());
                fields.add(WizardField.named("credentials.password", passwordLabel(type), FieldType.SECRET)
                        .required().shownWhen("authentication", userPassword).help(passwordHelp(type)).build());
            }
        }
        if (methods.contains("IAM_ROLE")) {
            fields.add(WizardField.named("iamRole", "IAM role ARN", FieldType.ARN).required()
                    .shownWhen("authentication", "IAM_ROLE")
                    .placeholder("arn:aws:iam::123456789012:role/clickpipes-msk")
                    .help("A role ClickPipes assumes; it must trust your ClickHouse service. Works only for"
                            + " services running on AWS.")
                    .build());
        }
        if (methods.contains("IAM_USER")) {
            fields.add(WizardField.named("credentials.accessKeyId", "Access key ID", FieldType.TEXT).required()
                    .shownWhen("authentication", "IAM_USER").placeholder("AKIAIOSFODNN7EXAMPLE").build());
            fields.add(WizardField.named("credentials.secretKey", "Secret access key", FieldType.SECRET).required()
                    .shownWhen("authentication", "IAM_USER").build());
        }
        if (methods.contains("MUTUAL_TLS")) {
            fields.add(WizardField.named("credentials.certificate", "Client certificate", FieldType.TEXTAREA)
                    .required().shownWhen("authentication", "MUTUAL_TLS")
                    .placeholder("-----BEGIN CERTIFICATE-----").help("PEM encoded.").build());
            fields.add(WizardField.named("credentials.privateKey", "Client private key", FieldType.SECRET)
                    .required().shownWhen("authentication", "MUTUAL_TLS")
                    .help("PEM encoded (-----BEGIN PRIVATE KEY----- …), not protected by a passphrase.").build());
        }
        fields.add(WizardField.named("caCertificate", "CA certificate", FieldType.TEXTAREA)
                .placeholder("-----BEGIN CERTIFICATE-----")
                .help("Only when the brokers' certificate is not signed by a public authority: the PEM encoded CA"
                        + " certificates that signed it.")
                .build());
        fields.add(WizardField.named("reversePrivateEndpointIds", "Reverse private endpoints", FieldType.TEXT)
                .help("Pick from the service's list, to reach brokers that are not on the internet.")
                .placeholder("endpoint ids, separated by commas")
                .build());
        return List.copyOf(fields);
    }

    @Override
    public List<WizardField> dataFields(String type) {
        flavour(type);
        String[] registryFormats = REGISTRY_FORMATS.toArray(String[]::new);
        return List.of(
                WizardField.named("topics", "Topics", FieldType.TEXT).required().placeholder("my_topic")
                        .help("One topic, or several separated by commas.").build(),
                WizardField.named("format", "Message format", FieldType.SELECT).required()
                        .options(List.of(new FieldOption("JSONEachRow", "JSON (one object per message)"),
                                new FieldOption("Avro", "Avro"),
                                new FieldOption("AvroConfluent", "Avro, Confluent wire format"),
                                new FieldOption("Protobuf", "Protobuf")))
                        .build(),
                WizardField.named("consumerGroup", "Consumer group", FieldType.TEXT)
                        .placeholder("clickpipes-<pipe id>")
                        .help("Leave empty for a group of this pipe's own. Never share a group with another"
                                + " consumer: each would see only part of the messages.")
                        .build(),
                WizardField.named("offset.strategy", "Start reading", FieldType.SELECT).required()
                        .options(List.of(new FieldOption("from_beginning", "From the beginning"),
                                new FieldOption("from_latest", "From the latest message (new messages only)"),
                                new FieldOption("from_timestamp", "From a point in time")))
                        .build(),
                WizardField.named("offset.timestamp", "Start at (UTC)", FieldType.TEXT).required()
                        .shownWhen("offset.strategy", "from_timestamp").placeholder("2024-05-01T10:00")
                        .help("A UTC time to the minute: YYYY-MM-DDTHH:MM.").build(),
                WizardField.named("schemaRegistry.url", "Schema registry URL", FieldType.URL).required()
                        .shownWhen("format", registryFormats)
                        .placeholder("https://psrc-xxxxx.us-east-2.aws.confluent.cloud")
                        .help("HTTPS. The registry's root, /subjects/<subject>[/versions/<n>] or /schemas/ids/<id>:"
                                + " Avro and Protobuf messages are decoded with its schemas.")
                        .build(),
                WizardField.named("schemaRegistry.authentication", "Schema registry sign-in", FieldType.SELECT)
                        .required().shownWhen("format", registryFormats)
                        .options(List.of(new FieldOption("PLAIN", "Username and password"),
                                new FieldOption(NO_REGISTRY_SIGN_IN, "None")))
                        .build(),
                WizardField.named("schemaRegistry.credentials.username", "Schema registry username", FieldType.TEXT)
                        .required().shownWhen("format", registryFormats)
                        .shownWhen("schemaRegistry.authentication", "PLAIN").help("For Confluent: the API key.")
                        .build(),
                WizardField.named("schemaRegistry.credentials.password", "Schema registry password",
                        FieldType.SECRET).required().shownWhen("format", registryFormats)
                        .shownWhen("schemaRegistry.authentication", "PLAIN").help("For Confluent: the API secret.")
                        .build(),
                WizardField.named("schemaRegistry.caCertificate", "Schema registry CA certificate", FieldType.TEXTAREA)
                        .shownWhen("format", registryFormats).placeholder("-----BEGIN CERTIFICATE-----")
                        .help("Only when the registry's certificate is not signed by a public authority.").build(),
                // The spec offers exactlyOnce on every Kafka type (ClickPipePostKafkaSource.exactlyOnce names no
                // restriction), so every flavour gets it.
                WizardField.named("exactlyOnce", "Exactly-once delivery", FieldType.CHECKBOX)
                        .help("Insert every record exactly once, across restarts and rebalances. Can only be chosen"
                                + " now, when the pipe is created.")
                        .build());
    }

    @Override
    public Map<String, String> crossFieldErrors(int step, String type, WizardValues values) {
        Flavour flavour = flavour(type);
        Map<String, String> errors = new LinkedHashMap<>();
        if (step == 1) {
            connectionErrors(flavour, values, errors);
        } else if (step == 2) {
            dataErrors(values, errors);
        }
        return errors;
    }

    private void connectionErrors(Flavour flavour, WizardValues values, Map<String, String> errors) {
        String brokers = values.get("brokers");
        if (brokers != null && !brokersAreHostPorts(brokers)) {
            errors.put("brokers", "Give host:port pairs separated by commas, e.g. broker-1.example.com:9092.");
        }
        String method = values.get("authentication");
        if (method != null && !flavour.authentications().contains(method)) {
            errors.put("authentication", flavour.label() + " does not offer this sign-in method.");
            return;
        }
        if (AZURE_EVENT_HUBS.equals(flavour.type()) && "PLAIN".equals(method)) {
            String connectionString = values.secret("credentials.connectionString");
            if (connectionString != null && !connectionString.strip().regionMatches(true, 0, "Endpoint=sb://", 0, 14)) {
                errors.put("credentials.connectionString",
                        "An Event Hubs connection string starts with Endpoint=sb://… (copy it from a shared access"
                                + " policy).");
            }
        }
        if ("IAM_ROLE".equals(method)) {
            String role = values.get("iamRole");
            if (role != null && !IamRoleArn.matches(role)) {
                errors.put("iamRole", "Give the ARN of an IAM role: arn:aws:iam::<account>:role/<name>.");
            }
        }
        if ("IAM_USER".equals(method)) {
            String accessKeyId = values.get("credentials.accessKeyId");
            if (accessKeyId != null && !ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
                errors.put("credentials.accessKeyId", "An access key ID is 16 or more letters and digits, e.g."
                        + " AKIAIOSFODNN7EXAMPLE.");
            }
        }
        if ("MUTUAL_TLS".equals(method)) {
            String certificate = values.get("credentials.certificate");
            if (certificate != null && !CERTIFICATE.matcher(certificate).find()) {
                errors.put("credentials.certificate",
                        "Paste the PEM certificate, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.");
            }
            String privateKey = values.secret("credentials.privateKey");
            if (privateKey != null && !PRIVATE_KEY.matcher(privateKey).find()) {
                errors.put("credentials.privateKey",
                        "Paste the PEM private key, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----.");
            }
        }
        String caCertificate = values.get("caCertificate");
        if (caCertificate != null && !CERTIFICATE.matcher(caCertificate).find()) {
            errors.put("caCertificate",
                    "Paste PEM certificates, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.");
        }
        String endpoints = values.get("reversePrivateEndpointIds");
        if (endpoints != null && !listOf(endpoints).stream().allMatch(id -> UUID.matcher(id).matches())) {
            errors.put("reversePrivateEndpointIds", "Reverse private endpoint ids are UUIDs, separated by commas.");
        }
    }

    /** Whether a schema registry goes with this format (none chosen yet: no). */
    private static boolean isRegistryFormat(String format) {
        return format != null && REGISTRY_FORMATS.contains(format);
    }

    private void dataErrors(WizardValues values, Map<String, String> errors) {
        String topics = values.get("topics");
        if (topics != null && !topicsAreNames(topics)) {
            errors.put("topics", "Topic names use letters, digits, '.', '_' and '-' (up to 249); separate several"
                    + " with commas.");
        }
        if ("from_timestamp".equals(values.get("offset.strategy"))) {
            String timestamp = values.get("offset.timestamp");
            if (timestamp != null && minuteTimestamp(timestamp) == null) {
                errors.put("offset.timestamp", "Give a UTC time to the minute, e.g. 2024-05-01T10:00.");
            }
        }
        if (isRegistryFormat(values.get("format"))) {
            String url = values.get("schemaRegistry.url");
            if (url != null && !url.regionMatches(true, 0, "https://", 0, 8)) {
                errors.put("schemaRegistry.url", "The schema registry must be reached over HTTPS.");
            }
            String caCertificate = values.get("schemaRegistry.caCertificate");
            if (caCertificate != null && !CERTIFICATE.matcher(caCertificate).find()) {
                errors.put("schemaRegistry.caCertificate",
                        "Paste PEM certificates, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.");
            }
        }
    }

    @Override
    public ClickPipePostSource source(String type, WizardValues values) {
        return ClickPipePostSource.kafka(kafkaSource(type, values).build());
    }

    /**
     * The same source as the create body's, without {@code exactlyOnce}: a delivery choice that only applies to a pipe
     * being created, nothing to sample.
     */
    @Override
    public ClickPipeSchemaDiscoverySource discoverySource(String type, WizardValues values) {
        return new ClickPipeSchemaDiscoverySource(kafkaSource(type, values).exactlyOnce(null).build(), null);
    }

    /**
     * The pipe's plain settings. Never the credentials (the API does not return them, and they are secret), and not
     * the consumer group: a copy sharing the original's group would split its partitions with it, each pipe then
     * missing what the other reads.
     */
    @Override
    public Map<String, String> prefill(ClickPipe pipe) {
        ClickPipeKafkaSource kafka = pipe.source() == null ? null : pipe.source().kafka();
        if (kafka == null) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        putIfPresent(values, "type", kafka.type()); // which tile: the machinery takes it out of the values
        putIfPresent(values, "brokers", kafka.brokers());
        putIfPresent(values, "authentication", kafka.authentication());
        if ("IAM_ROLE".equals(kafka.authentication())) {
            putIfPresent(values, "iamRole", kafka.iamRole());
        }
        putIfPresent(values, "caCertificate", kafka.caCertificate());
        if (kafka.reversePrivateEndpointIds() != null && !kafka.reversePrivateEndpointIds().isEmpty()) {
            values.put("reversePrivateEndpointIds", String.join(",", kafka.reversePrivateEndpointIds()));
        }
        putIfPresent(values, "topics", kafka.topics());
        putIfPresent(values, "format", kafka.format());
        if (kafka.offset() != null) {
            putIfPresent(values, "offset.strategy", kafka.offset().strategy());
            if ("from_timestamp".equals(kafka.offset().strategy())) {
                putIfPresent(values, "offset.timestamp", kafka.offset().timestamp());
            }
        }
        ClickPipeKafkaSchemaRegistry registry = kafka.schemaRegistry();
        if (registry != null && registry.url() != null) {
            values.put("schemaRegistry.url", registry.url());
            values.put("schemaRegistry.authentication",
                    registry.authentication() == null ? NO_REGISTRY_SIGN_IN : registry.authentication());
            putIfPresent(values, "schemaRegistry.caCertificate", registry.caCertificate());
        }
        if (Boolean.TRUE.equals(kafka.exactlyOnce())) {
            values.put("exactlyOnce", "true");
        }
        return values;
    }

    private ClickPipeKafkaSource.Builder kafkaSource(String type, WizardValues values) {
        Flavour flavour = flavour(type);
        String method = values.get("authentication");
        if (!flavour.authentications().contains(method)) {
            throw new IllegalArgumentException(flavour.label() + " does not offer authentication " + method);
        }
        ClickPipeKafkaSource.Builder kafka = ClickPipeKafkaSource.builder()
                .type(type)
                .format(values.get("format"))
                .brokers(commaSeparated(values.get("brokers")))
                .topics(commaSeparated(values.get("topics")))
                .consumerGroup(values.get("consumerGroup"))
                .authentication(method)
                .caCertificate(pem(values.get("caCertificate")));
        if (AZURE_EVENT_HUBS.equals(type)) {
            kafka.credentials(KafkaCredentials.azureEventHub(stripped(values.secret("credentials.connectionString"))));
        } else if (USERNAME_PASSWORD.contains(method)) {
            kafka.credentials(KafkaCredentials.usernamePassword(values.get("credentials.username"),
                    values.secret("credentials.password")));
        } else if ("IAM_ROLE".equals(method)) {
            kafka.iamRole(values.get("iamRole"));
        } else if ("IAM_USER".equals(method)) {
            kafka.credentials(KafkaCredentials.accessKey(values.get("credentials.accessKeyId"),
                    stripped(values.secret("credentials.secretKey"))));
        } else if ("MUTUAL_TLS".equals(method)) {
            kafka.credentials(KafkaCredentials.mutualTls(pem(values.get("credentials.certificate")),
                    pem(values.secret("credentials.privateKey"))));
        }
        String endpoints = values.get("reversePrivateEndpointIds");
        if (endpoints != null) {
            kafka.reversePrivateEndpointIds(listOf(endpoints));
        }
        String strategy = values.get("offset.strategy");
        if (strategy != null) {
            kafka.offset("from_timestamp".equals(strategy)
                    ? ClickPipeKafkaOffset.fromTimestamp(minuteTimestamp(values.get("offset.timestamp")))
                    : new ClickPipeKafkaOffset(strategy, null));
        }
        if (isRegistryFormat(values.get("format")) && values.get("schemaRegistry.url") != null) {
            boolean signIn = "PLAIN".equals(values.get("schemaRegistry.authentication"));
            kafka.schemaRegistry(new ClickPipeKafkaSchemaRegistry(values.get("schemaRegistry.url"),
                    signIn ? "PLAIN" : null,
                    pem(values.get("schemaRegistry.caCertificate")),
                    signIn ? new PlainCredentials(values.get("schemaRegistry.credentials.username"),
                            values.secret("schemaRegistry.credentials.password")) : null));
        }
        if (values.isOn("exactlyOnce")) {
            kafka.exactlyOnce(true);
        }
        return kafka;
    }

    private static Flavour flavour(String type) {
        return FLAVOURS.stream().filter(flavour -> flavour.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a Kafka type: " + type));
    }

    private static String methodLabel(String type, String method) {
        if (AZURE_EVENT_HUBS.equals(type) && "PLAIN".equals(method)) {
            return "Connection string";
        }
        return switch (method) {
            case "PLAIN" -> "SASL/PLAIN (username and password)";
            case "SCRAM-SHA-256" -> "SASL/SCRAM-SHA-256";
            case "SCRAM-SHA-512" -> "SASL/SCRAM-SHA-512";
            case "IAM_ROLE" -> "IAM role";
            case "IAM_USER" -> "IAM user (access key)";
            case "MUTUAL_TLS" -> "Mutual TLS (client certificate)";
            default -> method;
        };
    }

    private static String usernameLabel(String type) {
        return "confluent".equals(type) ? "API key" : "Username";
    }

    private static String passwordLabel(String type) {
        return "confluent".equals(type) ? "API secret" : "Password";
    }

    private static String usernameHelp(String type) {
        return "gcmk".equals(type) ? "The email of the service account that reads the topics." : null;
    }

    private static String passwordHelp(String type) {
        return "gcmk".equals(type) ? "The service account's JSON key file, base64 encoded." : null;
    }

    private static String join(String first, String second) {
        return second == null ? first : first + " " + second;
    }

    private static boolean brokersAreHostPorts(String brokers) {
        List<String> entries = listOf(brokers);
        return !entries.isEmpty() && entries.stream().allMatch(entry -> {
            Matcher broker = BROKER.matcher(entry);
            if (!broker.matches()) {
                return false;
            }
            int port = Integer.parseInt(broker.group(2));
            return port >= 1 && port <= 65535;
        });
    }

    private static boolean topicsAreNames(String topics) {
        List<String> names = listOf(topics);
        return !names.isEmpty() && names.stream().allMatch(name -> TOPIC.matcher(name).matches());
    }

    /** The entries of a comma separated list, trimmed, without empty ones. */
    private static List<String> listOf(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(entry -> !entry.isEmpty()).toList();
    }

    private static String commaSeparated(String text) {
        return text == null ? null : String.join(",", listOf(text));
    }

    /** The spec's minute-precision UTC timestamp ({@code 2021-01-01T00:00}) for what was typed, or null if invalid. */
    static String minuteTimestamp(String typed) {
        if (typed == null) {
            return null;
        }
        Matcher matcher = MINUTE_TIMESTAMP.matcher(typed.strip());
        if (!matcher.matches()) {
            return null;
        }
        String minute = matcher.group(1) + "T" + matcher.group(2);
        try {
            LocalDateTime.parse(minute);
        } catch (DateTimeParseException e) {
            return null;
        }
        return minute;
    }

    /**
     * PEM text with its line breaks: a key pasted into a one-line input arrives with them turned into spaces or
     * removed, which no TLS library reads. Each block is rebuilt with its base64 body in lines of 64.
     */
    static String pem(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.replace("\r\n", "\n").strip();
        if (trimmed.contains("\n")) {
            return trimmed;
        }
        Matcher block = PEM_BLOCK.matcher(trimmed);
        List<String> blocks = new ArrayList<>();
        while (block.find()) {
            String label = block.group(1);
            String body = block.group(2).replaceAll("\\s", "");
            StringBuilder rebuilt = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
            for (int start = 0; start < body.length(); start += 64) {
                rebuilt.append(body, start, Math.min(body.length(), start + 64)).append('\n');
            }
            blocks.add(rebuilt.append("-----END ").append(label).append("-----").toString());
        }
        return blocks.isEmpty() ? trimmed : String.join("\n", blocks);
    }

    /** A secret without surrounding blanks, for those that cannot hold any (keys, connection strings). */
    private static String stripped(String secret) {
        return secret == null ? null : secret.strip();
    }

    private static void putIfPresent(Map<String, String> values, String name, String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, value);
        }
    }
}
