package dev.pipedeck.pipes;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.pipedeck.cloud.clickpipe.ClickPipeState;

/**
 * What a pipes list shows, from its query parameters ({@code q}, {@code state}, {@code kind}, {@code sort},
 * {@code dir}, {@code page}), so every view is a bookmarkable URL. Values it does not know are ignored (and said so in
 * {@link #notices()}), never an error.
 *
 * @param text part of a name, id, source or destination ("" for any)
 * @param state only pipes in this state, or null
 * @param kind only pipes of this source kind, or null
 * @param sort the column to sort by
 * @param descending whether biggest, newest or last comes first
 * @param page the page asked for, from 1
 * @param notices what was ignored, for the page to say
 */
public record PipeListQuery(String text, ClickPipeState state, PipeSource.Kind kind, PipeListSort sort,
        boolean descending, int page, List<String> notices) {

    /** Rows per page: a service with a thousand pipes stays a light page. */
    public static final int PAGE_SIZE = 100;

    static final int LONGEST_TEXT = 200;

    public PipeListQuery {
        text = text == null ? "" : text.strip();
        sort = sort == null ? PipeListSort.NAME : sort;
        page = Math.max(1, page);
        notices = List.copyOf(notices);
    }

    /** Every pipe, by name. */
    public static PipeListQuery all() {
        return new PipeListQuery("", null, null, PipeListSort.NAME, false, 1, List.of());
    }

    /** The query the parameters describe; any of them may be null, blank or nonsense. */
    public static PipeListQuery parse(String q, String state, String kind, String sort, String dir, String page) {
        List<String> notices = new ArrayList<>();
        String text = q == null ? "" : q.strip();
        if (text.length() > LONGEST_TEXT) {
            text = text.substring(0, LONGEST_TEXT);
            notices.add("The search text was cut to its first " + LONGEST_TEXT + " characters.");
        }
        ClickPipeState wantedState = null;
        if (!blank(state)) {
            wantedState = stateNamed(state);
            if (wantedState == null) {
                notices.add("There is no pipe state “" + state.strip() + "”: showing every state.");
            }
        }
        PipeSource.Kind wantedKind = null;
        if (!blank(kind)) {
            wantedKind = PipeSource.Kind.fromWireName(kind);
            if (wantedKind == null) {
                notices.add("There is no source kind “" + kind.strip() + "”: showing every kind.");
            }
        }
        PipeListSort column = PipeListSort.NAME;
        if (!blank(sort)) {
            PipeListSort named = PipeListSort.fromParameter(sort);
            if (named == null) {
                notices.add("Pipes cannot be sorted by “" + sort.strip() + "”: sorted by name.");
            } else {
                column = named;
            }
        }
        boolean descending = "desc".equalsIgnoreCase(strip(dir)) || (!"asc".equalsIgnoreCase(strip(dir))
                && column.descendingFirst());
        return new PipeListQuery(text, wantedState, wantedKind, column, descending, pageNumber(page), notices);
    }

    /** Whether any filter is set (text, state or kind). */
    public boolean filtered() {
        return !text.isEmpty() || state != null || kind != null;
    }

    /** Filters, sorts and cuts out the asked page (the last one when the page is past the end). */
    PipeListPage apply(List<PipeSummary> pipes) {
        String lowerCaseText = text.toLowerCase(Locale.ROOT);
        List<PipeSummary> matching = pipes.stream()
                .filter(p -> state == null || p.state() == state)
                .filter(p -> kind == null || p.sourceKind() == kind)
                .filter(p -> lowerCaseText.isEmpty() || p.mentions(lowerCaseText))
                .sorted(sort.comparator(descending))
                .toList();
        int pageCount = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int shown = Math.min(page, pageCount);
        int from = (shown - 1) * PAGE_SIZE;
        return new PipeListPage(matching.subList(from, Math.min(matching.size(), from + PAGE_SIZE)), pipes.size(),
                matching.size(), shown, pageCount);
    }

    // ---- links that keep the view: each answers a query string, "" or "?q=…&sort=…" ----

    /** This view, on page {@code number}. */
    public String toPage(int number) {
        return queryString(text, state, kind, sort, descending, number);
    }

    /**
     * Sorted by {@code column} (a {@link PipeListSort#parameter()}), from page 1: the current column flips its
     * direction, another starts in its natural one.
     */
    public String sortedBy(String column) {
        PipeListSort next = PipeListSort.fromParameter(column);
        if (next == null) {
            return toPage(1);
        }
        boolean nextDescending = next == sort ? !descending : next.descendingFirst();
        return queryString(text, state, kind, next, nextDescending, 1);
    }

    /** {@code ascending}, {@code descending} or {@code none}: for the column header's {@code aria-sort}. */
    public String sortState(String column) {
        return sort.parameter().equals(column) ? (descending ? "descending" : "ascending") : "none";
    }

    /** The same order, without filters. */
    public String cleared() {
        return queryString("", null, null, sort, descending, 1);
    }

    /** The sort as it goes in the filter form's hidden fields ("" for the default). */
    public String sortParameter() {
        return sort == PipeListSort.NAME && !descending ? "" : sort.parameter();
    }

    /** The direction as it goes in the filter form's hidden fields ("" for the column's natural one). */
    public String directionParameter() {
        return descending == sort.descendingFirst() ? "" : (descending ? "desc" : "asc");
    }

    /** The state as the filter's select spells it ("" for any). */
    public String stateParameter() {
        return state == null ? "" : state.wireName();
    }

    /** The kind as the filter's select spells it ("" for any). */
    public String kindParameter() {
        return kind == null ? "" : kind.wireName();
    }

    private static String queryString(String text, ClickPipeState state, PipeSource.Kind kind, PipeListSort sort,
            boolean descending, int page) {
        StringBuilder query = new StringBuilder();
        add(query, "q", text);
        add(query, "state", state == null ? null : state.wireName());
        add(query, "kind", kind == null ? null : kind.wireName());
        if (sort != PipeListSort.NAME || descending) {
            add(query, "sort", sort.parameter());
        }
        if (descending != sort.descendingFirst()) {
            add(query, "dir", descending ? "desc" : "asc");
        }
        if (page > 1) {
            add(query, "page", Integer.toString(page));
        }
        return query.toString();
    }

    private static void add(StringBuilder query, String name, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        query.append(query.isEmpty() ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static ClickPipeState stateNamed(String name) {
        String wanted = name.strip().replace(" ", "");
        for (ClickPipeState candidate : ClickPipeState.values()) {
            if (candidate.wireName().equalsIgnoreCase(wanted)) {
                return candidate;
            }
        }
        return null;
    }

    private static int pageNumber(String page) {
        if (blank(page)) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
