package dev.pipedeck.cloud;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Chooses where request budgets are counted (see {@link BudgetLedgerProperties}). */
@Configuration(proxyBeanMethods = false)
class BudgetLedgerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BudgetLedgerConfiguration.class);

    @Bean
    BudgetLedger budgetLedger(BudgetLedgerProperties properties, CloudClientProperties client, DataSource dataSource) {
        boolean database = switch (properties.store()) {
            case DATABASE -> true;
            case MEMORY -> false;
            case AUTO -> isPostgres(dataSource);
        };
        if (!database) {
            log.info("Request budgets are counted in this instance's memory");
            return BudgetLedger.LOCAL;
        }
        log.info("Request budgets are counted in the database, shared by every instance that uses it");
        // The longest one call can hold its slot before its answer: every try's answer time, as a slot is per try.
        return new DatabaseBudgetLedger(new JdbcTemplate(dataSource), client.responseTimeout().plus(
                client.connectTimeout()), properties.clockSkewAllowance());
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL().startsWith("jdbc:postgresql:");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database Pipedeck uses: " + e.getMessage(), e);
        }
    }
}
