package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * AWS access key of an IAM user (schema {@code MskIamUser}, used as {@code accessKey} by S3 and Kinesis). Secret.
 *
 * @param accessKeyId IAM access key ID.
 * @param secretKey IAM secret key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccessKey(String accessKeyId, String secretKey) {

    /** Never prints secrets. */
    @Override
    public String toString() {
        return "AccessKey["
                + "accessKeyId=" + accessKeyId
                + ", secretKey=" + (secretKey == null ? null : "••••")
                + "]";
    }
}
