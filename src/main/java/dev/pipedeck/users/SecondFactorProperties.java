package dev.pipedeck.users;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Second factor ({@code pipedeck.security.*}).
 *
 * @param totpRequiredForAdmins when true, a local ADMIN without a second factor is sent to enrol one right after
 *        signing in and can do nothing else until enrolled, cannot turn it off, and cannot use its password on
 *        {@code /api/v1}
 */
@ConfigurationProperties("pipedeck.security")
public record SecondFactorProperties(@DefaultValue("false") boolean totpRequiredForAdmins) {
}
