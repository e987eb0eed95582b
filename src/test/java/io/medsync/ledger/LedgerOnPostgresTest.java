package io.medsync.ledger;

import io.medsync.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The ledger contract on embedded PostgreSQL, the production database. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class LedgerOnPostgresTest extends LedgerContract {

    @Override
    String expectedDatabase() {
        return "PostgreSQL";
    }
}
