package dev.pipedeck.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/** What a browser sends when a form on a rendered page is submitted as it stands (its fields' current values). */
final class FormSubmission {

    private FormSubmission() {
    }

    /** The fields of the first form matching {@code selector} in {@code html}, as a browser would post them. */
    static Map<String, String> of(String html, String selector) {
        Element form = Jsoup.parse(html).selectFirst(selector);
        if (form == null) {
            throw new AssertionError("no form " + selector + " on the page");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element field : form.select("input[name], select[name], textarea[name]")) {
            String name = field.attr("name");
            switch (field.normalName()) {
                case "select" -> {
                    Element chosen = field.selectFirst("option[selected]");
                    chosen = chosen != null ? chosen : field.selectFirst("option");
                    if (chosen != null) {
                        fields.put(name, chosen.hasAttr("value") ? chosen.attr("value") : chosen.text());
                    }
                }
                case "textarea" -> fields.put(name, field.wholeText());
                default -> {
                    String type = field.attr("type").toLowerCase();
                    if (type.equals("submit") || type.equals("button") || type.equals("file")) {
                        continue;
                    }
                    if ((type.equals("checkbox") || type.equals("radio")) && !field.hasAttr("checked")) {
                        continue;
                    }
                    fields.put(name, field.hasAttr("value") ? field.attr("value")
                            : type.equals("checkbox") ? "on" : "");
                }
            }
        }
        return fields;
    }
}
