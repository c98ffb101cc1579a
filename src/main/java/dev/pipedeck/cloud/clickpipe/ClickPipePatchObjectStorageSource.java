package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Changes to an object storage source (schema {@code ClickPipePatchObjectStorageSource}).
 *
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
public record ClickPipePatchObjectStorageSource(
        Boolean skipInitialLoad,
        String startAfter,
        String authentication,
        String iamRole,
        String connectionString,
        String path,
        String azureContainerName,
        AccessKey accessKey,
        String serviceAccountKey) {

    /** Never prints secrets. */
    @Override
    public String toString() {
        return "ClickPipePatchObjectStorageSource["
                + "skipInitialLoad=" + skipInitialLoad
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

    /** Starts an empty ClickPipePatchObjectStorageSource; unset parts are left out of the JSON. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the values of this record, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
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

    /** Builds a ClickPipePatchObjectStorageSource part by part. */
    public static final class Builder {
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

        public ClickPipePatchObjectStorageSource build() {
            return new ClickPipePatchObjectStorageSource(
                    skipInitialLoad, startAfter, authentication, iamRole, connectionString, path, azureContainerName,
                    accessKey, serviceAccountKey);
        }
    }
}
