package dev.pipedeck.cloud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The per-key request budgets of this Pipedeck instance: a sliding window per API key (base URL + key id) that lets a
 * request go only while fewer than the budget's requests were sent in the last window. A request holds its slot
 * until its answer came plus the window, so however the network delays requests, ClickHouse Cloud never receives
 * more than the budget within any window. Requests beyond it wait in three queues, writes ahead of reads ahead of
 * background reads, each until its longest wait, and then fail with {@link BudgetExhaustedException}. Background
 * requests go only while nobody waits and at most half of the budget is in use, so they never take a person's slot.
 */
final class RateBudgets implements AutoCloseable {

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pipedeck-rate-budget");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration maxWait;
    private final BudgetLedger ledger;

    RateBudgets(Duration maxWait, BudgetLedger ledger) {
        this.maxWait = maxWait;
        this.ledger = ledger;
    }

    /**
     * Sends {@code call} once a slot of the key's budget is free, and holds the slot until the call has ended plus
     * the window.
     */
    <T> Mono<T> within(CloudConnection connection, RequestPriority priority, Mono<T> call) {
        RequestBudget budget = connection.budget();
        String key = connection.baseUrl() + "|" + connection.keyId();
        Window window = windows.compute(key, (k, existing) -> existing != null && existing.budget.equals(budget)
                ? existing : new Window(k, budget, existing));
        return Mono.defer(() -> {
            long deadline = System.nanoTime() + maxWait.toNanos();
            return Mono.<Slot>create(sink -> window.enqueue(sink, priority, deadline))
                    .flatMap(slot -> ledger.take(window.ledgerKey, budget, priority, deadline)
                            .doOnError(failure -> window.giveBack(slot))
                            .doOnCancel(() -> window.giveBack(slot))
                            .flatMap(lease -> call.doFinally(signal -> {
                                window.release(slot);
                                ledger.release(lease);
                            })));
        });
    }

    /** Background requests leave half of a budget (at least one slot, if it has more than one) to people. */
    static int backgroundLimit(RequestBudget budget) {
        int requests = budget.requests();
        return requests == 1 ? 1 : requests - Math.max(1, requests / 2);
    }

    /** The key's name in the shared ledger: a digest, so key ids are not spelled out in the database. */
    private static String ledgerKey(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private final class Window {

        private final RequestBudget budget;
        /** The key's name in the shared ledger, worked out once per key rather than per request. */
        private final String ledgerKey;
        private final long windowNanos;
        private final Deque<Slot> sent;
        private final Deque<Waiter> writes = new ArrayDeque<>();
        private final Deque<Waiter> reads = new ArrayDeque<>();
        private final Deque<Waiter> background = new ArrayDeque<>();
        private ScheduledFuture<?> wake;
        private long wakeAt = Long.MAX_VALUE;

        Window(String key, RequestBudget budget, Window previous) {
            this.ledgerKey = ledgerKey(key);
            this.budget = budget;
            this.windowNanos = budget.window().toNanos();
            // A changed budget keeps what was already sent with the key: the upstream counts it either way.
            this.sent = previous == null ? new ArrayDeque<>() : previous.takeOver(this);
        }

        synchronized Deque<Slot> takeOver(Window successor) {
            successor.writes.addAll(writes);
            successor.reads.addAll(reads);
            successor.background.addAll(background);
            writes.clear();
            reads.clear();
            background.clear();
            return new ArrayDeque<>(sent);
        }

        synchronized void enqueue(MonoSink<Slot> sink, RequestPriority priority, long deadline) {
            Waiter waiter = new Waiter(sink, deadline);
            queue(priority).addLast(waiter);
            sink.onCancel(() -> cancel(waiter));
            drain();
        }

        private Deque<Waiter> queue(RequestPriority priority) {
            return switch (priority) {
                case WRITE -> writes;
                case READ -> reads;
                case BACKGROUND -> background;
            };
        }

        private synchronized void cancel(Waiter waiter) {
            writes.remove(waiter);
            reads.remove(waiter);
            background.remove(waiter);
        }

        private synchronized void drain() {
            long now = System.nanoTime();
            sent.removeIf(slot -> slot.freeAt(windowNanos) <= now);
            while (sent.size() < budget.requests() && (!writes.isEmpty() || !reads.isEmpty())) {
                grant(!writes.isEmpty() ? writes.removeFirst() : reads.removeFirst());
            }
            while (!background.isEmpty() && sent.size() < backgroundLimit()) {
                grant(background.removeFirst());
            }
            expire(writes, now);
            expire(reads, now);
            expire(background, now);
            if (!writes.isEmpty() || !reads.isEmpty() || !background.isEmpty()) {
                long nextDeadline = Math.min(earliestDeadline(writes),
                        Math.min(earliestDeadline(reads), earliestDeadline(background)));
                schedule(Math.min(nextFreeSlot(), nextDeadline), now);
            }
        }

        private void grant(Waiter waiter) {
            Slot slot = new Slot();
            sent.addLast(slot);
            waiter.sink.success(slot);
        }

        private int backgroundLimit() {
            return RateBudgets.backgroundLimit(budget);
        }

        /** A slot taken here was never used (the shared ledger had none): it frees at once. */
        synchronized void giveBack(Slot slot) {
            if (slot.endedAt < 0 && sent.remove(slot)) {
                drain();
            }
        }

        /** The call in {@code slot} ended: the slot frees one window from now. */
        synchronized void release(Slot slot) {
            slot.endedAt = System.nanoTime();
            drain();
        }

        /** When the earliest slot frees; never while all are still in flight (their release drains again). */
        private long nextFreeSlot() {
            long earliest = Long.MAX_VALUE;
            for (Slot slot : sent) {
                earliest = Math.min(earliest, slot.freeAt(windowNanos));
            }
            return earliest;
        }

        /** The timer fired: no wake is pending any more, so drain may schedule the next one. */
        private synchronized void wakeUp() {
            wake = null;
            wakeAt = Long.MAX_VALUE;
            drain();
        }

        private void expire(Deque<Waiter> queue, long now) {
            queue.removeIf(waiter -> {
                if (waiter.deadline > now) {
                    return false;
                }
                long freesIn = sent.isEmpty() || nextFreeSlot() == Long.MAX_VALUE ? windowNanos : nextFreeSlot() - now;
                waiter.sink.error(new BudgetExhaustedException(Duration.ofNanos(Math.max(freesIn, 1_000_000_000L))));
                return true;
            });
        }

        private long earliestDeadline(Deque<Waiter> queue) {
            long earliest = Long.MAX_VALUE;
            for (Waiter waiter : queue) {
                earliest = Math.min(earliest, waiter.deadline);
            }
            return earliest;
        }

        private void schedule(long at, long now) {
            if (wake != null && !wake.isDone() && wakeAt <= at) {
                return;
            }
            if (wake != null) {
                wake.cancel(false);
            }
            wakeAt = at;
            wake = timer.schedule(this::wakeUp, Math.max(0, at - now), TimeUnit.NANOSECONDS);
        }
    }

    private record Waiter(MonoSink<Slot> sink, long deadline) {
    }

    /** One request's place in its key's window: taken when sent, freed one window after the call ended. */
    static final class Slot {
        private long endedAt = -1;

        long freeAt(long windowNanos) {
            return endedAt < 0 ? Long.MAX_VALUE : endedAt + windowNanos;
        }
    }
}
