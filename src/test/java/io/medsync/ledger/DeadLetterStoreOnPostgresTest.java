package io.medsync.ledger;

import io.medsync.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class DeadLetterStoreOnPostgresTest extends DeadLetterStoreContract {
}
