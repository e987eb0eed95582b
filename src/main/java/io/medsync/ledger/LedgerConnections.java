package io.medsync.ledger;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.quarkus.agroal.runtime.AgroalConnectionConfigurer;
import io.quarkus.agroal.runtime.JdbcDriver;
import io.quarkus.arc.Unremovable;

/**
 * The ledger's connection pool drops a connection that failed with a connection error (SQLState class 08: the
 * database restarted, the network broke) instead of handing it out again. Quarkus sets this per database kind; the
 * ledger's datasource is of kind {@code other} ({@link LedgerDriver}), which gets none, so without this a
 * PostgreSQL restart left broken connections in the pool and the runs after it failed on them until the pool's
 * background validation (every two minutes) removed them.
 */
@JdbcDriver("other")
@ApplicationScoped
@Unremovable
public class LedgerConnections implements AgroalConnectionConfigurer {

    @Override
    public void setExceptionSorter(String databaseKind, AgroalDataSourceConfigurationSupplier dataSource) {
        // Class 08 is the SQL standard's connection exception, so this holds for H2 as well.
        dataSource.connectionPoolConfiguration().exceptionSorter(new PostgreSQLExceptionSorter());
    }
}
