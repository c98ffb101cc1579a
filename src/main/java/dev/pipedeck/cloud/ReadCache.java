package dev.pipedeck.cloud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * Reads from ClickHouse Cloud, shared: identical concurrent reads (same key, same path) become one upstream call,
 * and a successful answer is reused for a short time. A write to a service forgets that service's reads. Many people
 * watching one service cost the upstream no more than one. Past its time, an answer may still be given for a while
 * ({@code staleTtl}) while one refresh runs behind it, so that when the key's budget is busy people get the last
 * answer at once instead of waiting in the budget's queue (stale-while-revalidate).
 */
final class ReadCache {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final long staleNanos;

    ReadCache(Duration ttl, Duration staleTtl) {
        this.ttlNanos = ttl.toNanos();
        this.staleNanos = staleTtl.toNanos();
    }

    /**
     * The shared answer for this read, calling upstream only when no identical read is under way or fresh. With
     * {@code fresh} the cache is skipped (the call still counts against the budget), and its answer is kept.
     */
    Mono<RawCloudResponse> read(CloudConnection connection, String pathUnderV1, String accept, boolean fresh,
            Supplier<Mono<RawCloudResponse>> call) {
        String key = key(connection, pathUnderV1) + "|" + accept;
        while (true) {
            Entry existing = entries.get(key);
            if (!fresh && existing != null && existing.usable()) {
                return existing.answer;
            }
            if (!fresh && existing != null && existing.servableStale()) {
                refreshBehind(key, existing, call);
                return Mono.just(existing.lastGood);
            }
            Entry created = new Entry();
            created.answer = call.get()
                    .doOnNext(response -> {
                        if (response.isSuccess()) {
                            created.lastGood = response;
                            created.answeredAt = System.nanoTime();
                        } else {
                            entries.remove(key, created);
                        }
                    })
                    .doOnError(failure -> entries.remove(key, created))
                    .cache();
            boolean stored = existing == null ? entries.putIfAbsent(key, created) == null
                    : entries.replace(key, existing, created);
            if (stored || fresh) {
                return created.answer;
            }
        }
    }

    /**
     * One refresh of a stale entry at a time: the new answer replaces the entry when it came (if nothing replaced or
     * forgot it meanwhile); a failed refresh leaves the stale answer until it is too old.
     */
    private void refreshBehind(String key, Entry stale, Supplier<Mono<RawCloudResponse>> call) {
        if (!stale.refreshing.compareAndSet(false, true)) {
            return;
        }
        call.get().subscribe(response -> {
            if (response.isSuccess()) {
                Entry refreshed = new Entry();
                refreshed.lastGood = response;
                refreshed.answeredAt = System.nanoTime();
                refreshed.answer = Mono.just(response);
                entries.replace(key, stale, refreshed);
            }
            stale.refreshing.set(false);
        }, failure -> stale.refreshing.set(false));
    }

    /** A write under {@code pathUnderV1} happened: forget the reads of the same service (or organization). */
    void forget(CloudConnection connection, String pathUnderV1) {
        String prefix = key(connection, scope(pathUnderV1));
        entries.keySet().removeIf(key -> key.startsWith(prefix + "/") || key.startsWith(prefix + "|"));
    }

    /** Reads are shared only between callers holding the very same credentials (the secret's hash included). */
    private static String key(CloudConnection connection, String path) {
        return connection.baseUrl() + "|" + connection.keyId() + "|" + fingerprint(connection.keySecret()) + "|" + path;
    }

    private static String fingerprint(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code /organizations/o/services/s/...} → {@code /organizations/o/services/s}; otherwise the organization. */
    static String scope(String pathUnderV1) {
        String[] parts = pathUnderV1.split("/");
        // ["", "organizations", o, "services", s, ...]
        if (parts.length >= 5 && "services".equals(parts[3])) {
            return "/" + parts[1] + "/" + parts[2] + "/" + parts[3] + "/" + parts[4];
        }
        if (parts.length >= 3) {
            return "/" + parts[1] + "/" + parts[2];
        }
        return pathUnderV1;
    }

    private final class Entry {
        volatile Mono<RawCloudResponse> answer;
        volatile RawCloudResponse lastGood;
        volatile long answeredAt = -1;
        final long createdAt = System.nanoTime();
        final AtomicBoolean refreshing = new AtomicBoolean();

        /** Answered successfully, past its time but young enough to be given while a refresh runs. */
        boolean servableStale() {
            long at = answeredAt;
            return at >= 0 && lastGood != null && System.nanoTime() - at < ttlNanos + staleNanos;
        }

        boolean usable() {
            long at = answeredAt;
            return at < 0 ? System.nanoTime() - createdAt < Math.max(ttlNanos, 60_000_000_000L)
                    : System.nanoTime() - at < ttlNanos;
        }
    }
}
