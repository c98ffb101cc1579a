package dev.pipedeck.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What the hostile sandbox puts into upstream data, and a check with a real HTML parser that none of it became
 * markup: no script but the layout's own files, no event handler attribute, no script URL in a link, form or HTMX
 * attribute, no frame, object, embed or base element.
 */
final class InertMarkup {

    /** The sandbox's hostile strings (its own constants are package-private to the sandbox). */
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String ATTRIBUTE = "\"><img src=x onerror=alert(1)>";
    static final String URL = "javascript:alert(document.cookie)";
    static final String SVG = "'><svg onload=alert(1)>";

    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "data", "poster",
            "srcdoc", "xlink:href", "background", "cite", "ping", "hx-get", "hx-post", "hx-put", "hx-patch",
            "hx-delete", "data-validate-url");
    private static final Set<String> FORBIDDEN_ELEMENTS = Set.of("iframe", "frame", "object", "embed", "base",
            "applet");

    private InertMarkup() {
    }

    /** Everything wrong with {@code html} (a page or a fragment), each prefixed with {@code where}. */
    static List<String> problems(String where, String html) {
        Document document = Jsoup.parse(html);
        List<String> problems = new ArrayList<>();
        for (Element element : document.getAllElements()) {
            String tag = element.normalName();
            if (tag.equals("script")) {
                String src = element.attr("src");
                if (!(src.startsWith("/webjars/") || src.startsWith("/assets/js/")) || !element.data().isBlank()) {
                    problems.add(where + ": a script that is not one of Pipedeck's files: " + element.outerHtml());
                }
            }
            if (FORBIDDEN_ELEMENTS.contains(tag)) {
                problems.add(where + ": a <" + tag + "> element: " + element.outerHtml());
            }
            if (tag.equals("meta") && element.attr("http-equiv").equalsIgnoreCase("refresh")) {
                problems.add(where + ": a meta refresh: " + element.outerHtml());
            }
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                if (name.startsWith("on")) {
                    problems.add(where + ": an event handler " + name + " on <" + tag + ">");
                }
                if (name.equals("style")) {
                    problems.add(where + ": a style attribute on <" + tag + ">");
                }
                if (name.startsWith("hx-on")) {
                    problems.add(where + ": an HTMX inline handler " + name + " on <" + tag + ">");
                }
                String value = attribute.getValue().strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\x00-\\x1f]", "");
                if (URL_ATTRIBUTES.contains(name) && (value.startsWith("javascript:") || value.startsWith("vbscript:")
                        || value.startsWith("data:text/html"))) {
                    problems.add(where + ": a script URL in " + name + " of <" + tag + ">: " + attribute.getValue());
                }
            }
        }
        return problems;
    }

    /** Whether the page shows one of the hostile strings as text (so the check above had something to catch). */
    static boolean showsHostileText(String html) {
        Document document = Jsoup.parse(html);
        String text = document.text() + " " + document.select("input, textarea, option").eachAttr("value");
        return text.contains(SCRIPT) || text.contains(ATTRIBUTE) || text.contains(URL) || text.contains(SVG)
                || text.contains("onerror=alert(1)") || text.contains("<svg onload");
    }
}
