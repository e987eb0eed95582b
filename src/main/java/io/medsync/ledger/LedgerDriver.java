package io.medsync.ledger;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The ledger's JDBC driver: hands each URL to the driver of its scheme, the embedded H2 ({@code jdbc:h2:}) or
 * PostgreSQL ({@code jdbc:postgresql:}).
 * <p>
 * Why: Quarkus fixes a datasource's {@code db-kind}, and with it the driver class, when the application is built,
 * so one build could only ever open one kind of database. Declared as the driver of a datasource of kind
 * {@code other}, this lets the same artifact run the demo on an H2 file and production on PostgreSQL, chosen by
 * {@code quarkus.datasource.jdbc.url} alone; Flyway and the ledger read the database's kind from the connection.
 */
@RegisterForReflection
public final class LedgerDriver implements Driver {

    /** The URL schemes the ledger runs on, each with its driver (both ship in the artifact). */
    private static final List<Driver> DRIVERS = List.of(new org.h2.Driver(), new org.postgresql.Driver());

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        return url == null ? null : driverFor(url).connect(url, info);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return url != null && supports(url);
    }

    /** True for the URLs of a database the ledger runs on. */
    public static boolean supports(String url) {
        return DRIVERS.stream().anyMatch(driver -> accepts(driver, url));
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return driverFor(url).getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging parent logger");
    }

    private static Driver driverFor(String url) throws SQLException {
        return DRIVERS.stream().filter(driver -> accepts(driver, url)).findFirst()
                .orElseThrow(() -> new SQLException("the ledger runs on H2 (jdbc:h2:...) or PostgreSQL"
                        + " (jdbc:postgresql://...), not on " + scheme(url)));
    }

    private static boolean accepts(Driver driver, String url) {
        try {
            return driver.acceptsURL(url);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The scheme only: the rest of a URL may carry a password. */
    private static String scheme(String url) {
        int colon = url.indexOf(':', url.indexOf(':') + 1);
        return colon < 0 ? "this URL" : url.substring(0, colon + 1) + "...";
    }
}
