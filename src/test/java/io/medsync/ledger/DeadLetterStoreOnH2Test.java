package io.medsync.ledger;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DeadLetterStoreOnH2Test extends DeadLetterStoreContract {
}
