package dev.pipedeck.wizard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.pipedeck.cloud.clickpipe.AccessKey;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeObjectStorageSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePostSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoverySource;

/**
 * The object storage wizard: one tile per storage type of the spec ({@code ClickPipePostObjectStorageSource.type}).
 * Step 1: where the files are (a URL with wildcards, or for Azure a container and a path in it) and how ClickPipes
 * signs in. Step 2: the files' format, compression and delimiter, and continuous ingestion (on or off, a queue of
 * event notifications, skipping the initial load, where the initial load starts).
 *
 * <p>Field names are the JSON paths under {@code source.objectStorage} ({@code accessKey.secretKey}, {@code url},
 * …), except the {@code authentication} choice {@value #PUBLIC}: the spec's description says "PUBLIC uses no
 * authentication" but its enum has no such value, so a public bucket is sent without {@code authentication}.
 *
 * <p>Sign-in methods per type, from the description of {@code authentication} ("IAM_USER is for S3, GCS, and
 * DigitalOcean Spaces. IAM_ROLE is for S3 only. SERVICE_ACCOUNT is for GCS only. CONNECTION_STRING is for Azure Blob
 * Storage. PUBLIC uses no authentication."), read together with ClickPipes' object storage documentation:
 * <ul>
 * <li>Cloudflare R2 and OVHcloud are in the type enum but named by no method. Both are S3-compatible stores whose S3
 * endpoint signs every request with an access key pair, so they get IAM_USER (the same {@code accessKey}) and public.
 * <li>DigitalOcean Spaces and Azure Blob Storage get no public choice: the documentation says only protected buckets
 * are supported for them, and an Azure container name alone does not say which storage account it is in (the
 * connection string does).
 * </ul>
 *
 * <p>A GCS service account key is uploaded or pasted as the JSON key file and sent as the base64 of that file, a
 * plain string ({@code serviceAccountKey}) — unlike Pub/Sub, which wraps it in an object.
 */
@Component
public class ObjectStorageWizard implements SourceWizard {

    static final String KIND = "objectStorage";
    /** The choice meaning "a public bucket": not a wire value, it leaves {@code authentication} out. */
    static final String PUBLIC = "PUBLIC";
    static final String IAM_USER = "IAM_USER";
    static final String IAM_ROLE = "IAM_ROLE";
    static final String SERVICE_ACCOUNT = "SERVICE_ACCOUNT";
    static final String CONNECTION_STRING = "CONNECTION_STRING";
    static final String S3 = "s3";
    static final String GCS = "gcs";
    static final String AZURE = "azureblobstorage";
    /** Formats whose fields are separated by a delimiter that can be chosen. */
    static final List<String> DELIMITED_FORMATS = List.of("CSV", "CSVWithNames");

    /**
     * A storage type: wire name, tile label and description, sign-in methods, whether it takes a queue of event
     * notifications (the spec names SQS for S3 and Pub/Sub for GCS), and what its URLs look like.
     */
    private record Storage(String type, String label, String description, List<String> methods, boolean queue,
            String urlPlaceholder, String urlHelp, Pattern host, String hostExample, boolean gsScheme) {
    }

    private static final List<Storage> STORAGES = List.of(
            new Storage(S3, "Amazon S3", "Files from an S3 bucket: public, or read with an IAM user's access key or an"
                    + " IAM role.", List.of(IAM_USER, IAM_ROLE, PUBLIC), true,
                    "https://my-bucket.s3.us-east-1.amazonaws.com/data/*.json",
                    "The bucket's https:// address and the files' path: https://<bucket>.s3.<region>.amazonaws.com/"
                            + "<path>.",
                    Pattern.compile("(?:[a-z0-9.-]+\\.)?s3[.-]([a-z0-9.-]+\\.)?amazonaws\\.com(?:\\.cn)?"),
                    "<bucket>.s3.<region>.amazonaws.com", false),
            new Storage(GCS, "Google Cloud Storage", "Files from a GCS bucket: public, or read with an HMAC key or a"
                    + " service account key.", List.of(IAM_USER, SERVICE_ACCOUNT, PUBLIC), true,
                    "https://storage.googleapis.com/my-bucket/data/*.json",
                    "https://storage.googleapis.com/<bucket>/<path> (or gs://<bucket>/<path>).",
                    Pattern.compile("(?:[a-z0-9._-]+\\.)?storage\\.googleapis\\.com"),
                    "storage.googleapis.com/<bucket>", true),
            new Storage("dospaces", "DigitalOcean Spaces", "Files from a Spaces bucket, read with a Spaces access"
                    + " key.", List.of(IAM_USER), false,
                    "https://my-space.nyc3.digitaloceanspaces.com/data/*.json",
                    "https://<bucket>.<region>.digitaloceanspaces.com/<path>.",
                    Pattern.compile("(?:[a-z0-9.-]+\\.)?digitaloceanspaces\\.com"),
                    "<bucket>.<region>.digitaloceanspaces.com", false),
            new Storage(AZURE, "Azure Blob Storage", "Files from an Azure Blob Storage container, read with the"
                    + " storage account's connection string.", List.of(CONNECTION_STRING), false,
                    null, null, null, null, false),
            new Storage("cloudflarer2", "Cloudflare R2", "Files from an R2 bucket: public, or read with an R2 API"
                    + " token's access key.", List.of(IAM_USER, PUBLIC), false,
                    "https://<account-id>.r2.cloudflarestorage.com/my-bucket/data/*.json",
                    "The bucket's S3 API address and the files' path: https://<account-id>.r2.cloudflarestorage.com/"
                            + "<bucket>/<path>.",
                    Pattern.compile("[a-z0-9.-]+\\.r2\\.cloudflarestorage\\.com"),
                    "<account-id>.r2.cloudflarestorage.com", false),
            new Storage("ovhobjectstorage", "OVHcloud Object Storage", "Files from an OVHcloud S3 bucket: public, or"
                    + " read with the bucket user's S3 credentials.", List.of(IAM_USER, PUBLIC), false,
                    "https://my-bucket.s3.gra.io.cloud.ovh.net/data/*.json",
                    "The bucket's S3 endpoint and the files' path: https://<bucket>.s3.<region>.io.cloud.ovh.net/"
                            + "<path>.",
                    Pattern.compile("[a-z0-9.-]+\\.cloud\\.ovh\\.(?:net|us)"),
                    "<bucket>.s3.<region>.io.cloud.ovh.net", false));

    /** scheme://host/path of a storage URL: wildcards are only allowed in the path. */
    private static final Pattern STORAGE_URL = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*)://([^/]*)(/.*)?");
    /** An SQS queue URL: https://sqs.<region>.amazonaws.com/<account>/<queue> (or the legacy queue.amazonaws.com). */
    private static final Pattern SQS_QUEUE_URL = Pattern.compile("https://(?:sqs\\.[a-z0-9-]+\\.amazonaws\\.com"
            + "(?:\\.cn)?|[a-z0-9-]+\\.queue\\.amazonaws\\.com)/\\d{12}/[A-Za-z0-9_-]{1,80}(\\.fifo)?/?");
    /** A Pub/Sub subscription's path, as the spec's example: projects/{project}/subscriptions/{name}. */
    private static final Pattern PUBSUB_SUBSCRIPTION = Pattern.compile(
            "projects/([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]/subscriptions/([A-Za-z][A-Za-z0-9._~+%-]{2,254})");
    /** Azure container names: 3 to 63 lowercase letters, digits and single hyphens, from a letter or digit. */
    private static final Pattern AZURE_CONTAINER = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}");
    /** Access key ids of AWS, GCS HMAC keys, Spaces, R2 and OVH: 16 to 128 letters and digits. */
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Za-z0-9]{16,128}");
    private static final String NO_BRACES = "ClickPipes does not expand {a,b} or {1..9}: use ? (one character), * (any"
            + " characters but /) or ** (any characters, / included).";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<SourceTile> tiles() {
        return STORAGES.stream()
                .map(storage -> new SourceTile("Object storage", storage.label(), KIND, storage.type(),
                        storage.description()))
                .toList();
    }

    @Override
    public List<WizardField> connectionFields(String type) {
        Storage storage = storage(type);
        List<WizardField> fields = new ArrayList<>();
        if (AZURE.equals(type)) {
            fields.add(WizardField.named("azureContainerName", "Container", FieldType.TEXT).required()
                    .placeholder("my-container").help("The container's name (its storage account is the one of the"
                            + " connection string).")
                    .build());
            fields.add(WizardField.named("path", "Path", FieldType.TEXT).required().placeholder("data/*.json")
                    .help("The files' path inside the container, with wildcards: ? one character, * any characters"
                            + " but /, ** any characters.")
                    .build());
        } else {
            fields.add(WizardField.named("url", "Files URL", FieldType.TEXT).required()
                    .placeholder(storage.urlPlaceholder())
                    .help(storage.urlHelp() + " Wildcards in the path: ? one character, * any characters but /,"
                            + " ** any characters.")
                    .build());
        }
        fields.add(WizardField.named("authentication", "Authentication", FieldType.SELECT).required()
                .options(storage.methods().stream().map(method -> new FieldOption(method, methodLabel(type, method)))
                        .toList())
                .build());
        if (storage.methods().contains(IAM_USER)) {
            fields.add(WizardField.named("accessKey.accessKeyId", accessKeyIdLabel(type), FieldType.TEXT).required()
                    .shownWhen("authentication", IAM_USER).placeholder(accessKeyIdPlaceholder(type))
                    .help(accessKeyHelp(type)).build());
            fields.add(WizardField.named("accessKey.secretKey", secretKeyLabel(type), FieldType.SECRET).required()
                    .shownWhen("authentication", IAM_USER)
                    .help("Kept encrypted until the pipe is created, then forgotten.").build());
        }
        if (storage.methods().contains(IAM_ROLE)) {
            fields.add(WizardField.named("iamRole", "IAM role ARN", FieldType.ARN).required()
                    .shownWhen("authentication", IAM_ROLE)
                    .placeholder("arn:aws:iam::123456789012:role/clickpipes-s3")
                    .help("A role allowed to list the bucket and read its objects, that trusts your ClickHouse"
                            + " service. Works only for services running on AWS.")
                    .build());
        }
        if (storage.methods().contains(SERVICE_ACCOUNT)) {
            fields.add(WizardField.named("serviceAccountKey", "Service account key (JSON)", FieldType.SECRET_JSON)
                    .required().shownWhen("authentication", SERVICE_ACCOUNT)
                    .help("Upload or paste the JSON key file of a service account allowed to list and read the"
                            + " bucket's objects (storage.objects.list and storage.objects.get). Pipedeck sends it"
                            + " base64-encoded, as the API expects. Kept encrypted until the pipe is created.")
                    .build());
        }
        if (storage.methods().contains(CONNECTION_STRING)) {
            fields.add(WizardField.named("connectionString", "Connection string", FieldType.SECRET).required()
                    .shownWhen("authentication", CONNECTION_STRING)
                    .help("The storage account's connection string (Access keys → Connection string):"
                            + " DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=…")
                    .build());
        }
        return List.copyOf(fields);
    }

    @Override
    public List<WizardField> dataFields(String type) {
        Storage storage = storage(type);
        List<WizardField> fields = new ArrayList<>();
        fields.add(WizardField.named("format", "File format", FieldType.SELECT).required()
                .options(List.of(
                        new FieldOption("JSONEachRow", "JSON, one object per line (JSONEachRow)"),
                        new FieldOption("JSONAsObject", "JSON, each document into one JSON column (JSONAsObject)"),
                        new FieldOption("CSV", "CSV"),
                        new FieldOption("CSVWithNames", "CSV with a header row (CSVWithNames)"),
                        new FieldOption("TabSeparated", "Tab-separated (TabSeparated)"),
                        new FieldOption("TabSeparatedWithNames", "Tab-separated with a header row"
                                + " (TabSeparatedWithNames)"),
                        new FieldOption("Parquet", "Parquet"),
                        new FieldOption("Avro", "Avro")))
                .build());
        fields.add(WizardField.named("compression", "Compression", FieldType.SELECT)
                .options(List.of(
                        new FieldOption("auto", "Detect from the file name (auto)"),
                        new FieldOption("none", "None"),
                        new FieldOption("gzip", "gzip"),
                        new FieldOption("gz", "gz (gzip)"),
                        new FieldOption("brotli", "brotli"),
                        new FieldOption("br", "br (brotli)"),
                        new FieldOption("xz", "xz"),
                        new FieldOption("LZMA", "LZMA"),
                        new FieldOption("zstd", "zstd")))
                .help("Empty: ClickPipes' default.").build());
        fields.add(WizardField.named("delimiter", "Delimiter", FieldType.TEXT)
                .shownWhen("format", DELIMITED_FORMATS.toArray(String[]::new)).placeholder(",")
                .help("One character between fields; empty for a comma. Type \\t for a tab.").build());
        fields.add(WizardField.named("isContinuous", "Continuous ingestion", FieldType.CHECKBOX)
                .help("Keep reading new files as they arrive. Off: the files there now are read once. Without a queue,"
                        + " new files must be named so they sort after the ones already read.")
                .build());
        if (storage.queue()) {
            fields.add(WizardField.named("queueUrl", S3.equals(type) ? "SQS queue URL" : "Pub/Sub subscription",
                    FieldType.TEXT)
                    .placeholder(S3.equals(type) ? "https://sqs.us-east-1.amazonaws.com/123456789012/my-queue"
                            : "projects/my-project/subscriptions/my-bucket-events")
                    .help(S3.equals(type)
                            ? "Optional, only with continuous ingestion and a signed-in bucket: the SQS queue that"
                                    + " receives the bucket's event notifications. New files are then read in any"
                                    + " order, as they are announced."
                            : "Optional, only with continuous ingestion and a signed-in bucket: the Pub/Sub"
                                    + " subscription receiving the bucket's notifications, as projects/<project>/"
                                    + "subscriptions/<name>. New files are then read in any order, as they are"
                                    + " announced.")
                    .build());
            fields.add(WizardField.named("skipInitialLoad", "Skip the initial load", FieldType.CHECKBOX)
                    .help("Only with a queue: read only the files announced from now on, not those already there.")
                    .build());
        }
        fields.add(WizardField.named("startAfter", "Start after", FieldType.TEXT).placeholder("events/2026-06-01/")
                .help("Optional: an object key. The initial load skips every file up to and including it. Not with"
                        + " Skip the initial load.")
                .build());
        return List.copyOf(fields);
    }

    @Override
    public Map<String, String> crossFieldErrors(int step, String type, WizardValues values) {
        Storage storage = storage(type);
        Map<String, String> errors = new LinkedHashMap<>();
        if (step == 1) {
            connectionErrors(storage, values, errors);
        } else if (step == 2) {
            dataErrors(storage, values, errors);
        }
        return errors;
    }

    private void connectionErrors(Storage storage, WizardValues values, Map<String, String> errors) {
        if (AZURE.equals(storage.type())) {
            String container = values.get("azureContainerName");
            if (container != null && !AZURE_CONTAINER.matcher(container).matches()) {
                errors.put("azureContainerName", "An Azure container name is 3 to 63 lowercase letters, digits and"
                        + " single hyphens, starting with a letter or a digit.");
            }
            String path = values.get("path");
            if (path != null) {
                String problem = azurePathProblem(path);
                if (problem != null) {
                    errors.put("path", problem);
                }
            }
        } else {
            String url = values.get("url");
            if (url != null) {
                String problem = urlProblem(storage, url);
                if (problem != null) {
                    errors.put("url", problem);
                }
            }
        }
        String method = values.get("authentication");
        if (method == null) {
            return;
        }
        if (!storage.methods().contains(method)) {
            errors.put("authentication", storage.label() + " does not offer this sign-in method.");
            return;
        }
        switch (method) {
            case IAM_USER -> {
                String accessKeyId = values.get("accessKey.accessKeyId");
                if (accessKeyId != null && !ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
                    errors.put("accessKey.accessKeyId", accessKeyIdLabel(storage.type()) + " is 16 or more letters"
                            + " and digits, e.g. " + accessKeyIdPlaceholder(storage.type()) + ".");
                }
            }
            case IAM_ROLE -> {
                String role = values.get("iamRole");
                if (role != null && role.startsWith("arn:") && !IamRoleArn.matches(role)) {
                    errors.put("iamRole", "This ARN is not an IAM role's: it should look like"
                            + " arn:aws:iam::123456789012:role/role-name.");
                }
            }
            case SERVICE_ACCOUNT -> {
                String problem = GoogleServiceAccountKey.problem(values.secret("serviceAccountKey"));
                if (problem != null) {
                    errors.put("serviceAccountKey", problem);
                }
            }
            case CONNECTION_STRING -> {
                String problem = connectionStringProblem(values.secret("connectionString"));
                if (problem != null) {
                    errors.put("connectionString", problem);
                }
            }
            default -> {
                // PUBLIC: nothing to check.
            }
        }
    }

    private void dataErrors(Storage storage, WizardValues values, Map<String, String> errors) {
        if (DELIMITED_FORMATS.contains(values.get("format"))) {
            String delimiter = delimiter(values);
            if (delimiter != null && delimiter.length() != 1) {
                errors.put("delimiter", "A delimiter is one character, e.g. , or ; (\\t for a tab).");
            }
        }
        boolean continuous = values.isOn("isContinuous");
        String queueUrl = storage.queue() ? values.get("queueUrl") : null;
        boolean skipInitialLoad = storage.queue() && values.isOn("skipInitialLoad");
        if (queueUrl != null) {
            if (!continuous) {
                errors.put("queueUrl", "A queue only applies to continuous ingestion: turn on Continuous ingestion,"
                        + " or clear the queue.");
            } else if (PUBLIC.equals(values.get("authentication"))) {
                errors.put("queueUrl", "A queue needs a signed-in bucket, not a public one: choose a sign-in method"
                        + " on step 1, or clear the queue.");
            } else {
                String problem = queueProblem(storage, queueUrl);
                if (problem != null) {
                    errors.put("queueUrl", problem);
                }
            }
        }
        if (skipInitialLoad && queueUrl == null) {
            errors.put("skipInitialLoad", "Skipping the initial load only applies with a queue: without one the pipe"
                    + " would read no file at all. Give the queue, or turn this off.");
        }
        String startAfter = values.get("startAfter");
        if (startAfter != null) {
            if (skipInitialLoad) {
                errors.put("startAfter", "There is no initial load to start after when it is skipped: clear Start"
                        + " after, or turn off Skip the initial load.");
            } else if (STORAGE_URL.matcher(startAfter).matches()) {
                errors.put("startAfter", "Give an object key, the part after the bucket (e.g. events/2026-06-01/),"
                        + " not a URL.");
            }
        }
    }

    @Override
    public ClickPipePostSource source(String type, WizardValues values) {
        Storage storage = storage(type);
        String method = values.get("authentication");
        if (!storage.methods().contains(method)) {
            throw new IllegalArgumentException(storage.label() + " does not offer authentication " + method);
        }
        boolean continuous = values.isOn("isContinuous");
        String queueUrl = storage.queue() ? values.get("queueUrl") : null;
        boolean skipInitialLoad = storage.queue() && values.isOn("skipInitialLoad");
        String startAfter = values.get("startAfter");
        if (queueUrl != null && (!continuous || PUBLIC.equals(method))) {
            throw new IllegalArgumentException("a queue needs continuous ingestion of a signed-in bucket");
        }
        if (skipInitialLoad && (queueUrl == null || startAfter != null)) {
            throw new IllegalArgumentException("skipInitialLoad needs a queue and no startAfter");
        }
        ClickPipeObjectStorageSource.Builder source = ClickPipeObjectStorageSource.builder()
                .type(type)
                .format(values.get("format"))
                .compression(values.get("compression"))
                .isContinuous(continuous ? Boolean.TRUE : null)
                .queueUrl(queueUrl)
                .skipInitialLoad(skipInitialLoad ? Boolean.TRUE : null)
                .startAfter(startAfter)
                .authentication(PUBLIC.equals(method) ? null : method);
        if (AZURE.equals(type)) {
            source.azureContainerName(values.get("azureContainerName")).path(values.get("path"));
        } else {
            source.url(values.get("url"));
        }
        if (DELIMITED_FORMATS.contains(values.get("format"))) {
            source.delimiter(delimiter(values));
        }
        switch (method) {
            case IAM_USER -> source.accessKey(new AccessKey(values.get("accessKey.accessKeyId"),
                    stripped(values.secret("accessKey.secretKey"))));
            case IAM_ROLE -> source.iamRole(values.get("iamRole"));
            case SERVICE_ACCOUNT -> source.serviceAccountKey(base64(values.secret("serviceAccountKey")));
            case CONNECTION_STRING -> source.connectionString(stripped(values.secret("connectionString")));
            default -> {
                // PUBLIC: no credentials.
            }
        }
        return ClickPipePostSource.objectStorage(source.build());
    }

    /** The spec's schema discovery takes Kafka and Kinesis sources only. */
    @Override
    public ClickPipeSchemaDiscoverySource discoverySource(String type, WizardValues values) {
        return null;
    }

    /**
     * The pipe's plain settings and its type. Never the credentials: the API returns no access key or service account
     * key, and a connection string it may return is a secret all the same.
     */
    @Override
    public Map<String, String> prefill(ClickPipe pipe) {
        ClickPipeObjectStorageSource storage = pipe.source() == null ? null : pipe.source().objectStorage();
        if (storage == null) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        putIfPresent(values, "type", storage.type());
        putIfPresent(values, "url", storage.url());
        putIfPresent(values, "azureContainerName", storage.azureContainerName());
        putIfPresent(values, "path", storage.path());
        if (storage.authentication() != null) {
            values.put("authentication", storage.authentication());
        } else if (STORAGES.stream().anyMatch(s -> s.type().equals(storage.type()) && s.methods().contains(PUBLIC))) {
            values.put("authentication", PUBLIC);
        }
        if (IAM_ROLE.equals(storage.authentication())) {
            putIfPresent(values, "iamRole", storage.iamRole());
        }
        putIfPresent(values, "format", storage.format());
        putIfPresent(values, "compression", storage.compression());
        if (storage.delimiter() != null && !storage.delimiter().isEmpty()) {
            values.put("delimiter", "\t".equals(storage.delimiter()) ? "\\t" : storage.delimiter());
        }
        if (Boolean.TRUE.equals(storage.isContinuous())) {
            values.put("isContinuous", "true");
        }
        putIfPresent(values, "queueUrl", storage.queueUrl());
        if (Boolean.TRUE.equals(storage.skipInitialLoad())) {
            values.put("skipInitialLoad", "true");
        }
        putIfPresent(values, "startAfter", storage.startAfter());
        return values;
    }

    // ---- checks

    /** Why a files URL does not suit this storage type, or null. */
    private static String urlProblem(Storage storage, String url) {
        if (url.chars().anyMatch(Character::isWhitespace)) {
            return "A URL has no spaces (write a space in a file name as %20).";
        }
        Matcher parts = STORAGE_URL.matcher(url);
        if (!parts.matches()) {
            return "Give the whole URL, e.g. " + storage.urlPlaceholder() + ".";
        }
        String scheme = parts.group(1).toLowerCase(Locale.ROOT);
        String host = parts.group(2).toLowerCase(Locale.ROOT);
        String path = parts.group(3) == null ? "" : parts.group(3);
        boolean gs = storage.gsScheme() && "gs".equals(scheme);
        if (!gs && !"https".equals(scheme)) {
            return storage.label() + " files are read over https://" + (storage.gsScheme() ? " (or gs://)" : "")
                    + ", e.g. " + storage.urlPlaceholder() + ".";
        }
        if (host.contains("*") || host.contains("?") || host.contains("{")) {
            return "Wildcards go in the files' path, not in the " + (gs ? "bucket" : "host") + " name.";
        }
        if (!gs && !storage.host().matcher(host).matches()) {
            return "This is not " + article(storage.label()) + " address: the host should look like "
                    + storage.hostExample() + ".";
        }
        if (gs && !host.matches("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]")) {
            return "After gs:// comes the bucket's name: lowercase letters, digits, dots, - and _.";
        }
        if (url.contains("{") || url.contains("}")) {
            return NO_BRACES;
        }
        if (path.isEmpty() || "/".equals(path)) {
            return "Add the files' path after the bucket, e.g. …/data/*.json (** for every file).";
        }
        return null;
    }

    private static String azurePathProblem(String path) {
        if (STORAGE_URL.matcher(path).matches()) {
            return "Give the path inside the container (e.g. data/*.json), not a URL: the container and its"
                    + " storage account are given apart.";
        }
        if (path.contains("{") || path.contains("}")) {
            return NO_BRACES;
        }
        return null;
    }

    /** Why a queue does not suit this storage type (SQS for S3, a Pub/Sub subscription for GCS), or null. */
    private static String queueProblem(Storage storage, String queueUrl) {
        if (S3.equals(storage.type())) {
            Matcher sqs = SQS_QUEUE_URL.matcher(queueUrl);
            if (!sqs.matches()) {
                return "Give the SQS queue's URL: https://sqs.<region>.amazonaws.com/<account id>/<queue name>.";
            }
            if (sqs.group(1) != null) {
                return "S3 cannot send event notifications to a FIFO queue: use a standard queue.";
            }
            return null;
        }
        Matcher subscription = PUBSUB_SUBSCRIPTION.matcher(queueUrl);
        if (!subscription.matches() || subscription.group(2).startsWith("goog")) {
            return "Give the Pub/Sub subscription as projects/<project id>/subscriptions/<subscription name>.";
        }
        return null;
    }

    /** Why this is not an Azure Storage connection string, or null (or null when absent). Never quotes it. */
    static String connectionStringProblem(String connectionString) {
        if (connectionString == null) {
            return null;
        }
        String text = connectionString.strip();
        if (text.regionMatches(true, 0, "Endpoint=sb://", 0, 14)) {
            return "This is an Event Hubs or Service Bus connection string: give the storage account's, from its"
                    + " Access keys (DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…).";
        }
        if (text.regionMatches(true, 0, "https://", 0, 8)) {
            return "This is a URL: give the storage account's connection string, from its Access keys"
                    + " (DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…).";
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int equals = part.indexOf('=');
            if (equals <= 0) {
                return "A connection string is Name=value pairs separated by ;, like"
                        + " DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net.";
            }
            pairs.put(part.substring(0, equals).strip().toLowerCase(Locale.ROOT), part.substring(equals + 1));
        }
        boolean accountKey = pairs.containsKey("accountname") && pairs.containsKey("accountkey");
        boolean sharedAccessSignature = pairs.containsKey("sharedaccesssignature")
                && (pairs.containsKey("blobendpoint") || pairs.containsKey("accountname"));
        if (!accountKey && !sharedAccessSignature) {
            return "This connection string names no storage account and key: it needs AccountName=… and"
                    + " AccountKey=… (or BlobEndpoint=… and SharedAccessSignature=…).";
        }
        return null;
    }

    // ---- helpers

    private static Storage storage(String type) {
        return STORAGES.stream().filter(storage -> storage.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an object storage type: " + type));
    }

    /** The delimiter as typed, unstripped (a space or tab is one); {@code \t} typed out means a tab. */
    private static String delimiter(WizardValues values) {
        String raw = values.raw("delimiter");
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if ("\\t".equals(raw.strip())) {
            return "\t";
        }
        return raw.isBlank() ? raw : raw.strip();
    }

    private static String base64(String keyFile) {
        if (keyFile == null) {
            throw new IllegalArgumentException("SERVICE_ACCOUNT needs a service account key");
        }
        return Base64.getEncoder().encodeToString(keyFile.getBytes(StandardCharsets.UTF_8));
    }

    private static String methodLabel(String type, String method) {
        return switch (method) {
            case PUBLIC -> "Public bucket (no sign-in)";
            case IAM_ROLE -> "IAM role (ClickPipes assumes a role you trust it with)";
            case SERVICE_ACCOUNT -> "Service account key (JSON key file)";
            case CONNECTION_STRING -> "Connection string";
            case IAM_USER -> switch (type) {
                case S3 -> "IAM user (access key ID and secret access key)";
                case GCS -> "HMAC key (access ID and secret)";
                case "dospaces" -> "Spaces access key";
                case "cloudflarer2" -> "R2 API token (access key ID and secret access key)";
                default -> "S3 credentials (access key and secret key)";
            };
            default -> method;
        };
    }

    private static String accessKeyIdLabel(String type) {
        return GCS.equals(type) ? "HMAC access ID" : "Access key ID";
    }

    private static String secretKeyLabel(String type) {
        return GCS.equals(type) ? "HMAC secret" : "Secret access key";
    }

    private static String accessKeyIdPlaceholder(String type) {
        return switch (type) {
            case GCS -> "GOOG1EXAMPLEHMACACCESSID";
            case "dospaces" -> "DO00EXAMPLEACCESSKEY";
            case "cloudflarer2", "ovhobjectstorage" -> "0123456789abcdef0123456789abcdef";
            default -> "AKIAIOSFODNN7EXAMPLE";
        };
    }

    private static String accessKeyHelp(String type) {
        return switch (type) {
            case S3 -> "An IAM user's key allowed s3:ListBucket and s3:GetObject on the bucket.";
            case GCS -> "An HMAC key of a service account with storage.objects.list and storage.objects.get"
                    + " (Cloud Storage → Settings → Interoperability).";
            case "dospaces" -> "A Spaces access key (API → Spaces Keys) that can read the bucket.";
            case "cloudflarer2" -> "From an R2 API token with Object Read on the bucket.";
            default -> "The S3 credentials of an Object Storage user that can read the bucket.";
        };
    }

    private static String article(String label) {
        return ("AEIOU".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
    }

    private static String stripped(String secret) {
        return secret == null ? null : secret.strip();
    }

    private static void putIfPresent(Map<String, String> values, String name, String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, value);
        }
    }
}
