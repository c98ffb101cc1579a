package dev.pipedeck.wizard;

import java.util.regex.Pattern;

/** An IAM role's ARN, in any AWS partition: {@code arn:aws:iam::123456789012:role/name}. */
final class IamRoleArn {

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/\\S+");

    private IamRoleArn() {
    }

    static boolean matches(String text) {
        return text != null && ROLE_ARN.matcher(text).matches();
    }
}
