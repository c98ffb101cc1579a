package dev.pipedeck.audit;

/**
 * Makes text safe to store exactly as hashed: no NUL characters (PostgreSQL text cannot hold them), no unpaired
 * surrogates (they would not survive UTF-8), and no longer than its column.
 */
final class AuditText {

    private AuditText() {
    }

    static String clean(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxLength));
        for (int i = 0; i < text.length() && out.length() < maxLength; i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out.length() + 2 > maxLength) {
                    break;
                }
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
