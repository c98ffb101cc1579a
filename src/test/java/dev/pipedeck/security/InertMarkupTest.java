package dev.pipedeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The XSS check catches what it looks for, and lets Pipedeck's own markup and escaped text through. */
class InertMarkupTest {

    @Test
    void unescapedHostileStringsAreCaught() {
        assertThat(InertMarkup.problems("t", "<p>" + InertMarkup.SCRIPT + "</p>")).hasSize(1);
        assertThat(InertMarkup.problems("t", "<input value=\"" + InertMarkup.ATTRIBUTE + "\">")).hasSize(1);
        assertThat(InertMarkup.problems("t", "<a href=\" " + InertMarkup.URL + "\">x</a>")).hasSize(1);
        assertThat(InertMarkup.problems("t", "<span title='" + InertMarkup.SVG + "'></span>")).hasSize(1);
        assertThat(InertMarkup.problems("t", "<div hx-get=\"JavaScript:alert(1)\"></div>")).hasSize(1);
        assertThat(InertMarkup.problems("t", "<iframe src=\"/x\"></iframe>")).hasSize(1);
    }

    @Test
    void escapedTextAndThePagesOwnScriptsPass() {
        String page = "<html><head><script src=\"/webjars/htmx.org/2.0.4/dist/htmx.min.js\"></script>"
                + "<script src=\"/assets/js/pipedeck.js\"></script></head><body><h1>&lt;script&gt;alert(1)&lt;/script&gt;"
                + "</h1><input value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"><a href=\"/pipes/1\">"
                + "javascript:alert(document.cookie)</a></body></html>";
        assertThat(InertMarkup.problems("t", page)).isEmpty();
        assertThat(InertMarkup.showsHostileText(page)).isTrue();
        assertThat(InertMarkup.showsHostileText("<p>orders</p>")).isFalse();
    }
}
