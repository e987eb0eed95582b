package io.medsync.ledger;

import io.quarkus.test.junit.QuarkusTest;

/** The ledger contract on the in-memory H2 database of the test profile. */
@QuarkusTest
class LedgerOnH2Test extends LedgerContract {

    @Override
    String expectedDatabase() {
        return "H2";
    }
}
