package dev.pipedeck.pipes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.web.util.UriUtils;

/**
 * One page of a filtered, sorted pipes list.
 *
 * @param rows the pipes on this page
 * @param total pipes in the service
 * @param matching pipes that pass the filters
 * @param page this page's number, from 1
 * @param pageCount how many pages the matching pipes fill (at least 1)
 */
public record PipeListPage(List<PipeSummary> rows, int total, int matching, int page, int pageCount) {

    public PipeListPage {
        rows = List.copyOf(rows);
    }

    static PipeListPage empty() {
        return new PipeListPage(List.of(), 0, 0, 1, 1);
    }

    /** Position of the first row shown among the matching pipes, from 1 (0 when none). */
    public int first() {
        return rows.isEmpty() ? 0 : (page - 1) * PipeListQuery.PAGE_SIZE + 1;
    }

    /** Position of the last row shown. */
    public int last() {
        return rows.isEmpty() ? 0 : first() + rows.size() - 1;
    }

    /** Whether any row on this page is in a transient state (and so keeps itself current). */
    public boolean anyTransitional() {
        return rows.stream().anyMatch(PipeSummary::transitional);
    }

    /** The ids of the pipes on this page, comma-separated and encoded for a query string (the health request). */
    public String idsParameter() {
        return rows.stream().map(row -> UriUtils.encodeQueryParam(row.id() == null ? "" : row.id(),
                StandardCharsets.UTF_8)).collect(Collectors.joining(","));
    }

    /**
     * The page numbers to link: the first, the last, and two either side of this one; a 0 stands for a gap ("…").
     * Empty when everything fits on one page.
     */
    public List<Integer> pageLinks() {
        List<Integer> links = new ArrayList<>();
        if (pageCount <= 1) {
            return links;
        }
        int previous = 0;
        for (int number = 1; number <= pageCount; number++) {
            if (number == 1 || number == pageCount || Math.abs(number - page) <= 2) {
                if (previous != 0 && number - previous > 1) {
                    links.add(0);
                }
                links.add(number);
                previous = number;
            }
        }
        return links;
    }
}
