package dev.pipedeck.pipes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.pipedeck.cloud.clickpipe.AccessKey;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeKafkaSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeMongoDBSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeMySQLSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeObjectStorageSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchKafkaSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchKinesisSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchMongoDBSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchMySQLSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchObjectStorageSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchPostgresSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchPubSubSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipePatchSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeSource;
import dev.pipedeck.cloud.clickpipe.KafkaCredentials;
import dev.pipedeck.cloud.clickpipe.PlainCredentials;
import dev.pipedeck.cloud.clickpipe.ServiceAccount;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which credentials a pipe's source takes, by source kind and authentication method (spec: the
 * {@code ClickPipePatch*Source} schemas), how to check what was typed, and the patch body that replaces them. The API
 * never returns credentials, so nothing here is ever read back or shown.
 *
 * @param shape the fields to ask for
 * @param method how the pipe authenticates, as a person reads it ("Kafka · SCRAM-SHA-512")
 * @param none why there is nothing to replace, when {@code shape} is {@link Shape#NONE}
 */
public record SourceCredentials(Shape shape, String method, String none) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The fields a source's credentials consist of. */
    public enum Shape {
        /** Nothing to replace (IAM role, public bucket, or a pipe that cannot be edited). */
        NONE,
        USERNAME_PASSWORD,
        ACCESS_KEY,
        CONNECTION_STRING,
        CERTIFICATE_AND_KEY,
        SERVICE_ACCOUNT
    }

    static SourceCredentials of(ClickPipe pipe) {
        ClickPipeSource source = pipe.source();
        if (source == null || source.kind() == null) {
            return none("Unknown source", "Pipedeck cannot tell what kind of source this pipe reads from.");
        }
        switch (source.kind()) {
            case "kafka" -> {
                ClickPipeKafkaSource kafka = source.kafka();
                String authentication = kafka.authentication() == null ? "PLAIN" : kafka.authentication();
                String method = "Kafka · " + authentication;
                return switch (authentication) {
                    case "IAM_ROLE" -> none(method, "This pipe assumes the IAM role " + orDash(kafka.iamRole())
                            + ": it has no credentials to replace.");
                    case "IAM_USER" -> new SourceCredentials(Shape.ACCESS_KEY, method, null);
                    case "MUTUAL_TLS" -> new SourceCredentials(Shape.CERTIFICATE_AND_KEY, method, null);
                    default -> "azureeventhub".equals(kafka.type())
                            ? new SourceCredentials(Shape.CONNECTION_STRING, "Azure Event Hubs · connection string", null)
                            : new SourceCredentials(Shape.USERNAME_PASSWORD, method, null);
                };
            }
            case "kinesis" -> {
                String authentication = source.kinesis().authentication();
                return "IAM_USER".equals(authentication)
                        ? new SourceCredentials(Shape.ACCESS_KEY, "Kinesis · IAM user access key", null)
                        : none("Kinesis · IAM role", "This pipe assumes the IAM role "
                                + orDash(source.kinesis().iamRole()) + ": it has no credentials to replace.");
            }
            case "objectStorage" -> {
                ClickPipeObjectStorageSource storage = source.objectStorage();
                String authentication = storage.authentication();
                if (authentication == null) {
                    return none("Object storage · public", "This pipe reads a public bucket: it has no credentials "
                            + "to replace.");
                }
                return switch (authentication) {
                    case "IAM_USER" -> new SourceCredentials(Shape.ACCESS_KEY, "Object storage · access key", null);
                    case "CONNECTION_STRING" -> new SourceCredentials(Shape.CONNECTION_STRING,
                            "Azure Blob Storage · connection string", null);
                    case "SERVICE_ACCOUNT" -> new SourceCredentials(Shape.SERVICE_ACCOUNT,
                            "Google Cloud Storage · service account key", null);
                    default -> none("Object storage · IAM role", "This pipe assumes the IAM role "
                            + orDash(storage.iamRole()) + ": it has no credentials to replace.");
                };
            }
            case "pubsub" -> {
                return new SourceCredentials(Shape.SERVICE_ACCOUNT, "Pub/Sub · service account key", null);
            }
            case "postgres" -> {
                return "IAM_ROLE".equals(source.postgres().authentication())
                        ? none("Postgres · IAM role", "This pipe signs in with the IAM role "
                                + orDash(source.postgres().iamRole()) + ": it has no password to replace.")
                        : new SourceCredentials(Shape.USERNAME_PASSWORD, "Postgres · username and password", null);
            }
            case "mysql" -> {
                return "IAM_ROLE".equals(source.mysql().authentication())
                        ? none("MySQL · IAM role", "This pipe signs in with the IAM role "
                                + orDash(source.mysql().iamRole()) + ": it has no password to replace.")
                        : new SourceCredentials(Shape.USERNAME_PASSWORD, "MySQL · username and password", null);
            }
            case "mongodb" -> {
                return new SourceCredentials(Shape.USERNAME_PASSWORD, "MongoDB · username and password", null);
            }
            default -> {
                return none("BigQuery", "BigQuery pipes cannot be edited through the ClickHouse Cloud API.");
            }
        }
    }

    private static SourceCredentials none(String method, String why) {
        return new SourceCredentials(Shape.NONE, method, why);
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "(not shown)" : value;
    }

    public boolean replaceable() {
        return shape != Shape.NONE;
    }

    /** What is wrong with what was typed. Blank means "leave as it is", so an all-blank form has nothing to send. */
    FormProblems check(CredentialsForm form) {
        FormProblems problems = FormProblems.none();
        switch (shape) {
            case NONE -> problems.global(none);
            case USERNAME_PASSWORD -> pair(problems, form.getUsername(), "username", "the username",
                    form.getPassword(), "password", "the password");
            case ACCESS_KEY -> pair(problems, form.getAccessKeyId(), "accessKeyId", "the access key ID",
                    form.getSecretKey(), "secretKey", "the secret access key");
            case CONNECTION_STRING -> {
                if (blank(form.getConnectionString())) {
                    problems.global(nothingToChange());
                }
            }
            case CERTIFICATE_AND_KEY -> {
                pair(problems, form.getCertificate(), "certificate", "the client certificate",
                        form.getPrivateKey(), "privateKey", "the private key");
                if (!blank(form.getCertificate()) && !form.getCertificate().contains("-----BEGIN CERTIFICATE-----")) {
                    problems.field("certificate", "Paste a PEM certificate: -----BEGIN CERTIFICATE----- … "
                            + "-----END CERTIFICATE-----.");
                }
                if (!blank(form.getPrivateKey()) && !(form.getPrivateKey().contains("-----BEGIN")
                        && form.getPrivateKey().contains("PRIVATE KEY-----"))) {
                    problems.field("privateKey", "Paste a PEM private key: -----BEGIN PRIVATE KEY----- … "
                            + "-----END PRIVATE KEY-----. (For safety it is not shown again: paste it once more.)");
                }
            }
            case SERVICE_ACCOUNT -> {
                if (blank(form.getServiceAccountKey())) {
                    problems.global(nothingToChange());
                } else if (serviceAccountFile(form.getServiceAccountKey()) == null) {
                    problems.field("serviceAccountKey", "Paste the service account's JSON key file, or that file "
                            + "base64-encoded. (For safety it is not shown again: paste it once more.)");
                }
            }
            default -> throw new IllegalStateException(shape.name());
        }
        return problems;
    }

    /** The body that replaces the credentials; also sends what the spec requires alongside (MySQL host and port, MongoDB URI and read preference). */
    ClickPipePatchRequest patch(ClickPipe pipe, CredentialsForm form) {
        ClickPipeSource source = pipe.source();
        ClickPipePatchSource patch = switch (source.kind()) {
            case "kafka" -> new ClickPipePatchSource(new ClickPipePatchKafkaSource(null, null, null, null,
                    kafkaCredentials(form)), null, null, null, null, null, null, null);
            case "kinesis" -> new ClickPipePatchSource(null, null, new ClickPipePatchKinesisSource(null, null,
                    new AccessKey(form.getAccessKeyId().strip(), form.getSecretKey())), null, null, null, null, null);
            case "objectStorage" -> new ClickPipePatchSource(null, objectStorage(form), null, null, null, null, null,
                    null);
            case "pubsub" -> new ClickPipePatchSource(null, null, null, new ClickPipePatchPubSubSource(
                    source.pubsub().authentication() == null ? "SERVICE_ACCOUNT" : source.pubsub().authentication(),
                    null, new ServiceAccount(serviceAccountFile(form.getServiceAccountKey()))), null, null, null, null);
            case "postgres" -> new ClickPipePatchSource(null, null, null, null, ClickPipePatchPostgresSource.builder()
                    .credentials(plain(form)).build(), null, null, null);
            case "mysql" -> {
                ClickPipeMySQLSource mysql = source.mysql();
                yield new ClickPipePatchSource(null, null, null, null, null, ClickPipePatchMySQLSource.builder()
                        .credentials(plain(form)).host(mysql.host()).port(mysql.port()).build(), null, null);
            }
            case "mongodb" -> {
                ClickPipeMongoDBSource mongodb = source.mongodb();
                yield new ClickPipePatchSource(null, null, null, null, null, null, ClickPipePatchMongoDBSource.builder()
                        .credentials(plain(form)).uri(mongodb.uri()).readPreference(mongodb.readPreference()).build(),
                        null);
            }
            default -> throw new IllegalStateException("No credentials to patch for " + source.kind());
        };
        return new ClickPipePatchRequest(null, patch, null, null, null);
    }

    /** Every secret typed, as typed and as sent, for the audit log to scrub wherever it appears. */
    static List<String> secretsOf(CredentialsForm form) {
        List<String> secrets = new ArrayList<>();
        for (String value : List.of(form.getPassword(), form.getSecretKey(), form.getConnectionString(),
                form.getPrivateKey(), form.getServiceAccountKey())) {
            if (!blank(value)) {
                secrets.add(value);
                secrets.add(value.strip());
            }
        }
        String file = blank(form.getServiceAccountKey()) ? null : serviceAccountFile(form.getServiceAccountKey());
        if (file != null) {
            secrets.add(file);
        }
        return secrets;
    }

    private KafkaCredentials kafkaCredentials(CredentialsForm form) {
        return switch (shape) {
            case ACCESS_KEY -> KafkaCredentials.accessKey(form.getAccessKeyId().strip(), form.getSecretKey());
            case CERTIFICATE_AND_KEY -> KafkaCredentials.mutualTls(form.getCertificate().strip(),
                    form.getPrivateKey().strip());
            case CONNECTION_STRING -> KafkaCredentials.azureEventHub(form.getConnectionString().strip());
            default -> KafkaCredentials.usernamePassword(form.getUsername().strip(), form.getPassword());
        };
    }

    private ClickPipePatchObjectStorageSource objectStorage(CredentialsForm form) {
        return switch (shape) {
            case ACCESS_KEY -> ClickPipePatchObjectStorageSource.builder()
                    .accessKey(new AccessKey(form.getAccessKeyId().strip(), form.getSecretKey())).build();
            case CONNECTION_STRING -> ClickPipePatchObjectStorageSource.builder()
                    .connectionString(form.getConnectionString().strip()).build();
            default -> ClickPipePatchObjectStorageSource.builder()
                    .serviceAccountKey(serviceAccountFile(form.getServiceAccountKey())).build();
        };
    }

    private static PlainCredentials plain(CredentialsForm form) {
        return new PlainCredentials(form.getUsername().strip(), form.getPassword());
    }

    /**
     * The key file base64-encoded, as the API takes it: pasted JSON is encoded, pasted base64 is checked to decode
     * to a JSON object. Null when it is neither.
     */
    static String serviceAccountFile(String typed) {
        String text = typed.strip();
        if (text.startsWith("{")) {
            return isJsonObject(text) ? Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
                    : null;
        }
        String compact = text.replaceAll("\\s", "");
        try {
            String decoded = new String(Base64.getDecoder().decode(compact), StandardCharsets.UTF_8);
            return isJsonObject(decoded.strip()) ? compact : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static boolean isJsonObject(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject();
        } catch (JacksonException notJson) {
            return false;
        }
    }

    private static void pair(FormProblems problems, String first, String firstField, String firstName, String second,
            String secondField, String secondName) {
        if (blank(first) && blank(second)) {
            problems.global(nothingToChange());
        } else if (blank(first)) {
            problems.field(firstField, "Give " + firstName + " too: ClickHouse Cloud replaces " + firstName + " and "
                    + secondName + " together.");
        } else if (blank(second)) {
            problems.field(secondField, "Give " + secondName + " too: ClickHouse Cloud replaces " + firstName
                    + " and " + secondName + " together.");
        }
    }

    private static String nothingToChange() {
        return "Nothing to change: blank fields leave the current credentials as they are. Type the new ones to "
                + "replace them.";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
