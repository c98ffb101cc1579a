package dev.pipedeck.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.stereotype.Component;

/**
 * Every request the sandbox received, counted by HTTP method: in total since start (or the last {@link #reset()}),
 * per minute for the last hour, and per key and second, so benchmarks can show that a console stays within
 * ClickHouse Cloud's per-key budget (10 requests per 10 seconds). Thread-safe.
 */
@Component
public class SandboxStats {

    /** How far back per-minute and per-key counts reach. */
    public static final Duration KEPT = Duration.ofHours(1);
    private static final String NO_KEY = "(no key)";

    private final Clock clock;
    private final LongAdder total = new LongAdder();
    private final Map<String, LongAdder> totalByMethod = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Second> seconds = new ConcurrentSkipListMap<>();
    private volatile Instant since;

    SandboxStats(Clock clock) {
        this.clock = clock;
        this.since = clock.instant();
    }

    /** Counts one request; {@code keyId} is the key it claimed to come from, or null. */
    void record(String method, String keyId) {
        long second = clock.instant().getEpochSecond();
        total.increment();
        totalByMethod.computeIfAbsent(method, m -> new LongAdder()).increment();
        seconds.computeIfAbsent(second, s -> new Second()).add(method, keyId == null ? NO_KEY : keyId);
        seconds.headMap(second - KEPT.toSeconds()).clear();
    }

    /** Counts so far. */
    public Snapshot snapshot() {
        Instant now = clock.instant();
        long nowSecond = now.getEpochSecond();
        Map<String, Long> byMethod = new TreeMap<>();
        totalByMethod.forEach((method, count) -> byMethod.put(method, count.sum()));
        Map<String, Long> lastMinute = new TreeMap<>();
        TreeMap<Long, Map<String, Long>> minutes = new TreeMap<>();
        for (Map.Entry<Long, Second> entry : seconds.entrySet()) {
            Map<String, Long> counts = entry.getValue().byMethod();
            if (entry.getKey() > nowSecond - 60) {
                counts.forEach((method, count) -> lastMinute.merge(method, count, Long::sum));
            }
            Map<String, Long> minute = minutes.computeIfAbsent(entry.getKey() / 60 * 60, m -> new TreeMap<>());
            counts.forEach((method, count) -> minute.merge(method, count, Long::sum));
        }
        List<Minute> perMinute = new ArrayList<>();
        minutes.forEach((start, counts) -> perMinute.add(new Minute(Instant.ofEpochSecond(start),
                counts.values().stream().mapToLong(Long::longValue).sum(), Map.copyOf(counts))));
        return new Snapshot(since, total.sum(), Map.copyOf(byMethod),
                lastMinute.values().stream().mapToLong(Long::longValue).sum(), Map.copyOf(lastMinute),
                List.copyOf(perMinute));
    }

    /**
     * The most requests any one key sent within any {@code window} (whole seconds) of the last hour: compare with
     * the budget of 10 per 10 seconds.
     */
    public long peakRequestsPerKey(Duration window) {
        long width = Math.max(1, window.toSeconds());
        Map<String, NavigableMap<Long, Long>> perKey = new HashMap<>();
        seconds.forEach((second, counts) -> counts.byKey().forEach((key, count) -> perKey
                .computeIfAbsent(key, k -> new TreeMap<>()).merge(second, count, Long::sum)));
        long peak = 0;
        for (NavigableMap<Long, Long> series : perKey.values()) {
            for (Long start : series.keySet()) {
                long inWindow = series.subMap(start, true, start + width, false).values().stream()
                        .mapToLong(Long::longValue).sum();
                peak = Math.max(peak, inWindow);
            }
        }
        return peak;
    }

    /** Starts counting afresh. */
    public void reset() {
        total.reset();
        totalByMethod.clear();
        seconds.clear();
        since = clock.instant();
    }

    /**
     * Request counts at one moment.
     *
     * @param since when counting started
     * @param total every request since then
     * @param totalByMethod the same, by HTTP method
     * @param lastMinute requests in the last 60 seconds
     * @param lastMinuteByMethod the same, by HTTP method
     * @param perMinute each clock minute of the last hour that saw requests, oldest first
     */
    public record Snapshot(Instant since, long total, Map<String, Long> totalByMethod, long lastMinute,
            Map<String, Long> lastMinuteByMethod, List<Minute> perMinute) {
    }

    /** Requests within one clock minute. */
    public record Minute(Instant start, long total, Map<String, Long> byMethod) {
    }

    /** Counts of one second. */
    private static final class Second {

        private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> byKey = new ConcurrentHashMap<>();

        void add(String method, String key) {
            byMethod.computeIfAbsent(method, m -> new LongAdder()).increment();
            byKey.computeIfAbsent(key, k -> new LongAdder()).increment();
        }

        Map<String, Long> byMethod() {
            Map<String, Long> counts = new HashMap<>();
            byMethod.forEach((method, count) -> counts.put(method, count.sum()));
            return counts;
        }

        Map<String, Long> byKey() {
            Map<String, Long> counts = new HashMap<>();
            byKey.forEach((key, count) -> counts.put(key, count.sum()));
            return counts;
        }
    }
}
