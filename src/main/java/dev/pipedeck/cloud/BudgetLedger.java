package dev.pipedeck.cloud;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Mono;

/**
 * Where the slots of a key's request budget are counted beyond this instance. Each instance queues its own requests
 * in {@link RateBudgets} (writes, then reads, then background work); before a request is sent it also takes a slot
 * here, so that several instances sharing one key together never exceed its budget. The local ledger takes nothing:
 * one instance's own window is then the whole truth.
 */
public interface BudgetLedger {

    /** The ledger of a single instance: every slot is granted at once, the local window does the counting. */
    BudgetLedger LOCAL = new BudgetLedger() {
        @Override
        public Mono<Lease> take(String budgetKey, RequestBudget budget, RequestPriority priority, long deadlineNanos) {
            return Mono.just(Lease.NONE);
        }

        @Override
        public void release(Lease lease) {
        }
    };

    /**
     * A slot of {@code budgetKey}'s budget, once one is free; fails with {@link BudgetExhaustedException} if none
     * frees before {@code deadlineNanos} ({@link System#nanoTime()} based). Background work takes a slot only while
     * at least half of the budget stays free for people.
     */
    Mono<Lease> take(String budgetKey, RequestBudget budget, RequestPriority priority, long deadlineNanos);

    /** The call made in {@code lease} has ended: its slot frees one window from now. */
    void release(Lease lease);

    /** A taken slot; {@link #NONE} for the local ledger. */
    record Lease(@Nullable String budgetKey, int slot, long version, Duration window) {
        public static final Lease NONE = new Lease(null, -1, 0, Duration.ZERO);
    }
}
