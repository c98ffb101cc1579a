package dev.pipedeck.cloud;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The request budgets of all instances sharing one database: a key's budget of N requests per window is N rows of
 * {@code request_budget_slot}. A request takes a row whose {@code free_at} has passed (a compare-and-set on its
 * version, so no two instances take the same row), holding it until the longest the call could run; when the answer
 * came the row frees one window (plus the clock-skew allowance) later. An instance that dies mid-call leaves its row
 * to free by itself. Times are the instances' wall clocks, kept in sync by NTP.
 */
final class DatabaseBudgetLedger implements BudgetLedger {

    private static final Logger log = LoggerFactory.getLogger(DatabaseBudgetLedger.class);

    /** Longest pause between two looks for a free slot while waiting. */
    private static final Duration LONGEST_POLL = Duration.ofMillis(200);

    private final JdbcTemplate jdbc;
    private final Duration longestCall;
    private final Duration skewAllowance;
    private final String holder = UUID.randomUUID().toString();
    private final Set<String> knownSlots = ConcurrentHashMap.newKeySet();

    DatabaseBudgetLedger(JdbcTemplate jdbc, Duration longestCall, Duration skewAllowance) {
        this.jdbc = jdbc;
        this.longestCall = longestCall;
        this.skewAllowance = skewAllowance;
    }

    @Override
    public Mono<Lease> take(String budgetKey, RequestBudget budget, RequestPriority priority, long deadlineNanos) {
        return Mono.fromCallable(() -> tryTake(budgetKey, budget, priority))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(DataAccessException.class, failure -> new CloudUnavailableException(
                        "The request budget that Pipedeck's instances share could not be read from the database; "
                                + "nothing was sent to ClickHouse Cloud", failure))
                .flatMap(attempt -> {
                    if (attempt.lease() != null) {
                        return Mono.just(attempt.lease());
                    }
                    long now = System.nanoTime();
                    if (now >= deadlineNanos) {
                        return Mono.error(new BudgetExhaustedException(
                                attempt.freesIn().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                                        : attempt.freesIn()));
                    }
                    long pause = Math.min(Math.min(attempt.freesIn().toNanos(), LONGEST_POLL.toNanos()),
                            deadlineNanos - now);
                    return Mono.delay(Duration.ofNanos(Math.max(pause, 5_000_000)))
                            .then(take(budgetKey, budget, priority, deadlineNanos));
                });
    }

    @Override
    public void release(Lease lease) {
        if (lease.budgetKey() == null) {
            return;
        }
        Mono.fromRunnable(() -> jdbc.update(
                        "update request_budget_slot set free_at = ?, holder = null where budget_key = ? and slot = ?"
                                + " and version = ?",
                        Timestamp.from(Instant.now().plus(lease.window()).plus(skewAllowance)), lease.budgetKey(),
                        lease.slot(), lease.version()))
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(null, failure -> log.warn("A request budget slot could not be released (it frees by "
                        + "itself within {}): {}", longestCall, failure.toString()));
    }

    private Attempt tryTake(String budgetKey, RequestBudget budget, RequestPriority priority) {
        ensureSlots(budgetKey, budget.requests());
        Instant now = Instant.now();
        List<Row> rows = jdbc.query("select slot, free_at, version from request_budget_slot where budget_key = ?"
                        + " and slot < ? order by free_at, slot",
                (rs, i) -> new Row(rs.getInt("slot"), rs.getTimestamp("free_at").toInstant(), rs.getLong("version")),
                budgetKey, budget.requests());
        List<Row> free = rows.stream().filter(row -> !row.freeAt().isAfter(now)).toList();
        int reserved = priority == RequestPriority.BACKGROUND ? budget.requests() - RateBudgets.backgroundLimit(budget)
                : 0;
        if (free.size() > reserved) {
            for (Row row : free) {
                int taken = jdbc.update("update request_budget_slot set free_at = ?, version = ?, holder = ?"
                                + " where budget_key = ? and slot = ? and version = ?",
                        Timestamp.from(now.plus(longestCall).plus(budget.window())), row.version() + 1, holder,
                        budgetKey, row.slot(), row.version());
                if (taken == 1) {
                    return new Attempt(new Lease(budgetKey, row.slot(), row.version() + 1, budget.window()),
                            Duration.ZERO);
                }
            }
            return new Attempt(null, Duration.ZERO);
        }
        Instant frees = rows.stream().filter(row -> row.freeAt().isAfter(now)).map(Row::freeAt).findFirst()
                .orElse(now);
        return new Attempt(null, Duration.between(now, frees));
    }

    /** Creates the rows of a budget's slots the first time this instance uses the key (others may race to it). */
    private void ensureSlots(String budgetKey, int requests) {
        if (knownSlots.contains(budgetKey + "#" + requests)) {
            return;
        }
        Timestamp past = Timestamp.from(Instant.EPOCH);
        for (int slot = 0; slot < requests; slot++) {
            try {
                jdbc.update("insert into request_budget_slot (budget_key, slot, free_at, version) select ?, ?, ?, 0"
                        + " where not exists (select 1 from request_budget_slot where budget_key = ? and slot = ?)",
                        budgetKey, slot, past, budgetKey, slot);
            } catch (DuplicateKeyException anotherInstanceWasFirst) {
                // The row exists, which is all this wanted.
            }
        }
        knownSlots.add(budgetKey + "#" + requests);
    }

    private record Row(int slot, Instant freeAt, long version) {
    }

    private record Attempt(Lease lease, Duration freesIn) {
    }
}
