package dev.pipedeck.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples of a Prometheus text exposition, parsed strictly enough that a malformed line fails the test. */
record PrometheusSamples(List<Sample> samples, Map<String, String> types) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)\\} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (counter|gauge|untyped|histogram|summary)$");

    static PrometheusSamples parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("# HELP ")) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                types.put(type.group(1), type.group(2));
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher label = LABEL.matcher(sample.group(2));
            int end = 0;
            while (label.find() && label.start() == end) {
                labels.put(label.group(1), label.group(2).replace("\\n", "\n").replace("\\\"", "\"")
                        .replace("\\\\", "\\"));
                end = label.end();
            }
            if (end != sample.group(2).length()) {
                throw new AssertionError("malformed labels: " + line);
            }
            if (!types.containsKey(sample.group(1))) {
                throw new AssertionError("a sample before its # TYPE line: " + line);
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new PrometheusSamples(samples, types);
    }

    List<Sample> named(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }

    /** The value of {@code name} for one pipe; fails when there is not exactly one. */
    double value(String name, String pipeId) {
        List<Sample> matching = named(name).stream().filter(s -> pipeId.equals(s.labels().get("clickpipe_id")))
                .toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " samples of " + name + " for pipe " + pipeId);
        }
        return matching.get(0).value();
    }

    record Sample(String name, Map<String, String> labels, double value) {
    }
}
