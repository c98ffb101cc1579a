package dev.pipedeck.cloud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * Reads from ClickHouse Cloud, shared: identical concurrent reads (same key, same path) become one upstream call,
 * and a successful answer is reused for a short time. A write to a service forgets that service's reads. Many people
 * watching one service cost the upstream no more than one.
 */
final class ReadCache {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    ReadCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
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
            Entry created = new Entry();
            created.answer = call.get()
                    .doOnNext(response -> {
                        if (response.isSuccess()) {
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
        volatile long answeredAt = -1;
        final long createdAt = System.nanoTime();

        boolean usable() {
            long at = answeredAt;
            return at < 0 ? System.nanoTime() - createdAt < Math.max(ttlNanos, 60_000_000_000L)
                    : System.nanoTime() - at < ttlNanos;
        }
    }
}
