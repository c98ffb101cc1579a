package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An object storage source: S3, GCS, DigitalOcean Spaces, Azure Blob Storage, Cloudflare R2, OVH
 * (schemas {@code ClickPipeObjectStorageSource} and {@code ClickPipePostObjectStorageSource}). GCS takes
 * {@code serviceAccountKey} as a base64 string; Azure takes {@code connectionString}, {@code path} and
 * {@code azureContainerName} instead of {@code url}.
 *
 * @param type Type of the ObjectStorage source.
 * @param format Format of the files.
 * @param url Provide a path to the file(s) you want to ingest.
 * @param delimiter Delimiter used in the files.
 * @param compression Compression algorithm used for the files.
 * @param isContinuous If set to true, the pipe will continuously read new files from the source.
 * @param queueUrl Queue URL for event-based continuous ingestion.
 * @param skipInitialLoad If set to true, skips the initial load and only ingests files delivered by queue
 *     notifications.
 * @param startAfter Skip all files up to and including this object key during the initial load.
 * @param authentication Authentication method.
 * @param iamRole IAM role to be used with IAM role authentication.
 * @param connectionString Connection string for Azure Blob Storage authentication.
 * @param path Path to the file(s) within the Azure container.
 * @param azureContainerName Container name for Azure Blob Storage.
 * @param accessKey Access key for IAM_USER authentication; secret.
 * @param serviceAccountKey Base64-encoded GCP service account JSON key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeObjectStorageSource(
        String type,
        String format,
        String url,
        String delimiter,
        String compression,
        Boolean isContinuous,
        String queueUrl,
        Boolean skipInitialLoad,
        String startAfter,
        String authentication,
        String iamRole,
        String connectionString,
        String path,
        String azureContainerName,
        AccessKey accessKey,
        String serviceAccountKey) {

    /** Storage types, spelled as on the wire. */
    public static final List<String> TYPES =
            List.of("s3", "gcs", "dospaces", "azureblobstorage", "cloudflarer2", "ovhobjectstorage");
    /** File formats. */
    public static final List<String> FORMATS = List.of("JSONEachRow", "JSONAsObject", "CSV", "CSVWithNames",
            "TabSeparated", "TabSeparatedWithNames", "Parquet", "Avro");
    /** Compression algorithms. */
    public static final List<String> COMPRESSIONS =
            List.of("none", "gzip", "gz", "brotli", "br", "xz", "LZMA", "zstd", "auto");
    /** Authentication methods. */
    public static final List<String> AUTHENTICATIONS =
            List.of("IAM_ROLE", "IAM_USER", "CONNECTION_STRING", "SERVICE_ACCOUNT");

    /** Never prints secrets. */
    @Override
    public String toString() {
        return "ClickPipeObjectStorageSource["
                + "type=" + type
                + ", format=" + format
                + ", url=" + url
                + ", delimiter=" + delimiter
                + ", compression=" + compression
                + ", isContinuous=" + isContinuous
                + ", queueUrl=" + queueUrl
                + ", skipInitialLoad=" + skipInitialLoad
                + ", startAfter=" + startAfter
                + ", authentication=" + authentication
                + ", iamRole=" + iamRole
                + ", connectionString=" + (connectionString == null ? null : "••••")
                + ", path=" + path
                + ", azureContainerName=" + azureContainerName
                + ", accessKey=" + accessKey
                + ", serviceAccountKey=" + (serviceAccountKey == null ? null : "••••")
                + "]";
    }

    /** Starts an empty ClickPipeObjectStorageSource; unset parts are left out of the JSON. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the values of this record, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.type = type;
        builder.format = format;
        builder.url = url;
        builder.delimiter = delimiter;
        builder.compression = compression;
        builder.isContinuous = isContinuous;
        builder.queueUrl = queueUrl;
        builder.skipInitialLoad = skipInitialLoad;
        builder.startAfter = startAfter;
        builder.authentication = authentication;
        builder.iamRole = iamRole;
        builder.connectionString = connectionString;
        builder.path = path;
        builder.azureContainerName = azureContainerName;
        builder.accessKey = accessKey;
        builder.serviceAccountKey = serviceAccountKey;
        return builder;
    }

    /** Builds a ClickPipeObjectStorageSource part by part. */
    public static final class Builder {
        private String type;
        private String format;
        private String url;
        private String delimiter;
        private String compression;
        private Boolean isContinuous;
        private String queueUrl;
        private Boolean skipInitialLoad;
        private String startAfter;
        private String authentication;
        private String iamRole;
        private String connectionString;
        private String path;
        private String azureContainerName;
        private AccessKey accessKey;
        private String serviceAccountKey;

        private Builder() {
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder format(String format) {
            this.format = format;
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder delimiter(String delimiter) {
            this.delimiter = delimiter;
            return this;
        }

        public Builder compression(String compression) {
            this.compression = compression;
            return this;
        }

        public Builder isContinuous(Boolean isContinuous) {
            this.isContinuous = isContinuous;
            return this;
        }

        public Builder queueUrl(String queueUrl) {
            this.queueUrl = queueUrl;
            return this;
        }

        public Builder skipInitialLoad(Boolean skipInitialLoad) {
            this.skipInitialLoad = skipInitialLoad;
            return this;
        }

        public Builder startAfter(String startAfter) {
            this.startAfter = startAfter;
            return this;
        }

        public Builder authentication(String authentication) {
            this.authentication = authentication;
            return this;
        }

        public Builder iamRole(String iamRole) {
            this.iamRole = iamRole;
            return this;
        }

        public Builder connectionString(String connectionString) {
            this.connectionString = connectionString;
            return this;
        }

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder azureContainerName(String azureContainerName) {
            this.azureContainerName = azureContainerName;
            return this;
        }

        public Builder accessKey(AccessKey accessKey) {
            this.accessKey = accessKey;
            return this;
        }

        public Builder serviceAccountKey(String serviceAccountKey) {
            this.serviceAccountKey = serviceAccountKey;
            return this;
        }

        public ClickPipeObjectStorageSource build() {
            return new ClickPipeObjectStorageSource(
                    type, format, url, delimiter, compression, isContinuous, queueUrl, skipInitialLoad, startAfter,
                    authentication, iamRole, connectionString, path, azureContainerName, accessKey,
                    serviceAccountKey);
        }
    }
}
