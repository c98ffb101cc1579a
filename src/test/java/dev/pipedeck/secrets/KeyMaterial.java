package dev.pipedeck.secrets;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pulls the first key's secret value out of a Tink JSON keyset, to assert it never leaks. */
final class KeyMaterial {

    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"");

    private KeyMaterial() {
    }

    static String of(String keysetJson) {
        Matcher matcher = VALUE.matcher(keysetJson);
        if (!matcher.find()) {
            throw new AssertionError("no key value in the keyset JSON");
        }
        return matcher.group(1);
    }
}
