package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Changes to a Kinesis source (schema {@code ClickPipePatchKinesisSource}).
 *
 * @param authentication Authentication method to use with the Kinesis stream.
 * @param iamRole IAM role to use for authentication.
 * @param accessKey Access key for IAM_USER authentication; secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipePatchKinesisSource(String authentication, String iamRole, AccessKey accessKey) {
}
