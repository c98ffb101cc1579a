package dev.pipedeck.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.web.util.UriComponentsBuilder;

/** The audit page's filter form, as typed: times are UTC in the {@code datetime-local} format. */
public class AuditFilterForm {

    private String from = "";
    private String to = "";
    private String actor = "";
    private String action = "";
    private String organization = "";
    private String service = "";
    private String pipe = "";
    private String outcome = "";
    private String q = "";
    private final List<String> errors = new ArrayList<>();

    /** The filter the form describes; a time that does not parse is left out and reported in {@link #getErrors()}. */
    public AuditFilter toFilter() {
        errors.clear();
        return new AuditFilter(time(from, "From"), time(to, "To"), actor, action, organization, service, pipe,
                outcome, q);
    }

    /** The query string of these filters (and a cursor), for links that keep them: {@code ?actor=alice&...}. */
    public String query(Long before) {
        UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
        param(uri, "from", from);
        param(uri, "to", to);
        param(uri, "actor", actor);
        param(uri, "action", action);
        param(uri, "organization", organization);
        param(uri, "service", service);
        param(uri, "pipe", pipe);
        param(uri, "outcome", outcome);
        param(uri, "q", q);
        if (before != null) {
            uri.queryParam("before", before);
        }
        String query = uri.encode().build().getQuery();
        return query == null ? "" : "?" + query;
    }

    public String query() {
        return query(null);
    }

    public boolean isFiltered() {
        return !(from + to + actor + action + organization + service + pipe + outcome + q).isBlank();
    }

    private Instant time(String value, String label) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.add(label + ": use a date and time such as 2026-05-01T14:30 (UTC). This bound is ignored.");
            return null;
        }
    }

    private static void param(UriComponentsBuilder uri, String name, String value) {
        if (value != null && !value.isBlank()) {
            uri.queryParam(name, value.strip());
        }
    }

    public List<String> getErrors() {
        return errors;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = nonNull(from);
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = nonNull(to);
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = nonNull(actor);
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = nonNull(action);
    }

    public String getOrganization() {
        return organization;
    }

    public void setOrganization(String organization) {
        this.organization = nonNull(organization);
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = nonNull(service);
    }

    public String getPipe() {
        return pipe;
    }

    public void setPipe(String pipe) {
        this.pipe = nonNull(pipe);
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = nonNull(outcome);
    }

    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        this.q = nonNull(q);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
