package dev.pipedeck.audit;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The audit pages: the filtered list (HTMX swaps only its results), one record, exports, and "Verify integrity"
 * (ADMIN). Read-only: nothing here changes or removes a record.
 */
@Controller
@RequestMapping("/audit")
class AuditController {

    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final AuditQueries queries;
    private final AuditVerifier verifier;
    private final Clock clock;

    AuditController(AuditQueries queries, AuditVerifier verifier, Clock clock) {
        this.queries = queries;
        this.verifier = verifier;
        this.clock = clock;
    }

    @GetMapping
    String list(@ModelAttribute("filters") AuditFilterForm filters, @RequestParam(required = false) Long before,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            @RequestHeader(value = "HX-History-Restore-Request", required = false) String historyRestore,
            Model model, HttpServletResponse response) {
        model.addAttribute("page", queries.search(filters.toFilter(), before));
        model.addAttribute("before", before);
        model.addAttribute("outcomes", AuditOutcome.values());
        response.addHeader(HttpHeaders.VARY, "HX-Request");
        boolean fragment = "true".equals(htmx) && !"true".equals(historyRestore);
        return fragment ? "audit/list :: results" : "audit/list";
    }

    @GetMapping("/{id:\\d+}")
    String detail(@PathVariable long id, Model model) {
        AuditRecord record = queries.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No audit record #" + id));
        model.addAttribute("record", record);
        model.addAttribute("requestSummary", AuditDiff.pretty(record.requestSummary()));
        model.addAttribute("diff", AuditDiff.of(record));
        return "audit/detail";
    }

    @GetMapping("/export.csv")
    ResponseEntity<StreamingResponseBody> exportCsv(@ModelAttribute("filters") AuditFilterForm filters) {
        return export(filters, AuditExportFormat.CSV);
    }

    @GetMapping("/export.jsonl")
    ResponseEntity<StreamingResponseBody> exportJsonLines(@ModelAttribute("filters") AuditFilterForm filters) {
        return export(filters, AuditExportFormat.JSON_LINES);
    }

    @PostMapping("/verify")
    String verify(@RequestHeader(value = "HX-Request", required = false) String htmx, Model model,
            RedirectAttributes redirect) {
        AuditVerification verification = verifier.verify();
        if ("true".equals(htmx)) {
            model.addAttribute("verification", verification);
            return "audit/list :: verify-result";
        }
        redirect.addFlashAttribute(verification.intact() ? "success" : "error", verification.summary());
        return "redirect:/audit";
    }

    private ResponseEntity<StreamingResponseBody> export(AuditFilterForm filters, AuditExportFormat format) {
        AuditFilter filter = filters.toFilter();
        String filename = "pipedeck-audit-" + FILE_STAMP.format(clock.instant()) + "." + format.extension();
        StreamingResponseBody body = out -> queries.export(filter, format, out);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(format.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build()
                        .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
