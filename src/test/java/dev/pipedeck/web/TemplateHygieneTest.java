package dev.pipedeck.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The Content-Security-Policy forbids inline code, so no template may contain any: no script element without src,
 * no on* event handler attribute, no style attribute or element, no javascript: URL, no htmx hx-on.
 */
class TemplateHygieneTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\s(th:)?style\\s*=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("<style\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\shx-on", Pattern.CASE_INSENSITIVE),
            Pattern.compile("th:on[a-z]+\\s*=", Pattern.CASE_INSENSITIVE));

    @Test
    void noTemplateHasInlineScriptsHandlersOrStyles() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> templates;
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            templates = files.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertThat(templates).isNotEmpty();
        for (Path template : templates) {
            String html = Files.readString(template);
            Matcher script = SCRIPT.matcher(html);
            while (script.find()) {
                if (!script.group(1).contains("src=")) {
                    problems.add(template + ": inline <script>");
                }
            }
            for (Pattern pattern : FORBIDDEN) {
                Matcher m = pattern.matcher(html);
                if (m.find()) {
                    problems.add(template + ": " + m.group().strip());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theScanCatchesWhatItLooksFor() {
        String bad = "<button onclick=\"x()\" style=\"color:red\">";
        assertThat(FORBIDDEN.stream().filter(p -> p.matcher(bad).find()).count()).isEqualTo(2);
        assertThat(SCRIPT.matcher("<script>alert(1)</script>").find()).isTrue();
    }
}
