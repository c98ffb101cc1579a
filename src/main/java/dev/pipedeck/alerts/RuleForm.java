package dev.pipedeck.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.pipedeck.health.PipeHealth;

/**
 * The rule form, as typed: bad input comes back as it was, with a message next to its field. Durations are whole
 * minutes; a blank "for" fires at once, a blank or zero repeat never sends again.
 */
public class RuleForm {

    static final int MOST_FOR_MINUTES = 1440;
    static final int MOST_REPEAT_MINUTES = 10080;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");
    private static final Set<PipeHealth> FIRING_STATES = EnumSet.of(PipeHealth.STALLED, PipeHealth.ERRORING,
            PipeHealth.FAILED, PipeHealth.UNKNOWN);

    private String name = "";
    private String scope = RuleScope.ALL.name();
    private String organizationId = "";
    private String serviceId = "";
    private String pipeId = "";
    private List<String> states = new ArrayList<>(List.of(PipeHealth.STALLED.name(), PipeHealth.FAILED.name()));
    private String forMinutes = "5";
    private String repeatMinutes = "";
    private List<String> channelIds = new ArrayList<>();
    private boolean enabled = true;

    static RuleForm of(AlertRule rule) {
        RuleForm form = new RuleForm();
        form.setName(rule.name());
        form.setScope(rule.scope().name());
        form.setOrganizationId(rule.organizationId() == null ? "" : rule.organizationId());
        form.setServiceId(rule.serviceId() == null ? "" : rule.serviceId());
        form.setPipeId(rule.pipeId() == null ? "" : rule.pipeId());
        form.setStates(new ArrayList<>(rule.sortedStates().stream().map(PipeHealth::name).toList()));
        form.setForMinutes(Long.toString(rule.holdForMinutes()));
        form.setRepeatMinutes(rule.repeatEvery().isZero() ? "" : Long.toString(rule.repeatEveryMinutes()));
        form.setChannelIds(new ArrayList<>(rule.channelIds().stream().map(String::valueOf).toList()));
        form.setEnabled(rule.enabled());
        return form;
    }

    /** A message per field that breaks a rule, given the connected organizations and the existing channels. */
    Map<String, String> problems(Set<String> connectedOrganizations, Set<Long> existingChannels) {
        Map<String, String> problems = new LinkedHashMap<>();
        String trimmedName = trimmed(name);
        if (trimmedName.isEmpty()) {
            problems.put("name", "Give the rule a name.");
        } else if (trimmedName.length() > 100) {
            problems.put("name", "Keep the name to 100 characters.");
        }
        RuleScope parsedScope = scope();
        if (parsedScope == null) {
            problems.put("scope", "Choose which pipes the rule watches.");
        } else if (parsedScope == RuleScope.ORGANIZATION) {
            if (trimmed(organizationId).isEmpty()) {
                problems.put("organizationId", "Choose the organization.");
            } else if (!connectedOrganizations.contains(trimmed(organizationId).toLowerCase(Locale.ROOT))) {
                problems.put("organizationId", "This organization is not connected.");
            }
        } else if (parsedScope == RuleScope.SERVICE) {
            idProblem("serviceId", serviceId, "the service", problems);
        } else if (parsedScope == RuleScope.PIPE) {
            idProblem("pipeId", pipeId, "the pipe", problems);
        }
        if (states == null || states.isEmpty()) {
            problems.put("states", "Tick at least one health state.");
        } else if (parsedStates() == null) {
            problems.put("states", "Only stalled, erroring, failed and unknown can fire.");
        }
        Integer holdFor = minutes(forMinutes, 0);
        if (holdFor == null || holdFor < 0 || holdFor > MOST_FOR_MINUTES) {
            problems.put("forMinutes", "Enter whole minutes from 0 to " + MOST_FOR_MINUTES + " (a day).");
        }
        Integer repeat = minutes(repeatMinutes, 0);
        if (repeat == null || repeat < 0 || repeat > MOST_REPEAT_MINUTES) {
            problems.put("repeatMinutes", "Enter whole minutes from 1 to " + MOST_REPEAT_MINUTES
                    + " (a week), or leave it blank to notify once.");
        }
        List<Long> channels = parsedChannelIds();
        if (channels == null || !existingChannels.containsAll(channels)) {
            problems.put("channelIds", "Choose channels from the list (one may have been deleted meanwhile).");
        }
        return problems;
    }

    /** The rule this form describes (call after {@link #problems} found none). */
    AlertRule toRule(long id, Instant now) {
        RuleScope parsedScope = scope();
        return new AlertRule(id, trimmed(name), parsedScope,
                parsedScope == RuleScope.ORGANIZATION ? trimmed(organizationId).toLowerCase(Locale.ROOT) : null,
                parsedScope == RuleScope.SERVICE ? trimmed(serviceId) : null,
                parsedScope == RuleScope.PIPE ? trimmed(pipeId) : null, parsedStates(),
                Duration.ofMinutes(minutes(forMinutes, 0)), Duration.ofMinutes(minutes(repeatMinutes, 0)), enabled,
                parsedChannelIds(), now, now);
    }

    /** What audit records show of the form as typed. */
    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", trimmed(name));
        summary.put("scope", trimmed(scope));
        summary.put("organizationId", trimmed(organizationId));
        summary.put("serviceId", trimmed(serviceId));
        summary.put("pipeId", trimmed(pipeId));
        summary.put("states", states == null ? List.of() : states);
        summary.put("forMinutes", trimmed(forMinutes));
        summary.put("repeatMinutes", trimmed(repeatMinutes));
        summary.put("channelIds", channelIds == null ? List.of() : channelIds);
        summary.put("enabled", enabled);
        return summary;
    }

    private static void idProblem(String field, String value, String what, Map<String, String> problems) {
        String id = trimmed(value);
        if (id.isEmpty()) {
            problems.put(field, "Enter the id of " + what + ".");
        } else if (!ID.matcher(id).matches()) {
            problems.put(field, "An id has letters, digits, dashes, dots and underscores only (at most 64).");
        }
    }

    RuleScope scope() {
        try {
            return RuleScope.valueOf(trimmed(scope).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Set<PipeHealth> parsedStates() {
        Set<PipeHealth> parsed = EnumSet.noneOf(PipeHealth.class);
        for (String state : states) {
            try {
                PipeHealth health = PipeHealth.valueOf(trimmed(state).toUpperCase(Locale.ROOT));
                if (!FIRING_STATES.contains(health)) {
                    return null;
                }
                parsed.add(health);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return parsed;
    }

    private List<Long> parsedChannelIds() {
        List<Long> ids = new ArrayList<>();
        if (channelIds == null) {
            return ids;
        }
        for (String id : channelIds) {
            if (trimmed(id).isEmpty()) {
                continue;
            }
            try {
                long parsed = Long.parseLong(trimmed(id));
                if (!ids.contains(parsed)) {
                    ids.add(parsed);
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return ids;
    }

    /** Whole minutes typed, {@code blank} when nothing was, null when it is not a whole number. */
    private static Integer minutes(String typed, int blank) {
        String value = trimmed(typed);
        if (value.isEmpty()) {
            return blank;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public void setOrganizationId(String organizationId) {
        this.organizationId = organizationId;
    }

    public String getServiceId() {
        return serviceId;
    }

    public void setServiceId(String serviceId) {
        this.serviceId = serviceId;
    }

    public String getPipeId() {
        return pipeId;
    }

    public void setPipeId(String pipeId) {
        this.pipeId = pipeId;
    }

    public List<String> getStates() {
        return states;
    }

    public void setStates(List<String> states) {
        this.states = states;
    }

    public String getForMinutes() {
        return forMinutes;
    }

    public void setForMinutes(String forMinutes) {
        this.forMinutes = forMinutes;
    }

    public String getRepeatMinutes() {
        return repeatMinutes;
    }

    public void setRepeatMinutes(String repeatMinutes) {
        this.repeatMinutes = repeatMinutes;
    }

    public List<String> getChannelIds() {
        return channelIds;
    }

    public void setChannelIds(List<String> channelIds) {
        this.channelIds = channelIds;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
