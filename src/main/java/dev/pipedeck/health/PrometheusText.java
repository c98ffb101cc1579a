package dev.pipedeck.health;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A parser of the Prometheus text exposition format (0.0.4): {@code # HELP} and {@code # TYPE} lines, other comments,
 * and sample lines {@code name{label="value",...} value [timestamp]} with label values escaped as {@code \\},
 * {@code \"} and {@code \n}, and values including {@code NaN}, {@code +Inf} and {@code -Inf}. It reads character by
 * character; a malformed line is reported in {@link Exposition#problems()} and skipped, the rest of the scrape kept.
 * Series it does not know are returned like any other: deciding what they mean is the caller's business.
 */
public final class PrometheusText {

    private final String line;
    private int position;

    private PrometheusText(String line) {
        this.line = line;
    }

    /** One sample: metric name, labels (in the order written), value and the optional timestamp in milliseconds. */
    public record Sample(String name, Map<String, String> labels, double value, @Nullable Long timestampMillis) {

        public Sample {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        public @Nullable String label(String labelName) {
            return labels.get(labelName);
        }
    }

    /** A line that could not be read: its number (from 1), its text and why. */
    public record Problem(int lineNumber, String line, String reason) {
    }

    /** What a scrape said: the samples, the declared types and help texts by metric name, and unreadable lines. */
    public record Exposition(List<Sample> samples, Map<String, String> types, Map<String, String> help,
            List<Problem> problems) {

        public List<Sample> named(String name) {
            return samples.stream().filter(sample -> sample.name().equals(name)).toList();
        }
    }

    public static Exposition parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            PrometheusText parser = new PrometheusText(raw);
            try {
                parser.readLine(samples, types, help);
            } catch (MalformedLine malformed) {
                problems.add(new Problem(i + 1, raw, malformed.getMessage()));
            }
        }
        return new Exposition(List.copyOf(samples), Collections.unmodifiableMap(types),
                Collections.unmodifiableMap(help), List.copyOf(problems));
    }

    private void readLine(List<Sample> samples, Map<String, String> types, Map<String, String> help) {
        skipBlanks();
        if (atEnd()) {
            return;
        }
        if (peek() == '#') {
            readComment(types, help);
            return;
        }
        String name = readMetricName();
        Map<String, String> labels = new LinkedHashMap<>();
        int afterName = position;
        skipBlanks();
        boolean separated = position > afterName;
        if (!atEnd() && peek() == '{') {
            position++;
            readLabels(labels);
            separated = requireBlank();
        }
        if (!separated || atEnd()) {
            throw new MalformedLine("expected a value after " + name);
        }
        double value = parseValue(readToken());
        Long timestamp = null;
        skipBlanks();
        if (!atEnd()) {
            String token = readToken();
            try {
                timestamp = Long.parseLong(token);
            } catch (NumberFormatException e) {
                throw new MalformedLine("not a timestamp: " + token);
            }
            skipBlanks();
            if (!atEnd()) {
                throw new MalformedLine("unexpected text after the timestamp");
            }
        }
        samples.add(new Sample(name, labels, value, timestamp));
    }

    private void readComment(Map<String, String> types, Map<String, String> help) {
        position++;
        skipBlanks();
        String keyword = readToken();
        if (!keyword.equals("HELP") && !keyword.equals("TYPE")) {
            return;
        }
        skipBlanks();
        if (atEnd()) {
            return;
        }
        String name = readMetricName();
        skipBlanks();
        String rest = line.substring(position);
        if (keyword.equals("TYPE")) {
            String type = rest.strip();
            if (!List.of("counter", "gauge", "histogram", "summary", "untyped").contains(type)) {
                throw new MalformedLine("unknown metric type: " + type);
            }
            types.put(name, type);
        } else {
            help.put(name, unescape(rest, false));
        }
    }

    private String readMetricName() {
        int start = position;
        while (!atEnd() && isNameChar(peek(), position == start, true)) {
            position++;
        }
        if (position == start) {
            throw new MalformedLine("expected a metric name at column " + (start + 1));
        }
        return line.substring(start, position);
    }

    private void readLabels(Map<String, String> labels) {
        while (true) {
            skipBlanks();
            if (atEnd()) {
                throw new MalformedLine("labels not closed with }");
            }
            if (peek() == '}') {
                position++;
                return;
            }
            int start = position;
            while (!atEnd() && isNameChar(peek(), position == start, false)) {
                position++;
            }
            if (position == start) {
                throw new MalformedLine("expected a label name at column " + (start + 1));
            }
            String labelName = line.substring(start, position);
            skipBlanks();
            expect('=');
            skipBlanks();
            expect('"');
            String value = readQuoted();
            if (labels.put(labelName, value) != null) {
                throw new MalformedLine("label " + labelName + " given twice");
            }
            skipBlanks();
            if (atEnd()) {
                throw new MalformedLine("labels not closed with }");
            }
            if (peek() == ',') {
                position++;
            } else if (peek() != '}') {
                throw new MalformedLine("expected , or } after label " + labelName);
            }
        }
    }

    /** The rest of a quoted label value, after its opening quote, unescaped; consumes the closing quote. */
    private String readQuoted() {
        StringBuilder value = new StringBuilder();
        while (!atEnd()) {
            char c = line.charAt(position++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (atEnd()) {
                    break;
                }
                char escaped = line.charAt(position++);
                switch (escaped) {
                    case '\\' -> value.append('\\');
                    case '"' -> value.append('"');
                    case 'n' -> value.append('\n');
                    default -> throw new MalformedLine("unknown escape \\" + escaped + " in a label value");
                }
            } else {
                value.append(c);
            }
        }
        throw new MalformedLine("label value not closed with \"");
    }

    /** HELP text: backslash and line feed escapes only; other backslashes are kept as written. */
    private static String unescape(String text, boolean quotes) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == '\\' || next == 'n' || (quotes && next == '"')) {
                    out.append(next == 'n' ? '\n' : next);
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    static double parseValue(String token) {
        switch (token) {
            case "NaN":
                return Double.NaN;
            case "+Inf", "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        boolean digit = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
                throw new MalformedLine("not a number: " + token);
            }
        }
        if (!digit) {
            throw new MalformedLine("not a number: " + token);
        }
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw new MalformedLine("not a number: " + token);
        }
    }

    private String readToken() {
        int start = position;
        while (!atEnd() && peek() != ' ' && peek() != '\t') {
            position++;
        }
        return line.substring(start, position);
    }

    private void expect(char wanted) {
        if (atEnd() || peek() != wanted) {
            throw new MalformedLine("expected " + wanted + " at column " + (position + 1));
        }
        position++;
    }

    private boolean requireBlank() {
        int start = position;
        skipBlanks();
        return position > start && !atEnd();
    }

    private void skipBlanks() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
            position++;
        }
    }

    private boolean atEnd() {
        return position >= line.length();
    }

    private char peek() {
        return line.charAt(position);
    }

    private static boolean isNameChar(char c, boolean first, boolean colonAllowed) {
        boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colonAllowed && c == ':');
        return letter || (!first && c >= '0' && c <= '9');
    }

    /** Why one line could not be read. */
    private static final class MalformedLine extends RuntimeException {

        MalformedLine(String message) {
            super(message, null, false, false);
        }
    }
}
