package dev.pipedeck.cloud;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where request budgets are counted.
 *
 * @param store {@code auto} (the database when it is PostgreSQL, which several instances can share; this instance's
 *        memory on H2, which only one instance can open), {@code database} or {@code memory}
 * @param clockSkewAllowance added to every slot's window in the database, covering the difference between the
 *        instances' clocks (keep them in sync with NTP)
 */
@ConfigurationProperties("pipedeck.cloud.shared-budget")
public record BudgetLedgerProperties(@DefaultValue("auto") Store store,
        @DefaultValue("250ms") Duration clockSkewAllowance) {

    public enum Store { AUTO, DATABASE, MEMORY }
}
