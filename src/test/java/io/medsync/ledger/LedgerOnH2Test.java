package io.medsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The ledger contract on the in-memory H2 database of the test profile. */
@QuarkusTest
class LedgerOnH2Test extends LedgerContract {

    @Override
    String expectedDatabase() {
        return "H2";
    }

    /**
     * A page's ledger rows are found id by id in the key index. With "source_id in (…)" H2 used the index for the
     * three leading columns only and tested the list on every row of the tenant's resource: each page scanned the
     * whole tenant, a cost quadratic in its size.
     */
    @Test
    void aPagesRowsAreLookedUpIdByIdInTheKeyIndex() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("explain " + Ledger.PAGE_ROWS)) {
            ps.setArray(1, c.createArrayOf("varchar", new String[] {"1", "2"}));
            for (int i = 2; i <= 4; i++) {
                ps.setString(i, "x");
            }
            try (ResultSet plan = ps.executeQuery()) {
                plan.next();
                assertThat(plan.getString(1).replaceAll("\\s+", " ").toUpperCase())
                        .contains("UQ_LEDGER_RECORD_INDEX").contains("SOURCE_ID = IDS.SOURCE_ID */");
            }
        }
    }
}
