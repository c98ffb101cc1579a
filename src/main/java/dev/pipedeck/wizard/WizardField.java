package dev.pipedeck.wizard;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One field of a wizard step, as declared by a {@link SourceWizard}: its name in the draft (dotted, e.g.
 * {@code auth.username}), label, type, whether it is required, its options or range, help text, and when it shows:
 * {@code shownWhen} maps another field's name to the values that make this one apply (empty: always). A field that
 * does not apply is neither validated nor sent.
 */
public record WizardField(String name, String label, FieldType type, boolean required, List<FieldOption> options,
        Long min, Long max, String help, String placeholder, Map<String, Set<String>> shownWhen) {

    public static Builder named(String name, String label, FieldType type) {
        return new Builder(name, label, type);
    }

    public boolean secret() {
        return type == FieldType.SECRET || type == FieldType.SECRET_JSON;
    }

    /** Whether the field applies, given the values typed so far. */
    public boolean appliesTo(WizardValues values) {
        return shownWhen.entrySet().stream().allMatch(rule -> {
            String value = values.get(rule.getKey());
            return value != null && rule.getValue().contains(value);
        });
    }

    /** For templates: the {@code data-shown-when} attribute, e.g. {@code authentication=PLAIN|SCRAM-SHA-256}. */
    public String shownWhenAttribute() {
        if (shownWhen.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        shownWhen.forEach((field, values) -> {
            if (!text.isEmpty()) {
                text.append(';');
            }
            text.append(field).append('=').append(String.join("|", values.stream().sorted().toList()));
        });
        return text.toString();
    }

    public static final class Builder {
        private final String name;
        private final String label;
        private final FieldType type;
        private boolean required;
        private List<FieldOption> options = List.of();
        private Long min;
        private Long max;
        private String help;
        private String placeholder;
        private Map<String, Set<String>> shownWhen = Map.of();

        private Builder(String name, String label, FieldType type) {
            this.name = name;
            this.label = label;
            this.type = type;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder options(List<FieldOption> options) {
            this.options = List.copyOf(options);
            return this;
        }

        public Builder range(long min, long max) {
            this.min = min;
            this.max = max;
            return this;
        }

        public Builder help(String help) {
            this.help = help;
            return this;
        }

        public Builder placeholder(String placeholder) {
            this.placeholder = placeholder;
            return this;
        }

        /** Shows (and checks, and sends) the field only while {@code field} has one of {@code values}. */
        public Builder shownWhen(String field, String... values) {
            java.util.LinkedHashMap<String, Set<String>> rules = new java.util.LinkedHashMap<>(shownWhen);
            rules.put(field, Set.of(values));
            this.shownWhen = java.util.Collections.unmodifiableMap(rules);
            return this;
        }

        public WizardField build() {
            return new WizardField(name, label, type, required, options, min, max, help, placeholder, shownWhen);
        }
    }
}
